"""Job fairs for everyone and for seekers: the upcoming fairs, one fair with its postings, a
seeker's ranked registration (`choices`, first choice first), and the seeker's interviews
(`/me/fairs/`).

Registration goes through `fair_registration_set` (400 beside `choices` for more than K, a
posting not in the fair, or one twice; the input is kept) and answers 409 on the page once
registration has closed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.models import Role
from backend.accounts.permissions import request_user
from backend.core.errors import ConflictError, NotFoundError
from backend.web import fairs_backend as backend
from backend.web.access import seeker_required
from backend.web.forms.fairs import FairChoicesForm

PAGE_SIZE = 20


def _fair(fair_id: int) -> backend.JobFair:
    try:
        return backend.fair_public(fair_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None


@require_safe
def fairs(request: HttpRequest) -> HttpResponse:
    page = Paginator(backend.fair_list(upcoming=True), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/fairs/list.html", {"nav": "fairs", "page": page})


def _interviews(bookings: Any) -> list[dict[str, Any]]:
    return [
        {
            "fair": booking.slot.fair_posting.fair,
            "starts_at": timezone.localtime(booking.slot.starts_at),
            "ends_at": timezone.localtime(booking.slot.ends_at),
            "posting": booking.slot.fair_posting.posting,
            "rank": booking.rank,
        }
        for booking in bookings
    ]


@require_http_methods(["GET", "HEAD", "POST"])
def fair_detail(request: HttpRequest, fair_id: int) -> HttpResponse:
    fair = _fair(fair_id)
    fair = backend.fair_list().get(pk=fair.pk)
    participating = backend.fair_postings_of(fair)
    is_seeker = getattr(request.user, "role", None) == Role.SEEKER
    profile = backend.seeker_profile_of(user=request_user(request)) if is_seeker else None
    registration = backend.registration_of(fair, profile.pk) if profile else None
    current = (
        [c.fair_posting.posting_id for c in registration.choices.all()] if registration else []
    )
    form = FairChoicesForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not is_seeker:
            return redirect_to_login_or_403(request)
        if profile is None:
            messages.info(request, _("먼저 프로필을 만들어 주세요."))
            return redirect("web:me_profile")
        if form.is_valid():
            try:
                backend.fair_registration_set(
                    seeker=profile, fair=fair, choices=form.cleaned_data["choices"]
                )
            except ValidationError as error:
                for text in error.message_dict.get("choices", error.messages):
                    form.add_error("choices", text)
            except ConflictError as error:
                form.add_error("choices", error.message)
                status = 409
            else:
                messages.success(request, _("박람회 참가 신청을 저장했어요."))
                return redirect("web:fair_detail", fair_id=fair.pk)
        if status == 200:
            status = 400
    chosen = (
        [str(v) for v in request.POST.getlist("choices")]
        if form.is_bound
        else [str(posting_id) for posting_id in current]
    )
    ranks = [
        {"rank": rank, "selected": chosen[rank - 1] if rank <= len(chosen) else ""}
        for rank in range(1, fair.max_choices + 1)
    ]
    interviews = []
    if profile is not None and backend.published_run_id(fair) is not None:
        interviews = _interviews(
            backend.schedule_for_seeker(profile.pk).filter(slot__fair_posting__fair=fair)
        )
    return render(
        request,
        "web/fairs/detail.html",
        {
            "nav": "fairs",
            "fair": fair,
            "participating": participating,
            "is_seeker": is_seeker,
            "profile": profile,
            "registration": registration,
            "form": form,
            "ranks": ranks,
            "interviews": interviews,
        },
        status=status,
    )


def redirect_to_login_or_403(request: HttpRequest) -> HttpResponse:
    """Only seekers register: anonymous callers log in first, other roles get the 403 page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@login_required
@seeker_required
@require_POST
def fair_withdraw(request: HttpRequest, fair_id: int) -> HttpResponse:
    fair = _fair(fair_id)
    profile = backend.seeker_profile_of(user=request_user(request))
    if profile is None:
        raise Http404
    try:
        backend.fair_registration_withdraw(seeker=profile, fair=fair)
    except ConflictError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("박람회 참가 신청을 취소했어요."))
    return redirect("web:fair_detail", fair_id=fair.pk)


@login_required
@seeker_required
@require_safe
def my_fairs(request: HttpRequest) -> HttpResponse:
    profile = backend.seeker_profile_of(user=request_user(request))
    bookings = backend.schedule_for_seeker(profile.pk) if profile else []
    registrations = backend.registrations_of_seeker(profile.pk) if profile else []
    return render(
        request,
        "web/me/fairs.html",
        {"nav": "me", "interviews": _interviews(bookings), "registrations": registrations},
    )
