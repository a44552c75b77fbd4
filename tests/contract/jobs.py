"""Jobs used by the job tests, registered when this module is imported (`JOB_MODULES`).

Their effects go to two plain tables that the tests create: `contract_executions` logs every
execution (so a test can count how often a job ran) and `contract_effects` holds the effect,
written the idempotent way every real job must be (insert if missing).
"""

from __future__ import annotations

import os
import time

from django.db import connection

from workers.registry import register_job

TABLES_SQL = [
    "CREATE TABLE IF NOT EXISTS contract_executions"
    " (id bigserial PRIMARY KEY, key text NOT NULL, pid integer NOT NULL,"
    " at timestamptz NOT NULL DEFAULT now())",
    "CREATE TABLE IF NOT EXISTS contract_effects (key text PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS contract_sessions"
    " (key text PRIMARY KEY, backend_pid integer NOT NULL)",
]


def create_tables() -> None:
    with connection.cursor() as cursor:
        for statement in TABLES_SQL:
            cursor.execute(statement)
        cursor.execute("TRUNCATE contract_executions, contract_effects, contract_sessions")


def executions(key: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM contract_executions WHERE key = %s", [key])
        return int(cursor.fetchone()[0])


def effects(key_prefix: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, count(*) FROM contract_effects WHERE key LIKE %s GROUP BY key",
            [key_prefix + "%"],
        )
        return {key: int(count) for key, count in cursor.fetchall()}


def _log_execution(key: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO contract_executions (key, pid) VALUES (%s, %s)", [key, os.getpid()]
        )
        cursor.execute("SELECT count(*) FROM contract_executions WHERE key = %s", [key])
        return int(cursor.fetchone()[0])


def record(key: str, first_sleep: float = 0.0) -> None:
    """Apply effect `key` once; the first execution sleeps `first_sleep` s before it does."""
    if _log_execution(key) == 1 and first_sleep:
        time.sleep(first_sleep)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO contract_effects (key) VALUES (%s) ON CONFLICT (key) DO NOTHING", [key]
        )


def fail(key: str) -> None:
    """Always fails, after logging the execution."""
    _log_execution(key)
    raise RuntimeError(f"contract failure for {key}")


def session(key: str) -> None:
    """Record which PostgreSQL session (server process id) ran the job `key`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO contract_sessions (key, backend_pid) VALUES (%s, pg_backend_pid())"
            " ON CONFLICT (key) DO NOTHING",
            [key],
        )


def session_of(key: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT backend_pid FROM contract_sessions WHERE key = %s", [key])
        row = cursor.fetchone()
        return None if row is None else int(row[0])


register_job("contract.record", record)
register_job("contract.session", session)
register_job("contract.fail", fail, max_attempts=3)
