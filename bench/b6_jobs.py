#!/usr/bin/env python
"""B6 — our durable jobs against bare Celery and bare Dramatiq tasks on the same broker.

Run with `make bench`, or by hand with the servers' env sourced::

    . var/servers/env && .venv/bin/python bench/b6_jobs.py [--jobs 5000 --repeats 3]

Method. For each engine (Celery, Dramatiq) there are two sides, measured with the same
worker command, settings, Redis broker, job body and machine load:
- ours: `workers.dispatch.enqueue` → a `JobRun` row, handed to the broker on commit → the
  engine's adapter → `workers.runner.execute_run` (claim, run, finish);
- bare: the peer a user would pick instead, a plain task of the same app (`bench.bare` in
  `bench/bare_tasks.py`: a Celery `shared_task`, a Dramatiq actor) with the same body and no
  row.
Job kinds: `noop` (nothing: pure machinery) and `db` (`bench.touch`, one upsert of one row
through Django's connection; the bare task runs the same function).

Each repeat measures every engine × kind × side; within an engine the side that goes first
alternates from one repeat to the next, so both see the same drift of the machine's load.
One measurement has two phases, each with 2 worker processes (`celery worker --concurrency 2`
prefork, or `rundramatiq --processes 2 --threads 1`), started afresh for it:

1. Drain throughput. N messages are queued while no worker runs (ours: `enqueue` in batches
   of 500 per transaction; bare: `apply_async` / `send`). Then the workers start. The
   benchmark polls the broker every 2 ms for the messages not yet acknowledged (Celery: the
   queue's list + its `unacked` hash, acks are late on both sides; Dramatiq: the queue's
   message hash). tasks/s = messages acknowledged between the first poll that sees one gone
   and the poll that sees none left ÷ that time. Worker boot is outside it (`boot_s`). For
   ours the row-based figure (runs done ÷ (last `finished_at` − first `started_at`)) is
   reported beside it (`rows_tasks_per_s`).
2. Start latency. With the same workers warm and idle, S runs (default min(N, 300)) are sent
   one at a time at a fixed rate (default 25/s, far below every drain rate, so no queue
   forms). ours: one `enqueue` per transaction, latency = `JobRun.started_at` − `sent_at`
   (`sent_at` is taken just before the UPDATE that marks the hand-over, then the message is
   published); bare: latency = the task's first clock reading − the producer's clock just
   before publishing (carried in the message; the task pushes it to Redis afterwards).
   p50/p95/p99 over the S samples.

Figures per repeat: ours ÷ bare for tasks/s (aim ≥ 0.5) and for p95 latency; over the
repeats the median, min and max of every figure and ratio. The load average (1 min) is
recorded at the start of every measurement. A raw Redis LPUSH/BRPOP loop (two redis-py
consumers) is measured once as the machine's floor (`raw_redis`).

Isolation: a fresh database `sjl_bench` on the PostgreSQL server of DATABASE_URL (migrated
with `manage.py migrate`, dropped at the end unless --keep-db), and Redis database 15 of the
server of BROKER_URL, flushed before every measurement. Every process the benchmark starts runs
in its own session and is stopped by process group, also on error. Worker logs go to
var/bench/b6/. Results: a table on stdout and bench/results/b6_jobs.json.
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
from collections.abc import Iterator
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
SIDES = ("ours", "bare")
DB_KEYS = 1000  # the `db` job upserts row (run number % DB_KEYS)
LOG_DIR = REPO / "var" / "bench" / "b6"
RESULTS = REPO / "bench" / "results" / "b6_jobs.json"
POLL_S = 0.002

# Every process of the benchmark runs like production (compose.yaml): DEBUG off (no query log),
# INFO logs, connections kept for 60 s with health checks.
BENCH_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    "FIELD_ENCRYPTION_KEY": "YmVuY2gtb25seS1maWVsZC1rZXktbm90LXNlY3JldCE=",  # Fernet
    "EMAIL_URL": "memorymail://",
    "ALLOWED_HOSTS": "localhost",
    "JOB_MODULES": "bench.jobs,bench.bare_tasks",
    "LOG_LEVEL": "info",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "PYTHONPATH": str(REPO),
    "PYTHONUNBUFFERED": "1",
    "VAR_DIR": str(REPO / "var" / "bench" / "var"),
    "DATABASE_CONN_MAX_AGE": "60",
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


def worker_argv(engine: str, celery_pool: str) -> list[str]:
    if engine == "celery":
        return [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            celery_pool,
            "--concurrency",
            str(WORKERS),
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-{os.getpid()}@%h",
        ]
    return [PYTHON, "manage.py", "rundramatiq", "--processes", str(WORKERS), "--threads", "1"]


def outstanding_probe(engine: str, side: str, client: Any) -> Any:
    """A function returning how many messages of the side's queue are not yet acknowledged."""
    if engine == "celery":
        from config.celery import app

        queue = app.conf.task_default_queue

        def celery_outstanding() -> int:
            pipe = client.pipeline(transaction=False)
            pipe.llen(queue)
            pipe.hlen("unacked")
            waiting, unacked = pipe.execute()
            return int(waiting) + int(unacked)

        return celery_outstanding
    from django.conf import settings

    from bench.bare_tasks import DRAMATIQ_QUEUE

    broker: Any = settings.DRAMATIQ_BROKER
    namespace = broker["OPTIONS"]["namespace"]
    queue = "sjl" if side == "ours" else DRAMATIQ_QUEUE
    key = f"{namespace}:{queue}.msgs"

    def dramatiq_outstanding() -> int:
        return int(client.hlen(key))

    return dramatiq_outstanding


def send_one(engine: str, side: str, kind: str, index: int, *, paced_send: bool) -> None:
    """Send one message of the side: ours through `enqueue` (the caller holds the transaction),
    bare straight to the broker, with the producer's clock when its latency is measured."""
    key = index % DB_KEYS if kind == "db" else None
    if side == "ours":
        from workers.dispatch import enqueue

        if kind == "noop":
            enqueue("noop")
        else:
            enqueue("bench.touch", key=key)
        return
    sent = time.time() if paced_send else None
    if engine == "celery":
        from bench.bare_tasks import bare_celery

        bare_celery.apply_async(kwargs={"key": key, "sent": sent})
    else:
        from bench.bare_tasks import bare_dramatiq

        bare_dramatiq.send(key=key, sent=sent)


def send_batch(engine: str, side: str, kind: str, count: int) -> float:
    """Queue `count` messages for the drain; ours in transactions of ENQUEUE_BATCH. Seconds."""
    from django.db import transaction

    started = time.perf_counter()
    for start in range(0, count, ENQUEUE_BATCH):
        with transaction.atomic() if side == "ours" else contextlib.nullcontext():
            for index in range(start, min(start + ENQUEUE_BATCH, count)):
                send_one(engine, side, kind, index, paced_send=False)
    return time.perf_counter() - started


def send_paced(engine: str, side: str, kind: str, count: int, rate: float) -> None:
    from django.db import transaction

    for index in paced(count, rate):
        with transaction.atomic() if side == "ours" else contextlib.nullcontext():
            send_one(engine, side, kind, index, paced_send=True)


def watch_drain(
    outstanding: Any, total: int, worker: subprocess.Popen[bytes], log: Path, timeout: float
) -> dict[str, Any]:
    """Poll until nothing is outstanding: the drain window and the messages acked in it."""
    spawned = time.monotonic()
    deadline = spawned + timeout
    first: tuple[float, int] | None = None
    while True:
        now = time.monotonic()
        left = outstanding()
        if first is None and left < total:
            first = (now, left)
        if left == 0:
            break
        if now > deadline:
            return {"complete": False, "left": left}
        if worker.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"worker exited with {worker.returncode}:\n{tail}")
        time.sleep(POLL_S)
    assert first is not None
    drain_s = now - first[0]
    acked = first[1]
    return {
        "complete": True,
        "boot_s": first[0] - spawned,
        "drain_s": drain_s,
        "acked_in_window": acked,
        "tasks_per_s": acked / drain_s if drain_s > 0 else None,
    }


def wait_rows_finished(first_pk: int, count: int, timeout: float) -> bool:
    from workers.models import JobRun, JobStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finished = JobRun.objects.filter(
            pk__gt=first_pk, status__in=[JobStatus.DONE, JobStatus.DEAD]
        ).count()
        if finished >= count:
            return True
        time.sleep(0.1)
    return False


def run_stats(first_pk: int) -> dict[str, Any]:
    """Status counts, drain window and job durations of the runs with pk > first_pk."""
    from django.db.models import Count, Max, Min

    from workers.models import JobRun

    rows = JobRun.objects.filter(pk__gt=first_pk)
    statuses = {row["status"]: row["n"] for row in rows.values("status").annotate(n=Count("pk"))}
    window = rows.aggregate(
        first_started=Min("started_at"),
        last_finished=Max("finished_at"),
        max_attempt=Max("attempt"),
    )
    done = statuses.get("done", 0)
    rows_tps = None
    if window["first_started"] and window["last_finished"] and done:
        span = (window["last_finished"] - window["first_started"]).total_seconds()
        rows_tps = done / span if span > 0 else None
    return {
        "statuses": statuses,
        "max_attempt": window["max_attempt"],
        "rows_tasks_per_s": rows_tps,
    }


def max_pk() -> int:
    from django.db.models import Max

    from workers.models import JobRun

    return int(JobRun.objects.aggregate(m=Max("pk"))["m"] or 0)


def measure(
    procs: Processes,
    engine: str,
    side: str,
    kind: str,
    *,
    worker_env: dict[str, str],
    celery_pool: str,
    jobs: int,
    samples: int,
    rate: float,
    client: Any,
    tag: str,
) -> dict[str, Any]:
    """One measurement: drain N, then S paced runs to the warm workers."""
    from django.test import override_settings

    from bench.bare_tasks import LATENCY_KEY
    from workers.models import JobRun

    client.flushdb()
    log = LOG_DIR / f"{engine}-{side}-{kind}-{tag}.log"
    log.unlink(missing_ok=True)
    result: dict[str, Any] = {"loadavg_1m": os.getloadavg()[0]}
    outstanding = outstanding_probe(engine, side, client)
    with override_settings(WORKER_ENGINE=engine):
        base = max_pk()
        result["send_s"] = send_batch(engine, side, kind, jobs)
        queued = outstanding()
        if queued != jobs:
            raise RuntimeError(f"{engine} {side}: {queued} messages queued, expected {jobs}")
        worker = procs.spawn(
            worker_argv(engine, celery_pool), {**worker_env, "WORKER_ENGINE": engine}, log
        )
        try:
            drain = watch_drain(outstanding, jobs, worker, log, timeout=max(180.0, jobs / 20))
            if side == "ours":
                wait_rows_finished(base, jobs, timeout=30)
                drain.update(run_stats(base))
            result["drain"] = drain

            base = max_pk()
            client.delete(LATENCY_KEY)
            send_paced(engine, side, kind, samples, rate)
            if side == "ours":
                wait_rows_finished(base, samples, timeout=60)
                rows = JobRun.objects.filter(pk__gt=base, started_at__isnull=False)
                latencies = [
                    (started - sent).total_seconds() * 1000
                    for started, sent in rows.values_list("started_at", "sent_at")
                    if started is not None and sent is not None
                ]
                statuses = run_stats(base)["statuses"]
            else:
                deadline = time.monotonic() + 60
                while client.llen(LATENCY_KEY) < samples and time.monotonic() < deadline:
                    time.sleep(0.05)
                latencies = [float(v) for v in client.lrange(LATENCY_KEY, 0, -1)]
                statuses = {"done": len(latencies)}
            result["latency"] = {**latency_summary(latencies), "statuses": statuses}
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


def spread(values: list[float | None]) -> dict[str, float | None]:
    known = [v for v in values if v is not None]
    if not known:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {
        "median": statistics.median(known),
        "min": min(known),
        "max": max(known),
        "n": len(known),
    }


def summarize(
    repeats: list[dict[str, Any]], engines: list[str], kinds: list[str]
) -> dict[str, Any]:
    """Median, min and max over the repeats of every figure, and of ours ÷ bare per repeat."""
    out: dict[str, Any] = {}
    for engine in engines:
        out[engine] = {}
        for kind in kinds:
            rows = [r[engine][kind] for r in repeats]
            entry: dict[str, Any] = {}
            for side in SIDES:
                entry[side] = {
                    "tasks_per_s": spread([r[side]["drain"].get("tasks_per_s") for r in rows]),
                    "p50_ms": spread([r[side]["latency"]["p50_ms"] for r in rows]),
                    "p95_ms": spread([r[side]["latency"]["p95_ms"] for r in rows]),
                    "p99_ms": spread([r[side]["latency"]["p99_ms"] for r in rows]),
                }
            entry["ours_rows_tasks_per_s"] = spread(
                [r["ours"]["drain"].get("rows_tasks_per_s") for r in rows]
            )
            entry["tput_ours_over_bare"] = spread(
                [
                    ratio(
                        r["ours"]["drain"].get("tasks_per_s"), r["bare"]["drain"].get("tasks_per_s")
                    )
                    for r in rows
                ]
            )
            entry["p95_ours_over_bare"] = spread(
                [
                    ratio(r["ours"]["latency"]["p95_ms"], r["bare"]["latency"]["p95_ms"])
                    for r in rows
                ]
            )
            entry["p50_ours_over_bare"] = spread(
                [
                    ratio(r["ours"]["latency"]["p50_ms"], r["bare"]["latency"]["p50_ms"])
                    for r in rows
                ]
            )
            out[engine][kind] = entry
    return out


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def fmt_spread(s: dict[str, float | None], digits: int) -> str:
    if s["median"] is None:
        return "—"
    return f"{fmt(s['median'], digits)} [{fmt(s['min'], digits)}–{fmt(s['max'], digits)}]"


def print_table(report: dict[str, Any]) -> None:
    print()
    print(
        f"B6 jobs — N={report['N']} drained by {WORKERS} worker processes, "
        f"{report['repeats']} repeats (median [min–max]); latency: {report['latency_samples']} "
        f"runs at {report['latency_rate_per_s']:g}/s to idle workers"
    )
    raw = report.get("raw_redis")
    if raw:
        print(
            f"raw Redis floor: {raw['tasks_per_s']:,.0f} tasks/s, "
            f"p95 {raw['latency']['p95_ms']:.2f} ms"
        )
    header = f"{'':<22}{'tasks/s':>26}{'p50 ms':>22}{'p95 ms':>22}"
    print(header)
    for engine, kinds in report["summary"].items():
        for kind, entry in kinds.items():
            for side in SIDES:
                e = entry[side]
                print(
                    f"{engine + ' ' + kind + ' ' + side:<22}{fmt_spread(e['tasks_per_s'], 0):>26}"
                    f"{fmt_spread(e['p50_ms'], 2):>22}{fmt_spread(e['p95_ms'], 2):>22}"
                )
            print(
                f"{'  ours ÷ bare':<22}{fmt_spread(entry['tput_ours_over_bare'], 2):>26}"
                f"{fmt_spread(entry['p50_ours_over_bare'], 2):>22}"
                f"{fmt_spread(entry['p95_ours_over_bare'], 2):>22}"
            )
    print()
    print(f"total {report['total_s']:.0f} s; results: {report['output']}")


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=5_000, help="messages drained per measurement")
    parser.add_argument(
        "--repeats", type=int, default=3, help="repeats (the side going first alternates)"
    )
    parser.add_argument(
        "--latency-samples", type=int, default=None, help="paced runs; default min(jobs, 300)"
    )
    parser.add_argument("--latency-rate", type=float, default=25.0, help="paced runs per second")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="DATABASE_CONN_MAX_AGE for every process (default 60, as compose.yaml)",
    )
    parser.add_argument("--celery-pool", default="prefork", help="celery worker --pool")
    parser.add_argument(
        "--worker-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an extra environment variable for every worker (both sides); repeatable",
    )
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--kinds", default="noop", help=f"among {','.join(KINDS)}")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw Redis floor")
    parser.add_argument("--keep-db", action="store_true", help=f"do not drop {BENCH_DB}")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--raw-consumer"]:
        raw_consumer(*argv[1:4])
        return 0
    args = parse_args(argv)
    samples = args.latency_samples or min(args.jobs, 300)
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
    extra_env = dict(item.split("=", 1) for item in args.worker_env)
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
        git = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        report: dict[str, Any] = {
            "benchmark": "B6 jobs: ours against bare Celery and bare Dramatiq",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": git,
            "machine": machine_info(bench_broker_url),
            "N": args.jobs,
            "repeats": args.repeats,
            "latency_samples": samples,
            "latency_rate_per_s": args.latency_rate,
            "workers": WORKERS,
            "celery_pool": args.celery_pool,
            "worker_env": extra_env,
            "database_conn_max_age": os.environ["DATABASE_CONN_MAX_AGE"],
            "loadavg_at_start": os.getloadavg(),
            "method": (__doc__ or "").split("Method.", 1)[1].split("Isolation:", 1)[0].strip(),
        }
        if not args.no_raw:
            client.flushdb()
            print("b6: raw Redis floor …", flush=True)
            report["raw_redis"] = measure_raw(
                procs, bench_broker_url, args.jobs, samples, args.latency_rate
            )
        worker_env = {**os.environ, **extra_env}
        repeats: list[dict[str, Any]] = []
        for repeat in range(args.repeats):
            this: dict[str, Any] = {}
            for engine in engines:
                this[engine] = {}
                for kind in kinds:
                    order = SIDES if (repeat + kinds.index(kind)) % 2 == 0 else SIDES[::-1]
                    this[engine][kind] = {"order": list(order)}
                    for side in order:
                        print(f"b6: repeat {repeat + 1} {engine} {kind} {side} …", flush=True)
                        got = measure(
                            procs,
                            engine,
                            side,
                            kind,
                            worker_env=worker_env,
                            celery_pool=args.celery_pool,
                            jobs=args.jobs,
                            samples=samples,
                            rate=args.latency_rate,
                            client=client,
                            tag=str(repeat + 1),
                        )
                        this[engine][kind][side] = got
                        print(
                            f"b6:   {fmt(got['drain'].get('tasks_per_s'), 0)} tasks/s, "
                            f"p50 {got['latency']['p50_ms']:.2f} ms, "
                            f"p95 {got['latency']['p95_ms']:.2f} ms, "
                            f"load {got['loadavg_1m']:.1f}",
                            flush=True,
                        )
            repeats.append(this)
        report["repeats_detail"] = repeats
        report["summary"] = summarize(repeats, engines, kinds)
        report["loadavg_at_end"] = os.getloadavg()
        client.flushdb()
        report["total_s"] = time.perf_counter() - started
        report["output"] = str(args.output)
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
