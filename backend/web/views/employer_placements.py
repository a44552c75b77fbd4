"""The employer's placements and their 1/3/6/12-month checkpoints (고용 유지 확인).

Recording goes through `placement_checkpoint_record` (jobs' rules: `retained` once due and
not after a `left`; `left` also marks the later pending checkpoints). A refusal comes back
beside the checkpoint, with the page, as a 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from backend.accounts.models import User
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.web import employer_backend as backend
from backend.web.forms.employer import CheckpointForm
from backend.web.labels_employer import CHECKPOINT_STATUS
from backend.web.views.employer import employer_required, organisation_or_redirect, page_of


def _render(
    request: HttpRequest,
    user: User,
    bound: tuple[int, CheckpointForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    page = page_of(request, backend.placements_of(user))
    today = backend.seoul_today()
    rows = []
    for placement in page.object_list:
        profile = getattr(placement.seeker, "seeker_profile", None)
        checkpoints = []
        for checkpoint in placement.checkpoints.all():
            form = None
            if bound is not None and bound[0] == checkpoint.pk:
                form = bound[1]
            checkpoints.append(
                {
                    "checkpoint": checkpoint,
                    "label": CHECKPOINT_STATUS.get(checkpoint.status, checkpoint.status),
                    "due": checkpoint.due_on <= today,
                    "form": form,
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
        {"nav": "me", "page": page, "rows": rows, "form": bound[1] if bound else None},
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
            return redirect("web:employer_placements")
    return _render(request, user, (checkpoint.pk, form), status=400)
