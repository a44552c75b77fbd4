#!/usr/bin/env python
"""W1 — the web under load: the search page `/jobs/` and the seeker dashboard `/me/` at a fixed
rate, against the API calls that carry the same data, under gunicorn -w 2 on loopback.

Run (PostgreSQL + Elasticsearch from `. var/servers/env`; `make bench` does it):

    .venv/bin/python bench/w1_web_load.py [--rate 20 --duration 60]

Method.

Setup (bench/webserver.py, untimed): a scratch database with the demo data (`seed_demo`: 2,000
seekers, 800 postings, their applications; indexed into Elasticsearch), a signed-in session of
the demo graduate seeker, gunicorn -w 2 (sync workers) with DEBUG off and throttles raised by
env (API_THROTTLE_*=1000000/min).

Pairs: the search page `/jobs/?q=…` against `GET /api/v1/postings/search/?q=…` (same terms in
the same order); the dashboard `/me/` against the three calls that carry its data, made one
after the other and timed as one sample (`/api/v1/me/`, `/api/v1/me/recommendations/`,
`/api/v1/me/applications/`). Both as the signed-in seeker.

Load: locust (headless, from PyPI), --rate users each making one request (or bundle) a second
(`constant_throughput(1)`), i.e. a fixed --rate per second, for --duration seconds per side,
split into two halves run in the order page, API, API, page (search, then dashboard), so both
sides of a pair see the same drift of the machine's load. Locust runs in its own process on the same
2 cores. Percentiles from every sample (locust's own are bucketed).
ratio: p95 page ÷ p95 API (aim ≤ 1.3 and page p95 ≤ 150 ms); p99 beside it. The JSON records
the achieved rate, failures and the load average before and after each segment.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.webserver import WebSite  # noqa: E402

RESULTS = REPO / "bench" / "results" / "w1_web_load.json"
LOCUSTFILE = REPO / "bench" / "w1_locustfile.py"
PAIRS = {
    "search": (("SearchPage", "search page /jobs/"), ("SearchApi", "search API")),
    "dashboard": (
        ("DashboardPage", "dashboard page /me/"),
        ("DashboardApi", "dashboard API (3 calls)"),
    ),
}


def run_locust(base: str, user: str, rate: int, seconds: int, cookie: str) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        samples_path = handle.name
    env = dict(os.environ, W1_SAMPLES=samples_path, W1_COOKIE=cookie)
    log = REPO / "var" / "bench" / "web" / "locust.log"
    load_before = os.getloadavg()
    started = time.perf_counter()
    with open(log, "ab") as out:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--users",
                str(rate),
                "--spawn-rate",
                str(rate),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                base,
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
                user,
            ],
            cwd=REPO,
            env=env,
            check=True,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    samples = json.loads(Path(samples_path).read_text())
    Path(samples_path).unlink()
    return {
        "samples": samples,
        "wall_s": time.perf_counter() - started,
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
    }


def figures(samples: list[list[Any]], seconds: float) -> dict[str, Any]:
    times = [s[1] for s in samples]
    if len(times) < 2:
        return {"samples": len(times)}
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {
        "samples": len(times),
        "failures": sum(1 for s in samples if not s[2]),
        "achieved_per_s": len(times) / seconds,
        "p50_ms": cuts[49],
        "p95_ms": cuts[94],
        "p99_ms": cuts[98],
        "max_ms": max(times),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rate", type=int, default=20, help="requests (bundles) per second")
    parser.add_argument("--duration", type=int, default=60, help="seconds per side (two halves)")
    parser.add_argument("--keep-db", action="store_true", help="keep (and reuse) the database")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    half = max(1, args.duration // 2)
    report: dict[str, Any] = {
        "benchmark": "W1 web under load",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
        "args": {k: v for k, v in vars(args).items() if k != "output"},
        "method": (__doc__ or "").split("Method.", 1)[1].strip(),
    }
    started = time.perf_counter()
    site = WebSite(postings=0, keep_db=args.keep_db)
    cookie = site.cookies["seeker"]
    collected: dict[str, list[list[Any]]] = {}
    segments: list[dict[str, Any]] = []
    try:
        with site.serve(workers=2) as base:
            # Warm-up (untimed): each side for a few seconds at the rate.
            for pair in PAIRS.values():
                for user, _name in pair:
                    run_locust(base, user, args.rate, 3, cookie)
            # Per pair: page, API (first halves), then API, page (second halves).
            plan = [
                side for pair in PAIRS.values() for side in (pair[0], pair[1], pair[1], pair[0])
            ]
            for user, name in plan:
                run = run_locust(base, user, args.rate, half, cookie)
                mine = [s for s in run.pop("samples") if s[0] == name]
                collected.setdefault(name, []).extend(mine)
                segments.append({"user": user, "seconds": half, "samples": len(mine), **run})
                print(
                    f"w1: {name}: {len(mine)} samples, load {run['loadavg_after'][0]:.1f}",
                    flush=True,
                )
    finally:
        site.close()
    report["segments"] = segments
    sides = {name: figures(samples, 2 * half) for name, samples in collected.items()}
    report["sides"] = sides
    report["ratios"] = {}
    for pair_name, ((_, page), (_, api)) in PAIRS.items():
        report["ratios"][pair_name] = {
            "p95_page_over_api": sides[page]["p95_ms"] / sides[api]["p95_ms"],
            "p99_page_over_api": sides[page]["p99_ms"] / sides[api]["p99_ms"],
            "page_p95_ms": sides[page]["p95_ms"],
            "aim": "p95 ratio ≤ 1.3 and page p95 ≤ 150 ms",
        }
    report["loadavg_at_end"] = os.getloadavg()
    report["total_s"] = time.perf_counter() - started
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nW1 web under load — {args.rate}/s, {2 * half} s a side, gunicorn -w 2")
    print(f"{'side':<26}{'n':>6}{'fail':>6}{'/s':>6}{'p50':>8}{'p95':>8}{'p99':>8}")
    for name, fig in sides.items():
        print(
            f"{name:<26}{fig['samples']:>6}{fig['failures']:>6}{fig['achieved_per_s']:>6.1f}"
            f"{fig['p50_ms']:>8.1f}{fig['p95_ms']:>8.1f}{fig['p99_ms']:>8.1f}"
        )
    for pair_name, ratio in report["ratios"].items():
        print(
            f"{pair_name}: p95 page ÷ API {ratio['p95_page_over_api']:.2f}, p99 "
            f"{ratio['p99_page_over_api']:.2f} (aim ≤ 1.3, page p95 ≤ 150 ms)"
        )
    print(f"load {report['loadavg_at_start']} → {report['loadavg_at_end']}; results: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
