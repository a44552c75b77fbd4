"""A seeker's record for staff (`/staff/seekers/<id>/`): the profile and its ordinance
eligibility, as `GET /api/v1/seekers/{id}/` answers. Every view goes through
`profile_for_staff`, which writes the access-log row (who, whom, when) the seeker sees in
their privacy centre."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from backend.accounts.permissions import request_user
from backend.web import staff_backend as backend
from backend.web.labels import PROGRAMMES
from backend.web.views.staff import _found, staff_required


def _display(profile: Any, name: str) -> str:
    value = getattr(profile, f"get_{name}_display")()
    return value if value else ""


@login_required
@staff_required
@require_safe
def seeker_record(request: HttpRequest, seeker_id: int) -> HttpResponse:
    profile = _found(
        lambda: backend.profile_for_staff(request_user(request), seeker_id, request=request)
    )
    eligibility = [
        {**row, "title": PROGRAMMES.get(row["programme"], row["programme"])}
        for row in backend.seeker_eligibility(profile)
    ]
    return render(
        request,
        "web/staff/seeker.html",
        {
            "nav": "me",
            "profile": profile,
            "cohort": _display(profile, "cohort"),
            "gender": _display(profile, "gender"),
            "career_break_reason": _display(profile, "career_break_reason"),
            "eligibility": eligibility,
        },
    )
