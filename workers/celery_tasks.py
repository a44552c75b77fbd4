"""Celery adapter: thin tasks around `workers.runner` and `workers.schedule`, no logic.

Retries: the runner records the failure and says when to try again; the task re-publishes
itself with that countdown (`self.retry`). The attempt cap lives in `JobRun`, because Celery
keeps no redelivery count across a lost worker.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import close_old_connections

from workers.models import JobStatus
from workers.runner import execute_run
from workers.schedule import fire


@shared_task(name="sjl.run_job", bind=True, acks_late=True, ignore_result=True)
def run_job(self: Any, run_id: int) -> str:
    """Run JobRun `run_id`; on a retryable failure re-publish with the runner's delay."""
    close_old_connections()
    try:
        outcome = execute_run(run_id, engine="celery")
    finally:
        close_old_connections()
    if outcome.status == JobStatus.FAILED and outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in, max_retries=None)
    return outcome.status


@shared_task(name="sjl.fire_scheduled", ignore_result=True)
def fire_scheduled(entry_name: str) -> int:
    """Celery beat's entry point: enqueue the schedule entry's job for this slot."""
    close_old_connections()
    try:
        return fire(entry_name).pk
    finally:
        close_old_connections()
