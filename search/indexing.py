"""Keeping the search backend in step with the database: terms, documents, outbox, sync.

- Services call `posting_terms` / `profile_terms` when text is written (terms are stored on
  the row: tokenizing happens once) and `record_change` in the same transaction as the write.
- `sync_pending` (the `sync_search` job) claims pending outbox events, re-reads the rows as
  they are now, indexes what is searchable and removes what is not, then marks the events
  done. While the backend is down the events stay pending and the job fails, so the job
  machinery retries it and the periodic sweep (`sync_search` on the schedule) drains the
  backlog when the backend is back.
- `reconcile` compares database and index chunk by chunk (counts and versions) and repairs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.analysis import analyze, suggest_inputs
from search.backends import get_backend
from search.backends.base import SearchUnavailableError
from search.documents import GeoPoint, PostingDocument, ProfileDocument
from search.models import Entity, OutboxEvent

if TYPE_CHECKING:
    from backend.jobs.models import Posting
    from backend.seekers.models import SeekerProfile

logger = logging.getLogger("search.indexing")

SYNC_BATCH = 500


# --- terms (computed once, when a row's text is written) ------------------------------------
def posting_terms(
    *,
    title: str,
    description: str,
    occupation: str,
    skills: Sequence[str],
    certificates: Sequence[str],
) -> tuple[list[str], list[str]]:
    """(title terms, body terms) of a posting's text."""
    body = "\n".join([description, occupation, *skills, *certificates])
    return list(analyze(title)), list(analyze(body))


def profile_terms(
    *,
    skills: Sequence[str],
    certificates: Sequence[str],
    experience: Sequence[dict[str, Any]],
    about: str,
) -> list[str]:
    """The terms of what a seeker can do, for matching retrieval (no name or contact)."""
    parts = [*skills, *certificates, about]
    parts += [f"{item.get('occupation', '')} {item.get('summary', '')}" for item in experience]
    return list(analyze("\n".join(parts)))


# --- outbox --------------------------------------------------------------------------------
def record_change(entity: str, ids: Iterable[int], version: int = 0) -> None:
    """Note, in the caller's transaction, that these rows changed; the sync job follows."""
    from workers.dispatch import enqueue

    events = [OutboxEvent(entity=entity, entity_id=i, version=version) for i in ids]
    if not events:
        return
    OutboxEvent.objects.bulk_create(events)
    enqueue("sync_search")


# --- documents -----------------------------------------------------------------------------
def posting_document(posting: Posting) -> PostingDocument | None:
    """The search document of a posting, or None when it must not be searchable (not open)."""
    from backend.jobs.models import PostingStatus

    if posting.status != PostingStatus.OPEN or posting.published_at is None:
        return None
    area = posting.area
    if posting.lat is not None and posting.lon is not None:
        location = GeoPoint(posting.lat, posting.lon)
    else:
        location = GeoPoint(area.lat, area.lon)
    return PostingDocument(
        id=posting.pk,
        version=posting.version,
        title=posting.title,
        description=posting.description,
        employer_name=posting.employer.name,
        title_terms=tuple(posting.title_terms),
        body_terms=tuple(posting.body_terms),
        career_field=posting.career_field_id,
        occupation=posting.occupation,
        employment_type=posting.employment_type,
        shifts=tuple(posting.shifts),
        cohorts_welcome=tuple(posting.cohorts_welcome),
        area_code=area.code,
        area_name=area.name,
        location=location,
        hourly_wage=posting.hourly_wage,
        deadline=posting.deadline,
        published_at=posting.published_at,
        suggest=suggest_inputs(posting.title, posting.occupation),
        employer_id=posting.employer_id,
        skills_required=tuple(posting.skills_required),
        skills_preferred=tuple(posting.skills_preferred),
        certificates_required=tuple(posting.certificates_required),
        min_experience_years=posting.min_experience_years,
        days_per_week=posting.days_per_week,
        openings_left=max(0, posting.openings - posting.hires),
        employer_city_funded=posting.employer.is_city_funded,
        employer_staff_count=posting.employer.staff_count or 0,
        employer_partner=posting.employer.partner_pledge,
    )


def profile_document(profile: SeekerProfile) -> ProfileDocument:
    area = profile.area
    if profile.location_lat is not None and profile.location_lon is not None:
        location = GeoPoint(profile.location_lat, profile.location_lon)
    else:
        location = GeoPoint(area.lat, area.lon)
    return ProfileDocument(
        id=profile.pk,
        version=profile.version,
        cohort=profile.cohort,
        terms=tuple(profile.search_terms),
        career_fields=tuple(profile.career_fields),
        skills=tuple(profile.skills),
        certificates=tuple(profile.certificates),
        employment_types=tuple(profile.employment_types),
        shifts=tuple(profile.shifts),
        area_code=area.code,
        location=location,
        max_commute_km=profile.max_commute_km,
        min_hourly_wage=profile.min_hourly_wage,
        open_to_employers=profile.open_to_employers,
    )


def _postings(ids: Iterable[int]) -> dict[int, Posting]:
    from backend.jobs.models import Posting

    rows = Posting.objects.filter(pk__in=list(ids)).select_related("employer", "area")
    return {posting.pk: posting for posting in rows}


def _profiles(ids: Iterable[int]) -> dict[int, SeekerProfile]:
    from backend.seekers.models import SeekerProfile

    return {p.pk: p for p in SeekerProfile.objects.filter(pk__in=list(ids)).select_related("area")}


def push_postings(ids: Iterable[int]) -> dict[str, int]:
    """Index the searchable ones of these postings as they are now; remove the others."""
    wanted = set(ids)
    rows = _postings(wanted)
    documents = [d for d in (posting_document(p) for p in rows.values()) if d is not None]
    indexed = {d.id for d in documents}
    backend = get_backend()
    written = backend.index_postings(documents) if documents else 0
    gone = sorted(wanted - indexed)
    removed = backend.remove_postings(gone) if gone else 0
    return {"indexed": written, "removed": removed}


def push_profiles(ids: Iterable[int]) -> dict[str, int]:
    wanted = set(ids)
    rows = _profiles(wanted)
    backend = get_backend()
    written = backend.index_profiles([profile_document(p) for p in rows.values()]) if rows else 0
    gone = sorted(wanted - set(rows))
    removed = backend.remove_profiles(gone) if gone else 0
    return {"indexed": written, "removed": removed}


# --- the sync job ----------------------------------------------------------------------------
def sync_pending(limit: int = SYNC_BATCH) -> dict[str, int]:
    """Claim up to `limit` pending events (skipping rows another sync holds), push the current
    state of their rows, mark them done. Raises `SearchUnavailableError` when the backend is
    down: the events stay pending (attempts counted) for the retry."""
    totals = {"events": 0, "indexed": 0, "removed": 0}
    with transaction.atomic():
        events = list(
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(processed_at__isnull=True)
            .order_by("pk")[:limit]
        )
        if not events:
            return totals
        postings = {e.entity_id for e in events if e.entity == Entity.POSTING}
        profiles = {e.entity_id for e in events if e.entity == Entity.PROFILE}
        try:
            outcomes = [push_postings(postings) if postings else {}]
            outcomes.append(push_profiles(profiles) if profiles else {})
            for outcome in outcomes:
                for key, value in outcome.items():
                    totals[key] += value
        except SearchUnavailableError as error:
            OutboxEvent.objects.filter(pk__in=[e.pk for e in events]).update(
                attempts=F("attempts") + 1, last_error=str(error)[:1000]
            )
            raise
        OutboxEvent.objects.filter(pk__in=[e.pk for e in events]).update(
            processed_at=timezone.now()
        )
        totals["events"] = len(events)
        if settings.MATCHING_REFRESH_ON_CHANGE:
            # Recommendations follow what is now searchable (sent when this commits).
            from workers.dispatch import enqueue

            enqueue(
                "refresh_recommendations",
                profile_ids=sorted(profiles),
                posting_ids=sorted(postings),
            )
    return totals


def sync_all_pending() -> dict[str, int]:
    """Drain the outbox in batches (the job's body)."""
    totals = {"events": 0, "indexed": 0, "removed": 0}
    while True:
        batch = sync_pending()
        for key, value in batch.items():
            totals[key] += value
        if batch["events"] < SYNC_BATCH:
            return totals


# --- reconciliation ------------------------------------------------------------------------
def reconcile(chunk: int = 1000) -> dict[str, int]:
    """Compare every open posting's indexed version with the database, chunk by chunk, and
    repair (index missing or stale ones; remove indexed ones that are no longer open)."""
    from backend.jobs.models import Posting, PostingStatus

    backend = get_backend()
    repaired = {"checked": 0, "indexed": 0, "removed": 0}
    ids = list(Posting.objects.order_by("pk").values_list("pk", "version", "status"))
    for start in range(0, len(ids), chunk):
        rows = ids[start : start + chunk]
        indexed = backend.posting_versions([pk for pk, _, _ in rows])
        stale = [
            pk
            for pk, version, status in rows
            if (status == PostingStatus.OPEN and indexed.get(pk) != version)
            or (status != PostingStatus.OPEN and pk in indexed)
        ]
        repaired["checked"] += len(rows)
        if stale:
            outcome = push_postings(stale)
            repaired["indexed"] += outcome["indexed"]
            repaired["removed"] += outcome["removed"]
    return repaired
