"""Job fairs in the staff console: the fairs, a new fair (date, place, hours, slot length, K,
registration deadline, participating postings), and one fair's page: its postings, how many
registered, its `assign` runs (start one: `scope.fair_id`), the latest finished run's
interviews and the button that publishes it as the schedule.

Seekers appear by their opaque reference here (the run's page links to their records, which
log every view); the employer's schedule names those who come to its interviews."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import ConflictError
from backend.web import fairs_backend as backend
from backend.web.forms.fairs import FairForm
from backend.web.views.staff import _found, form_errors, page_of, staff_required

BOOKINGS_SHOWN = 200


@login_required
@staff_required
@require_safe
def fairs(request: HttpRequest) -> HttpResponse:
    page = page_of(request, backend.fair_list())
    return render(request, "web/staff/fairs.html", {"nav": "me", "page": page})


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def fair_new(request: HttpRequest) -> HttpResponse:
    postings = list(backend.open_postings_for_fairs())
    form = FairForm(request.POST if request.method == "POST" else None, postings=postings)
    if request.method == "POST" and form.is_valid():
        try:
            fair = backend.fair_create(actor=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("채용박람회를 만들었어요."))
            return redirect("web:staff_fair", fair_id=fair.pk)
    return render(
        request,
        "web/staff/fair_new.html",
        {"nav": "me", "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _booking_rows(bookings: Any) -> list[dict[str, Any]]:
    return [
        {
            "starts_at": timezone.localtime(b.slot.starts_at),
            "ends_at": timezone.localtime(b.slot.ends_at),
            "posting": b.slot.fair_posting.posting,
            "seeker_ref": backend.seeker_ref(b.seeker.user_id),
            "rank": b.rank,
        }
        for b in bookings[:BOOKINGS_SHOWN]
    ]


@login_required
@staff_required
@require_safe
def fair(request: HttpRequest, fair_id: int) -> HttpResponse:
    found = _found(lambda: backend.fair_for_staff(request_user(request), fair_id))
    fair = backend.fair_list().get(pk=found.pk)
    runs = list(backend.fair_runs_of(fair)[:10])
    latest = next((run for run in runs if run.status == backend.MatchRunStatus.DONE), None)
    published = backend.published_run_id(fair)
    bookings = list(backend.run_bookings(latest.pk)) if latest else []
    per_posting = Counter(b.slot.fair_posting.posting_id for b in bookings)
    participating = [
        {"fair_posting": fp, "booked": per_posting.get(fp.posting_id, 0)}
        for fp in backend.fair_postings_of(fair)
    ]
    return render(
        request,
        "web/staff/fair.html",
        {
            "nav": "me",
            "fair": fair,
            "participating": participating,
            "runs": runs,
            "running": any(
                run.status in (backend.MatchRunStatus.QUEUED, backend.MatchRunStatus.RUNNING)
                for run in runs
            ),
            "latest": latest,
            "published": published,
            "bookings": _booking_rows(bookings),
            "booking_count": len(bookings),
        },
    )


@login_required
@staff_required
@require_POST
def fair_assign(request: HttpRequest, fair_id: int) -> HttpResponse:
    fair = _found(lambda: backend.fair_for_staff(request_user(request), fair_id))
    run = backend.match_run_create(
        actor=request_user(request), kind="assign", scope={"fair_id": fair.pk}
    )
    messages.success(
        request,
        _("면접 배정 실행 #%(id)s을(를) 시작했어요. 끝나면 이 페이지에 결과가 보여요.")
        % {"id": run.pk},
    )
    return redirect("web:staff_fair", fair_id=fair.pk)


@login_required
@staff_required
@require_POST
def fair_publish(request: HttpRequest, fair_id: int) -> HttpResponse:
    actor = request_user(request)
    fair = _found(lambda: backend.fair_for_staff(actor, fair_id))
    raw = request.POST.get("match_run", "")
    run = _found(lambda: backend.match_run_for_staff(actor, int(raw) if raw.isdigit() else 0))
    try:
        backend.fair_schedule_publish(actor=actor, fair=fair, run=run)
    except ConflictError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("면접 일정을 공개했어요. 구직자와 기업이 볼 수 있어요."))
    return redirect("web:staff_fair", fair_id=fair.pk)
