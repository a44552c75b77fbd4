"""The staff console's decision queues: employers and mentors to verify, postings (and the
edits of open postings) to review, and reports of postings (신고) to settle.

Every decision has one of three shapes, shared by all the queues: decide one item (verify,
approve), decide one item with a reason the employer reads (refuse, reject: a bad reason
re-renders the queue with the error beside that row's field, 400), and decide several at
once (verify or approve only: a refusal needs its own reason), each item checked on its own
with a message per item (done, or skipped and why). A decision the state no longer allows
(already verified, no longer pending) is a message on the queue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from django_stubs_ext import StrPromise

from backend.accounts.models import User
from backend.accounts.permissions import request_user
from backend.core.bulk import BulkOutcome
from backend.core.errors import DomainError
from backend.web import staff_backend as backend
from backend.web.forms.staff import BulkSelectionForm, ReasonForm
from backend.web.views.staff import PAGE_SIZE, _found, form_errors, page_of, staff_required

REFUSE_LABEL = gettext_lazy("거절 사유")
REJECT_LABEL = gettext_lazy("반려 사유")
ACT_LABEL = gettext_lazy("공고를 마감하는 사유 (기업이 읽어요)")


def _open_flags(posting: Any) -> list[Any]:
    """The posting's open review flags (prefetched; those of earlier rounds are history)."""
    return [flag for flag in posting.review_flags.all() if flag.reviewed_at is None]


@dataclass(frozen=True)
class Queue:
    """One decision queue: its page, what it lists, what a row is called in the template,
    what a row shows besides the item, and the label of a decision's reason."""

    template: str
    url: str
    item: str
    rows: Callable[[User], QuerySet[Any]]
    reason_label: StrPromise
    row_facts: Callable[[Any], Mapping[str, Any]]
    # What else the page shows, given the request and the failed form of that part (if any).
    more: Callable[[HttpRequest, ReasonForm | None], Mapping[str, Any]] | None = None


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
    "hours_per_day": gettext_lazy("하루 근무 시간"),
    "holiday_work": gettext_lazy("휴일 근무"),
    "area": gettext_lazy("행정동"),
    "location": gettext_lazy("위치"),
    "address": gettext_lazy("근무지 주소"),
    "cohorts_welcome": gettext_lazy("환영 대상"),
}


def _shown(name: str, value: Any, names: dict[str, str]) -> str:
    """A revision value as staff read it: codes as names, lists joined, none as a dash."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return str(_("예") if value else _("아니요"))
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


def _revisions(request: HttpRequest, failed: ReasonForm | None) -> Mapping[str, Any]:
    """The postings page's second part: open postings' edits waiting for staff, one by one
    (bulk approval is for new postings only), paged on their own (`revision_page`)."""
    revision_page = Paginator(
        backend.revisions_to_review(request_user(request)), PAGE_SIZE
    ).get_page(request.GET.get("revision_page"))
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
                "form": failed
                if failed is not None and failed.row == posting.pk
                else ReasonForm(row=posting.pk, label=REJECT_LABEL),
            }
        )
    return {"revision_page": revision_page, "revision_rows": revision_rows}


def _field_names(request: HttpRequest, failed: ReasonForm | None) -> Mapping[str, Any]:
    return {
        "field_names": {field.code: field.display_name for field in backend.career_field_list()}
    }


EMPLOYERS = Queue(
    template="web/staff/employers.html",
    url="web:staff_employers",
    item="employer",
    rows=lambda user: backend.employers_to_verify(),
    reason_label=REFUSE_LABEL,
    row_facts=lambda employer: {"version": employer.updated_at.isoformat()},
)
POSTINGS = Queue(
    template="web/staff/postings.html",
    url="web:staff_postings",
    item="posting",
    rows=backend.postings_to_review,
    reason_label=REJECT_LABEL,
    row_facts=lambda posting: {"flags": _open_flags(posting), "version": posting.version},
    more=_revisions,
)
MENTORS = Queue(
    template="web/staff/mentors.html",
    url="web:staff_mentors",
    item="profile",
    rows=lambda user: backend.mentors_to_verify(),
    reason_label=REFUSE_LABEL,
    row_facts=lambda profile: {},
    more=_field_names,
)
REPORTS = Queue(
    template="web/staff/posting_reports.html",
    url="web:staff_posting_reports",
    item="report",
    rows=backend.posting_reports_open,
    reason_label=ACT_LABEL,
    row_facts=lambda report: {},
)


def _queue_page(
    request: HttpRequest,
    queue: Queue,
    *,
    failed: ReasonForm | None = None,
    failed_extra: ReasonForm | None = None,
    bulk: Form | None = None,
    status: int = 200,
) -> HttpResponse:
    page = page_of(request, queue.rows(request_user(request)))
    rows = [
        {
            queue.item: item,
            **queue.row_facts(item),
            "form": failed
            if failed is not None and failed.row == item.pk
            else ReasonForm(row=item.pk, label=queue.reason_label),
        }
        for item in page.object_list
    ]
    context = {"nav": "me", "page": page, "rows": rows, "form": failed or failed_extra or bulk}
    if queue.more is not None:
        context.update(queue.more(request, failed_extra))
    return render(request, queue.template, context, status=status)


def _error_text(error: DomainError | ValidationError) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _decide(request: HttpRequest, queue: Queue, act: Callable[[], Any], done: str) -> HttpResponse:
    """One decision without a reason; the outcome is a message on the queue."""
    try:
        act()
    except (DomainError, ValidationError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done)
    return redirect(queue.url)


def _decide_with_reason(
    request: HttpRequest,
    queue: Queue,
    row: int,
    act: Callable[[str], Any],
    done: str,
    *,
    in_extra: bool = False,
) -> HttpResponse:
    """One decision with the reason the employer (or mentor) reads (`reason`); a bad reason
    re-renders the queue with the error beside this row's field (a row of the page's extra
    part when `in_extra`)."""
    form = ReasonForm(request.POST, row=row, label=queue.reason_label)
    if form.is_valid():
        try:
            act(form.cleaned_data["reason"])
        except ValidationError as error:
            form_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect(queue.url)
        else:
            messages.success(request, done)
            return redirect(queue.url)
    if in_extra:
        return _queue_page(request, queue, failed_extra=form, status=400)
    return _queue_page(request, queue, failed=form, status=400)


def _decide_many(
    request: HttpRequest,
    queue: Queue,
    *,
    field: str,
    integer_versions: bool,
    act: Callable[[Mapping[int, Any]], list[BulkOutcome]],
    done: str,
) -> HttpResponse:
    """Several decisions at once, each item on its own; a message per item."""
    form = BulkSelectionForm(request.POST, field=field, integer_versions=integer_versions)
    if not form.is_valid():
        return _queue_page(request, queue, bulk=form, status=400)
    for outcome in act(form.cleaned_data["versions"]):
        name = outcome.name or f"#{outcome.id}"
        if outcome.done:
            messages.success(request, done % {"name": name})
        else:
            messages.warning(
                request,
                _("'%(name)s' 건너뜀: %(reason)s") % {"name": name, "reason": outcome.reason},
            )
    return redirect(queue.url)


# --- employers --------------------------------------------------------------------------------


@login_required
@staff_required
@require_safe
def employers(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, EMPLOYERS)


def _employer(user: User, employer_id: int) -> Any:
    return _found(lambda: backend.employer_for_staff(user, employer_id))


@login_required
@staff_required
@require_POST
def employer_verify(request: HttpRequest, employer_id: int) -> HttpResponse:
    user = request_user(request)
    employer = _employer(user, employer_id)
    return _decide(
        request,
        EMPLOYERS,
        lambda: backend.employer_verify(employer=employer, actor=user),
        _("'%(name)s'을(를) 인증했어요.") % {"name": employer.name},
    )


@login_required
@staff_required
@require_POST
def employer_refuse(request: HttpRequest, employer_id: int) -> HttpResponse:
    user = request_user(request)
    employer = _employer(user, employer_id)
    return _decide_with_reason(
        request,
        EMPLOYERS,
        employer.pk,
        lambda reason: backend.employer_refuse(employer=employer, actor=user, reason=reason),
        _("'%(name)s'의 인증을 거절했어요. 기업이 사유를 볼 수 있어요.") % {"name": employer.name},
    )


@login_required
@staff_required
@require_POST
def employers_verify(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return _decide_many(
        request,
        EMPLOYERS,
        field="employer_ids",
        integer_versions=False,
        act=lambda versions: backend.employers_verify_bulk(actor=user, versions=versions),
        done=_("'%(name)s'을(를) 인증했어요."),
    )


# --- postings ---------------------------------------------------------------------------------


@login_required
@staff_required
@require_safe
def postings(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, POSTINGS)


def _posting(user: User, posting_id: int) -> Any:
    return _found(lambda: backend.posting_for_staff(user, posting_id))


@login_required
@staff_required
@require_POST
def posting_approve(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    return _decide(
        request,
        POSTINGS,
        lambda: backend.posting_approve(posting=posting, actor=user),
        _("'%(title)s' 공고를 승인했어요. 이제 공개돼요.") % {"title": posting.title},
    )


@login_required
@staff_required
@require_POST
def posting_reject(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    return _decide_with_reason(
        request,
        POSTINGS,
        posting.pk,
        lambda reason: backend.posting_reject(posting=posting, actor=user, reason=reason),
        _("'%(title)s' 공고를 반려했어요. 기업이 사유를 보고 고칠 수 있어요.")
        % {"title": posting.title},
    )


@login_required
@staff_required
@require_POST
def postings_approve(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return _decide_many(
        request,
        POSTINGS,
        field="posting_ids",
        integer_versions=True,
        act=lambda versions: backend.postings_approve_bulk(actor=user, versions=versions),
        done=_("'%(name)s' 공고를 승인했어요."),
    )


@login_required
@staff_required
@require_POST
def revision_approve(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    return _decide(
        request,
        POSTINGS,
        lambda: backend.posting_revision_approve(posting=posting, actor=user),
        _("'%(title)s' 공고의 수정 내용을 승인했어요. 이제 고친 내용이 보여요.")
        % {"title": posting.title},
    )


@login_required
@staff_required
@require_POST
def revision_reject(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(user, posting_id)
    return _decide_with_reason(
        request,
        POSTINGS,
        posting.pk,
        lambda reason: backend.posting_revision_reject(posting=posting, actor=user, reason=reason),
        _(
            "'%(title)s' 공고의 수정 내용을 반려했어요. "
            "승인된 내용이 그대로 보이고, 기업이 사유를 볼 수 있어요."
        )
        % {"title": posting.title},
        in_extra=True,
    )


# --- mentors ----------------------------------------------------------------------------------


@login_required
@staff_required
@require_safe
def mentors(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, MENTORS)


def _mentor(user: User, profile_id: int) -> Any:
    return _found(lambda: backend.mentor_profile_for_staff(user, profile_id))


@login_required
@staff_required
@require_POST
def mentor_verify(request: HttpRequest, profile_id: int) -> HttpResponse:
    user = request_user(request)
    profile = _mentor(user, profile_id)
    return _decide(
        request,
        MENTORS,
        lambda: backend.mentor_verify(profile=profile, actor=user),
        _("멘토 '%(name)s'을(를) 인증했어요.") % {"name": profile.public_name},
    )


@login_required
@staff_required
@require_POST
def mentor_refuse(request: HttpRequest, profile_id: int) -> HttpResponse:
    user = request_user(request)
    profile = _mentor(user, profile_id)
    return _decide_with_reason(
        request,
        MENTORS,
        profile.pk,
        lambda reason: backend.mentor_refuse(profile=profile, actor=user, reason=reason),
        _("멘토 '%(name)s'의 인증을 거절했어요. 멘토가 사유를 볼 수 있어요.")
        % {"name": profile.public_name},
    )


# --- reports of postings (신고) --------------------------------------------------------------


@login_required
@staff_required
@require_safe
def posting_reports(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, REPORTS)


def _report(user: User, report_id: int) -> Any:
    return _found(lambda: backend.posting_report_for_staff(user, report_id))


@login_required
@staff_required
@require_POST
def posting_report_dismiss(request: HttpRequest, report_id: int) -> HttpResponse:
    user = request_user(request)
    report = _report(user, report_id)
    return _decide(
        request,
        REPORTS,
        lambda: backend.posting_report_dismiss(report=report, actor=user),
        _("'%(title)s' 신고를 문제 없음으로 닫았어요.") % {"title": report.posting.title},
    )


@login_required
@staff_required
@require_POST
def posting_report_act(request: HttpRequest, report_id: int) -> HttpResponse:
    user = request_user(request)
    report = _report(user, report_id)
    return _decide_with_reason(
        request,
        REPORTS,
        report.pk,
        lambda reason: backend.posting_report_act(report=report, actor=user, reason=reason),
        _("'%(title)s' 공고를 마감했어요. 기업에 사유를 알렸어요.")
        % {"title": report.posting.title},
    )
