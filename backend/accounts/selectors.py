"""Reads of accounts data."""

from __future__ import annotations

from backend.accounts.models import ConsentPurpose, ConsentRecord, User


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
