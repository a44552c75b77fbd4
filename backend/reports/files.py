"""A report output as a downloadable file (one function per format; the PDF may be
unavailable on a machine without Pango)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drf_spectacular.types import OpenApiTypes

from backend.reports.exports.to_csv import report_csv
from backend.reports.exports.to_pdf import report_pdf
from backend.reports.exports.to_xlsx import report_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# The OpenAPI answers of a report endpoint: JSON, or the file `format=` asks for.
REPORT_RESPONSES: dict[tuple[int, str], Any] = {
    (200, "application/json"): OpenApiTypes.OBJECT,
    **{(200, media.split(";")[0]): OpenApiTypes.BINARY for media in CONTENT_TYPES.values()},
}
RENDERERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "csv": report_csv,
    "xlsx": report_xlsx,
    "pdf": report_pdf,
}


@dataclass(frozen=True)
class ReportFile:
    filename: str
    content_type: str
    content: bytes


def report_file(output: dict[str, Any], file_format: str) -> ReportFile:
    """The file of a (suppressed) output: `report-placements-2026-01-01_2026-12-31-cohort.csv`.
    Raises `exports.to_pdf.PdfUnavailable` for a PDF the machine cannot make."""
    period = output["period"]
    name = f"report-{output['kind']}-{period['from']}_{period['to']}-{output['by']}.{file_format}"
    return ReportFile(name, CONTENT_TYPES[file_format], RENDERERS[file_format](output))
