"""Every function of the reports app that the staff report page calls, in one place (as
`staff_backend` does for the rest of the staff console)."""

from __future__ import annotations

from backend.reports.exports.charts import Chart, report_charts
from backend.reports.exports.columns import BY_LABELS, Column, columns_of
from backend.reports.exports.to_pdf import summary_figures, table_rows
from backend.reports.query import FORMATS, ReportQuery, report_query_parse
from backend.reports.selectors import (
    MENTORING_BREAKDOWNS,
    PLACEMENT_BREAKDOWNS,
    mentoring_report,
    placements_report,
)
from backend.reports.tables import report_output

__all__ = [
    "BY_LABELS",
    "FORMATS",
    "MENTORING_BREAKDOWNS",
    "PLACEMENT_BREAKDOWNS",
    "Chart",
    "Column",
    "ReportQuery",
    "columns_of",
    "mentoring_report",
    "placements_report",
    "report_charts",
    "report_output",
    "report_query_parse",
    "summary_figures",
    "table_rows",
]
