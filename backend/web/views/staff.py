"""The staff console: the dashboard, dead jobs and overdue checkpoints, and the helpers its
other pages share.

Reads and writes go through `backend.web.staff_backend` (the apps' selectors, services and
access functions); the decision queues (employers, mentors, postings and their
revisions, reports of postings) are in `views/staff_queues.py`,
match runs in `views/staff_matching.py`, the policy in `views/staff_policy.py`, the access
log in `views/staff_access.py`, a seeker's record in `views/staff_seekers.py`.
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
from django.views.decorators.http import require_POST, require_safe

from backend.accounts.models import Role
from backend.accounts.permissions import request_user
from backend.core.errors import NotFoundError
from backend.web import ledger_backend as ledger
from backend.web import staff_backend as backend
from backend.web.access import role_required

staff_required = role_required(Role.STAFF)

PAGE_SIZE = 20


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
            "title": _("인증을 기다리는 멘토"),
            "count": counts["mentors"],
            "url": "web:staff_mentors",
            "action": _("멘토 인증하기"),
        },
        {
            "title": _("검토를 기다리는 채용공고"),
            "count": counts["postings"],
            "url": "web:staff_postings",
            "action": _("공고 검토하기"),
        },
        {
            "title": _("검토를 기다리는 공고 수정"),
            "count": counts["revisions"],
            "url": "web:staff_postings",
            "action": _("수정 내용 검토하기"),
        },
        {
            "title": _("확인을 기다리는 공고 신고"),
            "count": counts["reports"],
            "url": "web:staff_posting_reports",
            "action": _("신고 확인하기"),
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
            "title": _("점검하지 않은 달의 개인정보 열람 기록"),
            "count": counts["access_log_months"],
            "url": "web:staff_access_log_reviews",
            "action": _("열람 기록 점검하기"),
        },
        {
            "title": _("답을 기다리는 추천 설명·검토 요청"),
            "count": counts["decision_requests"],
            "url": "web:staff_decision_requests",
            "action": _("요청에 답하기"),
        },
        {
            "title": _("채용 실태조사를 내지 않은 기관"),
            "count": len(ledger.institutions_missing_survey(ledger.survey_year_due())),
            "url": "web:staff_hiring_surveys",
            "action": _("실태조사 현황 보기"),
        },
    ]
    return render(request, "web/staff/dashboard.html", {"nav": "me", "queues": queues})


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
