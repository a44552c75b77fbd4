#!/usr/bin/env python
"""B6 — the job machinery (enqueue → broker → worker → `JobRun` bookkeeping) against raw Redis.

Run with `make bench`, or by hand with the servers' env sourced::

    . var/servers/env && .venv/bin/python bench/b6_jobs.py [--jobs 10000]

Method (the same two phases for the baseline and for every engine × job kind):

1. Drain throughput. With no consumer running, N messages are put on the queue; then two
   consumer processes are started and the queue is drained.
   - raw Redis: one producer LPUSHes N small JSON messages (pipelined); two consumer processes
     (redis-py) block on a "go" key, are released together, and BRPOP until the queue is empty.
     tasks/s = N / (last pop - first pop).
   - Celery / Dramatiq: the benchmark process, with `WORKER_ENGINE` set to the engine, calls
     `workers.dispatch.enqueue` N times in batches of 500 inside `transaction.atomic()`
     (each run is handed to the broker on commit, so `sent_at` is set and the message is
     queued). Then 2 worker processes are started (`celery worker --concurrency 2`, or
     `rundramatiq --processes 2 --threads 1`) and the benchmark waits until every run is
     finished. tasks/s = runs `done` / (max `finished_at` - min `started_at`) over the
     `JobRun` rows: the drain, excluding worker boot (reported apart as `boot_s`).
2. Start latency with consumers already running and idle-ish. The same consumers (for the
   engines: the same, now warm, workers) stay up; the producer sends S messages (default
   min(N, 500)), one at a time, at a fixed rate (default 25/s, well below every drain
   rate, so that no queue builds up and the figure is the hand-over time, not queueing).
   - raw Redis: latency = pop time - push time (wall clock, carried in the message).
   - engines: one `enqueue` per `transaction.atomic()`; latency = `JobRun.started_at` -
     `JobRun.sent_at`, read from the rows (both are wall-clock `timezone.now()` on the same
     machine; `sent_at` is written just before the message is published).
   p50 / p95 / p99 are over the S samples.

Job kinds: `noop` (the registered do-nothing job) and `db` (`bench.touch` from `bench/jobs.py`,
one upsert of one row in a table the benchmark creates). Ratios: engine tasks/s ÷ raw tasks/s,
engine p50 ÷ raw p50, engine p95 ÷ raw p95; and Celery ÷ Dramatiq for each figure.

Isolation: a fresh database `sjl_bench` on the PostgreSQL server of DATABASE_URL (migrated
with `manage.py migrate`, dropped at the end unless --keep-db), and Redis database 15 of the
server of BROKER_URL, flushed before the baseline and before every engine × kind. Every process
the benchmark starts runs in its own session and is stopped by process group, also on error.
Worker logs go to var/bench/b6/. Results: a table on stdout and bench/results/b6_jobs.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_DB = "sjl_bench"
BENCH_REDIS_DB = 15
RAW_QUEUE = "b6:raw"
WORKERS = 2
ENQUEUE_BATCH = 500
ENGINES = ("celery", "dramatiq")
KINDS = ("noop", "db")
DB_KEYS = 1000  # the `db` job upserts row (run number % DB_KEYS)
LOG_DIR = REPO / "var" / "bench" / "b6"
RESULTS = REPO / "bench" / "results" / "b6_jobs.json"

# Every process of the benchmark runs like production: DEBUG off (no query log), INFO logs.
BENCH_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    "FIELD_ENCRYPTION_KEY": "YmVuY2gtb25seS1maWVsZC1rZXktbm90LXNlY3JldCE=",  # Fernet
    "EMAIL_URL": "memorymail://",
    "ALLOWED_HOSTS": "localhost",
    "JOB_MODULES": "bench.jobs",
    "LOG_LEVEL": "info",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "PYTHONPATH": str(REPO),
    "PYTHONUNBUFFERED": "1",
    "VAR_DIR": str(REPO / "var" / "bench" / "var"),
}


# --------------------------------------------------------------------------- small helpers


def with_path(url: str, path: str) -> str:
    """`url` with its path (database name / number) replaced by `path`."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{path}"))


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (1..99), linear interpolation between closest ranks."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def latency_summary(latencies_ms: list[float]) -> dict[str, float | int]:
    return {
        "samples": len(latencies_ms),
        "p50_ms": percentile(latencies_ms, 50),
        "p95_ms": percentile(latencies_ms, 95),
        "p99_ms": percentile(latencies_ms, 99),
        "max_ms": max(latencies_ms),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def paced(count: int, rate: float) -> Iterator[int]:
    """Yield 0..count-1 at `rate` per second (open loop: a late step is not made up by sleeping
    less than zero, but the schedule is kept)."""
    interval = 1.0 / rate
    due = time.perf_counter()
    for index in range(count):
        yield index
        due += interval
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)


@dataclass
class Processes:
    """Every process the benchmark started, each in its own session (killed by group)."""

    running: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def spawn(self, argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as handle:
            process = subprocess.Popen(
                argv,
                cwd=REPO,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running.append(process)
        return process

    def stop(self, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
        """SIGTERM the leader (a warm shutdown: it stops its own pool children), then SIGKILL
        whatever is left of its process group."""
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=timeout)
        # The group may outlive its leader (pool children): make sure nothing is left.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        if process in self.running:
            self.running.remove(process)

    def stop_all(self) -> None:
        for process in list(self.running):
            self.stop(process)


def log_issues(log: Path) -> dict[str, Any]:
    """Warnings, errors and tracebacks in a worker log: count and the first few lines."""
    if not log.exists():
        return {"count": 0, "lines": []}
    hits = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if any(mark in line for mark in (" WARNING ", " ERROR ", " CRITICAL ", "Traceback"))
        or "[WARNING" in line
        or "[ERROR" in line
    ]
    return {"count": len(hits), "lines": hits[:5]}


# --------------------------------------------------------------------------- raw Redis


def raw_consumer(url: str, queue: str, out: str) -> None:
    """Child process: announce readiness, wait for "go", BRPOP until "stop"; write the
    (push time, pop time) pairs to `out` as JSON."""
    import redis

    client = redis.Redis.from_url(url)
    client.lpush(f"{queue}:ready", os.getpid())
    client.brpop([f"{queue}:go"], timeout=120)
    records: list[tuple[float, float]] = []
    while True:
        item = client.brpop([queue], timeout=120)
        popped = time.time()
        if item is None or item[1] == b"stop":
            break
        message = json.loads(item[1])
        records.append((message["t"], popped))
    Path(out).write_text(json.dumps(records))


def raw_phase(
    procs: Processes, url: str, count: int, rate: float | None, tag: str
) -> list[list[tuple[float, float]]]:
    """Start 2 consumers; drain `count` pre-pushed messages (rate None) or push them paced at
    `rate` while the consumers wait; return each consumer's (push, pop) records."""
    import redis

    client = redis.Redis.from_url(url)
    client.delete(RAW_QUEUE, f"{RAW_QUEUE}:ready", f"{RAW_QUEUE}:go")
    outs = [LOG_DIR / f"raw-{tag}-{n}.json" for n in range(WORKERS)]
    consumers = []
    for out in outs:
        out.unlink(missing_ok=True)
        argv = [PYTHON, __file__, "--raw-consumer", url, RAW_QUEUE, str(out)]
        consumers.append(procs.spawn(argv, dict(os.environ), LOG_DIR / f"raw-{tag}.log"))
    try:
        deadline = time.monotonic() + 60
        while client.llen(f"{RAW_QUEUE}:ready") < WORKERS:
            if time.monotonic() > deadline:
                raise RuntimeError("raw Redis consumers did not start; see var/bench/b6/raw-*.log")
            time.sleep(0.05)

        def message(index: int) -> bytes:
            return json.dumps({"id": index, "job": "noop", "args": {}, "t": time.time()}).encode()

        if rate is None:
            for start in range(0, count, 1000):
                pipe = client.pipeline(transaction=False)
                for index in range(start, min(start + 1000, count)):
                    pipe.lpush(RAW_QUEUE, message(index))
                pipe.execute()
            client.lpush(RAW_QUEUE, *([b"stop"] * WORKERS))
            client.lpush(f"{RAW_QUEUE}:go", *([b"go"] * WORKERS))
        else:
            client.lpush(f"{RAW_QUEUE}:go", *([b"go"] * WORKERS))
            time.sleep(0.2)  # both consumers are blocked on the queue
            for index in paced(count, rate):
                client.lpush(RAW_QUEUE, message(index))
            client.lpush(RAW_QUEUE, *([b"stop"] * WORKERS))
        for consumer in consumers:
            consumer.wait(timeout=120)
    finally:
        for consumer in consumers:
            procs.stop(consumer)
    return [[(a, b) for a, b in json.loads(out.read_text())] for out in outs]


def measure_raw(procs: Processes, url: str, jobs: int, samples: int, rate: float) -> dict[str, Any]:
    drained = raw_phase(procs, url, jobs, None, "drain")
    pops = [pop for records in drained for _, pop in records]
    drain_s = max(pops) - min(pops)
    paced_records = raw_phase(procs, url, samples, rate, "latency")
    latencies = [(pop - push) * 1000 for records in paced_records for push, pop in records]
    return {
        "done": len(pops),
        "drain_s": drain_s,
        "tasks_per_s": len(pops) / drain_s,
        "per_consumer": [len(records) for records in drained],
        "latency": latency_summary(latencies),
    }


# --------------------------------------------------------------------------- engines


def worker_argv(engine: str) -> list[str]:
    if engine == "celery":
        return [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency",
            str(WORKERS),
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-{os.getpid()}@%h",
        ]
    return [
        PYTHON,
        "manage.py",
        "rundramatiq",
        "--processes",
        str(WORKERS),
        "--threads",
        "1",
    ]


def enqueue_runs(kind: str, count: int, *, rate: float | None) -> float:
    """Enqueue `count` runs of `kind`: in batches of ENQUEUE_BATCH per transaction (rate None)
    or one per transaction at `rate`/s. Returns the seconds it took."""
    from django.db import transaction

    from workers.dispatch import enqueue

    def one(index: int) -> None:
        if kind == "noop":
            enqueue("noop")
        else:
            enqueue("bench.touch", key=index % DB_KEYS)

    started = time.perf_counter()
    if rate is None:
        for start in range(0, count, ENQUEUE_BATCH):
            with transaction.atomic():
                for index in range(start, min(start + ENQUEUE_BATCH, count)):
                    one(index)
    else:
        for index in paced(count, rate):
            with transaction.atomic():
                one(index)
    return time.perf_counter() - started


def wait_finished(
    first_pk: int, count: int, worker: subprocess.Popen[bytes], log: Path, timeout: float
) -> bool:
    """Wait until `count` runs with pk > first_pk are done or dead; False on timeout."""
    from workers.models import JobRun, JobStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finished = JobRun.objects.filter(
            pk__gt=first_pk, status__in=[JobStatus.DONE, JobStatus.DEAD]
        ).count()
        if finished >= count:
            return True
        if worker.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"worker exited with {worker.returncode}:\n{tail}")
        time.sleep(0.25)
    return False


def run_stats(first_pk: int) -> dict[str, Any]:
    """Status counts, drain window and job durations of the runs with pk > first_pk."""
    from django.db.models import Count, Max, Min

    from workers.models import JobRun

    rows = JobRun.objects.filter(pk__gt=first_pk)
    statuses = {row["status"]: row["n"] for row in rows.values("status").annotate(n=Count("pk"))}
    window = rows.aggregate(
        first_sent=Min("sent_at"),
        first_started=Min("started_at"),
        last_finished=Max("finished_at"),
        max_attempt=Max("attempt"),
    )
    durations = [d for d in rows.values_list("duration_ms", flat=True) if d is not None]
    return {
        "statuses": statuses,
        "window": window,
        "duration_ms_p50": percentile(durations, 50) if durations else None,
        "max_attempt": window["max_attempt"],
    }


def max_pk() -> int:
    from django.db.models import Max

    from workers.models import JobRun

    return int(JobRun.objects.aggregate(m=Max("pk"))["m"] or 0)


def measure_engine(
    procs: Processes,
    engine: str,
    kind: str,
    worker_env: dict[str, str],
    jobs: int,
    samples: int,
    rate: float,
    flush: Callable[[], None],
) -> dict[str, Any]:
    from django.test import override_settings

    from workers.models import JobRun

    flush()
    log = LOG_DIR / f"{engine}-{kind}.log"
    log.unlink(missing_ok=True)
    env = {**worker_env, "WORKER_ENGINE": engine}
    result: dict[str, Any] = {}
    with override_settings(WORKER_ENGINE=engine):
        # Phase 1: queue N runs with no worker, then start 2 workers and time the drain.
        base = max_pk()
        enqueue_s = enqueue_runs(kind, jobs, rate=None)
        sent = JobRun.objects.filter(pk__gt=base, sent_at__isnull=False).count()
        spawned_at = datetime.now(UTC)
        worker = procs.spawn(worker_argv(engine), env, log)
        try:
            complete = wait_finished(base, jobs, worker, log, timeout=max(180.0, jobs / 20))
            drain = run_stats(base)
            window = drain["window"]
            if window["first_started"] is None or window["last_finished"] is None:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{engine} ran none of the {jobs} runs:\n{tail}")
            done = drain["statuses"].get("done", 0)
            drain_s = (window["last_finished"] - window["first_started"]).total_seconds()
            result["drain"] = {
                "enqueued": jobs,
                "sent": sent,
                "enqueue_s": enqueue_s,
                "enqueue_per_s": jobs / enqueue_s,
                "complete": complete,
                "statuses": drain["statuses"],
                "max_attempt": drain["max_attempt"],
                "boot_s": (window["first_started"] - spawned_at).total_seconds(),
                "drain_s": drain_s,
                "tasks_per_s": done / drain_s,
                "send_to_last_finish_s": (
                    window["last_finished"] - window["first_sent"]
                ).total_seconds(),
                "job_duration_ms_p50": drain["duration_ms_p50"],
            }

            # Phase 2: workers warm and idle; paced single enqueues; started_at - sent_at.
            base = max_pk()
            enqueue_runs(kind, samples, rate=rate)
            complete = wait_finished(base, samples, worker, log, timeout=120)
            rows = JobRun.objects.filter(pk__gt=base, started_at__isnull=False)
            latencies = [
                (started - sent).total_seconds() * 1000
                for started, sent in rows.values_list("started_at", "sent_at")
                if started is not None and sent is not None
            ]
            paced_stats = run_stats(base)
            result["latency"] = {
                **latency_summary(latencies),
                "rate_per_s": rate,
                "complete": complete,
                "statuses": paced_stats["statuses"],
                "job_duration_ms_p50": paced_stats["duration_ms_p50"],
            }
        finally:
            procs.stop(worker)
    result["log"] = str(log.relative_to(REPO))
    result["log_issues"] = log_issues(log)
    return result


# --------------------------------------------------------------------------- set-up, report


def admin_connect(database_url: str) -> Any:
    import psycopg

    return psycopg.connect(database_url, autocommit=True)


def create_database(admin_url: str) -> None:
    with admin_connect(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def drop_database(admin_url: str) -> None:
    with admin_connect(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def machine_info(broker_url: str) -> dict[str, Any]:
    import redis
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "celery": metadata.version("celery"),
        "kombu": metadata.version("kombu"),
        "dramatiq": metadata.version("dramatiq"),
        "django-dramatiq": metadata.version("django-dramatiq"),
        "redis-py": metadata.version("redis"),
        "django": metadata.version("django"),
        "psycopg": metadata.version("psycopg"),
        "postgresql_server": pg_version,
        "redis_server": redis.Redis.from_url(broker_url).info("server")["redis_version"],
    }


def ratios(raw: dict[str, Any], engines: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def figures(result: dict[str, Any]) -> dict[str, float]:
        return {
            "tasks_per_s": result["drain"]["tasks_per_s"],
            "p50_ms": result["latency"]["p50_ms"],
            "p95_ms": result["latency"]["p95_ms"],
        }

    raw_figures = {
        "tasks_per_s": raw["tasks_per_s"],
        "p50_ms": raw["latency"]["p50_ms"],
        "p95_ms": raw["latency"]["p95_ms"],
    }
    vs_raw: dict[str, dict[str, dict[str, float | None]]] = {}
    for engine, kinds in engines.items():
        vs_raw[engine] = {}
        for kind, result in kinds.items():
            mine = figures(result)
            vs_raw[engine][kind] = {name: ratio(mine[name], raw_figures[name]) for name in mine}
    celery_over_dramatiq: dict[str, dict[str, float | None]] = {}
    if "celery" in engines and "dramatiq" in engines:
        for kind in engines["celery"]:
            if kind in engines["dramatiq"]:
                c, d = figures(engines["celery"][kind]), figures(engines["dramatiq"][kind])
                celery_over_dramatiq[kind] = {name: ratio(c[name], d[name]) for name in c}
    return {"vs_raw": vs_raw, "celery_over_dramatiq": celery_over_dramatiq}


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def print_table(report: dict[str, Any]) -> None:
    raw = report["raw_redis"]
    engines = report["engines"]
    vs_raw = report["ratios"]["vs_raw"]
    print()
    print(
        f"B6 jobs — N={report['N']} drained by {WORKERS} worker processes; latency: "
        f"{report['latency_samples']} runs at {report['latency_rate_per_s']:g}/s to idle workers"
    )
    header = (
        f"{'':<16}{'tasks/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'tput/raw':>10}{'p50/raw':>9}{'p95/raw':>9}{'done':>8}{'boot s':>8}{'enq/s':>8}"
    )
    print(header)
    print("-" * len(header))
    lat = raw["latency"]
    print(
        f"{'raw redis':<16}{fmt(raw['tasks_per_s'], 0):>10}{fmt(lat['p50_ms'], 2):>9}"
        f"{fmt(lat['p95_ms'], 2):>9}{fmt(lat['p99_ms'], 2):>9}{'1':>10}{'1':>9}{'1':>9}"
        f"{raw['done']:>8}{'':>8}{'':>8}"
    )
    for engine, kinds in engines.items():
        for kind, result in kinds.items():
            drain, lat, rel = result["drain"], result["latency"], vs_raw[engine][kind]
            print(
                f"{engine + ' ' + kind:<16}{fmt(drain['tasks_per_s'], 0):>10}"
                f"{fmt(lat['p50_ms'], 2):>9}{fmt(lat['p95_ms'], 2):>9}{fmt(lat['p99_ms'], 2):>9}"
                f"{fmt(rel['tasks_per_s'], 4):>10}{fmt(rel['p50_ms'], 1):>9}"
                f"{fmt(rel['p95_ms'], 1):>9}{drain['statuses'].get('done', 0):>8}"
                f"{fmt(drain['boot_s'], 1):>8}{fmt(drain['enqueue_per_s'], 0):>8}"
            )
    cvd = report["ratios"]["celery_over_dramatiq"]
    if cvd:
        print()
        print(f"{'celery/dramatiq':<16}{'tasks/s':>10}{'p50':>9}{'p95':>9}")
        for kind, rel in cvd.items():
            print(
                f"{kind:<16}{fmt(rel['tasks_per_s'], 2):>10}{fmt(rel['p50_ms'], 2):>9}"
                f"{fmt(rel['p95_ms'], 2):>9}"
            )
    print()
    print(f"total {report['total_s']:.0f} s; results: {RESULTS.relative_to(REPO)}")


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=10_000, help="runs drained per engine × kind")
    parser.add_argument(
        "--latency-samples", type=int, default=None, help="paced runs; default min(jobs, 500)"
    )
    parser.add_argument("--latency-rate", type=float, default=25.0, help="paced runs per second")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="DATABASE_CONN_MAX_AGE for the workers (default: the project's setting, 0)",
    )
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--keep-db", action="store_true", help=f"do not drop {BENCH_DB}")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--raw-consumer"]:
        raw_consumer(*argv[1:4])
        return 0
    args = parse_args(argv)
    samples = args.latency_samples or min(args.jobs, 500)
    engines = [e for e in args.engines.split(",") if e]
    kinds = [k for k in args.kinds.split(",") if k]
    if not set(engines) <= set(ENGINES) or not set(kinds) <= set(KINDS):
        print(f"engines must be among {ENGINES}, kinds among {KINDS}", file=sys.stderr)
        return 2
    database_url = os.environ.get("DATABASE_URL", "")
    broker_url = os.environ.get("BROKER_URL", "")
    if not database_url.startswith("postgres") or not broker_url.startswith("redis"):
        print(
            "b6_jobs: needs DATABASE_URL=postgres://… and BROKER_URL=redis://… "
            "(. var/servers/env, or run `make bench`)",
            file=sys.stderr,
        )
        return 2

    # SIGTERM (e.g. from make or a CI timeout) unwinds like Ctrl-C, so `finally` runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    bench_db_url = with_path(database_url, BENCH_DB)
    bench_broker_url = with_path(broker_url, str(BENCH_REDIS_DB))
    os.environ.update(BENCH_ENV)
    if args.conn_max_age is not None:
        os.environ["DATABASE_CONN_MAX_AGE"] = str(args.conn_max_age)
    os.environ.update(
        DATABASE_URL=bench_db_url, BROKER_URL=bench_broker_url, WORKER_ENGINE="inline"
    )
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    procs = Processes()
    created = False
    try:
        create_database(database_url)
        created = True
        print(f"b6: database {BENCH_DB} created; migrating …", flush=True)
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=dict(os.environ),
            check=True,
        )
        sys.path.insert(0, str(REPO))
        import django

        django.setup()
        import redis
        from django.db import connection

        from bench.jobs import TOUCH_TABLE_SQL

        with connection.cursor() as cursor:
            cursor.execute(TOUCH_TABLE_SQL)
        client = redis.Redis.from_url(bench_broker_url)

        def flush() -> None:
            client.flushdb()

        report: dict[str, Any] = {
            "benchmark": "B6 jobs",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine_info(bench_broker_url),
            "N": args.jobs,
            "latency_samples": samples,
            "latency_rate_per_s": args.latency_rate,
            "workers": WORKERS,
            "database_conn_max_age": os.environ.get("DATABASE_CONN_MAX_AGE", "0 (default)"),
            "method": (__doc__ or "").split("Method", 1)[1].split("Isolation:", 1)[0].strip(),
        }
        flush()
        print("b6: raw Redis baseline …", flush=True)
        raw = measure_raw(procs, bench_broker_url, args.jobs, samples, args.latency_rate)
        report["raw_redis"] = raw
        worker_env = dict(os.environ)
        results: dict[str, dict[str, Any]] = {}
        for engine in engines:
            results[engine] = {}
            for kind in kinds:
                print(f"b6: {engine} {kind} …", flush=True)
                results[engine][kind] = measure_engine(
                    procs,
                    engine,
                    kind,
                    worker_env,
                    args.jobs,
                    samples,
                    args.latency_rate,
                    flush,
                )
                drain = results[engine][kind]["drain"]
                print(
                    f"b6:   {drain['tasks_per_s']:.0f} tasks/s, "
                    f"p50 {results[engine][kind]['latency']['p50_ms']:.2f} ms, "
                    f"statuses {drain['statuses']}",
                    flush=True,
                )
        report["engines"] = results
        report["ratios"] = ratios(raw, results)
        flush()
        report["total_s"] = time.perf_counter() - started
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2, default=str, ensure_ascii=False) + "\n")
        print_table(report)
        return 0
    finally:
        procs.stop_all()
        if created and not args.keep_db:
            if "django.db" in sys.modules:
                from django.db import connections

                connections.close_all()
            drop_database(database_url)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
