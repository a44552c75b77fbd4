"""Recommendations for seekers and shortlists for postings: retrieve, filter, score, keep.

Recommendations (DESIGN.md, Matching 2-4): the search backend retrieves up to `RETRIEVE`
open postings for a profile (its terms, in its schedule, near it, within its commute); each is
scored by `scoring.match` (hard filters, then the policy's weighted components); the best `KEEP`
are stored with their components, reasons and the policy version, replacing the seeker's
previous set in one transaction. Scoring reads only the search documents, never the database
per posting, so a recommendation costs one search query and one write.

Shortlists go the other way: `candidates_for_posting` retrieves seekers who are
`open_to_employers` from the profile index and scores them against the posting.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from backend.jobs.models import Application, Posting, PostingStatus
from backend.matching.facts import posting_side, seeker_side, today
from backend.matching.models import MatchRun, OrdinancePolicy, Recommendation
from backend.matching.scoring import Match, SeekerSide, match, rank
from backend.matching.selectors import ordinance_policy_current
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.backends.base import SearchBackend
from search.documents import GeoPoint
from search.indexing import posting_document
from search.query import PostingQuery, ProfileQuery

logger = logging.getLogger("backend.matching")

RETRIEVE = 200  # postings (or seekers) retrieved per recommendation (or shortlist)
KEEP = 30  # recommendations stored per seeker
MAX_QUERY_TERMS = 40  # a profile's terms in the retrieval query (the rest rarely change it)
MAX_RADIUS_KM = 100.0  # search's largest radius; a longer commute limit searches this far


def retrieval_query(
    profile: SeekerProfile,
    seeker: SeekerSide,
    *,
    career_fields: Sequence[str] = (),
    areas: Sequence[str] = (),
) -> PostingQuery:
    """The search for a seeker's candidate postings: the profile's terms, within its schedule
    and commute, welcoming its cohort (and within a match run's scope). The hard filters run
    again on every hit (the index only narrows; scoring decides)."""
    radius = seeker.max_commute_km
    return PostingQuery(
        career_fields=tuple(career_fields),
        areas=tuple(areas),
        terms=tuple(dict.fromkeys(profile.search_terms))[:MAX_QUERY_TERMS],
        employment_types=tuple(sorted(seeker.employment_types)),
        shifts=tuple(sorted(seeker.shifts)),
        cohort=seeker.cohort,
        near=GeoPoint(seeker.location.lat, seeker.location.lon),
        radius_km=min(radius, MAX_RADIUS_KM) if radius and radius > 0 else None,
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
) -> list[Match]:
    """The best `keep` matches for `profile` under `policy`, best first (nothing is stored).

    `exclude` holds posting ids not to recommend (those the seeker already applied to);
    `career_fields`, `areas` and `only` (posting ids) narrow the postings to a match run's
    scope. Raises `SearchUnavailableError` when the search backend cannot answer.
    """
    backend = backend or get_backend()
    document = policy.document
    seeker = seeker_side(profile, document, this_year=today().year)
    query = retrieval_query(profile, seeker, career_fields=career_fields, areas=areas)
    hits = backend.search_postings(query).hits
    skip = set(exclude)
    weights = document["score_weights"]
    on = today()
    matches = []
    for hit in hits:
        if hit.id in skip or hit.document.openings_left <= 0:
            continue
        if only is not None and hit.id not in only:
            continue
        scored = match(seeker, posting_side(hit.document, document), weights, on)
        if scored is not None:
            matches.append(scored)
    return rank(matches, keep)


def applied_posting_ids(profile_ids: Sequence[int]) -> dict[int, set[int]]:
    """profile id → ids of the postings its seeker has applied to."""
    users = dict(SeekerProfile.objects.filter(pk__in=profile_ids).values_list("user_id", "pk"))
    applied: dict[int, set[int]] = {pk: set() for pk in profile_ids}
    rows = Application.objects.filter(seeker_id__in=list(users)).values_list(
        "seeker_id", "posting_id"
    )
    for user_id, posting_id in rows:
        applied[users[user_id]].add(posting_id)
    return applied


def recommendations_store(
    profile: SeekerProfile,
    matches: Sequence[Match],
    policy_version: int,
    *,
    match_run: MatchRun | None = None,
) -> int:
    """Replace the seeker's stored recommendations by `matches` (in order) atomically."""
    now = timezone.now()
    rows = [
        Recommendation(
            seeker=profile,
            posting_id=item.posting_id,
            rank=position,
            score=item.score,
            components=item.components,
            reasons=list(item.reasons),
            policy_version=policy_version,
            computed_at=now,
            match_run=match_run,
        )
        for position, item in enumerate(matches, start=1)
    ]
    with transaction.atomic():
        Recommendation.objects.filter(seeker=profile).delete()
        # A posting deleted meanwhile would fail the foreign key: keep those that exist.
        existing = set(
            Posting.objects.filter(pk__in=[r.posting_id for r in rows]).values_list("pk", flat=True)
        )
        Recommendation.objects.bulk_create([r for r in rows if r.posting_id in existing])
    return len(rows)


def recommendations_ensure(profile: SeekerProfile) -> None:
    """Compute and store the seeker's recommendations now if none are stored yet (a new
    profile read before the job ran). Raises `SearchUnavailableError` when search is down."""
    if Recommendation.objects.filter(seeker=profile).exists():
        return
    policy = ordinance_policy_current()
    exclude = applied_posting_ids([profile.pk])[profile.pk]
    recommendations_store(profile, recommend(profile, policy, exclude=exclude), policy.version)


@dataclass(frozen=True)
class RefreshOutcome:
    """How many seekers were recomputed and how many recommendations stored."""

    seekers: int
    recommendations: int


def recommendations_refresh(
    profile_ids: Iterable[int] | None = None,
    *,
    match_run: MatchRun | None = None,
    policy: OrdinancePolicy | None = None,
    backend: SearchBackend | None = None,
) -> RefreshOutcome:
    """Recompute and store the recommendations of these profiles (None: every profile).

    Profiles that no longer exist are skipped. Raises `SearchUnavailableError` when search is
    down (the job is retried); what was stored before stays until then.
    """
    policy = policy or ordinance_policy_current()
    backend = backend or get_backend()
    profiles = SeekerProfile.objects.select_related("area").order_by("pk")
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=list(profile_ids))
    seekers = stored = 0
    for chunk in _chunks(profiles.iterator(chunk_size=500), 500):
        applied = applied_posting_ids([p.pk for p in chunk])
        for profile in chunk:
            matches = recommend(profile, policy, backend=backend, exclude=applied[profile.pk])
            stored += recommendations_store(profile, matches, policy.version, match_run=match_run)
            seekers += 1
    return RefreshOutcome(seekers=seekers, recommendations=stored)


def _chunks(items: Iterable[SeekerProfile], size: int) -> Iterable[list[SeekerProfile]]:
    chunk: list[SeekerProfile] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- shortlists -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A seeker on a posting's shortlist, with the scored match."""

    profile: SeekerProfile
    match: Match


def profile_query(posting: Posting, *, open_only: bool = True) -> ProfileQuery:
    """The search for a posting's candidate seekers: (open to employers,) of a welcomed
    cohort, accepting its employment type, near it; ranked by its terms."""
    location = (
        GeoPoint(posting.lat, posting.lon)
        if posting.lat is not None and posting.lon is not None
        else GeoPoint(posting.area.lat, posting.area.lon)
    )
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
    """Seekers open to employers who pass the posting's hard filters, best first (at most
    `RETRIEVE`). A posting that is not open has no candidates (being open is a hard filter)."""
    if posting.status != PostingStatus.OPEN:
        return []
    backend = backend or get_backend()
    document = posting_document(posting)
    if document is None:
        return []
    hits = backend.search_profiles(profile_query(posting))
    profiles = SeekerProfile.objects.select_related("area", "user").filter(
        pk__in=[hit.id for hit in hits], open_to_employers=True
    )
    side = posting_side(document, policy.document)
    weights = policy.document["score_weights"]
    on = today()
    year = on.year
    found: list[Candidate] = []
    for profile in profiles:
        scored = match(seeker_side(profile, policy.document, this_year=year), side, weights, on)
        if scored is not None:
            found.append(Candidate(profile=profile, match=scored))
    found.sort(key=lambda c: (-c.match.score, c.match.distance_km, c.profile.pk))
    return found
