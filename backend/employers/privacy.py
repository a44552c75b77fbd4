"""An employer user's membership in a PIPA export (see backend/core/privacy.py)."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.employers.models import EmployerMember


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
