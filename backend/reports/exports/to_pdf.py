"""The council report as PDF (WeasyPrint): a cover with the period and the policy version,
the summary figures, the charts (SVG) each with its data table, the full table, the
small-cell note, and page numbers. Korean text is set in Noto Sans CJK (Debian's
fonts-noto-cjk), which WeasyPrint embeds as a subset, so the text is selectable and
searchable.

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0). Without it, importing
WeasyPrint fails; `PdfUnavailable` then names the missing library, the API answers 503 and
CSV/XLSX keep working.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.template.loader import render_to_string

from backend.reports.exports.charts import report_charts
from backend.reports.exports.columns import cells, columns_of, text_of
from backend.reports.exports.to_xlsx import header_block, report_titles

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(Exception):
    """The PDF engine cannot run on this machine (the message says why)."""


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except OSError as error:  # cffi could not dlopen Pango / GObject
        raise PdfUnavailable(
            f"PDF needs the Pango library, which this server lacks ({error}); "
            f"install it: apt-get install {PANGO_PACKAGES}"
        ) from error
    except ImportError as error:
        raise PdfUnavailable(f"PDF needs WeasyPrint, which is not installed ({error})") from error


def table_rows(output: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's rows (and the total) as text cells, for templates."""
    columns = columns_of(output["kind"])
    return [
        {
            "label": row["label"],
            "is_total": row is output["total"],
            "cells": [
                {"text": text_of(column, value, hidden), "suppressed": hidden}
                for column, value, hidden in cells(row, columns)
            ],
        }
        for row in [*output["rows"], output["total"]]
    ]


def summary_figures(output: dict[str, Any]) -> list[tuple[str, str]]:
    """The headline numbers of the total row (label, text)."""
    columns = {column.name: column for column in columns_of(output["kind"])}
    total = output["total"]
    hidden = set(total["suppressed"])
    names = (
        [
            "participants",
            "placed",
            "placements",
            "placement_rate",
            "retention.6.rate",
            "median_days_to_placement",
        ]
        if output["kind"] == "placements"
        else ["new_hires_total", "local_graduate_hires", "share", "target_share", "shortfall"]
        if output["kind"] == "ordinance"
        else ["requests", "accepted", "completed", "median_hours_to_acceptance"]
    )
    figures = []
    for name in names:
        column = columns[name]
        value = (
            total["retention"][name.split(".")[1]]["rate"]
            if name.startswith("retention.")
            else total.get(name)
        )
        figures.append((str(column.header), text_of(column, value, name in hidden) or "-"))
    return figures


def report_html(output: dict[str, Any]) -> str:
    return render_to_string(
        "reports/council_report.html",
        {
            "output": output,
            "title": report_titles()[output["kind"]],
            "header": header_block(output),
            "summary": summary_figures(output),
            "charts": report_charts(output),
            "columns": columns_of(output["kind"]),
            "rows": table_rows(output),
        },
    )


def report_pdf(output: dict[str, Any]) -> bytes:
    """The PDF bytes; `PdfUnavailable` when the engine cannot run here."""
    weasyprint = _weasyprint()
    pdf: bytes = weasyprint.HTML(string=report_html(output)).write_pdf()
    return pdf
