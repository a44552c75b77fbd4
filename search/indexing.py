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
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
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
class _Recorded:
    """The outbox rows one `record_change` call wrote, parked in the transaction's on-commit
    list (a no-op when it runs). Django drops the callbacks of a savepoint that rolls back,
    so the markers still there are exactly the rows and the `sync_search` run that will
    commit: a later write in the same transaction finds them and adds nothing twice."""

    __slots__ = ("keys", "spent", "transaction")

    def __init__(self, keys: set[tuple[str, int]], transaction_key: object) -> None:
        self.keys = keys
        self.spent = False
        self.transaction = transaction_key

    def __call__(self) -> None:
        # Run on commit (or by a test's capture of the on-commit callbacks, after the sync's
        # own): the transaction's sync has been sent, later writes record afresh.
        self.spent = True


def _transaction_key(connection: Any) -> object:
    """Which transaction the caller is in. In production the outermost atomic block is the
    transaction (key None). Under Django's TestCase the test's own blocks wrap everything, so
    the first block that is not the test's stands for the transaction: its savepoint id (what
    commits in production is released there, and must not coalesce with what follows)."""
    blocks = connection.atomic_blocks
    level = 0
    while level < len(blocks) and getattr(blocks[level], "_from_testcase", False):
        level += 1
    if level == 0 or level >= len(blocks):
        return None
    sid = connection.savepoint_ids[level - 1]
    return sid if sid is not None else ("block", id(blocks[level]))


def _recorded_in_transaction() -> tuple[set[tuple[str, int]], bool, object]:
    """(rows already recorded, whether a sync is already enqueued, the transaction's key)."""
    connection = transaction.get_connection()
    key = _transaction_key(connection)
    keys: set[tuple[str, int]] = set()
    found = False
    for _sids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _Recorded) and not callback.spent and callback.transaction == key:
            keys |= callback.keys
            found = True
    return keys, found, key


def record_change(entity: str, ids: Iterable[int], version: int = 0) -> None:
    """Note, in the caller's transaction, that these rows changed; the sync job follows.

    Coalesced per transaction: a row written several times in one transaction gets one
    outbox event, and the transaction one `sync_search` run (the sync re-reads the rows as
    they are when it runs, so one event per row says all there is to say)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # autocommit: each call is its own transaction
        OutboxEvent.objects.bulk_create(
            [OutboxEvent(entity=entity, entity_id=i, version=version) for i in wanted]
        )
        enqueue("sync_search")
        return
    seen, enqueued, key = _recorded_in_transaction()
    fresh = {(entity, i) for i in wanted} - seen
    if fresh:
        OutboxEvent.objects.bulk_create(
            [OutboxEvent(entity=entity, entity_id=i, version=version) for _, i in sorted(fresh)]
        )
    if not enqueued:
        enqueue("sync_search")
    if fresh or not enqueued:
        transaction.on_commit(_Recorded(fresh, key))


def outbox_backoff(attempts: int) -> float:
    """Seconds a row waits after its `attempts`-th failed push (exponential, capped)."""
    base = settings.SEARCH_OUTBOX_BACKOFF_SECONDS
    return float(
        min(base * (2 ** max(attempts - 1, 0)), settings.SEARCH_OUTBOX_BACKOFF_MAX_SECONDS)
    )


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
def _push(postings: set[int], profiles: set[int]) -> dict[str, int]:
    totals = {"indexed": 0, "removed": 0}
    for outcome in (
        push_postings(postings) if postings else {},
        push_profiles(profiles) if profiles else {},
    ):
        for key, value in outcome.items():
            totals[key] += value
    return totals


def _record_failure(events: Sequence[OutboxEvent], error: BaseException) -> None:
    """Count the failed attempt on each row and back it off by its own attempts."""
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:1000]
    for event in events:
        event.attempts += 1
        event.last_error = message
        event.available_at = now + timedelta(seconds=outbox_backoff(event.attempts))
    OutboxEvent.objects.bulk_update(events, ["attempts", "last_error", "available_at"])


def sync_pending(limit: int = SYNC_BATCH) -> dict[str, int]:
    """Claim up to `limit` pending events that are due (skipping rows another sync holds and
    rows backing off after a failure), push the current state of their rows, mark them done.

    When the backend is down (`SearchUnavailableError`) the events stay pending with their
    failure recorded — attempts, last error, and a per-row back-off — and the error is raised
    after that record commits, for the job's retry. Any other failure (a row the backend
    refuses) is narrowed down row by row: the rows that push are marked done, the ones that
    fail back off alone, and the first error is raised."""
    totals = {"events": 0, "indexed": 0, "removed": 0}
    failure: BaseException | None = None
    with transaction.atomic():
        now = timezone.now()
        events = list(
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(processed_at__isnull=True)
            .filter(Q(available_at__isnull=True) | Q(available_at__lte=now))
            .order_by("pk")[:limit]
        )
        if not events:
            return totals
        postings = {e.entity_id for e in events if e.entity == Entity.POSTING}
        profiles = {e.entity_id for e in events if e.entity == Entity.PROFILE}
        done = events
        outcome = {"indexed": 0, "removed": 0}
        try:
            outcome = _push(postings, profiles)
        except SearchUnavailableError as error:
            _record_failure(events, error)
            failure, done = error, []
        except Exception as error:
            failure, done = error, []
            by_row: dict[tuple[str, int], list[OutboxEvent]] = {}
            for event in events:
                by_row.setdefault((event.entity, event.entity_id), []).append(event)
            groups = list(by_row.items())
            for position, ((entity, entity_id), group) in enumerate(groups):
                try:
                    single = _push(
                        {entity_id} if entity == Entity.POSTING else set(),
                        {entity_id} if entity == Entity.PROFILE else set(),
                    )
                except SearchUnavailableError as row_error:  # gone meanwhile: all wait
                    _record_failure([e for _, rest in groups[position:] for e in rest], row_error)
                    break
                except Exception as row_error:
                    _record_failure(group, row_error)
                    continue
                done = [*done, *group]
                for key, value in single.items():
                    outcome[key] += value
        for key, value in outcome.items():
            totals[key] += value
        if done:
            OutboxEvent.objects.filter(pk__in=[e.pk for e in done]).update(
                processed_at=timezone.now(), available_at=None
            )
            totals["events"] = len(done)
            if settings.MATCHING_REFRESH_ON_CHANGE:
                # Whoever follows what is now searchable (matching's recommendations) hears
                # it in this transaction; what they enqueue is sent when it commits.
                done_postings = sorted({e.entity_id for e in done if e.entity == Entity.POSTING})
                done_profiles = sorted({e.entity_id for e in done if e.entity == Entity.PROFILE})
                documents_changed.fire(profile_ids=done_profiles, posting_ids=done_postings)
    if failure is not None:
        raise failure
    totals["claimed"] = len(events)
    return totals


def sync_all_pending() -> dict[str, int]:
    """Drain the outbox in batches (the job's body)."""
    totals = {"events": 0, "indexed": 0, "removed": 0}
    while True:
        batch = sync_pending()
        claimed = batch.pop("claimed", 0)
        for key, value in batch.items():
            totals[key] += value
        if claimed < SYNC_BATCH:
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
