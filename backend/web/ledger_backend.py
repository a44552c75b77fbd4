"""Every function of the other apps that the hiring-survey and ledger pages call, in one
place (as `reports_backend` does for the report page)."""

from __future__ import annotations

from backend.employers.access import employer_for_staff
from backend.employers.models import Employer, HiringSurvey
from backend.employers.selectors import employer_of_user
from backend.employers.surveys import COUNT_FIELDS, hiring_survey_file, hiring_surveys_of
from backend.jobs.models import seoul_today
from backend.matching.policy import survey_deadline
from backend.reports.exports.charts import report_charts
from backend.reports.exports.columns import ordinance_columns
from backend.reports.exports.to_pdf import PdfUnavailable, table_rows
from backend.reports.ledger import (
    KIND_LABELS,
    LEDGER_NOTE,
    LEDGER_TITLE,
    institutions_missing_survey,
    ledger_export_output,
    ledger_institutions,
    local_graduate_definition,
    ordinance_ledger,
    survey_year_due,
)
from backend.reports.ledger_api import ledger_year_parse
from backend.reports.models import ReportSnapshot, SnapshotKind
from backend.reports.selectors import policy_in_force
from backend.reports.snapshot_api import snapshot_file_response
from backend.reports.snapshots import (
    published_snapshots,
    snapshot_generate,
    snapshot_list,
    snapshot_publish,
)

__all__ = [
    "COUNT_FIELDS",
    "KIND_LABELS",
    "LEDGER_NOTE",
    "LEDGER_TITLE",
    "Employer",
    "HiringSurvey",
    "PdfUnavailable",
    "ReportSnapshot",
    "SnapshotKind",
    "employer_for_staff",
    "employer_of_user",
    "hiring_survey_file",
    "hiring_surveys_of",
    "institutions_missing_survey",
    "ledger_export_output",
    "ledger_institutions",
    "ledger_year_parse",
    "local_graduate_definition",
    "ordinance_columns",
    "ordinance_ledger",
    "policy_in_force",
    "published_snapshots",
    "report_charts",
    "seoul_today",
    "snapshot_file_response",
    "snapshot_generate",
    "snapshot_list",
    "snapshot_publish",
    "survey_deadline",
    "survey_year_due",
    "table_rows",
]
