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


# --- mentors ----------------------------------------------------------------------------------


def _mentors_page(
    request: HttpRequest, *, failed: ReasonForm | None = None, status: int = 200
) -> HttpResponse:
    page = page_of(request, backend.mentors_to_verify())
    rows = [
        {
            "profile": profile,
            "form": failed
            if failed is not None and failed.row == profile.pk
            else ReasonForm(row=profile.pk, label=REFUSE_LABEL),
        }
        for profile in page.object_list
    ]
    return render(
        request,
        "web/staff/mentors.html",
        {
            "nav": "me",
            "page": page,
            "rows": rows,
            "form": failed,
            "field_names": {
                field.code: field.display_name for field in backend.career_field_list()
            },
        },
        status=status,
    )


@login_required
@staff_required
@require_safe
def mentors(request: HttpRequest) -> HttpResponse:
    return _mentors_page(request)


def _mentor(user: User, profile_id: int) -> Any:
    return _found(lambda: backend.mentor_profile_for_staff(user, profile_id))


@login_required
@staff_required
@require_POST
def mentor_verify(request: HttpRequest, profile_id: int) -> HttpResponse:
    user = request_user(request)
    profile = _mentor(user, profile_id)
    try:
        backend.mentor_verify(profile=profile, actor=user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("멘토 '%(name)s'을(를) 인증했어요.") % {"name": profile.public_name}
        )
    return redirect("web:staff_mentors")


@login_required
@staff_required
@require_POST
def mentor_refuse(request: HttpRequest, profile_id: int) -> HttpResponse:
    user = request_user(request)
    profile = _mentor(user, profile_id)
    form = ReasonForm(request.POST, row=profile.pk, label=REFUSE_LABEL)
    if form.is_valid():
        try:
            backend.mentor_refuse(profile=profile, actor=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("web:staff_mentors")
        else:
            messages.success(
                request,
                _("멘토 '%(name)s'의 인증을 거절했어요. 멘토가 사유를 볼 수 있어요.")
                % {"name": profile.public_name},
            )
            return redirect("web:staff_mentors")
    return _mentors_page(request, failed=form, status=400)


# --- postings ---------------------------------------------------------------------------------


def _flag_rows(posting: Any) -> list[Any]:
    """The posting's open review flags (prefetched; those of earlier rounds are history)."""
    return [flag for flag in posting.review_flags.all() if flag.reviewed_at is None]


# What each field of a revision is called on the review page.
REVISION_LABELS = {
    "title": gettext_lazy("제목"),
    "description": gettext_lazy("상세 내용"),
    "career_field": gettext_lazy("계열"),
    "occupation": gettext_lazy("직종"),
    "skills_required": gettext_lazy("필수 기술"),
    "skills_preferred": gettext_lazy("우대 기술"),
    "certificates_required": gettext_lazy("필수 자격증"),
    "min_experience_years": gettext_lazy("최소 경력(년)"),
    "employment_type": gettext_lazy("고용 형태"),
    "days_per_week": gettext_lazy("주 근무일"),
    "shifts": gettext_lazy("근무 시간대"),
    "hourly_wage": gettext_lazy("시급(원)"),
    "area": gettext_lazy("행정동"),
    "location": gettext_lazy("위치"),
    "address": gettext_lazy("근무지 주소"),
    "cohorts_welcome": gettext_lazy("환영 대상"),
}


def _shown(name: str, value: Any, names: dict[str, str]) -> str:
    """A revision value as staff read it: codes as names, lists joined, none as a dash."""
    if value in (None, "", []):
        return "—"
    if name in ("area", "career_field"):
        return names.get(str(value), str(value))
    if name == "location":
        return f"{value['lat']:.5f}, {value['lon']:.5f}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if name == "hourly_wage":
        return f"{value:,}원"
    return str(value)


def _revision_diff(posting: Any, revision: Any, names: dict[str, str]) -> list[dict[str, Any]]:
    """Field by field: what the public sees now, and what the employer asks for."""
    rows = []
    for name, after in revision.proposed.items():
        if name in ("area", "career_field"):
            before: Any = getattr(posting, f"{name}_id")
        elif name == "location":
            before = None if posting.lat is None else {"lat": posting.lat, "lon": posting.lon}
        else:
            before = getattr(posting, name, None)
        rows.append(
            {
                "label": REVISION_LABELS.get(name, name),
                "before": _shown(name, before, names),
                "after": _shown(name, after, names),
                "long": name == "description",
            }
        )
    return rows


def _postings_page(
    request: HttpRequest,
    *,
    failed: ReasonForm | None = None,
    failed_revision: ReasonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request_user(request)
    page = page_of(request, backend.postings_to_review(user))
    revision_page = Paginator(backend.revisions_to_review(user), PAGE_SIZE).get_page(
        request.GET.get("revision_page")
    )
    names: dict[str, str] = {}
    if revision_page.object_list:
        names = {area.code: area.name for area in backend.area_list()}
        names.update({field.code: field.display_name for field in backend.career_field_list()})
    revision_rows = []
    for posting in revision_page.object_list:
        revision = backend.pending_revision_of(posting)
        if revision is None:
            continue
        revision_rows.append(
            {
                "posting": posting,
                "revision": revision,
                "diff": _revision_diff(posting, revision, names),
                "form": failed_revision
                if failed_revision is not None and failed_revision.row == posting.pk
                else ReasonForm(row=posting.pk, label=REJECT_LABEL),
            }
        )
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
        {
            "nav": "me",
            "page": page,
            "rows": rows,
            "revision_page": revision_page,
            "revision_rows": revision_rows,
            "form": failed or failed_revision,
        },
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


@login_required
@staff_required
@require_POST
def revision_approve(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    try:
        backend.posting_revision_approve(posting=posting, actor=user)
    except (DomainError, ValidationError) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(
            request,
            _("'%(title)s' 공고의 수정 내용을 승인했어요. 이제 고친 내용이 보여요.")
            % {"title": posting.title},
        )
    return redirect("web:staff_postings")


@login_required
@staff_required
@require_POST
def revision_reject(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    form = ReasonForm(request.POST, row=posting.pk, label=REJECT_LABEL)
    if form.is_valid():
        try:
            backend.posting_revision_reject(
                posting=posting, actor=user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("web:staff_postings")
        else:
            messages.success(
                request,
                _(
                    "'%(title)s' 공고의 수정 내용을 반려했어요. "
                    "승인된 내용이 그대로 보이고, 기업이 사유를 볼 수 있어요."
                )
                % {"title": posting.title},
            )
            return redirect("web:staff_postings")
    return _postings_page(request, failed_revision=form, status=400)


# --- reports of postings (신고) --------------------------------------------------------------

ACT_LABEL = gettext_lazy("공고를 마감하는 사유 (기업이 읽어요)")


def _reports_page(
    request: HttpRequest, *, failed: ReasonForm | None = None, status: int = 200
) -> HttpResponse:
    page = page_of(request, backend.posting_reports_open(request_user(request)))
    rows = [
        {
            "report": report,
            "form": failed
            if failed is not None and failed.row == report.pk
            else ReasonForm(row=report.pk, label=ACT_LABEL),
        }
        for report in page.object_list
    ]
    return render(
        request,
        "web/staff/posting_reports.html",
        {"nav": "me", "page": page, "rows": rows, "form": failed},
        status=status,
    )


@login_required
@staff_required
@require_safe
def posting_reports(request: HttpRequest) -> HttpResponse:
    return _reports_page(request)


def _report(user: User, report_id: int) -> Any:
    return _found(lambda: backend.posting_report_for_staff(user, report_id))


@login_required
@staff_required
@require_POST
def posting_report_dismiss(request: HttpRequest, report_id: int) -> HttpResponse:
    user = request_user(request)
    report = _report(user, report_id)
    try:
        backend.posting_report_dismiss(report=report, actor=user)
    except (DomainError, ValidationError) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(
            request,
            _("'%(title)s' 신고를 문제 없음으로 닫았어요.") % {"title": report.posting.title},
        )
    return redirect("web:staff_posting_reports")


@login_required
@staff_required
@require_POST
def posting_report_act(request: HttpRequest, report_id: int) -> HttpResponse:
    user = request_user(request)
    report = _report(user, report_id)
    form = ReasonForm(request.POST, row=report.pk, label=ACT_LABEL)
    if form.is_valid():
        try:
            backend.posting_report_act(
                report=report, actor=user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("web:staff_posting_reports")
        else:
            messages.success(
                request,
                _("'%(title)s' 공고를 마감했어요. 기업에 사유를 알렸어요.")
                % {"title": report.posting.title},
            )
            return redirect("web:staff_posting_reports")
    return _reports_page(request, failed=form, status=400)


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
