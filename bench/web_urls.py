"""B4's URLconf: the product's URLs plus the peer — a plain Django view returning the same page
of postings with `.values()` + orjson, through the same middleware (settings MIDDLEWARE)."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from backend.accounts.models import Role
from backend.jobs.models import Posting

PAGE_SIZE = 50
FIELDS = (
    "id",
    "employer_id",
    "employer__name",
    "title",
    "description",
    "career_field_id",
    "occupation",
    "skills_required",
    "skills_preferred",
    "certificates_required",
    "min_experience_years",
    "employment_type",
    "days_per_week",
    "shifts",
    "hours_per_day",
    "holiday_work",
    "hourly_wage",
    "area_id",
    "area__name",
    "lat",
    "lon",
    "address",
    "openings",
    "hires",
    "deadline",
    "cohorts_welcome",
    "status",
    "rejection_reason",
    "version",
    "created_at",
    "updated_at",
    "published_at",
)


def plain_postings(request: HttpRequest) -> HttpResponse:
    """The peer of `GET /api/v1/postings/` for staff: same rows, same order, same page."""
    user: Any = request.user
    if not user.is_authenticated or user.role != Role.STAFF:
        return HttpResponse(status=403)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return HttpResponse(status=400)
    rows = Posting.objects.order_by("-created_at", "-id")
    start = (page - 1) * PAGE_SIZE
    body = {
        "count": rows.count(),
        "results": list(rows.values(*FIELDS)[start : start + PAGE_SIZE]),
    }
    return HttpResponse(orjson.dumps(body), content_type="application/json")


urlpatterns = [
    path("bench/plain-postings/", plain_postings, name="bench-plain-postings"),
    path("", include("config.urls")),
]
