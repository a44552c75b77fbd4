"""The report as CSV: UTF-8 with a BOM (so Excel opens the Korean right), one header row, a
row per breakdown row and the total last. Counts are plain integers, rates percent with one
decimal (header "(%)"), suppressed values "<5", values that do not apply empty."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext

from backend.reports.exports.columns import SUPPRESSED, cells, columns_of


def _csv_value(kind: str, value: Any, suppressed: bool) -> str:
    if suppressed:
        return SUPPRESSED
    if value is None:
        return ""
    if kind == "rate":
        return f"{value * 100:.1f}"
    if kind == "number":
        return f"{value:.1f}"
    return str(value)


def report_csv(output: dict[str, Any]) -> bytes:
    columns = columns_of(output["kind"])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            gettext("구분 코드"),
            gettext("구분"),
            *[
                f"{column.header}(%)" if column.kind == "rate" else str(column.header)
                for column in columns
            ],
        ]
    )
    for row in [*output["rows"], output["total"]]:
        writer.writerow(
            [
                row["key"],
                row["label"],
                *[
                    _csv_value(column.kind, value, hidden)
                    for column, value, hidden in cells(row, columns)
                ],
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
