"""Readiness of each part the process depends on, for `/readyz`.

Each check is bounded by a short timeout so that `/readyz` answers within a few seconds even
when a server hangs; a failing part is reported with its error, never raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class PartState:
    """The state of one part: `ok`, and details that are safe to show (no secrets)."""

    name: str
    ok: bool
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"state": "ok" if self.ok else "error", **self.details}


def _timed(name: str, probe: Callable[[], dict[str, Any]]) -> PartState:
    started = time.perf_counter()
    try:
        details = probe()
        ok = True
    except Exception as error:  # any failure of a dependency means "not ready"
        details = {"error": f"{type(error).__name__}: {error}"[:300]}
        ok = False
    details["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return PartState(name=name, ok=ok, details=details)


def _probe_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"backend": connection.vendor}


Probe = Callable[[], dict[str, Any]]
_PROBES: dict[str, Probe] = {}


def register_probe(name: str, probe: Probe) -> None:
    """Check `probe()` on every `/readyz` (after the database): it returns details that are
    safe to show or raises. Registered by the part's app (search: `SearchConfig.ready()`)."""
    _PROBES[name] = probe


def _probe_broker() -> dict[str, Any]:
    import redis

    client = redis.Redis.from_url(
        settings.BROKER_URL,
        socket_timeout=settings.BROKER_TIMEOUT,
        socket_connect_timeout=settings.BROKER_TIMEOUT,
    )
    try:
        client.ping()
    finally:
        client.close()
    return {"backend": "redis"}


def readiness() -> list[PartState]:
    """Check every configured part: database, search backend, job engine and its broker."""
    parts = [
        _timed("database", _probe_database),
        *(_timed(name, probe) for name, probe in _PROBES.items()),
        PartState(name="jobs", ok=True, details={"engine": settings.WORKER_ENGINE}),
    ]
    if settings.WORKER_ENGINE != "inline":
        parts.append(_timed("broker", _probe_broker))
    return parts
