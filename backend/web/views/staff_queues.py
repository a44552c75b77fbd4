"""The staff console's decision queues: employers to verify and postings to review.

Every decision has one of three shapes, shared by both queues: decide one item (verify,
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
from backend.web.views.staff import _found, form_errors, page_of, staff_required

REFUSE_LABEL = gettext_lazy("거절 사유")
REJECT_LABEL = gettext_lazy("반려 사유")


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
)


def _queue_page(
    request: HttpRequest,
    queue: Queue,
    *,
    failed: ReasonForm | None = None,
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
    return render(
        request,
        queue.template,
        {"nav": "me", "page": page, "rows": rows, "form": failed or bulk},
        status=status,
    )


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
    request: HttpRequest, queue: Queue, row: int, act: Callable[[str], Any], done: str
) -> HttpResponse:
    """One decision with the reason the employer reads (`reason`); a bad reason re-renders
    the queue with the error beside this row's field."""
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
