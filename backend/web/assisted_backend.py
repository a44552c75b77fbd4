"""Every function of another app that the counsellor-assisted pages call, in one place."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import User
from backend.core.errors import NotFoundError
from backend.seekers.assisted import (
    CODE_VALID_DAYS,
    assisted_activate,
    assisted_code_issue,
    assisted_profile_fill,
    assisted_seeker_create,
    format_code,
)
from backend.seekers.models import AssistedEnrolment, SeekerProfile
from backend.taxonomy.selectors import area_list, career_field_list

__all__ = [
    "CODE_VALID_DAYS",
    "AssistedEnrolment",
    "SeekerProfile",
    "area_list",
    "assisted_activate",
    "assisted_code_issue",
    "assisted_profile_fill",
    "assisted_seeker_create",
    "career_field_list",
    "enrolment_for_staff",
    "enrolments",
    "format_code",
]


def enrolments() -> QuerySet[AssistedEnrolment]:
    """Every assisted enrolment, newest first, with its account and profile."""
    return AssistedEnrolment.objects.select_related("user", "user__seeker_profile").order_by(
        "-created_at", "-id"
    )


def enrolment_for_staff(user: User, enrolment_id: int) -> AssistedEnrolment:
    """One enrolment, for staff (the views are staff-only; anything else is a 404)."""
    enrolment = enrolments().filter(pk=enrolment_id).first() if user.role == "staff" else None
    if enrolment is None:
        raise NotFoundError("대리 등록을 찾을 수 없어요.")
    return enrolment
