"""The job machinery's own jobs (sweep, prune, noop), registered in one table at the end.

Contract for every job: arguments are ids and small JSON values; the job is safe to run
twice (check state first, do only what is missing, tolerate deleted rows), because delivery
is at least once. The apps' jobs live in the apps (`backend/jobs/tasks.py`, `search/tasks.py`,
`backend/matching/tasks.py`) and are registered in their `AppConfig.ready()`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from backend.core.retention import retention_days
from workers.dispatch import send_run
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
    """Delete finished `JobRun` rows past their retention; dead runs are kept longer. The
    periods are the retention policy's `job_runs` entry (backend/core/retention_policy.yaml)."""
    now = timezone.now()
    done_days = done_after_days if done_after_days is not None else retention_days("job_runs")
    dead_days = (
        dead_after_days if dead_after_days is not None else retention_days("job_runs", "dead_days")
    )
    done, _ = JobRun.objects.filter(
        status=JobStatus.DONE, finished_at__lt=now - timedelta(days=done_days)
    ).delete()
    dead, _ = JobRun.objects.filter(
        status=JobStatus.DEAD, finished_at__lt=now - timedelta(days=dead_days)
    ).delete()
    return {"done": done, "dead": dead}


def noop() -> None:
    """Does nothing; measures the machinery itself (benchmarks, smoke tests)."""


register_job("sweep_stale_runs", sweep_stale_runs, max_attempts=1)
register_job("prune_job_runs", prune_job_runs)
register_job("noop", noop)
