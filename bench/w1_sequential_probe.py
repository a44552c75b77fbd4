#!/usr/bin/env python
"""A diagnostic beside W1 (not a benchmark: no peer, no JSON): the same site as W1
(`bench/webserver.py`: the demo data, gunicorn -w 2, the signed-in demo graduate) served one
request at a time from one `http.client` connection per request, 40 requests a path, so its
median and p95 are the service time without locust and without queueing.

    . var/servers/env && .venv/bin/python bench/w1_sequential_probe.py
"""

from __future__ import annotations

import http.client
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.webserver import WebSite

PATHS = (
    f"/api/v1/postings/search/?q={quote('용접')}",
    f"/jobs/?q={quote('용접')}",
    "/api/v1/me/",
    "/api/v1/me/recommendations/",
    "/api/v1/me/applications/",
    "/me/",
)


def main() -> int:
    site = WebSite(postings=0)
    try:
        with site.serve(workers=2) as base:
            url = urlsplit(base)
            for path in PATHS:
                times, status = [], 0
                for _ in range(40):
                    conn = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
                    started = time.perf_counter()
                    conn.request("GET", path, headers={"Cookie": site.cookies["seeker"]})
                    response = conn.getresponse()
                    response.read()
                    times.append((time.perf_counter() - started) * 1000)
                    status = response.status
                    conn.close()
                p95 = sorted(times)[int(0.95 * len(times)) - 1]
                median = statistics.median(times)
                print(f"{path:45} {status}  p50 {median:6.1f} ms  p95 {p95:6.1f} ms")
    finally:
        site.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
