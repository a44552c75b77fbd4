"""Run one `JobRun`: claim it, call its job, record the outcome. Engine-agnostic.

Every engine (inline, Celery, Dramatiq) calls `execute_run(run_id)` and nothing else; the
adapters only translate `RunOutcome.retry_in` into their own retry mechanism.

Why a claim: brokers deliver at least once (a message is redelivered after a worker is
killed, and the sweep re-sends runs it thinks are lost), so two deliveries of one run may
meet. The conditional UPDATE below lets exactly one of them move the row to `running`; the
other sees no row to claim and returns `skipped`. A `running` row is taken over only when its
lease has expired, i.e. when its worker has certainly stopped working on it (the lease is
longer than the hard time limit).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import traceback
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone

from workers.models import JobRun, JobStatus
from workers.registry import UnknownJobError, get_job

logger = logging.getLogger("workers.runner")

_WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class RunOutcome:
    """What happened to a run: `done`, `failed` (retry in `retry_in` s), `dead` or `skipped`."""

    run_id: int
    status: str
    retry_in: float | None = None


def retry_delay(attempt: int) -> float:
    """Exponential backoff after failed attempt `attempt` (1-based), capped by settings."""
    base = settings.JOB_RETRY_BACKOFF_SECONDS
    return float(min(base * (2 ** (attempt - 1)), settings.JOB_RETRY_BACKOFF_MAX_SECONDS))


def claim_run(run_id: int, *, engine: str) -> JobRun | None:
    """Move the run to `running` if it is queued, failed, or running on an expired lease.

    Returns the claimed row (with its new attempt number), or None when there is nothing to
    claim: the run is done, dead, deleted, or still leased by a live worker. One round trip:
    a conditional `UPDATE … RETURNING` (PostgreSQL, and SQLite ≥ 3.35) claims and reads.
    """
    now = timezone.now()
    ops = connection.ops
    table = ops.quote_name(JobRun._meta.db_table)
    columns = ", ".join(ops.quote_name(f.column) for f in JobRun._meta.concrete_fields)
    # Only the table and column names (from the model) are formatted in; values are parameters.
    sql = (
        f"UPDATE {table} SET status = %s, attempt = attempt + 1, started_at = %s,"  # noqa: S608
        " lease_expires_at = %s, finished_at = NULL, worker = %s, engine = %s"
        " WHERE id = %s AND (status IN (%s, %s) OR (status = %s AND lease_expires_at < %s))"
        f" RETURNING {columns}"
    )
    stamp = ops.adapt_datetimefield_value
    params = [
        JobStatus.RUNNING,
        stamp(now),
        stamp(now + timedelta(seconds=settings.JOB_LEASE_SECONDS)),
        _WORKER_NAME[:200],
        engine,
        run_id,
        JobStatus.QUEUED,
        JobStatus.FAILED,
        JobStatus.RUNNING,
        stamp(now),
    ]
    claimed = list(JobRun.objects.raw(sql, params))
    return claimed[0] if claimed else None


def _claim(run_id: int, *, engine: str) -> JobRun | None:
    """`claim_run` on the kept connection, which the claim itself checks: if the server ended
    that session (restart, pg_terminate_backend, idle timeout), close it and claim once more
    on a new one. Django's own health check (CONN_HEALTH_CHECKS) would cost a `SELECT 1` before
    every run instead, so it is skipped here. A claim whose statement reached the server before
    the session broke leaves the run leased; its lease runs out and the sweep sends it again."""
    connection.health_check_done = True  # type: ignore[attr-defined]  # Django ≥ 4.1 attribute
    try:
        return claim_run(run_id, engine=engine)
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        logger.info("job run=%s: the database connection was lost; claiming on a new one", run_id)
        connection.close()
        return claim_run(run_id, engine=engine)


def _finish(run: JobRun, **fields: object) -> bool:
    """Write the outcome unless another worker has taken the run over meanwhile."""
    updated = JobRun.objects.filter(
        pk=run.pk, status=JobStatus.RUNNING, attempt=run.attempt
    ).update(**fields)
    if not updated:
        logger.warning(
            "job %s run=%s attempt=%s finished after its lease was taken over; outcome dropped",
            run.job,
            run.pk,
            run.attempt,
        )
    return bool(updated)


def execute_run(run_id: int, *, engine: str) -> RunOutcome:
    """Claim run `run_id`, run its job once, and record done/failed/dead. Never raises
    for a job's own error (KeyboardInterrupt and SystemExit pass through)."""
    run = _claim(run_id, engine=engine)
    if run is None:
        logger.debug("job run=%s not claimable (done, dead, deleted or leased)", run_id)
        return RunOutcome(run_id, "skipped")
    if run.attempt > run.max_attempts:
        # Only reachable when workers died mid-run: each death costs an attempt too.
        _finish(
            run,
            status=JobStatus.DEAD,
            finished_at=timezone.now(),
            lease_expires_at=None,
            error=(run.error + "\n" if run.error else "")
            + f"gave up: {run.max_attempts} attempts used (a worker was lost mid-run)",
        )
        logger.error("job %s run=%s dead: attempts exhausted by lost workers", run.job, run.pk)
        return RunOutcome(run_id, JobStatus.DEAD)

    started = time.perf_counter()
    try:
        spec = get_job(run.job)
        spec.function(**run.arguments)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # a job's failure, or an engine's time-limit interrupt
        duration_ms = (time.perf_counter() - started) * 1000
        message = "".join(traceback.format_exception(error, limit=20))[-8000:]
        final = run.attempt >= run.max_attempts or isinstance(error, UnknownJobError)
        delay = None if final else retry_delay(run.attempt)
        _finish(
            run,
            status=JobStatus.DEAD if final else JobStatus.FAILED,
            finished_at=timezone.now(),
            duration_ms=duration_ms,
            lease_expires_at=None,
            available_at=None if delay is None else timezone.now() + timedelta(seconds=delay),
            error=message,
        )
        logger.warning(
            "job %s run=%s attempt=%s/%s %s in %.1f ms: %s",
            run.job,
            run.pk,
            run.attempt,
            run.max_attempts,
            "dead" if final else "failed",
            duration_ms,
            f"{type(error).__name__}: {error}",
        )
        return RunOutcome(run_id, JobStatus.DEAD if final else JobStatus.FAILED, delay)

    duration_ms = (time.perf_counter() - started) * 1000
    _finish(
        run,
        status=JobStatus.DONE,
        finished_at=timezone.now(),
        duration_ms=duration_ms,
        lease_expires_at=None,
    )
    logger.info(
        "job %s run=%s attempt=%s done in %.1f ms", run.job, run.pk, run.attempt, duration_ms
    )
    return RunOutcome(run_id, JobStatus.DONE)
