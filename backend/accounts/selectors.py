"""Reads of accounts data."""

from __future__ import annotations

from backend.accounts.models import AccessLog, ConsentPurpose, ConsentRecord, User
from backend.core.privacy import exporters


def consents_in_force(*, user: User) -> dict[str, ConsentRecord | None]:
    """The newest record per purpose (None where the person never decided)."""
    latest: dict[str, ConsentRecord | None] = dict.fromkeys(ConsentPurpose.values)
    for record in ConsentRecord.objects.filter(user=user).order_by(
        "purpose", "-recorded_at", "-id"
    ):
        if latest[record.purpose] is None:
            latest[record.purpose] = record
    return latest


def has_consent(*, user: User, purpose: str) -> bool:
    record = (
        ConsentRecord.objects.filter(user=user, purpose=purpose)
        .order_by("-recorded_at", "-id")
        .first()
    )
    return bool(record and record.granted)


def user_export(*, user: User) -> dict[str, object]:
    """Everything the platform holds about `user`, as JSON values (PIPA right of access)."""
    data: dict[str, object] = {
        "account": {
            "id": user.pk,
            "email": user.email,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {
                "purpose": record.purpose,
                "granted": record.granted,
                "notice_version": record.notice_version,
                "channel": record.channel,
                "recorded_at": record.recorded_at.isoformat(),
            }
            for record in ConsentRecord.objects.filter(user=user).order_by("recorded_at", "id")
        ],
        "accessed_by": [
            {"actor_role": entry.actor_role, "what": entry.what, "at": entry.at.isoformat()}
            for entry in AccessLog.objects.filter(subject=user).order_by("at", "id")
        ],
    }
    for section, exporter in sorted(exporters().items()):
        data[section] = exporter(user)
    return data
