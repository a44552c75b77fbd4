#!/usr/bin/env python
"""R1 — the yearly placement report over 50,000 placements and 200,000 facts, as JSON, XLSX
and PDF, against the report's aggregate SQL alone, in the same run.

Run with `make bench`, or by hand with the servers' env sourced::

    . var/servers/env && .venv/bin/python bench/r1_reports.py [--placements 50000] [--facts 200000]

Method:

0. Facts (setup, untimed): `--facts` F statistical fact rows, of which `--placements` P are
   `PlacementFact` rows and F − P `ProfileFact` spells (deterministic by `--seed`): people
   in three cohorts (40/30/30%), 40 areas, 11 career fields; spells started over two years
   (10% ended, 5% by a cohort change), a person's placements hired over the reported year and
   the one before (≈ 55% in the year), each with its four checkpoints due and, when due by
   `as_of`, recorded retained (85%) or left, or left unrecorded (5%); employer types
   covered/partner/other 20/30/50%. Bulk-inserted, then ANALYZE.
1. Measured, `--repeat` R rounds, the variants in an order rotated round by round, each timed
   with `perf_counter`, for the year's report `by` each of `--by` (default cohort and month):
   - SQL, the baseline: the report's own aggregate queries (captured once from the report
     with `CaptureQueriesContext`), executed with a cursor and fetched — the database's part
     alone;
   - JSON: `placements_report` + `report_output` (small cells suppressed) + `json.dumps`;
   - XLSX: the same + `report_xlsx` (openpyxl);
   - PDF: the same + `report_pdf` (charts with matplotlib, WeasyPrint).
   Medians over the R rounds; ratios = variant median ÷ SQL median (aim ≤ 3 for JSON; the
   files add their rendering, reported as it is).

Isolation: a fresh database `sjl_bench_reports` on the PostgreSQL server of DATABASE_URL
(migrated, dropped at the end unless --keep-db). Results: a table on stdout and
bench/results/r1_reports.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PYTHON = sys.executable
BENCH_DB = "sjl_bench_reports"
RESULTS = REPO / "bench" / "results" / "r1_reports.json"
YEAR = 2025
AS_OF = dt.date(2026, 6, 30)
BENCH_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    "FIELD_ENCRYPTION_KEY": "bench-only-not-secret",
    "ALLOWED_HOSTS": "localhost",
    "LOG_LEVEL": "warning",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "PYTHONPATH": str(REPO),
    "VAR_DIR": str(REPO / "var" / "bench" / "r1"),
}
AREAS = [f"41390{n:05d}" for n in range(40)]
FIELDS = [
    "engineering",
    "business",
    "it",
    "health",
    "education",
    "culture",
    "service",
    "agriculture",
    "construction",
    "logistics",
    "public",
]
COHORTS = ("graduate", "returner", "senior")
EMPLOYER_TYPES = ("covered", "partner", "other")
EMPLOYMENT_TYPES = ("full_time", "part_time", "flexible", "contract")


def log(message: str) -> None:
    print(f"[r1 {time.strftime('%H:%M:%S')}] {message}", flush=True)


def with_path(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{path}"))


def admin_execute(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def add_months(day: dt.date, months: int) -> dt.date:
    from backend.jobs.hiring import add_months as jobs_add_months

    return jobs_add_months(day, months)


def make_facts(placements: int, facts: int, seed: int) -> dict[str, Any]:
    from backend.reports.models import PlacementFact, ProfileFact

    rng = random.Random(seed)
    people = facts - placements
    start = dt.date(YEAR - 1, 1, 1)
    keys = []
    spells = []
    for _ in range(people):
        key = uuid.UUID(int=rng.getrandbits(128))
        cohort = rng.choices(COHORTS, weights=(4, 3, 3))[0]
        started = start + dt.timedelta(days=rng.randint(0, 700))
        ended = None
        end_event = ""
        roll = rng.random()
        if roll < 0.10:
            ended = started + dt.timedelta(days=rng.randint(10, 300))
            end_event = "cohort_changed" if roll < 0.05 else "ended"
        spells.append(
            ProfileFact(
                person_key=key,
                cohort=cohort,
                programmes=["local_graduate"] if cohort == "graduate" else [],
                area=rng.choice(AREAS),
                career_field=rng.choice(FIELDS),
                started_on=started,
                start_event="created",
                ended_on=ended,
                end_event=end_event,
            )
        )
        keys.append((key, cohort, started))
    mark = time.perf_counter()
    ProfileFact.objects.bulk_create(spells, batch_size=5000)
    rows = []
    for _ in range(placements):
        key, cohort, created = rng.choice(keys)
        hired = dt.date(YEAR - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 729))
        fields: dict[str, Any] = {}
        left = False
        for month in (1, 3, 6, 12):
            due = add_months(hired, month)
            fields[f"due_{month}"] = due
            if due <= AS_OF and rng.random() > 0.05:
                left = left or rng.random() < 0.15
                fields[f"status_{month}"] = "left" if left else "retained"
                fields[f"recorded_{month}"] = due + dt.timedelta(days=rng.randint(0, 20))
        rows.append(
            PlacementFact(
                person_key=key,
                cohort=cohort,
                area=rng.choice(AREAS),
                career_field=rng.choice(FIELDS),
                employment_type=rng.choice(EMPLOYMENT_TYPES),
                employer_type=rng.choices(EMPLOYER_TYPES, weights=(2, 3, 5))[0],
                hired_on=hired,
                profile_created_on=created,
                days_to_placement=max(0, (hired - created).days),
                **fields,
            )
        )
    PlacementFact.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "profile_facts": people,
        "placement_facts": placements,
        "seconds": time.perf_counter() - mark,
    }


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(by: str, repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backend.reports.exports.to_pdf import report_pdf
    from backend.reports.exports.to_xlsx import report_xlsx
    from backend.reports.selectors import placements_report
    from backend.reports.tables import report_output

    period = {"date_from": dt.date(YEAR, 1, 1), "date_to": dt.date(YEAR, 12, 31)}

    def output() -> dict[str, Any]:
        return report_output(placements_report(**period, by=by, as_of=AS_OF))

    with CaptureQueriesContext(connection) as captured:
        first = output()
    statements = [query["sql"] for query in captured.captured_queries]

    def sql() -> None:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()

    variants: dict[str, Callable[[], Any]] = {
        "sql": sql,
        "json": lambda: json.dumps(output(), ensure_ascii=False),
        "xlsx": lambda: report_xlsx(output()),
        "pdf": lambda: report_pdf(output()),
    }
    names = list(variants)
    for name in names:  # warm-up (fonts, caches), untimed
        variants[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeat):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            times[name].append(timed(variants[name]))
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "by": by,
        "queries": len(statements),
        "rows": len(first["rows"]),
        "total": {
            key: first["total"][key]
            for key in ("participants", "placed", "placements", "placement_rate")
        },
        "seconds": times,
        "median_s": medians,
        "ratio_to_sql": {name: medians[name] / medians["sql"] for name in names if name != "sql"},
    }


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--placements", type=int, default=50_000)
    parser.add_argument("--facts", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--by", default="cohort,month")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        print("r1_reports: needs DATABASE_URL=postgres://… (. var/servers/env)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    os.environ.update(BENCH_ENV)
    os.environ.update(DATABASE_URL=with_path(database_url, BENCH_DB))
    created = False
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
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
        report: dict[str, Any] = {
            "benchmark": "R1 yearly placement report",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "nproc": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
                "loadavg_at_start": os.getloadavg(),
                "django": metadata.version("django"),
                "postgresql_server": pg_version,
                "weasyprint": metadata.version("weasyprint"),
                "openpyxl": metadata.version("openpyxl"),
                "matplotlib": metadata.version("matplotlib"),
            },
            "sizes": {"placements": args.placements, "facts": args.facts, "seed": args.seed},
            "period": {"from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31", "as_of": AS_OF.isoformat()},
            "method": (__doc__ or "").split("Method:", 1)[1].split("Isolation:", 1)[0].strip(),
        }
        log(f"{args.facts:,} facts, {args.placements:,} of them placements (setup) …")
        report["setup"] = make_facts(args.placements, args.facts, args.seed)
        report["r1"] = []
        for by in [name.strip() for name in args.by.split(",") if name.strip()]:
            log(f"measuring by={by}, {args.repeat} rounds …")
            report["r1"].append(measure(by, args.repeat))
        report["loadavg_at_end"] = os.getloadavg()
        report["total_s"] = time.perf_counter() - started
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2, default=str, ensure_ascii=False) + "\n")
        print()
        for result in report["r1"]:
            medians, ratios = result["median_s"], result["ratio_to_sql"]
            print(f"R1 by={result['by']} ({result['queries']} queries, {result['rows']} rows)")
            for name in ("sql", "json", "xlsx", "pdf"):
                ratio = "" if name == "sql" else f"  ×{ratios[name]:.2f}"
                print(f"  {name:<5}{medians[name] * 1000:>10.1f} ms{ratio}")
        print(f"total {report['total_s']:.1f} s; results in {args.output}")
        return 0
    finally:
        if created and not args.keep_db:
            if "django.db" in sys.modules:
                from django.db import connections

                connections.close_all()
            admin_execute(database_url, f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
