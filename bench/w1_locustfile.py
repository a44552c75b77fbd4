"""W1's locust users (run by bench/w1_web_load.py, one class per run, headless and bounded).

Each user makes one request (or one bundle) per second (`constant_throughput(1)`), so
`--users 20` is a fixed 20 per second as long as the server keeps up. The same search terms,
in the same order, on both sides of a pair. Every sample (name, ms, ok) is written as JSON to
$W1_SAMPLES when locust quits. $W1_COOKIE is the signed-in seeker's session cookie.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from typing import Any

from locust import HttpUser, constant_throughput, events, task

TERMS = ("용접", "사무 보조", "요양", "물류 포장", "카페", "생산직", "조리", "경비", "회계", "전기")
SAMPLES: list[tuple[str, float, bool]] = []
_terms = itertools.cycle(TERMS)


def _record(name: str, response_time: float, exception: Any, **_: Any) -> None:
    SAMPLES.append((name, response_time, exception is None))


def _dump(**_: Any) -> None:
    path = os.environ.get("W1_SAMPLES")
    if path:
        with open(path, "w") as out:
            json.dump(SAMPLES, out)


events.request.add_listener(_record)
events.quitting.add_listener(_dump)


class _User(HttpUser):
    abstract = True
    wait_time = constant_throughput(1)

    def on_start(self) -> None:
        self.client.headers["Cookie"] = os.environ.get("W1_COOKIE", "")
        self.client.headers["Accept-Language"] = "ko"


class SearchPage(_User):
    @task
    def page(self) -> None:
        self.client.get("/jobs/", params={"q": next(_terms)}, name="search page /jobs/")


class SearchApi(_User):
    @task
    def api(self) -> None:
        self.client.get("/api/v1/postings/search/", params={"q": next(_terms)}, name="search API")


class DashboardPage(_User):
    @task
    def page(self) -> None:
        self.client.get("/me/", name="dashboard page /me/")


class DashboardApi(_User):
    """The three calls that carry the dashboard's data, one after the other, as one sample."""

    @task
    def api(self) -> None:
        started = time.perf_counter()
        failure: Exception | None = None
        for path in ("/api/v1/me/", "/api/v1/me/recommendations/", "/api/v1/me/applications/"):
            with self.client.get(path, name=f"part {path}", catch_response=True) as response:
                if response.status_code != 200:
                    failure = RuntimeError(f"{path}: {response.status_code}")
                    response.failure(str(failure))
        events.request.fire(
            request_type="BUNDLE",
            name="dashboard API (3 calls)",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=failure,
            context={},
        )
