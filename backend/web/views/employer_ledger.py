"""The institution's hiring surveys (`/employer/hiring-surveys/`: the list with its history and
the form, which prints the policy's definition of a local graduate) and its own row of the
ordinance ledger (`/employer/ordinance/`), UI.md."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.accounts.permissions import request_user
from backend.web import ledger_backend as ledger
from backend.web.forms.surveys import HiringSurveyForm
from backend.web.views.employer import employer_required, organisation_or_redirect, place_errors


def survey_context(employer: ledger.Employer) -> dict[str, Any]:
    """What the survey form shows beside it: the year due, its deadline, the definition."""
    today = ledger.seoul_today()
    year = ledger.survey_year_due(today)
    policy = ledger.policy_in_force(today)
    document = policy.document if policy is not None else None
    return {
        "survey_year": year,
        "deadline": ledger.survey_deadline(document or {}, year),
        "definition": ledger.local_graduate_definition(document),
        "surveys": list(ledger.hiring_surveys_of(employer)[:50]),
    }


@login_required
@employer_required
@require_http_methods(["GET", "HEAD", "POST"])
def hiring_surveys(request: HttpRequest) -> HttpResponse:
    employer = organisation_or_redirect(request)
    if employer is None:
        return redirect("web:employer_organisation")
    context = survey_context(employer)
    form = HiringSurveyForm(
        request.POST if request.method == "POST" else None,
        initial={"year": context["survey_year"]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                survey = ledger.hiring_survey_file(
                    employer=employer, actor=request_user(request), values=form.cleaned_data
                )
            except ValidationError as error:
                place_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(year)s년 채용 실태조사를 제출했어요.") % {"year": survey.year},
                )
                return redirect("web:employer_hiring_surveys")
        status = 400
    return render(
        request,
        "web/employer/hiring_surveys.html",
        {"nav": "me", "employer": employer, "form": form, **context},
        status=status,
    )


@login_required
@employer_required
@require_safe
def ordinance(request: HttpRequest) -> HttpResponse:
    employer = organisation_or_redirect(request)
    if employer is None:
        return redirect("web:employer_organisation")
    try:
        year, _format = ledger.ledger_year_parse({"year": request.GET.get("year", "")})
    except ValidationError:
        year = ledger.survey_year_due()
    data = ledger.ordinance_ledger(year=year, employer_id=employer.pk)
    if not data["rows"]:
        raise PermissionDenied(_("조례 적용 기관이나 협약 기업만 자기 실적을 볼 수 있어요."))
    output = ledger.ledger_export_output(data)
    columns = ledger.ordinance_columns()
    rows = ledger.table_rows(output)[:1]
    return render(
        request,
        "web/employer/ordinance.html",
        {
            "nav": "me",
            "employer": employer,
            "year": year,
            "ledger": data,
            "row": data["rows"][0],
            "columns": columns,
            "rows": rows,
            "texts": {
                column.name: cell["text"]
                for column, cell in zip(columns, rows[0]["cells"], strict=True)
            },
            "years": list(range(ledger.seoul_today().year, ledger.seoul_today().year - 5, -1)),
        },
    )
