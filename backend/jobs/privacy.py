"""The seeker's applications and placements in a PIPA export (see backend/core/privacy.py).

Deletion needs no eraser here: applications and placements go with the user's cascade.
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.jobs.models import Application, Placement


def applications_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "posting_id": application.posting_id,
            "posting_title": application.posting.title,
            "employer_name": application.posting.employer.name,
            "status": application.status,
            "message": application.message,
            "applied_at": application.created_at.isoformat(),
            "updated_at": application.updated_at.isoformat(),
        }
        for application in Application.objects.filter(seeker=user)
        .select_related("posting__employer")
        .order_by("created_at", "pk")
    ]


def placements_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "posting_id": placement.posting_id,
            "posting_title": placement.posting.title,
            "hired_on": placement.hired_on.isoformat(),
            "checkpoints": [
                {"month": c.month, "due_on": c.due_on.isoformat(), "status": c.status}
                for c in sorted(placement.checkpoints.all(), key=lambda c: c.month)
            ],
        }
        for placement in Placement.objects.filter(seeker=user)
        .select_related("posting")
        .prefetch_related("checkpoints")
        .order_by("hired_on", "pk")
    ]
