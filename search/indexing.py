"""Keeping the search backend in step with the database: terms, documents, outbox, sync.

- Services call `posting_terms` / `profile_terms` when text is written (terms are stored on
  the row: tokenizing happens once) and `record_change` in the same transaction as the write.
- Rows are read through the search sources the apps register (`search.sources`): this module
  imports no app.
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
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.analysis import analyze
from search.backends import get_backend
from search.backends.base import SearchUnavailableError
from search.hooks import documents_changed
from search.models import Entity, OutboxEvent
from search.sources import postings_source, profiles_source
from workers.dispatch import enqueue

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
    events = [OutboxEvent(entity=entity, entity_id=i, version=version) for i in ids]
    if not events:
        return
    OutboxEvent.objects.bulk_create(events)
    enqueue("sync_search")


# --- pushing rows -------------------------------------------------------------------------
def push_postings(ids: Iterable[int]) -> dict[str, int]:
    """Index the searchable ones of these postings as they are now; remove the others."""
    wanted = set(ids)
    source = postings_source()
    rows = source.load(wanted)
    documents = [d for d in (source.document(p) for p in rows.values()) if d is not None]
    indexed = {d.id for d in documents}
    backend = get_backend()
    written = backend.index_postings(documents) if documents else 0
    gone = sorted(wanted - indexed)
    removed = backend.remove_postings(gone) if gone else 0
    return {"indexed": written, "removed": removed}


def push_profiles(ids: Iterable[int]) -> dict[str, int]:
    wanted = set(ids)
    source = profiles_source()
    rows = source.load(wanted)
    documents = [d for d in (source.document(p) for p in rows.values()) if d is not None]
    backend = get_backend()
    written = backend.index_profiles(documents) if documents else 0
    gone = sorted(wanted - {d.id for d in documents})
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
            # Whoever follows what is now searchable (matching's recommendations) hears it in
            # this transaction; what they enqueue is sent when it commits.
            documents_changed.fire(profile_ids=sorted(profiles), posting_ids=sorted(postings))
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
    backend = get_backend()
    repaired = {"checked": 0, "indexed": 0, "removed": 0}
    versions = postings_source().versions
    ids = versions() if versions is not None else []
    for start in range(0, len(ids), chunk):
        rows = ids[start : start + chunk]
        indexed = backend.posting_versions([pk for pk, _, _ in rows])
        stale = [
            pk
            for pk, version, searchable in rows
            if (searchable and indexed.get(pk) != version) or (not searchable and pk in indexed)
        ]
        repaired["checked"] += len(rows)
        if stale:
            outcome = push_postings(stale)
            repaired["indexed"] += outcome["indexed"]
            repaired["removed"] += outcome["removed"]
    return repaired
