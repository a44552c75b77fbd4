"""enqueue / run / sweep / prune on the inline engine, through the public functions."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from backend.core.retention import retention_policy
from tests.contract import jobs as contract_jobs
from tests.factories.accounts import log_in
from workers import jobs
from workers.dispatch import JobArgumentsError, enqueue, enqueue_once, retry_run, send_run
from workers.models import JobRun, JobStatus
from workers.registry import UnknownJobError
from workers.runner import execute_run
from workers.schedule import fire

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def effect_tables() -> None:
    contract_jobs.create_tables()


def test_unknown_job_is_refused() -> None:
    with pytest.raises(UnknownJobError, match="unknown job 'no_such_job'"):
        enqueue("no_such_job")
    assert not JobRun.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [{"key": datetime.now(tz=UTC)}, {"key": {1, 2}}, {"key": math.nan}, {"key": {1: "x"}}],
)
def test_arguments_must_be_json_values(bad: dict[str, object]) -> None:
    with pytest.raises(JobArgumentsError):
        enqueue("contract.record", **bad)
    assert not JobRun.objects.exists()


@transaction.atomic
def _enqueue_then_fail(key: str) -> None:
    enqueue("contract.record", key=key)
    raise RuntimeError("the request failed")


def test_rolled_back_enqueue_never_runs_and_committed_runs_once(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError, match="request failed"):
            _enqueue_then_fail("rolled-back")
        run = enqueue("contract.record", key="committed")
    assert not JobRun.objects.filter(arguments__key="rolled-back").exists()
    assert contract_jobs.executions("rolled-back") == 0
    run.refresh_from_db()
    assert run.status == JobStatus.DONE
    assert run.engine == "inline"
    assert run.attempt == 1
    assert run.duration_ms is not None
    assert contract_jobs.executions("committed") == 1


@override_settings(JOB_RETRY_BACKOFF_SECONDS=0)
def test_failing_job_is_retried_by_the_sweep_then_dead(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = enqueue("contract.fail", key="f")  # max_attempts=3
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED
    assert run.attempt == 1
    jobs.sweep_stale_runs()
    jobs.sweep_stale_runs()
    run.refresh_from_db()
    assert run.status == JobStatus.DEAD
    assert run.attempt == 3
    assert "RuntimeError: contract failure for f" in run.error
    assert contract_jobs.executions("f") == 3
    # Dead is final: another sweep sends nothing.
    assert jobs.sweep_stale_runs() == {"queued": 0, "failed": 0, "running": 0}


def test_a_second_delivery_is_skipped() -> None:
    run = JobRun.objects.create(
        job="contract.record", arguments={"key": "twice"}, engine="x", max_attempts=3
    )
    assert execute_run(run.pk, engine="inline").status == "done"
    assert execute_run(run.pk, engine="inline").status == "skipped"
    assert contract_jobs.executions("twice") == 1


def test_a_run_costs_one_query_to_claim_and_one_to_finish(django_assert_num_queries: Any) -> None:
    run = JobRun.objects.create(
        job="noop", arguments={}, engine="celery", max_attempts=3, error="an old attempt"
    )
    with django_assert_num_queries(2):
        outcome = execute_run(run.pk, engine="dramatiq")
    assert outcome.status == "done"
    run.refresh_from_db()
    assert (run.status, run.attempt, run.engine) == (JobStatus.DONE, 1, "dramatiq")
    assert run.started_at is not None
    assert run.finished_at is not None
    assert run.lease_expires_at is None


def test_the_claimed_row_carries_the_runs_arguments_and_attempt() -> None:
    run = JobRun.objects.create(
        job="contract.fail", arguments={"key": "args"}, engine="x", max_attempts=3
    )
    assert execute_run(run.pk, engine="inline").status == "failed"
    assert execute_run(run.pk, engine="inline").status == "failed"
    assert execute_run(run.pk, engine="inline").status == "dead"
    run.refresh_from_db()
    assert run.attempt == 3
    assert "contract failure for args" in run.error
    assert contract_jobs.executions("args") == 3


def test_a_live_lease_blocks_and_an_expired_lease_is_taken_over() -> None:
    now = timezone.now()
    run = JobRun.objects.create(
        job="contract.record",
        arguments={"key": "leased"},
        engine="celery",
        max_attempts=3,
        status=JobStatus.RUNNING,
        attempt=1,
        lease_expires_at=now + timedelta(minutes=5),
    )
    assert execute_run(run.pk, engine="inline").status == "skipped"
    JobRun.objects.filter(pk=run.pk).update(lease_expires_at=now - timedelta(seconds=1))
    assert execute_run(run.pk, engine="inline").status == "done"
    run.refresh_from_db()
    assert run.attempt == 2
    assert contract_jobs.executions("leased") == 1


def test_lost_workers_use_up_attempts() -> None:
    run = JobRun.objects.create(
        job="contract.record",
        arguments={"key": "lost"},
        engine="celery",
        max_attempts=2,
        status=JobStatus.RUNNING,
        attempt=2,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )
    assert execute_run(run.pk, engine="inline").status == "dead"
    run.refresh_from_db()
    assert run.status == JobStatus.DEAD
    assert "worker was lost" in run.error
    assert contract_jobs.executions("lost") == 0


def test_deleted_run_is_tolerated() -> None:
    assert execute_run(987654, engine="inline").status == "skipped"
    assert send_run(987654) is True


@override_settings(JOB_STALE_AFTER_SECONDS=0)
def test_sweep_resends_queued_runs_the_broker_lost() -> None:
    # Written but never handed over (as if the broker lost the message).
    run = JobRun.objects.create(
        job="contract.record", arguments={"key": "lost-msg"}, engine="inline", max_attempts=3
    )
    JobRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(seconds=5))
    counts = jobs.sweep_stale_runs()
    assert counts["queued"] == 1
    run.refresh_from_db()
    assert run.status == JobStatus.DONE
    assert run.sends == 1
    assert contract_jobs.executions("lost-msg") == 1


def test_enqueue_once_and_schedule_slots_deduplicate(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue_once("noop", "k1")
        again = enqueue_once("noop", "k1")
        slot_a = fire("sweep-stale-runs", now=1_000_000.0)
        slot_a_again = fire("sweep-stale-runs", now=1_000_000.5)
    assert first.pk == again.pk
    assert slot_a.pk == slot_a_again.pk
    assert JobRun.objects.filter(job="noop").count() == 1
    assert JobRun.objects.get(pk=slot_a.pk).status == JobStatus.DONE


def test_prune_keeps_recent_and_dead_runs_longer() -> None:
    now = timezone.now()
    old = now - timedelta(days=40)
    rows = {
        "old_done": JobRun(
            job="noop", engine="inline", max_attempts=1, status=JobStatus.DONE, finished_at=old
        ),
        "new_done": JobRun(
            job="noop", engine="inline", max_attempts=1, status=JobStatus.DONE, finished_at=now
        ),
        "old_dead": JobRun(
            job="noop", engine="inline", max_attempts=1, status=JobStatus.DEAD, finished_at=old
        ),
        "ancient_dead": JobRun(
            job="noop",
            engine="inline",
            max_attempts=1,
            status=JobStatus.DEAD,
            finished_at=now - timedelta(days=100),
        ),
    }
    for row in rows.values():
        row.save()
    assert jobs.prune_job_runs() == {"done": 1, "dead": 1}
    remaining = set(JobRun.objects.values_list("pk", flat=True))
    assert remaining == {rows["new_done"].pk, rows["old_dead"].pk}


def test_prune_reads_its_periods_from_the_retention_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The periods are data (backend/core/retention_policy.yaml `job_runs`), not settings."""
    now = timezone.now()
    ten_days = JobRun.objects.create(
        job="noop",
        engine="inline",
        max_attempts=1,
        status=JobStatus.DONE,
        finished_at=now - timedelta(days=10),
    )
    assert jobs.prune_job_runs() == {"done": 0, "dead": 0}  # the policy's 30 days
    monkeypatch.setitem(retention_policy()["job_runs"], "days", 7)
    assert jobs.prune_job_runs() == {"done": 1, "dead": 0}
    assert not JobRun.objects.filter(pk=ten_days.pk).exists()


def test_staff_retry_a_dead_run_from_the_admin(
    admin_client: Client, admin_user: Any, django_capture_on_commit_callbacks
) -> None:
    log_in(admin_client, admin_user)  # staff pass the second factor (issue 13)
    dead = JobRun.objects.create(
        job="contract.record",
        arguments={"key": "revived"},
        engine="inline",
        max_attempts=1,
        status=JobStatus.DEAD,
        attempt=1,
        error="boom",
    )
    listing = admin_client.get("/admin/workers/jobrun/?status=dead")
    assert listing.status_code == 200
    assert "contract.record" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/workers/jobrun/",
            {"action": "retry_selected", "_selected_action": [dead.pk]},
            follow=True,
        )
    assert response.status_code == 200
    dead.refresh_from_db()
    assert dead.status == JobStatus.DONE
    assert contract_jobs.executions("revived") == 1
    assert retry_run(dead.pk) is False  # done runs are not retried
