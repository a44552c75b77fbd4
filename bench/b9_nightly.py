#!/usr/bin/env python
"""B9 — the nightly refresh end to end (every seeker's recommendations in chunks on a worker
fleet, then the city-wide assignment run) against the sum of its parts run alone (B7's
recommend + store per seeker, B8's assignment run) on the same data, in the same run.

Run with `make bench` (reduced: B9_ARGS), or by hand with the servers' env sourced::

    . var/servers/env && .venv/bin/python bench/b9_nightly.py \\
        [--seekers 50000] [--postings 20000] [--engine dramatiq|celery] [--workers 2] \\
        [--chunk-size 1000] [--rounds 1]

Method:

0. Postings (setup, untimed): `--postings` N open postings in a fresh Elasticsearch index
   and as `Posting` rows (with 300 employers). The first `--corpus` of them are B7's
   tokenized corpus (`bench/corpus.py`, cached; tokenizing costs ~5 postings/s here, so
   20,000 fresh ones would take an hour); beyond it, copies of corpus postings with their own
   ids, moved up to ±1.5 km and their wage ±5% (deterministic by `--seed`). The copies share
   their originals' terms: retrieval and scoring cost the same per hit; the city's postings
   are more alike than real ones.
1. Seekers (setup, untimed): S (`--seekers`) profiles as B7 makes them (its `make_seekers`),
   each with the `matching` consent so that the assignment takes them.
2. Warm-up (untimed): one pass of `recommend` over the first 200 seekers.
3. Measured, in alternation (`--rounds` R: parts, nightly, parts, nightly, …):
   - parts (the peer): in this process, one after the other, as a refresh without chunks
     or workers would: B7's part, `recommend(profile)` then `recommendations_store(profile,
     …)` for every seeker (S searches, S transactions); then B8's part, an `assign`
     MatchRun over everyone executed here (`execute_match_run`: its candidates, the solve,
     the store). Time = the sum of both.
   - nightly: the job `refresh_all_recommendations` (a new day's run, `--chunk-size`
     seekers a chunk) enqueued on the `--engine` fleet of `--workers` worker processes
     started for the bench; time from the enqueue until the assignment run it starts is
     `done` (polled every 0.2 s), with the refresh's own part (until the last chunk) apart.
   ratio = nightly ÷ parts (aim ≤ 1.3), per round and over all rounds; and each phase apart:
   refresh ÷ B7 part, assignment ÷ B8 part. Two workers on 2 cores can beat the one
   in-process peer when the machine is otherwise idle; on a machine shared with other work
   they compete with it, which the load averages in the JSON show.
4. Checks (untimed): every seeker was counted by exactly one chunk, no chunk ran twice, no
   (seeker, posting) pair is stored twice, and the nightly's assignment solved the same
   problem as the parts' (`inputs_digest`).

Isolation: Elasticsearch indices under `bench9-<pid>` only (dropped at the end); a fresh
database `sjl_bench_nightly` on the PostgreSQL server of DATABASE_URL (dropped at the end
unless --keep-db); the workers (on BROKER_URL's Redis: use servers of your own, as `make bench`
does) are stopped at the end. Results: a table on stdout and bench/results/b9_nightly.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import corpus  # noqa: E402  (after the path fix, for `python bench/…`)
from bench.b1_b2_search import admin_execute, machine_info, ratio, with_path  # noqa: E402
from bench.b7_recommend import BENCH_ENV, make_seekers  # noqa: E402

PYTHON = sys.executable
BENCH_DB = "sjl_bench_nightly"
RESULTS = REPO / "bench" / "results" / "b9_nightly.json"
# the assign run's summary keys the JSON keeps, for both sides
SUMMARY_KEYS = (
    "seekers",
    "assigned",
    "seconds",
    "status",
    "solve_seconds",
    "edges",
    "nightly_candidates",
)
INDEX_CHUNK = 2000
KM_PER_DEGREE = 111.0


def log(message: str) -> None:
    print(f"b9: {message}", flush=True)


# --------------------------------------------------------------------------- setup
def city_postings(path: Path, base: int, total: int, seed: int) -> Iterator[list[dict[str, Any]]]:
    """The `total` postings in chunks: the corpus's `base`, then moved copies (docstring)."""
    rng = random.Random(seed * 13 + 9)
    originals: list[dict[str, Any]] = []
    for chunk in corpus.read_chunks(path, base, INDEX_CHUNK):
        originals.extend(chunk)
        yield chunk
    next_id = max(p["id"] for p in originals) + 1
    made = len(originals)
    while made < total:
        batch = []
        for _ in range(min(INDEX_CHUNK, total - made)):
            source = originals[made % len(originals)]
            copy = dict(source)
            copy["id"] = next_id
            copy["lat"] = source["lat"] + rng.uniform(-1.5, 1.5) / KM_PER_DEGREE
            copy["lon"] = source["lon"] + rng.uniform(-1.5, 1.5) / (KM_PER_DEGREE * 0.79)
            copy["hourly_wage"] = int(round(source["hourly_wage"] * rng.uniform(0.95, 1.05), -1))
            batch.append(copy)
            next_id += 1
            made += 1
        yield batch


def setup_postings(backend: Any, path: Path, base: int, total: int, seed: int) -> dict[str, Any]:
    from backend.employers.models import Employer
    from backend.jobs.models import Posting
    from backend.taxonomy.models import Area

    now = dt.datetime.now(UTC)
    areas = list(Area.objects.order_by("code"))
    Employer.objects.bulk_create(
        [
            Employer(
                pk=number,
                name=f"벤치 기업 {number} (가상)",
                business_number=str(1_000_000_000 + number),
                area=areas[number % len(areas)],
                staff_count=facts.staff_count,
                is_city_funded=facts.city_funded,
                partner_pledge=facts.partner,
                verified_at=now,
            )
            for number, facts in enumerate(corpus.employer_facts())
            if number > 0
        ]
    )
    backend.reset()
    started = time.perf_counter()
    indexed = 0
    for chunk in city_postings(path, base, total, seed):
        indexed += backend.index_postings([corpus.document(p, now) for p in chunk])
        rows = []
        for posting in chunk:
            facts = corpus.matching_facts(posting)
            rows.append(
                Posting(
                    pk=posting["id"],
                    employer_id=facts["employer_id"],
                    title=posting["title"],
                    description=posting["description"],
                    career_field_id=posting["career_field"],
                    occupation=posting["occupation"],
                    skills_required=list(facts["skills_required"]),
                    skills_preferred=list(facts["skills_preferred"]),
                    certificates_required=posting["certificates"],
                    min_experience_years=posting["min_experience_years"],
                    employment_type=posting["employment_type"],
                    days_per_week=posting["days_per_week"],
                    shifts=posting["shifts"],
                    hourly_wage=posting["hourly_wage"],
                    area_id=posting["area_code"],
                    lat=posting["lat"],
                    lon=posting["lon"],
                    openings=facts["openings_left"],
                    deadline=now.date() + dt.timedelta(days=posting["deadline_days"]),
                    cohorts_welcome=posting["cohorts_welcome"],
                    status="open",
                    published_at=now - dt.timedelta(days=posting["published_days_ago"]),
                    title_terms=posting["title_terms"],
                    body_terms=posting["body_terms"],
                )
            )
        Posting.objects.bulk_create(rows, batch_size=1000)
        log(f"  postings {indexed:,}/{total:,}")
    backend.refresh()
    return {"indexed": indexed, "seconds": time.perf_counter() - started}


def grant_matching_consent(profiles: list[Any]) -> None:
    from backend.accounts.models import ConsentPurpose, ConsentRecord

    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(
                user_id=p.user_id,
                purpose=purpose,
                granted=True,
                notice_version="bench",
                channel="bench",
            )
            for p in profiles
            for purpose in (ConsentPurpose.SERVICE, ConsentPurpose.MATCHING)
        ],
        batch_size=2000,
    )


# --------------------------------------------------------------------------- the fleet
class Fleet:
    """`--workers` worker processes of one engine on the bench database and index."""

    def __init__(self, engine: str, workers: int, env: dict[str, str], folder: Path) -> None:
        self.engine = engine
        self.workers = workers
        self.env = env
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self.engine == "celery":
            argv = [PYTHON, "-m", "celery", "-A", "config", "worker", "--concurrency"]
            argv += [str(self.workers), "--loglevel", "WARNING", "--without-gossip"]
            argv += ["--without-mingle", "-n", f"bench9-{os.getpid()}@%h"]
        else:
            argv = [PYTHON, "manage.py", "rundramatiq", "--processes", str(self.workers)]
            argv += ["--threads", "1"]
        self.folder.mkdir(parents=True, exist_ok=True)
        log_file = open(self.folder / f"fleet-{self.engine}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            argv,
            cwd=REPO,
            env=self.env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


# --------------------------------------------------------------------------- measurement
def run_parts(profiles: list[Any]) -> dict[str, Any]:
    """The peer: B7's per-seeker recommend + store, then B8's assign run, in this process."""
    from backend.matching.models import MatchRun
    from backend.matching.recommend import recommend
    from backend.matching.selectors import applied_posting_ids, ordinance_policy_current
    from backend.matching.services import match_run_create, recommendations_store
    from search.backends import get_backend

    backend = get_backend()
    policy = ordinance_policy_current()
    load_start = os.getloadavg()
    mark = time.perf_counter()
    stored = 0
    for start in range(0, len(profiles), 500):
        chunk = profiles[start : start + 500]
        applied = applied_posting_ids([p.pk for p in chunk])
        for profile in chunk:
            matches = recommend(profile, policy, backend=backend, exclude=applied[profile.pk])
            stored += recommendations_store(profile, matches, policy.version)
    b7_s = time.perf_counter() - mark
    mark = time.perf_counter()
    from django.test import override_settings

    with override_settings(WORKER_ENGINE="inline"):
        # The inline engine runs the run's job on commit, here, inside the timed block.
        run = match_run_create(actor=None, kind="assign", scope={})
    b8_s = time.perf_counter() - mark
    run = MatchRun.objects.get(pk=run.pk)  # done, or failed (the error is in the JSON)
    return {
        "b7_part_s": b7_s,
        "b8_part_s": b8_s,
        "total_s": b7_s + b8_s,
        "recommendations": stored,
        "match_run": run.pk,
        "match_run_status": run.status,
        "match_run_error": run.error,
        "assign_summary": {k: run.summary.get(k) for k in SUMMARY_KEYS},
        "inputs_digest": run.inputs_digest,
        "loadavg": [load_start, os.getloadavg()],
    }


def warm_fleet(workers: int, timeout_s: float = 300.0) -> None:
    """Untimed: jobs on the fleet until each worker process has run one (Django and the
    search client set up in every process before the measurement)."""
    from workers.dispatch import enqueue
    from workers.models import JobRun

    deadline = time.monotonic() + timeout_s
    ids = [enqueue("noop").pk for _ in range(workers * 4)]
    while time.monotonic() < deadline:
        runs = JobRun.objects.filter(pk__in=ids)
        if runs.filter(status="done").count() == len(ids):
            return
        time.sleep(0.2)
    raise RuntimeError("the fleet did not run its warm-up jobs")


def run_nightly(day: dt.date, chunk_size: int, timeout_s: float) -> dict[str, Any]:
    from backend.matching.models import MatchRun, NightlyRefresh, Recommendation
    from backend.matching.nightly import nightly_progress
    from workers.dispatch import enqueue

    load_start = os.getloadavg()
    mark = time.perf_counter()
    enqueue("refresh_all_recommendations", day=day.isoformat(), chunk_size=chunk_size)
    refresh_s = None
    deadline = time.monotonic() + timeout_s
    refresh = None
    while time.monotonic() < deadline:
        refresh = NightlyRefresh.objects.filter(day=day).first()
        if refresh is not None and refresh.status == "done":
            if refresh_s is None:
                refresh_s = time.perf_counter() - mark
            if refresh.match_run_id is None:
                break
            run = MatchRun.objects.get(pk=refresh.match_run_id)
            if run.status in ("done", "failed"):
                break
        time.sleep(0.2)
    else:
        raise RuntimeError(f"the nightly run of {day} did not finish in {timeout_s} s")
    total_s = time.perf_counter() - mark
    assert refresh is not None
    assert refresh_s is not None
    assert refresh.match_run_id is not None
    run = MatchRun.objects.get(pk=refresh.match_run_id)
    progress = nightly_progress(refresh)
    from django.db.models import Max, Min, Sum

    from workers.models import JobRun

    chunk_runs = JobRun.objects.filter(run_key__startswith=f"nightly:{refresh.pk}:")
    spread = chunk_runs.aggregate(
        busy_ms=Sum("duration_ms"),
        longest_ms=Max("duration_ms"),
        created=Min("created_at"),
        first_start=Min("started_at"),
        last_end=Max("finished_at"),
    )
    chunk_jobs = {
        "count": chunk_runs.count(),
        "busy_s": (spread["busy_ms"] or 0) / 1000,
        "longest_s": (spread["longest_ms"] or 0) / 1000,
        "queued_to_first_start_s": (spread["first_start"] - spread["created"]).total_seconds(),
        "first_start_to_last_end_s": (spread["last_end"] - spread["first_start"]).total_seconds(),
    }
    pairs = Recommendation.objects.count()
    distinct = Recommendation.objects.values("seeker_id", "posting_id").distinct().count()
    return {
        "total_s": total_s,
        "refresh_s": refresh_s,
        "assign_s": total_s - refresh_s,
        "progress": progress,
        "chunk_jobs": chunk_jobs,
        "match_run": run.pk,
        "match_run_status": run.status,
        "match_run_error": run.error,
        "assign_summary": {k: run.summary.get(k) for k in SUMMARY_KEYS},
        "inputs_digest": run.inputs_digest,
        "recommendation_rows": pairs,
        "duplicate_pairs": pairs - distinct,
        "loadavg": [load_start, os.getloadavg()],
    }


def print_table(report: dict[str, Any]) -> None:
    sizes = report["sizes"]
    print(
        f"\nB9 nightly — {sizes['seekers']:,} seekers × {sizes['postings']:,} postings, "
        f"{report['engine']} × {report['workers']} workers, chunks of {report['chunk_size']}"
    )
    for index, (parts, nightly) in enumerate(report["rounds"], start=1):
        print(
            f"  round {index}: parts {parts['total_s']:.1f} s (B7 {parts['b7_part_s']:.1f} + "
            f"B8 {parts['b8_part_s']:.1f}); nightly {nightly['total_s']:.1f} s (refresh "
            f"{nightly['refresh_s']:.1f} + assign {nightly['assign_s']:.1f}); ratio "
            f"{nightly['total_s'] / parts['total_s']:.3f}"
        )
    figures = report["b9"]
    print(
        f"  nightly ÷ parts {figures['ratio']:.3f} (aim ≤ 1.3); refresh ÷ B7 part "
        f"{figures['ratio_refresh_vs_b7']:.3f}; assign ÷ B8 part "
        f"{figures['ratio_assign_vs_b8']:.3f}; nightly {figures['nightly_seekers_per_s']:.1f} "
        f"seekers/s → 50,000 in {figures['projected_50k_refresh_min']:.1f} min "
        f"(the whole night, linearly: {figures['projected_50k_night_min_linear']:.1f} min)"
    )


# --------------------------------------------------------------------------- main
def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seekers", type=int, default=50_000)
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--corpus", type=int, default=4000, help="postings from the corpus")
    parser.add_argument("--engine", choices=("dramatiq", "celery"), default="dramatiq")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1, help="parts-then-nightly rounds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=7200.0, help="s per nightly run")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    broker = os.environ.get("BROKER_URL") or os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres") or not es_url.startswith("http") or not broker:
        print(
            "b9_nightly: needs DATABASE_URL=postgres://…, ELASTICSEARCH_URL=http://… and "
            "BROKER_URL=redis://… (. var/servers/env, or run `make bench`)",
            file=sys.stderr,
        )
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    prefix = f"bench9-{os.getpid()}"
    os.environ.update(BENCH_ENV)
    os.environ.update(
        DATABASE_URL=with_path(database_url, BENCH_DB),
        SEARCH_INDEX_PREFIX=prefix,
        VAR_DIR=str(REPO / "var" / "bench" / "var9"),
        BROKER_URL=broker,
        NIGHTLY_ASSIGN="true",
    )
    # One assignment run covers the whole city in one job: give it the time it needs.
    fleet_env = dict(
        os.environ,
        WORKER_ENGINE=args.engine,
        PYTHONUNBUFFERED="1",
        JOB_TIME_LIMIT_SECONDS=str(int(args.timeout)),
    )
    # This process enqueues on the fleet's engine; the parts run inline (override there).
    os.environ["WORKER_ENGINE"] = args.engine
    fleet = Fleet(args.engine, args.workers, fleet_env, REPO / "var" / "bench" / "var9")
    created = False
    backend: Any = None
    try:
        admin_execute(
            database_url,
            f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
            f'CREATE DATABASE "{BENCH_DB}"',
        )
        created = True
        log(f"database {BENCH_DB} created; migrating …")
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=dict(os.environ),
            check=True,
        )
        import django

        django.setup()
        from backend.matching.recommend import recommend
        from backend.matching.selectors import ordinance_policy_current
        from backend.seekers.models import SeekerProfile
        from search.analysis import get_analyzer
        from search.backends import get_backend

        backend = get_backend()
        get_analyzer()
        report: dict[str, Any] = {
            "benchmark": "B9 nightly refresh + assignment, end to end",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine_info(backend.client),
            "sizes": {
                "seekers": args.seekers,
                "postings": args.postings,
                "corpus_postings": min(args.corpus, args.postings),
                "seed": args.seed,
            },
            "engine": args.engine,
            "workers": args.workers,
            "chunk_size": args.chunk_size,
            "es_prefix": prefix,
            "method": (__doc__ or "").split("Method:", 1)[1].split("Isolation:", 1)[0].strip(),
        }
        base = min(args.corpus, args.postings)
        log(f"corpus of {base:,} tokenized postings (cached) …")
        path, report["corpus"] = corpus.ensure_corpus(base, args.seed, log)
        log(f"{args.postings:,} postings into Elasticsearch and PostgreSQL (setup) …")
        report["setup_postings"] = setup_postings(backend, path, base, args.postings, args.seed)
        log(f"{args.seekers:,} seekers (setup) …")
        mark = time.perf_counter()
        make_seekers(args.seekers, args.seed)
        profiles = list(SeekerProfile.objects.select_related("area").order_by("pk"))
        grant_matching_consent(profiles)
        report["setup_seekers"] = {"seconds": time.perf_counter() - mark}
        policy = ordinance_policy_current()
        log("warm-up …")
        for profile in profiles[:200]:
            recommend(profile, policy, backend=backend)
        fleet.start()
        log("fleet warm-up: noop jobs until every worker answers …")
        warm_fleet(args.workers)
        rounds = []
        day = dt.date(2030, 1, 1)
        for index in range(args.rounds):
            log(f"round {index + 1}: parts (B7 recommend + store, B8 assign run) …")
            parts = run_parts(profiles)
            log(f"  {parts['total_s']:.1f} s; nightly on {args.engine} × {args.workers} …")
            nightly = run_nightly(day + dt.timedelta(days=index), args.chunk_size, args.timeout)
            log(f"  {nightly['total_s']:.1f} s")
            rounds.append((parts, nightly))
        report["rounds"] = rounds
        parts_s = sum(p["total_s"] for p, _ in rounds)
        nightly_s = sum(n["total_s"] for _, n in rounds)
        refresh_s = sum(n["refresh_s"] for _, n in rounds)
        seekers_per_s = args.seekers * len(rounds) / refresh_s
        report["b9"] = {
            "parts_s": parts_s,
            "nightly_s": nightly_s,
            "ratio": ratio(nightly_s, parts_s),
            "ratios_per_round": [ratio(n["total_s"], p["total_s"]) for p, n in rounds],
            "ratio_refresh_vs_b7": ratio(refresh_s, sum(p["b7_part_s"] for p, _ in rounds)),
            "ratio_assign_vs_b8": ratio(
                sum(n["assign_s"] for _, n in rounds), sum(p["b8_part_s"] for p, _ in rounds)
            ),
            "nightly_seekers_per_s": seekers_per_s,
            "projected_50k_refresh_min": 50_000 / seekers_per_s / 60,
            # The whole night (refresh + assignment) scaled linearly from this size: the
            # assignment's solve grows faster than the seekers, so this likely underestimates.
            "night_seekers_per_s": args.seekers * len(rounds) / nightly_s,
            "projected_50k_night_min_linear": 50_000
            / (args.seekers * len(rounds) / nightly_s)
            / 60,
            "same_assignment_problem": all(
                p["inputs_digest"] == n["inputs_digest"] for p, n in rounds
            ),
            "every_seeker_once": all(
                n["progress"]["seekers"] == args.seekers
                and n["progress"]["reexecuted_chunks"] == 0
                and n["duplicate_pairs"] == 0
                for _, n in rounds
            ),
        }
        report["loadavg_at_end"] = os.getloadavg()
        report["total_s"] = time.perf_counter() - started
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2, default=str, ensure_ascii=False) + "\n")
        print_table(report)
        return 0
    finally:
        fleet.stop()
        if backend is not None:
            backend.drop()
        if created and not args.keep_db:
            if "django.db" in sys.modules:
                from django.db import connections

                connections.close_all()
            admin_execute(database_url, f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
