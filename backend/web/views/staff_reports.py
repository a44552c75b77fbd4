"""The staff report page (`/staff/reports/`, UI.md): the filters, the report's table with
its small cells suppressed (or the true numbers, marked internal, on request), the charts
each with its data table, and the downloads (the API's files, suppressed and logged).

Without a query string the page shows this year's placement report by cohort; bad
parameters show the form again with each field's error (status 400), and no table.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from backend.web import reports_backend as reports
from backend.web.forms.reports import ReportFilterForm
from backend.web.views.staff import form_errors, staff_required

REPORTS = {"placements": reports.placements_report, "mentoring": reports.mentoring_report}
DOWNLOADS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("pdf", "PDF"))


@login_required
@staff_required
@require_safe
def reports_page(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data.setdefault("kind", "placements")
    form = ReportFilterForm(data)
    context: dict[str, object] = {"form": form}
    status = 200
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        try:
            query = reports.report_query_parse(
                kind, {name: str(data.get(name, "")) for name in ("from", "to", "by", "as_of")}
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            internal = bool(form.cleaned_data["internal"])
            report = REPORTS[kind](
                date_from=query.date_from,
                date_to=query.date_to,
                by=query.by,
                as_of=query.as_of,
            )
            output = reports.report_output(report, suppressed=not internal)
            api = reverse(f"report-{kind}")
            context.update(
                {
                    "query": query,
                    "output": output,
                    "internal": internal,
                    "columns": reports.columns_of(kind),
                    "rows": reports.table_rows(output),
                    "summary": reports.summary_figures(output),
                    "charts": reports.report_charts(output),
                    "downloads": [
                        (label, f"{api}?{urlencode({**query.params(), 'format': code})}")
                        for code, label in DOWNLOADS
                    ],
                }
            )
    if form.errors:
        status = 400
    return render(request, "web/staff/reports.html", context, status=status)
