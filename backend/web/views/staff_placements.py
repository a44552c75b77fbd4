"""Placements on the staff console: find one (`/staff/placements/?employer=`), open it
(`/staff/placements/<id>/`) and record or correct any of its checkpoints at any time (the
employer may correct its own record only for 14 days), with each checkpoint's history.

The seeker appears by reference only (S-<id>), linked to the seeker record page, which logs
each view.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.web import staff_backend as backend
from backend.web.forms.employer import CheckpointForm
from backend.web.labels_employer import CHECKPOINT_STATUS
from backend.web.views.employer_placements import history_rows
from backend.web.views.staff import page_of, staff_required


@login_required
@staff_required
@require_safe
def placements(request: HttpRequest) -> HttpResponse:
    """Every placement, the newest hire first; `employer` narrows to matching names."""
    wanted = request.GET.get("employer", "").strip()[:100]
    page = page_of(
        request, backend.placements_for_staff(request_user(request), employer_name=wanted)
    )
    return render(
        request,
        "web/staff/placements.html",
        {
            "nav": "me",
            "page": page,
            "wanted": wanted,
            "correction_days": backend.EMPLOYER_CORRECTION_DAYS,
        },
    )


def _render(
    request: HttpRequest,
    placement_id: int,
    bound: tuple[int, CheckpointForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    try:
        placement = backend.placement_for_staff(request_user(request), placement_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    rows = []
    for checkpoint in placement.checkpoints.all():
        rows.append(
            {
                "checkpoint": checkpoint,
                "label": CHECKPOINT_STATUS.get(checkpoint.status, checkpoint.status),
                "deadline": backend.correction_deadline(checkpoint),
                "history": history_rows(checkpoint, name_staff=True),
                "form": bound[1] if bound is not None and bound[0] == checkpoint.pk else None,
            }
        )
    return render(
        request,
        "web/staff/placement.html",
        {
            "nav": "me",
            "placement": placement,
            "rows": rows,
            "form": bound[1] if bound is not None else None,
            "correction_days": backend.EMPLOYER_CORRECTION_DAYS,
        },
        status=status,
    )


@login_required
@staff_required
@require_safe
def placement(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _render(request, placement_id)


@login_required
@staff_required
@require_POST
def checkpoint_record(request: HttpRequest, placement_id: int, month: int) -> HttpResponse:
    """POST `status` (`retained` or `left`): record or correct one checkpoint."""
    user = request_user(request)
    try:
        checkpoint = backend.checkpoint_for_staff(user, placement_id, month)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    form = CheckpointForm(request.POST)
    if form.is_valid():
        try:
            backend.placement_checkpoint_record(
                checkpoint=checkpoint, actor=user, status=form.cleaned_data["status"]
            )
        except DomainError as error:
            form.add_error("status", error.message)
        else:
            messages.success(
                request,
                _("%(month)s개월 고용 유지 확인을 기록했어요.") % {"month": checkpoint.month},
            )
            return redirect("web:staff_placement", placement_id=placement_id)
    return _render(request, placement_id, (checkpoint.pk, form), status=400)
