"""Jobs that the benchmarks register in every process, via `JOB_MODULES=bench.jobs`.

`bench.touch` is the "small database job" of B6: one autocommitted upsert of one row in the
table `bench_touch`, which the benchmark creates with raw SQL in its own throwaway database
(see `bench/b6_jobs.py`). Importing this module touches no database.
"""

from __future__ import annotations

from django.db import connection

from workers.registry import register_job

TOUCH_TABLE_SQL = (
    "CREATE TABLE IF NOT EXISTS bench_touch ("
    " id integer PRIMARY KEY,"
    " hits integer NOT NULL,"
    " touched_at timestamptz NOT NULL)"
)

_TOUCH_SQL = (
    "INSERT INTO bench_touch (id, hits, touched_at) VALUES (%s, 1, now()) "
    "ON CONFLICT (id) DO UPDATE SET hits = bench_touch.hits + 1, touched_at = now()"
)


def touch(key: int) -> None:
    """Insert row `key` of `bench_touch`, or bump its counter if it exists."""
    with connection.cursor() as cursor:
        cursor.execute(_TOUCH_SQL, [key])


register_job("bench.touch", touch)
