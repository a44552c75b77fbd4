"""The employer console's start: the dashboard and the organisation form.

Reads and writes go through `backend.web.employer_backend` (the other apps' selectors,
services and access functions). Postings and applicants are in `views/employer_postings.py`,
placements in `views/employer_placements.py`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.accounts.models import Role
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.web import employer_backend as backend
from backend.web.access import role_required
from backend.web.forms.employer import OrganisationForm
from backend.web.labels_employer import POSTING_STATUS, POSTING_STATUS_ORDER

employer_required = role_required(Role.EMPLOYER)

PAGE_SIZE = 10
DASHBOARD_ROWS = 5


def page_of(request: HttpRequest, rows: Any, size: int = PAGE_SIZE) -> Page[Any]:
    return Paginator(rows, size).get_page(request.GET.get("page"))


def same_query(request: HttpRequest, name: str, *args: object) -> str:
    """The page `name` with the request's query (filter and page) kept: after a move on the
    applicants' second page filtered by status, the employer lands there again."""
    url = reverse(name, args=args)
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


def place_errors(form: Form, error: ValidationError | DomainError, *, field: str = "") -> None:
    """A service's refusal beside the field it names (else at the top of the form)."""
    if isinstance(error, DomainError):
        form.add_error(field or None, error.message)
        return
    if not hasattr(error, "error_dict"):
        for text in error.messages:
            form.add_error(field or None, text)
        return
    for name, texts in error.message_dict.items():
        target = name if name in form.fields else None
        if name == "location":
            target = "area" if "area" in form.fields else None
        for text in texts:
            form.add_error(target, text)


def organisation_or_redirect(request: HttpRequest) -> backend.Employer | None:
    """The caller's organisation, or None with a message (the view then redirects to the
    organisation form)."""
    employer = backend.employer_of_user(user=request_user(request))
    if employer is None:
        messages.info(request, _("먼저 기업 정보를 등록해 주세요."))
    return employer


def verification(employer: backend.Employer | None) -> dict[str, str]:
    """The organisation's verification in plain words: a state and what it means."""
    if employer is None:
        return {"state": "none", "label": _("등록 전"), "meaning": ""}
    if employer.verified:
        return {
            "state": "verified",
            "label": _("인증됨"),
            "meaning": _("시 담당자가 확인했어요. 공고를 검토 요청할 수 있어요."),
        }
    if employer.refused_at is not None:
        # Staff could not confirm it: their reason in their words, and how to move on.
        return {
            "state": "refused",
            "label": _("인증 거절됨"),
            "meaning": _(
                "시 담당자가 기업 정보를 확인하지 못했어요. 아래 사유를 확인하고 기업 정보를 "
                "고쳐 저장하면 다시 확인해요."
            ),
            "reason": employer.refusal_reason,
        }
    return {
        "state": "waiting",
        "label": _("인증 기다리는 중"),
        "meaning": _(
            "시 담당자가 사업자등록번호를 확인하고 있어요. 공고는 미리 써 둘 수 있고, 인증이 "
            "끝나면 검토를 요청할 수 있어요."
        ),
    }


@login_required
@employer_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    employer = backend.employer_of_user(user=user)
    context: dict[str, Any] = {
        "nav": "me",
        "employer": employer,
        "verification": verification(employer),
    }
    if employer is not None:
        counts = backend.posting_counts(user)
        context["counts"] = [
            {"status": code, "label": POSTING_STATUS[code], "count": counts[code]}
            for code in POSTING_STATUS_ORDER
        ]
        context["posting_total"] = sum(counts.values())
        new = backend.new_applications(user)
        context["new_count"] = new.count()
        context["new_applications"] = list(new[:DASHBOARD_ROWS])
        due = backend.checkpoints_due(user)
        context["due_count"] = due.count()
        today = backend.seoul_today()
        context["due"] = [
            {
                "placement": placement,
                "months": [
                    cp.month
                    for cp in placement.checkpoints.all()
                    if cp.status == "pending" and cp.due_on <= today
                ],
            }
            for placement in due[:DASHBOARD_ROWS]
        ]
    return render(request, "web/employer/dashboard.html", context)


@login_required
@employer_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    employer = backend.employer_of_user(user=user)
    areas = list(backend.area_list())
    initial: dict[str, Any] = {}
    if employer is not None:
        initial = {
            name: getattr(employer, name) for name in OrganisationForm.base_fields if name != "area"
        }
        initial["area"] = employer.area_id
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, areas=areas, initial=initial
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if employer is None:
                    backend.employer_create(actor=user, fields=form.values())
                    messages.success(
                        request,
                        _("기업을 등록했어요. 시 담당자가 확인하면 알려 드려요."),
                    )
                else:
                    was_verified = employer.verified
                    saved = backend.employer_update(
                        employer=employer, actor=user, fields=form.values()
                    )
                    if was_verified and not saved.verified:
                        messages.warning(
                            request,
                            _(
                                "기업 이름, 사업자등록번호나 조례 관련 항목이 바뀌어서 시 담당자가 "
                                "다시 확인해요. 그동안 새 공고의 검토 요청은 기다려 주세요."
                            ),
                        )
                    else:
                        messages.success(request, _("기업 정보를 저장했어요."))
            except DomainError as error:
                field = "business_number" if error.code == "duplicate_business_number" else ""
                place_errors(form, error, field=field)
            except ValidationError as error:
                place_errors(form, error)
            else:
                return redirect("web:employer")
        status = 400
    return render(
        request,
        "web/employer/organisation.html",
        {
            "nav": "me",
            "employer": employer,
            "form": form,
            "verification": verification(employer),
        },
        status=status,
    )
