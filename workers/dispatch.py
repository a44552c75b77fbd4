"""Enqueue jobs: a durable `JobRun` row in the caller's transaction, handed over on commit.

    from workers.dispatch import enqueue
    enqueue("expire_postings")              # inside a service's @transaction.atomic

The row commits with the caller's writes or not at all, so a rolled-back request never runs
a job, and a committed one is never lost: if the hand-over to the broker fails, or the broker
later loses its data, the periodic sweep (`sweep_stale_runs`) re-sends the run.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from workers.models import JobRun, JobStatus
from workers.registry import get_job

logger = logging.getLogger("workers.dispatch")


class JobArgumentsError(TypeError):
    """Job arguments must be small JSON values: ids, strings, numbers, lists and dicts."""


def _check_json(value: Any, path: str) -> None:
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise JobArgumentsError(f"{path} is {value}, which JSON cannot carry")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{path}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise JobArgumentsError(f"{path} has a non-string key {key!r}")
            _check_json(item, f"{path}.{key}")
        return
    raise JobArgumentsError(
        f"{path} is a {type(value).__name__}; pass ids and JSON values, not objects"
    )


def _new_run(job_name: str, run_key: str | None, arguments: dict[str, Any]) -> JobRun:
    spec = get_job(job_name)
    _check_json(arguments, "arguments")
    return JobRun(
        job=job_name,
        arguments=arguments,
        run_key=run_key,
        engine=settings.WORKER_ENGINE,
        max_attempts=spec.max_attempts or settings.JOB_MAX_ATTEMPTS,
    )


def enqueue(job_name: str, /, **arguments: Any) -> JobRun:
    """Record a run of `job_name(**arguments)` and hand it to the engine after commit.

    Raises `UnknownJobError` for an unregistered name and `JobArgumentsError` for arguments
    that are not JSON values. Inside `transaction.atomic()` the run exists only if that
    transaction commits.
    """
    run = _new_run(job_name, None, arguments)
    run.save()
    _send_on_commit(run.pk)
    return run


def enqueue_once(job_name: str, run_key: str, /, **arguments: Any) -> JobRun:
    """Like `enqueue`, but at most one run per `run_key` ever exists (e.g. a schedule slot).

    Returns the existing run when the key was used before; it is not sent again.
    """
    run = _new_run(job_name, run_key, arguments)
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        existing = JobRun.objects.get(run_key=run_key)
        return existing
    _send_on_commit(run.pk)
    return run


def _send_on_commit(run_id: int) -> None:
    transaction.on_commit(lambda: send_run(run_id), robust=True)


def send_run(run_id: int) -> bool:
    """Hand run `run_id` to the configured engine now. Never raises: on a broker error the
    run stays as it is and the sweep sends it again later. Returns whether it was handed over.
    """
    engine = settings.WORKER_ENGINE
    JobRun.objects.filter(pk=run_id).update(
        sent_at=timezone.now(), sends=F("sends") + 1, engine=engine
    )
    try:
        if engine == "inline":
            from workers.runner import execute_run

            execute_run(run_id, engine="inline")
        elif engine == "celery":
            from workers.celery_tasks import run_job as celery_run_job

            celery_run_job.apply_async(args=(run_id,))
        else:
            from workers.dramatiq_actors import run_job as dramatiq_run_job

            dramatiq_run_job.send(run_id)
    except Exception:
        logger.exception(
            "could not hand run=%s to the %s engine; the sweep will retry", run_id, engine
        )
        return False
    return True


def retry_run(run_id: int) -> bool:
    """Staff action: give a dead or failed run a fresh set of attempts and send it again."""
    with transaction.atomic():
        updated = JobRun.objects.filter(
            pk=run_id, status__in=[JobStatus.DEAD, JobStatus.FAILED]
        ).update(status=JobStatus.QUEUED, attempt=0, available_at=None, finished_at=None)
        if updated:
            _send_on_commit(run_id)
    return bool(updated)
