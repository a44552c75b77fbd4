"""Recommendations for seekers and shortlists for postings: retrieve, filter, score, keep.

Recommendations (DESIGN.md, Matching 2-4): the search backend retrieves up to `RETRIEVE`
open postings for a profile with every hard filter the index can apply (its schedule and days,
its certificates, the wage floor, its cohort, within its commute), ranked by its terms, and up
to `RETRIEVE` more of the career fields the profile wants (a second query: the terms alone miss
most of a short profile's best postings: `retrieve`); each is
scored as `scoring.match` scores it (hard filters, then the policy's weighted components;
`scoring.best_matches` skips the costly components of pairs that cannot be kept); the best
`KEEP` are stored (by `backend.matching.services`) with their components, reasons and the
policy version, replacing the seeker's previous set in one transaction. Scoring reads only the
search documents, never the database per posting, so a recommendation costs two search
queries at most and one write.

Shortlists go the other way: `candidates_for_posting` retrieves seekers who are
`open_to_employers` and have the `matching` consent from the profile index and scores them
against the posting.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import ConsentPurpose
from backend.accounts.selectors import users_with_consent
from backend.jobs.models import Posting, PostingStatus
from backend.jobs.search_source import posting_document
from backend.matching.disclosure import for_employers
from backend.matching.facts import posting_side, seeker_side, today
from backend.matching.models import OrdinancePolicy, Recommendation
from backend.matching.scoring import (
    WAGE_TOLERANCE,
    Match,
    PostingSide,
    SeekerSide,
    best_matches,
    match,
)
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.backends.base import PostingHit, SearchBackend, SearchUnavailableError
from search.documents import GeoPoint, point_or
from search.query import PostingQuery, ProfileQuery

logger = logging.getLogger("backend.matching")

RETRIEVE = 200  # postings (or seekers) retrieved per recommendation (or shortlist)
KEEP = 30  # recommendations stored per seeker
ASSIGN_CANDIDATES = 50  # candidate postings per seeker in an assign run's graph (`runs`)
MAX_QUERY_TERMS = 40  # a profile's terms in the retrieval query (the rest rarely change it)
MAX_RADIUS_KM = 100.0  # search's largest radius; a longer commute limit searches this far


def wage_floor(seeker: SeekerSide) -> int | None:
    """The lowest wage retrieval asks for: where the wage component reaches 0 (the seeker's
    minimum less `WAGE_TOLERANCE`); None without a minimum. The wage is scored, not refused:
    above the floor a lower wage only scores less."""
    if not seeker.min_hourly_wage:
        return None
    return math.ceil(round(seeker.min_hourly_wage * (1 - WAGE_TOLERANCE), 6))


def retrieval_query(
    profile: SeekerProfile,
    seeker: SeekerSide,
    *,
    career_fields: Sequence[str] = (),
    areas: Sequence[str] = (),
    on: datetime.date | None = None,
) -> PostingQuery:
    """The search for a seeker's candidate postings, ranked by the profile's terms, with every
    hard filter the index can apply (DESIGN.md, Matching 1): its employment types, shifts
    (a posting naming none fits), at most its days per week, only certificates it holds (or
    none required), a wage at or above `wage_floor`, its cohort, within its commute, open on
    `on` (and within a match run's scope). Scoring applies the hard filters again on every
    hit (the index only narrows; scoring decides); the terms only rank, so every feasible
    posting can be retrieved."""
    radius = seeker.max_commute_km
    return PostingQuery(
        career_fields=tuple(career_fields),
        areas=tuple(areas),
        terms=tuple(dict.fromkeys(profile.search_terms))[:MAX_QUERY_TERMS],
        employment_types=tuple(sorted(seeker.employment_types)),
        shifts=tuple(sorted(seeker.shifts)),
        cohort=seeker.cohort,
        minors_only=seeker.minor,
        near=GeoPoint(seeker.location.lat, seeker.location.lon),
        radius_km=min(radius, MAX_RADIUS_KM) if radius and radius > 0 else None,
        min_wage=wage_floor(seeker),
        max_days_per_week=seeker.max_days_per_week,
        certificates_held=tuple(sorted(seeker.certificates)),
        open_on=on or today(),
        page_size=RETRIEVE,
        facets=(),
        retrieval=True,
    )


def recommend(
    profile: SeekerProfile,
    policy: OrdinancePolicy,
    *,
    backend: SearchBackend | None = None,
    exclude: Iterable[int] = (),
    keep: int = KEEP,
    career_fields: Sequence[str] = (),
    areas: Sequence[str] = (),
    only: frozenset[int] | None = None,
    on: datetime.date | None = None,
) -> list[Match]:
    """The best `keep` matches for `profile` under `policy`, best first (nothing is stored).

    `exclude` holds posting ids not to recommend (those the seeker already applied to);
    `career_fields`, `areas` and `only` (posting ids) narrow the postings to a match run's
    scope. `on` is the day the matching is for (default today in Seoul; a match run passes
    its `as_of`): deadlines, ages and ordinance eligibility are judged on it, so a rerun gives
    the same result on another day. Raises `SearchUnavailableError` when the search backend
    cannot answer.
    """
    return _recommend(
        profile,
        policy,
        backend=backend or get_backend(),
        exclude=exclude,
        keep=keep,
        career_fields=career_fields,
        areas=areas,
        only=only,
        on=on or today(),
        postings={},
    )


def retrieval_queries(
    profile: SeekerProfile,
    seeker: SeekerSide,
    *,
    career_fields: Sequence[str] = (),
    areas: Sequence[str] = (),
    on: datetime.date | None = None,
) -> tuple[PostingQuery, ...]:
    """The retrieval stage's searches (DESIGN.md, Matching 2): `retrieval_query`, and, unless
    the caller names the fields, the same search inside the career fields the profile names
    (the terms rank a wide search poorly for a profile of few words, a graduate's: its best
    postings are mostly in the fields it wants)."""
    query = retrieval_query(profile, seeker, career_fields=career_fields, areas=areas, on=on)
    wanted = () if career_fields else tuple(sorted(seeker.career_fields))
    if not wanted:
        return (query,)
    return (query, dataclasses.replace(query, career_fields=wanted))


def retrieve(
    profile: SeekerProfile,
    seeker: SeekerSide,
    *,
    backend: SearchBackend,
    career_fields: Sequence[str] = (),
    areas: Sequence[str] = (),
    on: datetime.date | None = None,
) -> list[PostingHit]:
    """The postings the search returns for the seeker, before scoring: the first of
    `retrieval_queries`' hits, then the second's new ones."""
    queries = retrieval_queries(profile, seeker, career_fields=career_fields, areas=areas, on=on)
    return merged_hits([backend.search_postings(query).hits for query in queries])


def merged_hits(answers: Sequence[Sequence[PostingHit]]) -> list[PostingHit]:
    """The first query's hits, then each next one's not already among them."""
    hits: list[PostingHit] = []
    seen: set[int] = set()
    for answer in answers:
        fresh = [hit for hit in answer if hit.id not in seen]
        seen.update(hit.id for hit in fresh)
        hits += fresh
    return hits


def recommend_many(
    profiles: Sequence[SeekerProfile],
    policy: OrdinancePolicy,
    *,
    backend: SearchBackend | None = None,
    exclude: Mapping[int, Iterable[int]] | None = None,
    keep: int = KEEP,
    keep_for: Mapping[int, int] | None = None,
    on: datetime.date | None = None,
) -> dict[int, list[Match]]:
    """profile id → `recommend(profile, …)` for a batch of profiles (the nightly refresh's
    chunks), the same matches as one call per profile; `keep_for` gives some profiles their
    own `keep` (the nightly keeps the assignment's `ASSIGN_CANDIDATES` for those it covers).

    Each seeker has its own filters and terms, but the batch's searches go to the backend
    together (`search_postings_many`: `_msearch` requests of 50 on Elasticsearch), and what the
    seekers share is done once per batch: the day, the policy, and the scoring side of each
    retrieved posting (`posting_side`, remembered by posting id and version: neighbours
    retrieve mostly the same postings)."""
    backend = backend or get_backend()
    on = on or today()
    exclude = exclude or {}
    keep_for = keep_for or {}
    document = policy.document
    plans = [_plan(profile, document, career_fields=(), areas=(), on=on) for profile in profiles]
    queries = [query for plan in plans for query in plan.queries]
    answers = iter(backend.search_postings_many(queries))
    postings: dict[tuple[int, int], PostingSide] = {}
    found: dict[int, list[Match]] = {}
    for profile, plan in zip(profiles, plans, strict=True):
        hits = merged_hits([next(answers).hits for _ in plan.queries])
        found[profile.pk] = _scored(
            plan.seeker,
            hits,
            document,
            exclude=exclude.get(profile.pk, ()),
            keep=keep_for.get(profile.pk, keep),
            only=None,
            on=on,
            postings=postings,
        )
    return found


@dataclass(frozen=True)
class _Plan:
    """A seeker's scoring side and its retrieval queries (one or two)."""

    seeker: SeekerSide
    queries: tuple[PostingQuery, ...]


def _plan(
    profile: SeekerProfile,
    document: dict[str, Any],
    *,
    career_fields: Sequence[str],
    areas: Sequence[str],
    on: datetime.date,
) -> _Plan:
    seeker = seeker_side(profile, document, this_year=on.year, on=on)
    queries = retrieval_queries(profile, seeker, career_fields=career_fields, areas=areas, on=on)
    return _Plan(seeker=seeker, queries=queries)


def _recommend(
    profile: SeekerProfile,
    policy: OrdinancePolicy,
    *,
    backend: SearchBackend,
    exclude: Iterable[int],
    keep: int,
    career_fields: Sequence[str],
    areas: Sequence[str],
    only: frozenset[int] | None,
    on: datetime.date,
    postings: dict[tuple[int, int], PostingSide],
) -> list[Match]:
    document = policy.document
    plan = _plan(profile, document, career_fields=career_fields, areas=areas, on=on)
    hits = merged_hits([backend.search_postings(query).hits for query in plan.queries])
    return _scored(
        plan.seeker, hits, document, exclude=exclude, keep=keep, only=only, on=on, postings=postings
    )


def _scored(
    seeker: SeekerSide,
    hits: Sequence[PostingHit],
    document: dict[str, Any],
    *,
    exclude: Iterable[int],
    keep: int,
    only: frozenset[int] | None,
    on: datetime.date,
    postings: dict[tuple[int, int], PostingSide],
) -> list[Match]:
    """The best `keep` of the retrieved `hits` for `seeker`, scored and explained."""
    skip = set(exclude)
    candidates = []
    for hit in hits:
        if hit.id in skip or hit.document.openings_left <= 0:
            continue
        if only is not None and hit.id not in only:
            continue
        key = (hit.id, hit.document.version)
        side = postings.get(key)
        if side is None:
            side = postings[key] = posting_side(hit.document, document)
        candidates.append(side)
    # Ranked on the scores alone, and only the ones kept explained (the reasons never change
    # a component); pairs that cannot be kept are not scored in full (`best_matches`).
    return best_matches(seeker, candidates, document["score_weights"], on, keep)


# --- why there is nothing to recommend ------------------------------------------------------
@dataclass(frozen=True)
class EmptyReason:
    """Why a seeker has no recommendation: a code of `EMPTY_REASONS` and its sentence."""

    code: str
    message: str


# The filters a seeker can relax, in the order named when two remove as many postings: each
# with the sentence saying so (the em dash: what to change).
EMPTY_REASONS: dict[str, Promise] = {
    "commute": _("통근 거리 안에 맞는 공고가 없습니다 — 거리를 넓혀 보세요"),
    "certificates": _("필요한 자격증을 갖춘 공고가 없습니다 — 가진 자격증을 프로필에 적어 보세요"),
    "days_per_week": _("근무 가능 일수에 맞는 공고가 없습니다 — 주 근무 일수를 늘려 보세요"),
    "employment_types": _("희망 고용 형태의 공고가 없습니다 — 고용 형태를 더 골라 보세요"),
    "shifts": _("희망 근무 시간대의 공고가 없습니다 — 시간대를 더 골라 보세요"),
    "wage": _("희망 시급에 가까운 공고가 없습니다 — 희망 시급을 낮춰 보세요"),
    "combined": _("여러 조건을 함께 만족하는 공고가 없습니다 — 희망 조건을 넓혀 보세요"),
    "no_postings": _("지금 모집 중인 공고가 없습니다 — 새 공고가 올라오면 추천해 드립니다"),
    "applied": _("조건에 맞는 공고에 모두 지원했습니다 — 새 공고가 올라오면 추천해 드립니다"),
}

# code → the query without that filter
_RELAXED: dict[str, dict[str, object]] = {
    "commute": {"radius_km": None},
    "certificates": {"certificates_held": None},
    "days_per_week": {"max_days_per_week": None},
    "employment_types": {"employment_types": ()},
    "shifts": {"shifts": ()},
    "wage": {"min_wage": None},
}


def _reason(code: str) -> EmptyReason:
    return EmptyReason(code=code, message=str(EMPTY_REASONS[code]))


def empty_reason(
    profile: SeekerProfile,
    policy: OrdinancePolicy,
    *,
    backend: SearchBackend | None = None,
    on: datetime.date | None = None,
) -> EmptyReason | None:
    """Why `recommend` finds nothing for `profile`: the filter whose removal alone would bring
    the most open postings back (`commute`, `certificates`, …); `combined` when no single one
    would; `no_postings` when none is open for the seeker's cohort at all; `applied` when the
    retrieved ones were all applied to or full. None when search cannot answer. One count
    query per filter the seeker set (at most seven), run only for a seeker with nothing."""
    backend = backend or get_backend()
    on = on or today()
    try:
        seeker = seeker_side(profile, policy.document, this_year=on.year, on=on)
        base = dataclasses.replace(retrieval_query(profile, seeker, on=on), page_size=1, terms=())

        def count(query: PostingQuery) -> int:
            return backend.search_postings(query).total

        if count(base) > 0:
            return _reason("applied")
        best, most = "", 0
        for code, relaxed in _RELAXED.items():
            if all(getattr(base, name) == value for name, value in relaxed.items()):
                continue  # the seeker set no such filter
            found = count(dataclasses.replace(base, **relaxed))  # type: ignore[arg-type]
            if found > most:
                best, most = code, found
        if best:
            return _reason(best)
        everything: dict[str, object] = {}
        for relaxed in _RELAXED.values():
            everything.update(relaxed)
        found = count(dataclasses.replace(base, **everything))  # type: ignore[arg-type]
        return _reason("combined" if found else "no_postings")
    except SearchUnavailableError:
        logger.warning("search unavailable: no empty reason for profile %s", profile.pk)
        return None


# --- shortlists -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A seeker on a posting's shortlist, with the scored match."""

    profile: SeekerProfile
    match: Match


def profile_query(posting: Posting, *, open_only: bool = True) -> ProfileQuery:
    """The search for a posting's candidate seekers: (open to employers,) of a welcomed
    cohort, accepting its employment type, near it; ranked by its terms."""
    location = point_or(posting.lat, posting.lon, posting.area)
    return ProfileQuery(
        terms=tuple(dict.fromkeys([*posting.title_terms, *posting.body_terms]))[:MAX_QUERY_TERMS],
        cohorts=tuple(posting.cohorts_welcome),
        employment_type=posting.employment_type,
        near=location,
        radius_km=MAX_RADIUS_KM,
        limit=RETRIEVE,
        open_only=open_only,
    )


REVERSE_LOOKUP_LIMIT = 50  # postings per change batch searched for affected seekers


def seekers_affected_by(
    posting_ids: Sequence[int], *, backend: SearchBackend | None = None
) -> set[int]:
    """Profiles whose recommendations a change of these postings may alter: those that have
    one of them stored, and (for a batch of at most `REVERSE_LOOKUP_LIMIT` open postings) the
    `RETRIEVE` best profiles the profile index finds for each. Larger batches (imports,
    expiry) wait for the nightly refresh for the second part."""
    affected = set(
        Recommendation.objects.filter(posting_id__in=list(posting_ids)).values_list(
            "seeker_id", flat=True
        )
    )
    if len(posting_ids) > REVERSE_LOOKUP_LIMIT:
        return affected
    backend = backend or get_backend()
    postings = Posting.objects.filter(
        pk__in=list(posting_ids), status=PostingStatus.OPEN
    ).select_related("area")
    for posting in postings:
        hits = backend.search_profiles(profile_query(posting, open_only=False))
        affected.update(hit.id for hit in hits)
    return affected


def candidates_for_posting(
    posting: Posting, policy: OrdinancePolicy, *, backend: SearchBackend | None = None
) -> list[Candidate]:
    """Seekers open to employers, with the `matching` consent, who pass the posting's hard
    filters, best first (at most `RETRIEVE`), as employers may see them (the commute banded:
    `disclosure.for_employers`). A posting that is not open has no candidates."""
    if posting.status != PostingStatus.OPEN:
        return []
    backend = backend or get_backend()
    document = posting_document(posting)
    if document is None:
        return []
    hits = backend.search_profiles(profile_query(posting))
    # The database decides again: a seeker who withdrew the `matching` consent leaves every
    # shortlist at once, before the sync has removed their profile document.
    profiles = SeekerProfile.objects.select_related("area", "user").filter(
        pk__in=[hit.id for hit in hits],
        open_to_employers=True,
        user_id__in=users_with_consent(ConsentPurpose.MATCHING),
    )
    side = posting_side(document, policy.document)
    weights = policy.document["score_weights"]
    on = today()
    year = on.year
    found: list[Candidate] = []
    for profile in profiles:
        scored = match(seeker_side(profile, policy.document, this_year=year), side, weights, on)
        if scored is not None:
            # Employers see the commute as a band only (`disclosure`): the order follows the
            # banded score, so it gives no finer distance either.
            found.append(Candidate(profile=profile, match=for_employers(scored, weights)))
    found.sort(key=lambda c: (-c.match.score, c.profile.pk))
    return found
