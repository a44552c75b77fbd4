"""A median aggregate computed by the database: PostgreSQL's `percentile_cont(0.5) WITHIN
GROUP (ORDER BY …)`, and on SQLite (the embedded default) a `MEDIAN()` aggregate function
registered on every new connection (`sqlite_median_register`) with the same answer: the
middle value, or the mean of the two middle values, of the non-null inputs."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, FloatField
from django.db.models.sql.compiler import SQLCompiler


class Median(Aggregate):
    """The median of a numeric expression (None over no rows)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    output_field = FloatField()
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> Any:
        return self.as_sql(
            compiler, connection, function="MEDIAN", template="%(function)s(%(expressions)s)"
        )


class _SQLiteMedian:
    """SQLite aggregate class: `step` per row, `finalize` once per group."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: Any) -> None:
        if value is not None:
            self.values.append(float(value))

    def finalize(self) -> float | None:
        if not self.values:
            return None
        ordered = sorted(self.values)
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2.0


def sqlite_median_register(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created`: give SQLite connections the `MEDIAN` aggregate."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MEDIAN", 1, _SQLiteMedian)
