#!/usr/bin/env python
"""B4 — the list API: `GET /api/v1/postings/` (DRF: `PostingListCreate`, 50 a page, as staff)
against a plain Django view returning the same page with `.values()` + orjson.

Run (PostgreSQL + Elasticsearch from `. var/servers/env`; `make bench` does it):

    .venv/bin/python bench/b4_list_api.py [--postings 20000 --rounds 5 --requests 100]

Method.

Setup (bench/webserver.py, untimed): a scratch database with the demo data (`seed_demo`) and
bulk postings up to --postings rows (published, pending and closed), a signed-in staff session,
and gunicorn -w 2 (sync workers, loopback) with `bench.web_settings`: the product's settings
and URLs plus the peer view `bench/plain-postings/` (bench/web_urls.py) — same middleware,
same session authentication, same ordering (`-created_at, -id`), the same page of 50 rows
(scalar columns, employer and area names) with the total count, serialised by orjson instead
of the DRF serializer (`PostingManagedOutput`: nested area, location, review flags and pending
revision, prefetched). Throttles are raised by env (API_THROTTLE_*=1000000/min).

One client (this process, a new loopback connection per request, as gunicorn's sync workers
close them). --rounds rounds; each round, alternating which side goes first:
  latency: --requests sequential requests per side over the same pages (page k, k+1, … spread
           over the whole table) → p50/p95/p99 per side;
  throughput: --requests requests per side from --concurrency client threads → requests/s.
After an untimed warm-up of 20 requests per side. Every answer must be 200 with 50 rows, and the
first page's ids must be the same on both sides (checked once).
ratio: throughput API ÷ peer (aim ≥ 0.6); latency ratios API ÷ peer (p50, p95).
The load average is recorded at the start and the end (the machine may be shared).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.webserver import WebSite  # noqa: E402

RESULTS = REPO / "bench" / "results" / "b4_list_api.json"
SIDES = {"api": "/api/v1/postings/?page_size=50&page={}", "peer": "/bench/plain-postings/?page={}"}


def get(base: str, path: str, cookie: str) -> tuple[float, bytes]:
    host, port = base.removeprefix("http://").split(":")
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Accept": "application/json"})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise SystemExit(f"b4: {path} answered {response.status}: {body[:300]!r}")
    return elapsed, body


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
        "p99_ms": cuts[98] * 1000,
        "mean_ms": statistics.fmean(samples) * 1000,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100, help="per side, round and phase")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (throughput)")
    parser.add_argument("--keep-db", action="store_true", help="keep (and reuse) the database")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    report: dict[str, Any] = {
        "benchmark": "B4 list API",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
        "args": {k: v for k, v in vars(args).items() if k != "output"},
        "method": (__doc__ or "").split("Method.", 1)[1].strip(),
    }
    started = time.perf_counter()
    site = WebSite(args.postings, keep_db=args.keep_db)
    report["rows"] = site.rows
    pages = max(1, site.rows // 50)
    cookie = site.cookies["staff"]
    latency: dict[str, list[float]] = {side: [] for side in SIDES}
    throughput: dict[str, list[float]] = {side: [] for side in SIDES}
    try:
        with site.serve(workers=2) as base:
            first = {
                side: json.loads(get(base, path.format(1), cookie)[1])
                for side, path in SIDES.items()
            }
            ids = {side: [row["id"] for row in body["results"]] for side, body in first.items()}
            if ids["api"] != ids["peer"] or len(ids["api"]) != 50:
                raise SystemExit(f"b4: the two sides disagree on page 1: {ids}")
            report["bytes_page_1"] = {
                side: len(get(base, path.format(1), cookie)[1]) for side, path in SIDES.items()
            }
            for path in SIDES.values():
                for i in range(20):
                    get(base, path.format(1 + i * 7 % pages), cookie)
            step = max(1, pages // args.requests)
            for round_ in range(args.rounds):
                order = list(SIDES) if round_ % 2 == 0 else list(reversed(SIDES))
                wanted = [1 + (round_ + i * step) % pages for i in range(args.requests)]
                for side in order:
                    for page in wanted:
                        latency[side].append(get(base, SIDES[side].format(page), cookie)[0])
                for side in order:
                    began = time.perf_counter()
                    with ThreadPoolExecutor(args.concurrency) as pool:
                        list(
                            pool.map(
                                lambda p, s=side: get(base, SIDES[s].format(p), cookie), wanted
                            )
                        )
                    throughput[side].append(len(wanted) / (time.perf_counter() - began))
                print(
                    f"b4: round {round_ + 1}/{args.rounds}: "
                    + ", ".join(
                        f"{side} p50 {statistics.median(latency[side]) * 1000:.1f} ms, "
                        f"{throughput[side][-1]:.0f} req/s"
                        for side in SIDES
                    ),
                    flush=True,
                )
    finally:
        site.close()
    sides: dict[str, dict[str, Any]] = {
        side: {
            **percentiles(latency[side]),
            "requests_per_s": statistics.median(throughput[side]),
            "requests_per_s_rounds": throughput[side],
            "samples": len(latency[side]),
        }
        for side in SIDES
    }
    report["sides"] = sides
    report["ratio"] = {
        "throughput_api_over_peer": sides["api"]["requests_per_s"]
        / sides["peer"]["requests_per_s"],
        "p50_api_over_peer": sides["api"]["p50_ms"] / sides["peer"]["p50_ms"],
        "p95_api_over_peer": sides["api"]["p95_ms"] / sides["peer"]["p95_ms"],
        "aim": "throughput ratio ≥ 0.6",
    }
    report["loadavg_at_end"] = os.getloadavg()
    report["total_s"] = time.perf_counter() - started
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nB4 list API — {site.rows:,} rows, 50 a page, gunicorn -w 2")
    print(f"{'side':<6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}")
    for side, figures in sides.items():
        print(
            f"{side:<6}{figures['p50_ms']:>9.1f}{figures['p95_ms']:>9.1f}"
            f"{figures['p99_ms']:>9.1f}{figures['requests_per_s']:>8.1f}"
        )
    ratio = report["ratio"]
    print(
        f"throughput API ÷ peer {ratio['throughput_api_over_peer']:.2f} (aim ≥ 0.6); p50 × "
        f"{ratio['p50_api_over_peer']:.2f}, p95 × {ratio['p95_api_over_peer']:.2f}; load "
        f"{report['loadavg_at_start']} → {report['loadavg_at_end']}; results: {args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
