"""Staff pages of the ordinance ledger: `/staff/hiring-surveys/` (each covered institution
and partner with its survey of the year, the ones missing first, and the form to file one on
its behalf) and `/staff/reports/ordinance/` (the ledger, 고졸 지역인재 채용, with its chart,
table and downloads)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.web import ledger_backend as ledger
from backend.web.forms.surveys import StaffHiringSurveyForm
from backend.web.views.staff import form_errors, page_of, staff_required

DOWNLOADS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("pdf", "PDF"))


def _year(request: HttpRequest) -> int:
    try:
        year, _format = ledger.ledger_year_parse({"year": request.GET.get("year", "")})
    except ValidationError:
        return ledger.survey_year_due()
    return year if request.GET.get("year") else ledger.survey_year_due()


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def hiring_surveys(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    institutions = ledger.ledger_institutions(year)
    form = StaffHiringSurveyForm(
        request.POST if request.method == "POST" else None,
        initial={"year": year},
        institutions=[(employer.pk, employer.name) for employer, _kind in institutions],
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            employer = ledger.employer_for_staff(
                request_user(request), form.cleaned_data["employer"]
            )
            try:
                survey = ledger.hiring_survey_file(
                    employer=employer, actor=request_user(request), values=form.cleaned_data
                )
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s의 %(year)s년 실태조사를 대신 제출했어요.")
                    % {"name": employer.name, "year": survey.year},
                )
                return redirect(f"{reverse('web:staff_hiring_surveys')}?year={survey.year}")
        status = 400
    missing = {employer.pk for employer, _kind in ledger.institutions_missing_survey(year)}
    rows: list[dict[str, Any]] = [
        {"employer": employer, "kind": ledger.KIND_LABELS[kind], "missing": employer.pk in missing}
        for employer, kind in institutions
    ]
    rows.sort(key=lambda row: not row["missing"])
    policy = ledger.policy_in_force(ledger.seoul_today())
    return render(
        request,
        "web/staff/hiring_surveys.html",
        {
            "nav": "me",
            "year": year,
            "rows": rows,
            "missing_count": len(missing),
            "deadline": ledger.survey_deadline(policy.document if policy else {}, year),
            "form": form,
            "years": list(range(ledger.seoul_today().year, ledger.seoul_today().year - 5, -1)),
        },
        status=status,
    )


@login_required
@staff_required
@require_safe
def ordinance_report(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = ledger.ordinance_ledger(year=year)
    output = ledger.ledger_export_output(data)
    api = reverse("report-ordinance")
    return render(
        request,
        "web/staff/ordinance.html",
        {
            "nav": "me",
            "year": year,
            "ledger": data,
            "columns": ledger.ordinance_columns(),
            "rows": ledger.table_rows(output),
            "charts": ledger.report_charts(output),
            "downloads": [
                (label, f"{api}?{urlencode({'year': year, 'format': code})}")
                for code, label in DOWNLOADS
            ],
            "years": list(range(ledger.seoul_today().year, ledger.seoul_today().year - 5, -1)),
        },
    )


def _snapshot_or_404(snapshot_id: int) -> ledger.ReportSnapshot:
    snapshot = ledger.ReportSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is None:
        raise Http404(_("스냅숏을 찾을 수 없어요."))
    return snapshot


@login_required
@staff_required
@require_safe
def snapshots_page(request: HttpRequest) -> HttpResponse:
    page = page_of(request, ledger.snapshot_list())
    api = reverse("report-snapshot", args=[0]).rsplit("0/", 1)[0]
    rows = [
        {
            "snapshot": snapshot,
            "downloads": [
                (label, f"{api}{snapshot.pk}/?format={code}") for code, label in DOWNLOADS
            ],
        }
        for snapshot in page
    ]
    return render(request, "web/staff/snapshots.html", {"nav": "me", "page": page, "rows": rows})


@login_required
@staff_required
@require_POST
def snapshot_regenerate(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    old = _snapshot_or_404(snapshot_id)
    ledger.snapshot_generate(
        kind=old.kind,
        parameters=old.parameters,
        as_of=ledger.seoul_today(),
        period=old.period,
        actor=request_user(request),
    )
    messages.success(request, _("스냅숏을 새로 만들었어요. 이전 스냅숏은 기록으로 남아요."))
    return redirect("web:staff_snapshots")


@login_required
@staff_required
@require_POST
def snapshot_publish(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    try:
        ledger.snapshot_publish(snapshot=_snapshot_or_404(snapshot_id))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("공개 보고서 페이지에 올렸어요."))
    return redirect("web:staff_snapshots")
