"""Search's background jobs, registered in `SearchConfig.ready()` (see `workers.registry`)."""

from __future__ import annotations

from backend.core.retention import retention_cutoff
from search.indexing import reconcile, sync_all_pending
from search.models import OutboxEvent
from workers.registry import register_job


def sync_search() -> dict[str, int]:
    """Drain the search outbox: index or remove the rows written since the last sync. Safe to
    run twice or concurrently (events are claimed with SKIP LOCKED and re-read the rows); while
    the search backend is down it fails and is retried, losing nothing."""
    return sync_all_pending()


def reconcile_search() -> dict[str, int]:
    """Compare the database and the search index chunk by chunk and repair differences."""
    return reconcile()


def purge_search_outbox() -> dict[str, int]:
    """Delete processed outbox events past the retention policy's `search_outbox` period;
    pending events are never touched (they are work still to do)."""
    deleted, _ = OutboxEvent.objects.filter(
        processed_at__isnull=False, processed_at__lt=retention_cutoff("search_outbox")
    ).delete()
    return {"deleted": deleted}


def register() -> None:
    register_job("sync_search", sync_search)
    register_job("purge_search_outbox", purge_search_outbox)
    register_job("reconcile_search", reconcile_search)
