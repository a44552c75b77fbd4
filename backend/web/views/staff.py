"""The staff console's queues: the dashboard, employer verification, posting review, dead
jobs and overdue checkpoints.

Reads and writes go through `backend.web.staff_backend` (the apps' selectors, services and
access functions); match runs are in `views/staff_matching.py`, a seeker's record in
`views/staff_seekers.py`. A decision's bad input re-renders its queue with the error beside
the field (400); a decision the state no longer allows (already verified, no longer pending)
is a message on the queue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from backend.accounts.models import Role, User
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.web import ledger_backend as ledger
from backend.web import staff_backend as backend
from backend.web.access import role_required
from backend.web.forms.staff import ReasonForm

staff_required = role_required(Role.STAFF)

PAGE_SIZE = 20

REFUSE_LABEL = gettext_lazy("거절 사유")
REJECT_LABEL = gettext_lazy("반려 사유")


def page_of(request: HttpRequest, rows: Any, size: int = PAGE_SIZE) -> Page[Any]:
    return Paginator(rows, size).get_page(request.GET.get("page"))


def form_errors(form: Any, error: ValidationError) -> None:
    """A service's `ValidationError` onto the form: beside its field when the form has it."""
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def _found(lookup: Callable[[], Any]) -> Any:
    try:
        return lookup()
    except NotFoundError as error:
        raise Http404(str(error)) from None


@login_required
@staff_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = backend.queue_counts(request_user(request))
    queues = [
        {
            "title": _("인증을 기다리는 기업"),
            "count": counts["employers"],
            "url": "web:staff_employers",
            "action": _("기업 인증하기"),
        },
        {
            "title": _("검토를 기다리는 채용공고"),
            "count": counts["postings"],
            "url": "web:staff_postings",
            "action": _("공고 검토하기"),
        },
        {
            "title": _("멈춘 작업"),
            "count": counts["dead_jobs"],
            "url": "web:staff_dead_jobs",
            "action": _("멈춘 작업 보기"),
        },
        {
            "title": _("확인 날짜가 지난 고용 유지 확인"),
            "count": counts["checkpoints"],
            "url": "web:staff_checkpoints",
            "action": _("밀린 확인 보기"),
        },
        {
            "title": _("채용 실태조사를 내지 않은 기관"),
            "count": len(ledger.institutions_missing_survey(ledger.survey_year_due())),
            "url": "web:staff_hiring_surveys",
            "action": _("실태조사 현황 보기"),
        },
    ]
    return render(request, "web/staff/dashboard.html", {"nav": "me", "queues": queues})


# --- employers --------------------------------------------------------------------------------


def _employers_page(
    request: HttpRequest, *, failed: ReasonForm | None = None, status: int = 200
) -> HttpResponse:
    page = page_of(request, backend.employers_to_verify())
    rows = [
        {
            "employer": employer,
            "form": failed
            if failed is not None and failed.row == employer.pk
            else ReasonForm(row=employer.pk, label=REFUSE_LABEL),
        }
        for employer in page.object_list
    ]
    return render(
        request,
        "web/staff/employers.html",
        {"nav": "me", "page": page, "rows": rows, "form": failed},
        status=status,
    )


@login_required
@staff_required
@require_safe
def employers(request: HttpRequest) -> HttpResponse:
    return _employers_page(request)


def _employer(user: User, employer_id: int) -> Any:
    return _found(lambda: backend.employer_for_staff(user, employer_id))


@login_required
@staff_required
@require_POST
def employer_verify(request: HttpRequest, employer_id: int) -> HttpResponse:
    user = request_user(request)
    employer = _employer(user, employer_id)
    try:
        backend.employer_verify(employer=employer, actor=user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("'%(name)s'을(를) 인증했어요.") % {"name": employer.name})
    return redirect("web:staff_employers")


@login_required
@staff_required
@require_POST
def employer_refuse(request: HttpRequest, employer_id: int) -> HttpResponse:
    user = request_user(request)
    employer = _employer(user, employer_id)
    form = ReasonForm(request.POST, row=employer.pk, label=REFUSE_LABEL)
    if form.is_valid():
        try:
            backend.employer_refuse(
                employer=employer, actor=user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("web:staff_employers")
        else:
            messages.success(
                request,
                _("'%(name)s'의 인증을 거절했어요. 기업이 사유를 볼 수 있어요.")
                % {"name": employer.name},
            )
            return redirect("web:staff_employers")
    return _employers_page(request, failed=form, status=400)


# --- postings ---------------------------------------------------------------------------------


def _flag_rows(posting: Any) -> list[Any]:
    """The posting's open review flags (prefetched; those of earlier rounds are history)."""
    return [flag for flag in posting.review_flags.all() if flag.reviewed_at is None]


def _postings_page(
    request: HttpRequest, *, failed: ReasonForm | None = None, status: int = 200
) -> HttpResponse:
    page = page_of(request, backend.postings_to_review(request_user(request)))
    rows = [
        {
            "posting": posting,
            "flags": _flag_rows(posting),
            "form": failed
            if failed is not None and failed.row == posting.pk
            else ReasonForm(row=posting.pk, label=REJECT_LABEL),
        }
        for posting in page.object_list
    ]
    return render(
        request,
        "web/staff/postings.html",
        {"nav": "me", "page": page, "rows": rows, "form": failed},
        status=status,
    )


@login_required
@staff_required
@require_safe
def postings(request: HttpRequest) -> HttpResponse:
    return _postings_page(request)


def _posting(user: User, posting_id: int) -> Any:
    return _found(lambda: backend.posting_for_staff(user, posting_id))


@login_required
@staff_required
@require_POST
def posting_approve(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    try:
        backend.posting_approve(posting=posting, actor=user)
    except (DomainError, ValidationError) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(
            request, _("'%(title)s' 공고를 승인했어요. 이제 공개돼요.") % {"title": posting.title}
        )
    return redirect("web:staff_postings")


@login_required
@staff_required
@require_POST
def posting_reject(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    form = ReasonForm(request.POST, row=posting.pk, label=REJECT_LABEL)
    if form.is_valid():
        try:
            backend.posting_reject(posting=posting, actor=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("web:staff_postings")
        else:
            messages.success(
                request,
                _("'%(title)s' 공고를 반려했어요. 기업이 사유를 보고 고칠 수 있어요.")
                % {"title": posting.title},
            )
            return redirect("web:staff_postings")
    return _postings_page(request, failed=form, status=400)


# --- dead jobs, overdue checkpoints -----------------------------------------------------------


@login_required
@staff_required
@require_safe
def dead_jobs(request: HttpRequest) -> HttpResponse:
    page = page_of(request, backend.dead_job_runs())
    return render(request, "web/staff/dead_jobs.html", {"nav": "me", "page": page})


@login_required
@staff_required
@require_POST
def dead_job_retry(request: HttpRequest, run_id: int) -> HttpResponse:
    if backend.retry_run(run_id):
        messages.success(request, _("작업 #%(id)s을(를) 다시 보냈어요.") % {"id": run_id})
    else:
        messages.error(
            request,
            _("작업 #%(id)s은(는) 멈춘 상태가 아니라 다시 보낼 수 없어요.") % {"id": run_id},
        )
    return redirect("web:staff_dead_jobs")


@login_required
@staff_required
@require_safe
def checkpoints(request: HttpRequest) -> HttpResponse:
    page = page_of(request, backend.checkpoints_overdue())
    return render(request, "web/staff/checkpoints.html", {"nav": "me", "page": page})
