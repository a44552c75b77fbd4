"""Reads of employers."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import User
from backend.employers.models import Employer, EmployerMember


def employer_list() -> QuerySet[Employer]:
    return Employer.objects.select_related("area").order_by("-created_at", "-id")


def employers_to_verify() -> QuerySet[Employer]:
    """The verification queue: neither verified nor refused (a refused employer returns when
    it edits its record), oldest first."""
    return (
        Employer.objects.select_related("area")
        .filter(verified_at__isnull=True, refused_at__isnull=True)
        .order_by("created_at", "id")
    )


def employer_of_user(*, user: User) -> Employer | None:
    """The organisation `user` acts for, or None (an employer user may not have one yet)."""
    membership = (
        EmployerMember.objects.select_related("employer", "employer__area")
        .filter(user_id=user.pk)
        .first()
    )
    return membership.employer if membership is not None else None
