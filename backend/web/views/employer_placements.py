"""The employer's placements and their 1/3/6/12-month checkpoints (고용 유지 확인).

Recording goes through `placement_checkpoint_record` (jobs' rules: `retained` once due and
not after a `left`; `left` also marks the later pending checkpoints; the employer corrects its
own record for 14 days, staff after that). A refusal comes back beside the checkpoint, with the
page, as a 400. Each checkpoint shows its history (who, when, old → new).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from backend.accounts.models import User
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.web import employer_backend as backend
from backend.web.forms.employer import CheckpointForm
from backend.web.labels_employer import CHECKPOINT_STATUS
from backend.web.views.employer import (
    employer_required,
    organisation_or_redirect,
    page_of,
    same_query,
)


def history_rows(
    checkpoint: backend.PlacementCheckpoint, *, name_staff: bool = False
) -> list[dict[str, Any]]:
    """A checkpoint's recordings and corrections in plain words, oldest first (the history is
    prefetched by the selectors): when, who (by email; staff as 시 담당자 unless
    `name_staff`, the staff console's view), old → new."""
    rows = []
    for change in checkpoint.changes.all():
        if change.changed_by_role == "staff" and not name_staff:
            who = _("시 담당자")
        elif change.changed_by is not None:
            who = change.changed_by.email
        else:
            who = _("탈퇴한 사용자")
        rows.append(
            {
                "at": change.changed_at,
                "who": who,
                "before": CHECKPOINT_STATUS.get(change.from_status, change.from_status),
                "after": CHECKPOINT_STATUS.get(change.to_status, change.to_status),
            }
        )
    return rows


def _render(
    request: HttpRequest,
    user: User,
    bound: tuple[int, CheckpointForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    page = page_of(request, backend.placements_of(user))
    today = backend.seoul_today()
    now = timezone.now()
    rows = []
    for placement in page.object_list:
        profile = getattr(placement.seeker, "seeker_profile", None)
        checkpoints = []
        for checkpoint in placement.checkpoints.all():
            form = None
            if bound is not None and bound[0] == checkpoint.pk:
                form = bound[1]
            deadline = backend.correction_deadline(checkpoint)
            checkpoints.append(
                {
                    "checkpoint": checkpoint,
                    "label": CHECKPOINT_STATUS.get(checkpoint.status, checkpoint.status),
                    "due": checkpoint.due_on <= today,
                    "form": form,
                    "deadline": deadline,
                    "closed": deadline is not None and now > deadline,
                    "history": history_rows(checkpoint),
                }
            )
        rows.append(
            {
                "placement": placement,
                "name": profile.display_name if profile is not None else placement.seeker_ref,
                "checkpoints": checkpoints,
            }
        )
    return render(
        request,
        "web/employer/placements.html",
        {
            "nav": "me",
            "page": page,
            "rows": rows,
            "form": bound[1] if bound else None,
            "correction_days": backend.EMPLOYER_CORRECTION_DAYS,
        },
        status=status,
    )


@login_required
@employer_required
@require_safe
def placements(request: HttpRequest) -> HttpResponse:
    if organisation_or_redirect(request) is None:
        return redirect("web:employer_organisation")
    return _render(request, request_user(request))


@login_required
@employer_required
@require_POST
def checkpoint_record(request: HttpRequest, placement_id: int, month: int) -> HttpResponse:
    """POST `status` (`retained` or `left`): one checkpoint's outcome."""
    user = request_user(request)
    try:
        checkpoint = backend.checkpoint_for_employer(user, placement_id, month)
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
            return redirect(same_query(request, "web:employer_placements"))
    return _render(request, user, (checkpoint.pk, form), status=400)
