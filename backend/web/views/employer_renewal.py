"""Extending a posting's deadline and renewing an expired one (issue 16), on the console.

`/employer/postings/renewal/<token>/` is where the reminder mail's signed link lands: it
checks the signature and its age, then shows the posting with the extension form. Opening it
(a GET) changes nothing; the button POSTs to `/employer/postings/<id>/extend/`. An expired
or closed posting shows "다시 올리기" instead, a POST to `/employer/postings/<id>/renew/`
that copies it into a new draft (reviewed like a new posting).
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.jobs import access, renewal
from backend.jobs.models import Posting, PostingStatus
from backend.web.forms.alerts import DeadlineForm
from backend.web.labels_employer import POSTING_STATUS
from backend.web.views.employer import employer_required, place_errors

EXTENSION_DAYS = 14  # the date the form suggests: two weeks after the current deadline


def _posting(request: HttpRequest, posting_id: int) -> Posting:
    try:
        return access.posting_for_employer(request_user(request), posting_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None


def _suggested(posting: Posting) -> datetime.date:
    if posting.status == PostingStatus.OPEN:
        wanted = posting.deadline + datetime.timedelta(days=EXTENSION_DAYS)
        return min(wanted, renewal.latest_deadline())
    return renewal.default_renewal_deadline()


def _page(
    request: HttpRequest, posting: Posting, form: DeadlineForm | None = None, *, status: int = 200
) -> HttpResponse:
    form = form or DeadlineForm(initial={"deadline": _suggested(posting)})
    renewable = posting.status in renewal.RENEWABLE_STATUSES and not posting.closed_reason
    return render(
        request,
        "web/employer/posting_extend.html",
        {
            "nav": "employer",
            "posting": posting,
            "status_label": POSTING_STATUS.get(posting.status, posting.status),
            "form": form,
            "extendable": posting.status == PostingStatus.OPEN,
            "renewable": renewable,
            "latest": renewal.latest_deadline(),
        },
        status=status,
    )


@login_required
@employer_required
@require_safe
def renewal_link(request: HttpRequest, token: str) -> HttpResponse:
    """The reminder's signed link: a page, never a change."""
    try:
        link = renewal.renewal_token_read(token)
    except renewal.RenewalLinkError as error:
        return render(
            request,
            "web/employer/renewal_link_invalid.html",
            {"nav": "employer", "message": error.message, "expired": error.expired},
            status=410 if error.expired else 404,
        )
    return _page(request, _posting(request, link.posting_id))


@login_required
@employer_required
@require_http_methods(["GET", "HEAD", "POST"])
def posting_extend(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = _posting(request, posting_id)
    if request.method != "POST":
        return _page(request, posting)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            posting = renewal.posting_deadline_extend(
                posting=posting, actor=request_user(request), deadline=form.cleaned_data["deadline"]
            )
        except (ValidationError, DomainError) as error:
            place_errors(form, error)
        else:
            messages.success(
                request,
                _("'%(title)s' 공고의 마감일을 %(day)s로 연장했어요.")
                % {"title": posting.title, "day": posting.deadline.isoformat()},
            )
            return redirect("web:employer_postings")
    return _page(request, posting, form, status=400)


@login_required
@employer_required
@require_POST
def posting_renew(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = _posting(request, posting_id)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            copy = renewal.posting_renew(
                posting=posting, actor=request_user(request), deadline=form.cleaned_data["deadline"]
            )
        except (ValidationError, DomainError) as error:
            place_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "'%(title)s' 공고를 새 공고로 복사했어요. 내용을 확인하고 검토를 요청해 "
                    "주세요. 승인되면 다시 게시돼요."
                )
                % {"title": copy.title},
            )
            return redirect("web:employer_posting_edit", posting_id=copy.pk)
    return _page(request, posting, form, status=400)
