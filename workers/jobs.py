"""The product's background jobs: plain typed functions, registered in one table at the end.

Contract for every job: arguments are ids and small JSON values; the job is safe to run
twice (check state first, do only what is missing, tolerate deleted rows), because delivery
is at least once. Features add their jobs here as they land (posting expiry with postings,
the search sync with search, match runs with matching).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from workers.models import JobRun, JobStatus
from workers.registry import register_job

logger = logging.getLogger("workers.jobs")


def sweep_stale_runs(limit: int = 1000) -> dict[str, int]:
    """Re-send runs that the engine seems to have lost; returns how many of each kind.

    - `queued` runs not sent, or last sent more than JOB_STALE_AFTER_SECONDS ago: the
      broker lost the message (restarted without its data) or the hand-over failed;
    - `failed` runs whose retry time has passed (plus the same grace for the engines, which
      retry by themselves; the inline engine has no one else to retry it);
    - `running` runs whose lease expired: their worker died (kill -9, OOM, lost machine).

    Re-sending a run that is in fact still on its way is harmless: the claim in
    `workers.runner` lets only one delivery run it.
    """
    from workers.dispatch import send_run

    now = timezone.now()
    stale_before = now - timedelta(seconds=settings.JOB_STALE_AFTER_SECONDS)
    retry_grace = timedelta(0) if settings.WORKER_ENGINE == "inline" else now - stale_before
    kinds = {
        "queued": Q(status=JobStatus.QUEUED)
        & (Q(sent_at__lt=stale_before) | Q(sent_at__isnull=True, created_at__lt=stale_before)),
        "failed": Q(status=JobStatus.FAILED, available_at__lte=now - retry_grace),
        "running": Q(status=JobStatus.RUNNING, lease_expires_at__lt=now),
    }
    counts: dict[str, int] = {}
    for kind, condition in kinds.items():
        run_ids = list(
            JobRun.objects.filter(condition).order_by("pk").values_list("pk", flat=True)[:limit]
        )
        for run_id in run_ids:
            send_run(run_id)
        counts[kind] = len(run_ids)
    if any(counts.values()):
        logger.info("sweep re-sent runs: %s", counts)
    return counts


def prune_job_runs(
    done_after_days: int | None = None, dead_after_days: int | None = None
) -> dict[str, int]:
    """Delete finished `JobRun` rows past their retention; dead runs are kept longer."""
    now = timezone.now()
    done_days = done_after_days if done_after_days is not None else settings.JOB_RUN_RETENTION_DAYS
    dead_days = dead_after_days if dead_after_days is not None else settings.JOB_DEAD_RETENTION_DAYS
    done, _ = JobRun.objects.filter(
        status=JobStatus.DONE, finished_at__lt=now - timedelta(days=done_days)
    ).delete()
    dead, _ = JobRun.objects.filter(
        status=JobStatus.DEAD, finished_at__lt=now - timedelta(days=dead_days)
    ).delete()
    return {"done": done, "dead": dead}


def noop() -> None:
    """Does nothing; measures the machinery itself (benchmarks, smoke tests)."""


def expire_postings() -> dict[str, int]:
    """Mark open postings whose deadline (a Seoul calendar day) has passed `expired`.

    One conditional UPDATE (`status='open' AND deadline < today`), bumping each posting's
    version: a second run, or a run racing a close, changes nothing more.
    """
    from backend.jobs.services import postings_expire

    expired = postings_expire()
    if expired:
        logger.info("expired %s postings", expired)
    return {"expired": expired}


def sync_search() -> dict[str, int]:
    """Drain the search outbox: index or remove the rows written since the last sync. Safe to
    run twice or concurrently (events are claimed with SKIP LOCKED and re-read the rows); while
    the search backend is down it fails and is retried, losing nothing."""
    from search.indexing import sync_all_pending

    return sync_all_pending()


def reconcile_search() -> dict[str, int]:
    """Compare the database and the search index chunk by chunk and repair differences."""
    from search.indexing import reconcile

    return reconcile()


def refresh_recommendations(
    profile_ids: list[int] | None = None, posting_ids: list[int] | None = None
) -> dict[str, int]:
    """Recompute the stored recommendations of these profiles and of the seekers a change of
    these postings may affect (queued by the search sync after it indexed the changes)."""
    from backend.matching.recommend import recommendations_refresh, seekers_affected_by

    wanted = set(profile_ids or [])
    if posting_ids:
        wanted |= seekers_affected_by(posting_ids)
    if not wanted:
        return {"seekers": 0, "recommendations": 0}
    outcome = recommendations_refresh(sorted(wanted))
    return {"seekers": outcome.seekers, "recommendations": outcome.recommendations}


def refresh_all_recommendations() -> dict[str, int]:
    """The nightly refresh: every seeker's recommendations, against tonight's postings."""
    from backend.matching.recommend import recommendations_refresh

    outcome = recommendations_refresh(None)
    return {"seekers": outcome.seekers, "recommendations": outcome.recommendations}


def run_match(match_run_id: int) -> dict[str, object]:
    """Execute a staff-started match run; its `MatchRun` row records the outcome."""
    from backend.matching.runs import execute_match_run

    return execute_match_run(match_run_id)


def send_notification(notification_id: int) -> bool:
    """Send one notification mail (backend/notifications): claims its row, so a second run of
    a sent row sends nothing; a mail error marks it failed and fails the run (retried)."""
    from backend.notifications.services import notification_send

    return notification_send(notification_id)


register_job("sweep_stale_runs", sweep_stale_runs, max_attempts=1)
register_job("prune_job_runs", prune_job_runs)
register_job("noop", noop)
register_job("expire_postings", expire_postings)
register_job("sync_search", sync_search)
register_job("reconcile_search", reconcile_search)
register_job("refresh_recommendations", refresh_recommendations)
register_job("refresh_all_recommendations", refresh_all_recommendations, max_attempts=2)
register_job("run_match", run_match)
register_job("send_notification", send_notification)
