"""The nightly refresh on a real worker fleet (issue 17, B9), on Celery and on Dramatiq: a
worker killed (SIGKILL) in the middle of a chunk, then a new worker, finishes the night
without redoing the batches and chunks that were done and without a recommendation stored
twice; starting the night again afterwards redoes nothing.

"Mid-chunk" is made exact, not timed: the test holds the row lock of the chunk's second
profile (a separate PostgreSQL connection, `SELECT … FOR UPDATE`), so the worker stores the
chunk's first batch (one profile: `NIGHTLY_BATCH_SIZE=1`), moves the cursor, then waits on the
lock for the second batch; the test sees it waiting (pg_stat_activity) and kills it. Search is
the embedded backend in a file every process shares (what is under test is the job machinery
and the database; the backends' parity is tests/contract/test_matching_backends.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.test import override_settings

from backend.matching.models import (
    MatchRun,
    MatchRunStatus,
    NightlyChunk,
    NightlyRefresh,
    Recommendation,
)
from search.backends import get_backend
from tests.contract.harness import EngineProcesses, ThrowawayRedis, redis_binary, wait_for
from tests.contract.test_faults import database_url, query
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from workers.models import JobRun

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(300)]

NIGHT = "2026-12-02"


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None, tmp_path: Path) -> Iterator[Path]:
    from django.apps import apps

    from backend.matching.models import OrdinancePolicy
    from backend.matching.policy import load_default_policy
    from backend.taxonomy.loading import load_reference_data

    load_reference_data(apps)
    if not OrdinancePolicy.objects.exists():
        OrdinancePolicy.objects.create(version=1, document=load_default_policy())
    path = tmp_path / "search.sqlite3"
    with override_settings(
        SEARCH_BACKEND="embedded",
        SEARCH_EMBEDDED_PATH=path,
        SEARCH_REFRESH_ON_WRITE=True,
        WORKER_ENGINE="inline",
        MATCHING_REFRESH_ON_CHANGE=False,
    ):
        get_backend().reset()
        yield path


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[ThrowawayRedis]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = ThrowawayRedis(binary=redis_binary(), folder=folder)
    server.start()
    yield server
    server.stop()


class RowLock:
    """`SELECT … FOR UPDATE` of one profile row, on a connection of its own."""

    def __init__(self, profile_id: int) -> None:
        self.conn = psycopg.connect(database_url(), autocommit=False)
        self.conn.execute(
            "SELECT id FROM seekers_seekerprofile WHERE id = %s FOR UPDATE", [profile_id]
        )

    def release(self) -> None:
        if not self.conn.closed:
            self.conn.rollback()
            self.conn.close()


def waiting_on_a_lock() -> bool:
    """Whether a backend of this database waits for a row lock on the profiles."""
    rows = query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock' AND query LIKE %s",
        ['%FROM "seekers_seekerprofile"%FOR UPDATE%'],
    )
    return bool(rows)


def stamps() -> dict[int, set[datetime.datetime]]:
    seen: dict[int, set[datetime.datetime]] = {}
    for seeker_id, at in Recommendation.objects.values_list("seeker_id", "computed_at"):
        seen.setdefault(seeker_id, set()).add(at)
    return seen


@pytest.mark.parametrize("engine_name", ["celery", "dramatiq"])
def test_a_worker_killed_mid_chunk_the_night_finishes_without_redoing_done_work(
    engine_name: str, redis_server: ThrowawayRedis, tmp_path: Path, reference_data: Path
) -> None:
    assert connection.vendor == "postgresql"
    employer, _ = covered_employer()
    for n in range(3):
        forklift_posting(employer, title=f"지게차 운전원 {n}", openings=3)
    profiles = [seeker_with() for _ in range(9)]
    index_all()
    Recommendation.objects.all().delete()
    ids = sorted(p.pk for p in profiles)
    engine = EngineProcesses(
        engine=engine_name,
        broker_url=redis_server.url,
        folder=tmp_path,
        extra_env={
            "SEARCH_BACKEND": "embedded",
            "SEARCH_EMBEDDED_PATH": str(reference_data),
            "MATCHING_REFRESH_ON_CHANGE": "false",
            "NIGHTLY_BATCH_SIZE": "1",
            # Longer than the harness's 4 s: the test kills the worker itself, the engine's
            # time limit must not (the lease outlives the limit, as the checks require).
            "JOB_TIME_LIMIT_SECONDS": "20",
            "JOB_SOFT_TIME_LIMIT_SECONDS": "20",
            "JOB_LEASE_SECONDS": "22",
            "CELERY_VISIBILITY_TIMEOUT_SECONDS": "25",
        },
    )
    # Chunks of 3: [0, ids[3]) [ids[3], ids[6]) [ids[6], …). The second chunk's second profile
    # is held, so that chunk stores ids[3], then waits.
    lock = RowLock(ids[4])
    try:
        first = engine.start_worker("first")
        engine.start_scheduler()  # the sweep re-sends runs whose lease expired
        engine.enqueue("refresh_all_recommendations", day=NIGHT, chunk_size=3)
        wait_for(waiting_on_a_lock, 90, "the worker to wait mid-chunk", engine.logs)
        refresh = NightlyRefresh.objects.get(day=NIGHT)
        chunks = {c.number: c for c in refresh.chunks.all()}
        second = chunks[2]
        assert second.first_profile_id == ids[3]
        assert (second.status, second.seekers, second.next_profile_id) == (
            "running",
            1,
            ids[3] + 1,
        )
        done_before = {n for n, c in chunks.items() if c.status == "done"}
        assert 1 in done_before
        before = stamps()
        engine.kill9(first)
        lock.release()
        engine.start_worker("second")
        wait_for(
            lambda: NightlyRefresh.objects.filter(day=NIGHT, status="done").exists(),
            150,
            "the night to finish on the new worker",
            engine.logs,
        )
        refresh.refresh_from_db()
        assign_id = refresh.match_run_id
        assert assign_id is not None
        wait_for(
            lambda: MatchRun.objects.get(pk=assign_id).status == MatchRunStatus.DONE,
            90,
            "the assignment run",
            engine.logs,
        )
        final = {c.number: c for c in NightlyChunk.objects.filter(refresh=refresh)}
        assert all(c.status == "done" for c in final.values())
        # Every seeker counted once; the finished chunks ran once; the killed one twice.
        assert sum(c.seekers for c in final.values()) == len(ids)
        for number in done_before:
            assert final[number].executions == 1
        assert final[2].executions == 2
        after = stamps()
        assert set(after) == set(ids)
        # What was stored before the kill (chunk 1, and chunk 2's first batch) was not redone.
        kept = [*ids[:3], ids[3]]
        assert {pk: after[pk] for pk in kept} == {pk: before[pk] for pk in kept}
        pairs = list(Recommendation.objects.values_list("seeker_id", "posting_id"))
        assert len(pairs) == len(set(pairs))
        ranks = list(Recommendation.objects.values_list("seeker_id", "rank"))
        assert len(ranks) == len(set(ranks))
        assert sum(c.recommendations for c in final.values()) == len(pairs)
        chunk_jobs = JobRun.objects.filter(run_key__startswith=f"nightly:{refresh.pk}:")
        assert chunk_jobs.count() == 3
        assert set(chunk_jobs.values_list("status", flat=True)) == {"done"}

        # Started again (a second scheduler, or staff by hand): nothing is redone.
        engine.enqueue("refresh_all_recommendations", day=NIGHT, chunk_size=3)
        runs = JobRun.objects.filter(job="refresh_all_recommendations")
        wait_for(lambda: runs.filter(status="done").count() == 2, 60, "the rerun", engine.logs)
        assert stamps() == after
        assert [c.executions for c in NightlyChunk.objects.filter(refresh=refresh)] == [1, 2, 1]
        assert MatchRun.objects.filter(kind="assign").count() == 1
    finally:
        lock.release()
        engine.stop_all()
