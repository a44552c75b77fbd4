"""Recommendations for seekers and shortlists for postings: retrieve, filter, score, keep.

Recommendations (DESIGN.md, Matching 2-4): the search backend retrieves up to `RETRIEVE`
open postings for a profile (its terms, in its schedule, near it, within its commute); each is
scored by `scoring.match` (hard filters, then the policy's weighted components); the best `KEEP`
are stored (by `backend.matching.services`) with their components, reasons and the policy
version, replacing the seeker's previous set in one transaction. Scoring reads only the search
documents, never the database per posting, so a recommendation costs one search query and one
write.

Shortlists go the other way: `candidates_for_posting` retrieves seekers who are
`open_to_employers` and have the `matching` consent from the profile index and scores them
against the posting.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backend.accounts.models import ConsentPurpose
from backend.accounts.selectors import users_with_consent
from backend.jobs.models import Posting, PostingStatus
from backend.jobs.search_source import posting_document
from backend.matching.disclosure import for_employers
from backend.matching.facts import posting_side, seeker_side, today
from backend.matching.models import OrdinancePolicy, Recommendation
from backend.matching.scoring import Match, SeekerSide, match, rank
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.backends.base import SearchBackend
from search.documents import GeoPoint, point_or
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
        minors_only=seeker.minor,
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
