"""An employer user's membership and the invitations to their address in a PIPA export (see
backend/core/privacy.py)."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.employers.models import EmployerInvitation, EmployerMember


def membership_export(user: User) -> dict[str, Any] | None:
    member = EmployerMember.objects.filter(user=user).select_related("employer").first()
    if member is None:
        return None
    return {
        "employer_id": member.employer_id,
        "employer_name": member.employer.name,
        "role": member.role,
        "joined_at": member.joined_at.isoformat(),
    }


def invitations_export(user: User) -> list[dict[str, Any]]:
    """Invitations to join an organisation sent to the user's address (the link's token is
    never stored, so never exported)."""
    invitations = (
        EmployerInvitation.objects.filter(email=user.email.lower())
        .select_related("employer")
        .order_by("created_at", "id")
    )
    return [
        {
            "employer_name": invitation.employer.name,
            "email": invitation.email,
            "created_at": invitation.created_at.isoformat(),
            "expires_at": invitation.expires_at.isoformat(),
            "accepted_at": invitation.accepted_at.isoformat() if invitation.accepted_at else None,
            "cancelled_at": (
                invitation.cancelled_at.isoformat() if invitation.cancelled_at else None
            ),
        }
        for invitation in invitations
    ]
