"""Match runs in the staff console: start one, list them, and one run's page.

The run's page polls its own `status` partial (`hx-get` every 2 s) while the run is queued or
running; the partial of a finished run has no trigger, so polling stops, and it carries the
summary, the quota table per employer and the assignments. Without JavaScript a link reloads
the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.accounts.permissions import request_user
from backend.web import staff_backend as backend
from backend.web.forms.staff import MatchRunForm
from backend.web.views.staff import _found, form_errors, page_of, staff_required

ASSIGNMENTS_PAGE = 25
ACTIVE = frozenset({backend.MatchRunStatus.QUEUED, backend.MatchRunStatus.RUNNING})


def _scope_errors(form: MatchRunForm, error: ValidationError) -> None:
    """The service names scope entries `scope.areas`; the form's fields are `areas`."""
    renamed = {name.removeprefix("scope."): texts for name, texts in error.message_dict.items()}
    form_errors(form, ValidationError(renamed))


def _run_row(run: Any) -> dict[str, Any]:
    return {
        "run": run,
        "kind_label": run.get_kind_display(),
        "status_label": run.get_status_display(),
        "active": run.status in ACTIVE,
    }


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def match_runs(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = MatchRunForm(
        request.POST if request.method == "POST" else None,
        areas=list(backend.area_list()),
        career_fields=list(backend.career_field_list()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            run = backend.match_run_create(
                actor=user, kind=form.cleaned_data["kind"], scope=form.scope()
            )
        except ValidationError as error:
            _scope_errors(form, error)
        else:
            messages.success(request, _("매칭 실행 #%(id)s을(를) 시작했어요.") % {"id": run.pk})
            return redirect("web:staff_match_run", run_id=run.pk)
    page = page_of(request, backend.match_runs().select_related("created_by"))
    return render(
        request,
        "web/staff/match_runs.html",
        {
            "nav": "me",
            "form": form,
            "page": page,
            "rows": [_run_row(run) for run in page.object_list],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _quota_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    quota = summary.get("quota") or []
    names = backend.employer_names([row["employer_id"] for row in quota])
    return [
        {
            **row,
            "name": names.get(row["employer_id"], f"#{row['employer_id']}"),
            "target_percent": round(float(row.get("target_share", 0)) * 100),
            "achieved_percent": round(float(row.get("achieved_share", 0)) * 100),
        }
        for row in quota
    ]


def _run_context(request: HttpRequest, run: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"nav": "me", **_run_row(run)}
    if run.status == backend.MatchRunStatus.DONE:
        unassigned = request.GET.get("show") == "unassigned"
        page = page_of(
            request,
            backend.match_run_assignments(run, unassigned=unassigned),
            ASSIGNMENTS_PAGE,
        )
        context.update(
            summary=run.summary,
            quota=_quota_rows(run.summary),
            unassigned=unassigned,
            page=page,
        )
    return context


@login_required
@staff_required
@require_safe
def match_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _found(lambda: backend.match_run_for_staff(request_user(request), run_id))
    return render(request, "web/staff/match_run.html", _run_context(request, run))


@login_required
@staff_required
@require_safe
def match_run_status(request: HttpRequest, run_id: int) -> HttpResponse:
    """The `status` partial of the run's page: what the page polls."""
    run = _found(lambda: backend.match_run_for_staff(request_user(request), run_id))
    return render(request, "web/staff/match_run.html#status", _run_context(request, run))
