"""Reads of notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from backend.accounts.models import ConsentPurpose, User
from backend.accounts.selectors import has_consent
from backend.notifications.models import (
    MAIL_AUDIENCES,
    MAIL_CLASSES,
    MailClass,
    Notification,
    NotificationKind,
    NotificationPreference,
)


def notifications_of(*, recipient: User) -> QuerySet[Notification]:
    """The mails sent (or to be sent) to `recipient`, newest first."""
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-id")


def notifications_about(*, kind: str, obj_type: str, obj_id: object) -> QuerySet[Notification]:
    """The mails of one kind about one object (`obj_type` like 'jobs.application')."""
    return Notification.objects.filter(kind=kind, object_type=obj_type, object_id=str(obj_id))


def kinds_for(*, role: str, switchable_only: bool = False) -> list[str]:
    """The kinds of mail a person of `role` may get, in the kinds' order (MAIL_AUDIENCES; a
    kind it does not name is for every role); `switchable_only`: not the transactional ones."""
    return [
        kind
        for kind in NotificationKind.values
        if kind in MAIL_CLASSES
        and role in MAIL_AUDIENCES.get(kind, frozenset({role}))
        and not (switchable_only and MAIL_CLASSES[kind] == MailClass.TRANSACTIONAL)
    ]


def kind_switched_off(*, user: User, kind: str) -> bool:
    """Whether `user` switched `kind` off (no row: on)."""
    return NotificationPreference.objects.filter(user=user, kind=kind, enabled=False).exists()


def notification_preferences(*, user: User) -> list[dict[str, Any]]:
    """Every kind of mail `user` may get, with whether it is on and whether it can be
    switched off (service and marketing kinds can; transactional ones are always sent); a
    marketing kind also says whether the marketing consent is in force (without it the kind
    is not sent, whatever the switch says)."""
    off = set(
        NotificationPreference.objects.filter(user=user, enabled=False).values_list(
            "kind", flat=True
        )
    )
    marketing: bool | None = None
    rows = []
    for kind in kinds_for(role=user.role):
        mail_class = MAIL_CLASSES[kind]
        consent: bool | None = None
        if mail_class == MailClass.MARKETING:
            if marketing is None:
                marketing = has_consent(user=user, purpose=ConsentPurpose.MARKETING)
            consent = marketing
        transactional = mail_class == MailClass.TRANSACTIONAL
        rows.append(
            {
                "kind": kind,
                "description": str(NotificationKind(kind).label),
                "mail_class": str(mail_class),
                "enabled": transactional or kind not in off,
                "can_disable": not transactional,
                "marketing_consent": consent,
            }
        )
    return rows


def preferences_export(user: User) -> list[dict[str, Any]]:
    """The user's choices about mail (their export, PIPA 열람)."""
    return [
        {
            "kind": row.kind,
            "enabled": row.enabled,
            "channel": row.channel,
            "updated_at": row.updated_at.isoformat(),
        }
        for row in NotificationPreference.objects.filter(user=user)
    ]
