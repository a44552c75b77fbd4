"""The job contract, run for Celery and Dramatiq with real worker processes on a real Redis.

Each test gets its own throwaway Redis (some tests wipe it) and the pytest-django test
database, shared with the child processes, so these tests use `transactional_db`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from tests.contract import jobs as contract_jobs
from tests.contract.harness import EngineProcesses, ThrowawayRedis, redis_binary, wait_for
from workers.models import JobRun, JobStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[ThrowawayRedis]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = ThrowawayRedis(binary=redis_binary(), folder=folder)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["celery", "dramatiq"])
def engine(
    request: pytest.FixtureRequest,
    redis_server: ThrowawayRedis,
    tmp_path: Path,
    transactional_db: None,
) -> Iterator[EngineProcesses]:
    contract_jobs.create_tables()
    processes = EngineProcesses(engine=request.param, broker_url=redis_server.url, folder=tmp_path)
    yield processes
    processes.stop_all()


def status_of(run_id: int) -> str | None:
    return JobRun.objects.filter(pk=run_id).values_list("status", flat=True).first()


def test_committed_job_runs_once_and_rolled_back_never(engine: EngineProcesses) -> None:
    engine.start_worker()
    output = engine.run_client(
        "from django.db import transaction\n"
        "from workers.dispatch import enqueue\n"
        "try:\n"
        "    with transaction.atomic():\n"
        "        enqueue('contract.record', key='rolled-back')\n"
        "        raise RuntimeError('request failed')\n"
        "except RuntimeError:\n"
        "    pass\n"
        "print(enqueue('contract.record', key='committed').pk)\n"
    )
    run_id = int(output.splitlines()[-1])
    wait_for(lambda: status_of(run_id) == JobStatus.DONE, 60, "the committed run", engine.logs)
    run = JobRun.objects.get(pk=run_id)
    assert run.engine == engine.engine
    assert run.attempt == 1
    assert contract_jobs.executions("committed") == 1
    assert contract_jobs.executions("rolled-back") == 0
    assert JobRun.objects.count() == 1


def test_failing_job_is_retried_then_dead(engine: EngineProcesses) -> None:
    engine.start_worker()
    run_id = engine.enqueue("contract.fail", key="always-fails")
    wait_for(lambda: status_of(run_id) == JobStatus.DEAD, 60, "the run to end dead", engine.logs)
    run = JobRun.objects.get(pk=run_id)
    assert run.attempt == 3
    assert "RuntimeError: contract failure for always-fails" in run.error
    assert contract_jobs.executions("always-fails") == 3


def test_killed_worker_job_runs_again_and_applies_once(engine: EngineProcesses) -> None:
    first = engine.start_worker("first")
    engine.start_scheduler()  # serves the stale-run sweep every second
    run_id = engine.enqueue("contract.record", key="killed", first_sleep=3.0)
    wait_for(lambda: contract_jobs.executions("killed") == 1, 60, "the job to start", engine.logs)
    engine.kill9(first)
    assert status_of(run_id) == JobStatus.RUNNING
    assert contract_jobs.effects("killed") == {}
    engine.start_worker("second")
    wait_for(
        lambda: status_of(run_id) == JobStatus.DONE, 90, "the run on a new worker", engine.logs
    )
    run = JobRun.objects.get(pk=run_id)
    assert run.attempt == 2
    assert contract_jobs.executions("killed") == 2
    assert contract_jobs.effects("killed") == {"killed": 1}


def test_broker_losing_its_data_loses_no_run(
    engine: EngineProcesses, redis_server: ThrowawayRedis
) -> None:
    keys = [f"lost-{index}" for index in range(10)]
    run_ids = [
        int(line)
        for line in engine.run_client(
            "from workers.dispatch import enqueue\n"
            f"for key in {keys!r}:\n"
            "    print(enqueue('contract.record', key=key).pk)\n"
        ).splitlines()
    ]
    assert set(JobRun.objects.filter(pk__in=run_ids).values_list("status", flat=True)) == {
        JobStatus.QUEUED
    }
    redis_server.restart_wiped()
    engine.start_worker()
    engine.start_scheduler()
    wait_for(
        lambda: JobRun.objects.filter(pk__in=run_ids, status=JobStatus.DONE).count() == len(keys),
        90,
        "every run to complete after the broker lost its data",
        engine.logs,
    )
    assert contract_jobs.effects("lost-") == dict.fromkeys(keys, 1)
    assert all(contract_jobs.executions(key) == 1 for key in keys)


def test_scheduled_job_fires(engine: EngineProcesses) -> None:
    engine.start_worker()
    engine.start_scheduler()

    def fired() -> bool:
        return JobRun.objects.filter(
            job="sweep_stale_runs",
            run_key__startswith="schedule:sweep-stale-runs:",
            status=JobStatus.DONE,
            engine=engine.engine,
        ).exists()

    wait_for(fired, 60, "the scheduled sweep to run", engine.logs)


def test_worker_keeps_its_connection_and_replaces_one_the_server_terminated(
    engine: EngineProcesses,
) -> None:
    """With DATABASE_CONN_MAX_AGE, one PostgreSQL session serves run after run (Celery's Django
    fixup would otherwise close it around every task); when the server ends that session
    (pg_terminate_backend), the health check replaces it and the next run succeeds first time."""
    engine.extra_env["DATABASE_CONN_MAX_AGE"] = "60"
    engine.start_worker()
    runs = {key: engine.enqueue("contract.session", key=key) for key in ("one", "two")}
    for key, run_id in runs.items():

        def finished(run: int = run_id) -> bool:
            return status_of(run) == JobStatus.DONE

        wait_for(finished, 60, f"run {key}", engine.logs)
    kept = contract_jobs.session_of("one")
    assert kept is not None
    assert contract_jobs.session_of("two") == kept

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [kept])
        assert cursor.fetchone()[0] is True

    def gone() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [kept])
            return int(cursor.fetchone()[0]) == 0

    wait_for(gone, 10, "the terminated session to end", engine.logs)
    after = engine.enqueue("contract.session", key="after")
    wait_for(lambda: status_of(after) == JobStatus.DONE, 60, "the run after", engine.logs)
    run = JobRun.objects.get(pk=after)
    assert run.attempt == 1
    assert run.error == ""
    replaced = contract_jobs.session_of("after")
    assert replaced is not None
    assert replaced != kept
