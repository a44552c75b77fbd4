"""Faults with real servers and real processes (issue 17): what breaks, and what must hold.

- a web process (gunicorn) killed in the middle of a write: the transaction is all or nothing;
- PostgreSQL lost in the middle of a request (its backend terminated, new connections refused
  by a TCP proxy: a restart as the clients see it): the request answers 503, nothing stays
  half-written, and the same request succeeds once the database is back;
- PostgreSQL lost in the middle of a job: the job is retried and applies its effect once;
- the search sync (the outbox relay) killed in the middle of a batch, after Elasticsearch has
  applied the bulk but before the events are marked: no event is lost and none is applied
  twice (external versions: a replay is refused, the documents' sequence numbers do not move);
- two schedulers at once: no slot fires twice;
- Elasticsearch gone during a rebuild and back: the aliases never point at a short index.

"Mid-request" is made exact, not timed: the test holds a lock on the table the request writes
last, waits until the request's backend is blocked on it (pg_stat_activity) having written its
first rows (pg_locks), and only then breaks things. The servers `make test` started are never
stopped: a fault is a TCP proxy cut, a terminated backend of the test's own database, or a
killed process the test started (DESIGN.md, Tests).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

from backend.jobs.models import Posting
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.backends.base import SearchUnavailableError
from search.backends.es_mappings import read_alias
from search.indexing import push_postings
from search.models import OutboxEvent
from tests.conftest import PYTHON
from tests.contract import jobs as contract_jobs
from tests.contract.harness import (
    EngineProcesses,
    ThrowawayRedis,
    free_port,
    redis_binary,
    wait_for,
)
from tests.contract.proxy import TcpProxy
from tests.contract.test_search_backends import make_posting
from tests.factories.accounts import staff_user
from tests.factories.employers import employer_with_user
from tests.factories.seekers import graduate_profile
from workers.models import JobRun, JobStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(240)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None) -> None:
    """An earlier transactional test's flush empties the reference tables: put them back."""
    from django.apps import apps

    from backend.matching.models import OrdinancePolicy
    from backend.matching.policy import load_default_policy
    from backend.taxonomy.loading import load_reference_data

    load_reference_data(apps)
    if not OrdinancePolicy.objects.exists():
        OrdinancePolicy.objects.create(version=1, document=load_default_policy())
    contract_jobs.create_tables()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[ThrowawayRedis]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = ThrowawayRedis(binary=redis_binary(), folder=folder)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgres_proxy() -> Iterator[TcpProxy]:
    """A TCP proxy in front of the suite's PostgreSQL (never stopped itself)."""
    db = connection.settings_dict
    with TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)) as proxy:
        yield proxy


def database_url(port: int | None = None) -> str:
    """pytest-django's test database, directly or through the proxy on `port`."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, real_port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    where = f"127.0.0.1:{port}" if port else f"{host}:{real_port}"
    return f"postgres://{db['USER']}{password}@{where}/{db['NAME']}"


def processes(
    engine: str, redis_server: ThrowawayRedis, tmp_path: Path, **extra_env: str
) -> EngineProcesses:
    return EngineProcesses(
        engine=engine, broker_url=redis_server.url, folder=tmp_path, extra_env=extra_env
    )


def query(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return list(cursor.fetchall())


class TableLock:
    """`LOCK TABLE … IN EXCLUSIVE MODE` (reads pass, writes wait) on a connection of its own."""

    def __init__(self, table: str) -> None:
        self.conn = psycopg.connect(database_url(), autocommit=False)
        self.conn.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')

    def release(self) -> None:
        if not self.conn.closed:
            self.conn.rollback()
            self.conn.close()


def blocked_writer(table: str, written: str) -> int | None:
    """The pid of a backend of this database waiting for a lock to insert into `table` that
    has already written to `written` (holds its row-exclusive lock), if there is one."""
    rows = query(
        "SELECT a.pid FROM pg_stat_activity a WHERE a.datname = current_database()"
        " AND a.wait_event_type = 'Lock' AND a.query LIKE %s"
        " AND EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
        "  WHERE l.pid = a.pid AND c.relname = %s AND l.mode = 'RowExclusiveLock' AND l.granted)",
        [f'INSERT INTO "{table}"%', written],
    )
    return int(rows[0][0]) if rows else None


def backend_alive(pid: int) -> bool:
    return bool(query("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]))


class Web:
    """A gunicorn process (one worker) of the project, and a seeker's session on it."""

    def __init__(self, engine: EngineProcesses, db_url: str) -> None:
        self.engine = engine
        self.port = free_port()
        engine.extra_env["DATABASE_URL"] = db_url
        self.process = engine.spawn(
            "web",
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "120",
            ],
        )
        wait_for(self._answers, 90, "gunicorn to answer /healthz", engine.logs)

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                return True
        except OSError:
            return False

    def patch_profile(self, session: str, about: str) -> tuple[int, dict[str, Any], str]:
        token = "a" * 32
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/v1/me/profile/",
            data=json.dumps({"about": about}).encode(),
            method="PATCH",
            headers={
                "Content-Type": "application/json",
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; "
                f"{settings.CSRF_COOKIE_NAME}={token}",
                "X-CSRFToken": token,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read()), ""
        except urllib.error.HTTPError as error:
            body = error.read()
            retry_after = error.headers.get("Retry-After", "")
            try:
                return error.code, json.loads(body), retry_after
            except ValueError:
                return error.code, {"raw": body.decode(errors="replace")}, retry_after

    def get_page(
        self, session: str, path: str, language: str = "ko"
    ) -> tuple[int, str, dict[str, str]]:
        """A page as a browser asks for it: status, HTML, headers."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
                "Accept-Language": language,
                "Accept": "text/html",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)


def seeker_session() -> tuple[SeekerProfile, str]:
    profile = graduate_profile(about="처음 소개")
    client = Client()
    client.force_login(profile.user)
    return profile, client.cookies[settings.SESSION_COOKIE_NAME].value


def in_thread(call: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as error:  # the outcome is asserted by the test
            result.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def write_counts(profile: SeekerProfile) -> tuple[str, int, int]:
    """What a profile write leaves: the profile's text, its outbox events, the job runs."""
    about = SeekerProfile.objects.values_list("about", flat=True).get(pk=profile.pk)
    events = OutboxEvent.objects.filter(entity="profile", entity_id=profile.pk).count()
    return about, events, JobRun.objects.count()


# --- the web -----------------------------------------------------------------------------


def _block_a_profile_write(
    web: Web, session: str, about: str
) -> tuple[threading.Thread, list[Any], TableLock, int]:
    """Start PATCH /me/profile/ and hold it inside its transaction: the profile row and its
    outbox event written, the job run's insert waiting for the test's lock."""
    lock = TableLock(JobRun._meta.db_table)
    thread, result = in_thread(lambda: web.patch_profile(session, about))
    pid: list[int] = []

    def blocked() -> bool:
        found = blocked_writer(JobRun._meta.db_table, SeekerProfile._meta.db_table)
        if found is not None:
            pid.append(found)
        return found is not None

    try:
        wait_for(blocked, 60, "the request to block inside its transaction", web.engine.logs)
    except BaseException:
        lock.release()
        raise
    assert blocked_writer(JobRun._meta.db_table, OutboxEvent._meta.db_table) == pid[0]
    return thread, result, lock, pid[0]


def test_web_process_killed_mid_write_leaves_all_or_nothing(
    redis_server: ThrowawayRedis, tmp_path: Path
) -> None:
    engine = processes("celery", redis_server, tmp_path)
    profile, session = seeker_session()
    before = write_counts(profile)
    try:
        web = Web(engine, database_url())
        thread, _, lock, pid = _block_a_profile_write(web, session, "중간에 죽은 요청")
        try:
            engine.kill9(web.process)
        finally:
            lock.release()
        # The backend learns of its lost client when it next reads: after the lock, at its
        # next statement; its transaction is then rolled back.
        wait_for(lambda: not backend_alive(pid), 30, "the orphaned backend to end", engine.logs)
        thread.join(timeout=10)
        assert write_counts(profile) == before  # nothing: no text, no event, no job run
        # All: a new process does the whole write.
        web = Web(engine, database_url())
        status, body, _ = web.patch_profile(session, "다시 보낸 요청")
        assert status == 200, body
        about, events, runs = write_counts(profile)
        assert (about, events) == ("다시 보낸 요청", before[1] + 1)
        assert runs > before[2]
    finally:
        engine.stop_all()


def test_postgres_lost_mid_request_answers_503_and_leaves_nothing(
    redis_server: ThrowawayRedis, tmp_path: Path, postgres_proxy: TcpProxy
) -> None:
    engine = processes("celery", redis_server, tmp_path)
    profile, session = seeker_session()
    before = write_counts(profile)
    try:
        web = Web(engine, database_url(postgres_proxy.port))
        thread, result, lock, pid = _block_a_profile_write(web, session, "끊긴 요청")
        try:
            # The database goes away: the request's backend is killed and no new connection
            # gets through (as while PostgreSQL restarts).
            postgres_proxy.cut()
            query("SELECT pg_terminate_backend(%s)", [pid])
            thread.join(timeout=30)
        finally:
            lock.release()
        assert not thread.is_alive()
        status, body, retry_after = result[0]
        assert status == 503, body
        assert body["code"] == "database_unavailable"
        assert "데이터베이스" in body["detail"]
        assert retry_after.isdigit()
        wait_for(lambda: not backend_alive(pid), 30, "the killed backend to end", engine.logs)
        assert write_counts(profile) == before
        # Back: the same request goes through, whole.
        postgres_proxy.restore()
        status, body, _ = web.patch_profile(session, "다시 보낸 요청")
        assert status == 200, body
        about, events, runs = write_counts(profile)
        assert (about, events) == ("다시 보낸 요청", before[1] + 1)
        assert runs > before[2]
    finally:
        engine.stop_all()


def test_postgres_lost_a_page_answers_the_sites_503_page_that_needs_no_database(
    redis_server: ThrowawayRedis, tmp_path: Path, postgres_proxy: TcpProxy
) -> None:
    """A person's page (the dashboard, signed in) while PostgreSQL is gone: the site's styled
    page in Korean with Retry-After, not a plain sentence or a 500; the page is back after."""
    engine = processes("celery", redis_server, tmp_path)
    # Pages need the collected static files (their manifest): the suite's, collected once.
    (tmp_path / "var").mkdir(exist_ok=True)
    (tmp_path / "var" / "static").symlink_to(Path(settings.STATIC_ROOT))
    _profile, session = seeker_session()
    try:
        web = Web(engine, database_url(postgres_proxy.port))
        status, html, _ = web.get_page(session, "/me/")
        assert status == 200, html[:500]
        postgres_proxy.cut()
        for path in ("/me/", "/jobs/?q=%EC%A7%80%EA%B2%8C%EC%B0%A8"):  # 지게차
            status, html, headers = web.get_page(session, path)
            assert status == 503, html[:500]
            assert headers["Content-Type"].startswith("text/html")
            assert headers["Retry-After"].isdigit()
            assert "no-store" in headers["Cache-Control"]
            assert '<html lang="ko">' in html
            assert "<h1>잠시 연결할 수 없어요</h1>" in html
            assert "데이터베이스에 잠시 연결할 수 없습니다." in html
            assert "/static/web/site" in html  # the site's own styles
            assert f'href="{path}">다시 시도</a>' in html
        postgres_proxy.restore()
        status, html, _ = web.get_page(session, "/me/")
        assert status == 200, html[:500]
    finally:
        engine.stop_all()


# --- jobs --------------------------------------------------------------------------------
JOB_SLEEP = 8.0  # long enough that the test sees the job start before it writes


def test_postgres_lost_mid_job_the_job_is_retried_and_applies_once(
    redis_server: ThrowawayRedis, tmp_path: Path, postgres_proxy: TcpProxy
) -> None:
    engine = processes(
        "celery", redis_server, tmp_path, DATABASE_URL=database_url(postgres_proxy.port)
    )
    try:
        engine.start_worker()
        engine.start_scheduler()  # the sweep takes over runs whose worker lost its database
        run_id = engine.enqueue("contract.record", key="pg-lost", first_sleep=JOB_SLEEP)
        wait_for(
            lambda: contract_jobs.executions("pg-lost") == 1, 90, "the job to start", engine.logs
        )
        (started,) = query(
            "SELECT extract(epoch FROM at) FROM contract_executions WHERE key = 'pg-lost'"
        )[0]
        postgres_proxy.cut()
        query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert contract_jobs.effects("pg-lost") == {}, "the job ended before the outage"
        # Away until the job has tried to write its effect (at started + JOB_SLEEP).
        time.sleep(max(0.0, float(started) + JOB_SLEEP + 1.5 - time.time()))
        assert contract_jobs.effects("pg-lost") == {}
        postgres_proxy.restore()
        wait_for(
            lambda: JobRun.objects.filter(pk=run_id, status=JobStatus.DONE).exists(),
            120,
            "the run to be retried and finish",
            engine.logs,
        )
        run = JobRun.objects.get(pk=run_id)
        assert run.attempt >= 2
        assert contract_jobs.executions("pg-lost") == run.attempt
        assert contract_jobs.effects("pg-lost") == {"pg-lost": 1}
    finally:
        postgres_proxy.restore()
        engine.stop_all()


@pytest.mark.parametrize("engine_name", ["celery", "dramatiq"])
def test_two_schedulers_never_fire_a_slot_twice(
    engine_name: str, redis_server: ThrowawayRedis, tmp_path: Path
) -> None:
    engine = processes(engine_name, redis_server, tmp_path)
    try:
        engine.start_worker()  # Celery beat hands each firing to a worker
        first = engine.start_scheduler("scheduler-a")
        second = engine.start_scheduler("scheduler-b")

        def runs(entry: str) -> list[tuple[Any, Any]]:
            return list(
                JobRun.objects.filter(run_key__startswith=f"schedule:{entry}:")
                .order_by("created_at")
                .values_list("run_key", "created_at")
            )

        wait_for(
            lambda: len(runs("sweep-stale-runs")) >= 6,
            120,
            "six slots of the 1 s sweep",
            engine.logs,
        )
        time.sleep(1.5)
        assert first.poll() is None, engine.logs()
        assert second.poll() is None, engine.logs()
        for entry in ("sweep-stale-runs", "sync-search"):  # both every second
            fired = runs(entry)
            slots = [int(key.rsplit(":", 1)[1]) for key, _ in fired]
            # One run per slot, and no more runs than seconds passed between the first and
            # the last (two schedulers each firing would make about twice as many).
            assert len(slots) == len(set(slots)), fired
            span = (fired[-1][1] - fired[0][1]).total_seconds()
            assert len(fired) <= span + 2, fired
        assert "Traceback" not in engine.logs()
    finally:
        engine.stop_all()


# --- search --------------------------------------------------------------------------------


@pytest.fixture
def es_prefix(elasticsearch_url: str) -> Iterator[str]:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=elasticsearch_url,
        SEARCH_INDEX_PREFIX=prefix,
        SEARCH_REFRESH_ON_WRITE=True,
        WORKER_ENGINE="inline",
        ELASTICSEARCH_TIMEOUT=30,  # creating indices on a loaded machine
    ):
        get_backend().reset()
        yield prefix
        get_backend().drop()


def indexed(prefix: str, ids: list[int]) -> dict[int, tuple[int, int]]:
    """id → (version, sequence number) of the indexed postings, read directly."""
    client = get_backend().client  # type: ignore[attr-defined]
    client.indices.refresh(index=read_alias(prefix, "postings"))
    response = client.mget(
        index=read_alias(prefix, "postings"), ids=[str(i) for i in ids], source=False
    )
    return {
        int(doc["_id"]): (int(doc["_version"]), int(doc["_seq_no"]))
        for doc in response["docs"]
        if doc["found"]
    }


def test_sync_relay_killed_mid_batch_loses_no_event_and_applies_none_twice(
    redis_server: ThrowawayRedis, tmp_path: Path, elasticsearch_url: str, es_prefix: str
) -> None:
    node = urlsplit(elasticsearch_url)
    organisation, _ = employer_with_user()
    postings = [make_posting(organisation, title=f"물류 사무원 {n}") for n in range(12)]
    ids = [p.pk for p in postings]
    OutboxEvent.objects.bulk_create([OutboxEvent(entity="posting", entity_id=i) for i in ids])
    with TcpProxy(node.hostname or "127.0.0.1", node.port or 9200) as es_proxy:
        engine = processes(
            "dramatiq",
            redis_server,
            tmp_path,
            DATABASE_URL=database_url(),
            SEARCH_BACKEND="elasticsearch",
            ELASTICSEARCH_URL=es_proxy.url,
            ELASTICSEARCH_TIMEOUT="60",
            SEARCH_INDEX_PREFIX=es_prefix,
            MATCHING_REFRESH_ON_CHANGE="false",
        )
        try:
            es_proxy.hold(b"/_bulk")
            relay = engine.start_worker("relay")
            engine.enqueue("sync_search")
            # Elasticsearch has applied the batch; the relay waits for the answer.
            wait_for(es_proxy.held.is_set, 90, "the relay's bulk request", engine.logs)
            wait_for(lambda: len(indexed(es_prefix, ids)) == len(ids), 30, "the bulk", engine.logs)
            first = indexed(es_prefix, ids)
            engine.kill9(relay)
            es_proxy.release()
            # Killed before it marked the batch: every event is still pending.
            assert OutboxEvent.objects.filter(processed_at__isnull=True).count() == len(ids)
            # Meanwhile a posting changes (a new version, a new event).
            staff = staff_user()
            engine.run_client(
                "from backend.accounts.models import User\n"
                "from backend.jobs.models import Posting\n"
                "from backend.jobs import services\n"
                f"p = Posting.objects.get(pk={ids[0]})\n"
                f"actor = User.objects.get(pk={staff.pk})\n"
                "services.posting_update(posting=p, actor=actor, fields={'openings': 7})\n"
            )
            engine.start_worker("relay-2")
            engine.start_scheduler()  # the sweep re-sends the dead relay's run
            wait_for(
                lambda: not OutboxEvent.objects.filter(processed_at__isnull=True).exists(),
                120,
                "every event to be processed",
                engine.logs,
            )
            after = indexed(es_prefix, ids)
            versions = dict(Posting.objects.filter(pk__in=ids).values_list("pk", "version"))
            assert {pk: version for pk, (version, _) in after.items()} == versions
            assert versions[ids[0]] == first[ids[0]][0] + 1  # the change got through
            # The replayed batch was refused by version: untouched documents never moved.
            assert {pk: after[pk] for pk in ids[1:]} == {pk: first[pk] for pk in ids[1:]}
        finally:
            es_proxy.release()
            engine.stop_all()


def test_elasticsearch_back_after_an_outage_mid_rebuild_never_aliases_a_short_index(
    elasticsearch_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search import rebuild as rebuild_module

    node = urlsplit(elasticsearch_url)
    organisation, _ = employer_with_user()
    rows = [make_posting(organisation, title=f"품질 관리원 {n}") for n in range(30)]
    prefix = f"t{uuid.uuid4().hex[:10]}"
    direct = {
        "ELASTICSEARCH_URL": elasticsearch_url,
        "SEARCH_INDEX_PREFIX": prefix,
        "ELASTICSEARCH_TIMEOUT": 30,
    }
    with TcpProxy(node.hostname or "127.0.0.1", node.port or 9200) as es_proxy:
        settings_through_proxy = override_settings(
            SEARCH_BACKEND="elasticsearch",
            ELASTICSEARCH_URL=es_proxy.url,
            SEARCH_INDEX_PREFIX=prefix,
            SEARCH_REFRESH_ON_WRITE=True,
            WORKER_ENGINE="inline",
            ELASTICSEARCH_TIMEOUT=30,  # a cut is refused at once; a slow index creation waits
        )
        with settings_through_proxy:
            backend = get_backend()
            backend.reset()
            push_postings([row.pk for row in rows])
        with override_settings(SEARCH_BACKEND="elasticsearch", **direct):
            watcher = get_backend().client  # type: ignore[attr-defined]
        seen: list[tuple[str, int]] = []
        stop = threading.Event()

        def watch() -> None:
            """What the read alias points at, and how many documents that index holds."""
            alias = read_alias(prefix, "postings")
            while not stop.is_set():
                target = ",".join(sorted(watcher.indices.get_alias(name=alias).body))
                watcher.indices.refresh(index=target)
                seen.append((target, int(watcher.count(index=target)["count"])))
                time.sleep(0.05)

        watching = threading.Thread(target=watch, daemon=True)
        watching.start()
        monkeypatch.setattr(rebuild_module, "CHUNK", 10)
        original = rebuild_module.posting_documents

        def documents_with_an_outage() -> Any:
            for index, document in enumerate(original()):
                if index == 15:  # the second chunk is being built: Elasticsearch goes away
                    es_proxy.cut()
                    threading.Timer(1.0, es_proxy.restore).start()
                yield document

        try:
            with settings_through_proxy:
                monkeypatch.setattr(rebuild_module, "posting_documents", documents_with_an_outage)
                with pytest.raises(SearchUnavailableError):
                    rebuild_module.rebuild()
                wait_for(lambda: es_proxy._open.is_set(), 10, "the outage to end", lambda: "")
                # The abandoned half index: the first chunk only, never aliased.
                half = f"{prefix}-postings-v2"
                watcher.indices.refresh(index=half)
                assert int(watcher.count(index=half)["count"]) == 10
                monkeypatch.setattr(rebuild_module, "posting_documents", original)
                # Back: the next rebuild drops the abandoned half index and goes live whole.
                result = rebuild_module.rebuild()
                assert result["indexed"] == 30
                assert get_backend().count_postings() == 30
            time.sleep(0.3)
        finally:
            stop.set()
            watching.join(timeout=10)
            es_proxy.restore()
            with override_settings(SEARCH_BACKEND="elasticsearch", **direct):
                indices = sorted(watcher.indices.get(index=f"{prefix}-postings-v*").body)
                get_backend().drop()
        targets = [target for target, _ in seen]
        assert seen, "the watcher saw nothing"
        assert {count for _, count in seen} == {30}, seen  # never a short index
        assert targets[0] == f"{prefix}-postings-v1"
        # The half index was dropped and its name taken by the whole one.
        assert targets[-1] == f"{prefix}-postings-v2"
        assert indices == [f"{prefix}-postings-v1", f"{prefix}-postings-v2"]


def test_ops_status_pages_when_elasticsearch_is_unreachable(elasticsearch_url: str) -> None:
    """The runbook's `search_red` alert: Elasticsearch cut off → exit 2, named."""
    from io import StringIO

    from django.core.management import call_command

    node = urlsplit(elasticsearch_url)
    with (
        TcpProxy(node.hostname or "127.0.0.1", node.port or 9200) as es_proxy,
        override_settings(
            SEARCH_BACKEND="elasticsearch",
            ELASTICSEARCH_URL=es_proxy.url,
            SEARCH_INDEX_PREFIX=f"t{uuid.uuid4().hex[:10]}",
        ),
    ):
        es_proxy.cut()
        out = StringIO()
        with pytest.raises(SystemExit) as exited:
            call_command("ops_status", stdout=out)
        status = json.loads(out.getvalue())
    assert exited.value.code == 2
    assert status["search"] == "unreachable"
    assert "search_red" in status["alerts"]
