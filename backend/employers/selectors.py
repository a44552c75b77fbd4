"""Reads of employers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from backend.accounts.models import User
from backend.employers.models import Employer, EmployerInvitation, EmployerMember


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


def members_of(employer: Employer) -> QuerySet[EmployerMember]:
    """The organisation's colleagues, the first to join first, with their users."""
    return (
        EmployerMember.objects.select_related("user")
        .filter(employer=employer)
        .order_by("joined_at", "id")
    )


def invitations_pending(employer: Employer) -> QuerySet[EmployerInvitation]:
    """Invitations neither accepted, cancelled nor expired, the newest first."""
    return (
        EmployerInvitation.objects.select_related("employer", "invited_by")
        .filter(
            employer=employer,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at", "-id")
    )
