"""Dramatiq adapter: thin actors around `workers.runner`, no logic.

django-dramatiq configures the Redis broker from `settings.DRAMATIQ_BROKER`. Retries use
Dramatiq's own Retries middleware (explicit limit and backoff from the JOB_* settings); the
runner decides whether a failure is final, and only a retryable one is raised to Dramatiq.
"""

from __future__ import annotations

import dramatiq
from django.conf import settings

from workers.models import JobStatus
from workers.runner import execute_run


class JobFailedError(Exception):
    """Raised to Dramatiq so that its Retries middleware schedules the next attempt."""


@dramatiq.actor(
    actor_name="sjl.run_job",
    queue_name="sjl",
    # The runner caps attempts in JobRun and raises only retryable failures, so Dramatiq's
    # own limit is a backstop at the same number.
    max_retries=settings.JOB_MAX_ATTEMPTS,
    min_backoff=max(1, int(settings.JOB_RETRY_BACKOFF_SECONDS * 1000)),
    max_backoff=max(1, int(settings.JOB_RETRY_BACKOFF_MAX_SECONDS * 1000)),
    time_limit=settings.JOB_TIME_LIMIT_SECONDS * 1000,
)
def run_job(run_id: int) -> None:
    """Run JobRun `run_id`; raise `JobFailedError` when the runner wants another attempt."""
    outcome = execute_run(run_id, engine="dramatiq")
    if outcome.status == JobStatus.FAILED:
        raise JobFailedError(f"run {run_id} failed; retrying in ~{outcome.retry_in} s")
