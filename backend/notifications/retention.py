"""Retention of accounts and mails (the policy: backend/core/retention_policy.yaml).

- `inactive_accounts_warn`: an account unused for the `inactive_account` period less its
  `notice_days` gets a mail (`account_inactive`) naming the day it will be deleted;
- `inactive_accounts_delete`: an account unused for the whole period whose notice went out at
  least `notice_days` ago is deleted through `accounts.services.user_delete` (erasers, then
  `account_deleting`, then the row: the statistical facts stay);
- `notifications_purge`: sent and cancelled mail rows past the `notifications` period.

"Unused" is the last login, or the signup for an account that never logged in. Logging in
starts a new period: the notice is keyed by the last login, so an old notice never deletes an
account that came back. Staff and superuser accounts are the city's and are left alone.
These live here, not in accounts, because they need the mail (notifications sits above
accounts).
"""

from __future__ import annotations

import datetime
import logging

from django.db.models import DateTimeField, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from backend.accounts.models import Role, User
from backend.accounts.services import user_delete
from backend.core.retention import retention_cutoff, retention_days
from backend.notifications.models import Notification, NotificationKind, NotificationStatus
from backend.notifications.services import notification_queue

logger = logging.getLogger("backend.notifications")

KIND = "inactive_account"


def _unused_since(before: datetime.datetime) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, is_superuser=False, is_staff=False)
        .exclude(role=Role.STAFF)
        .annotate(last_seen=Coalesce("last_login", "date_joined", output_field=DateTimeField()))
        .filter(last_seen__lt=before)
    )


def _notice_key(last_seen: datetime.datetime) -> str:
    return f"inactive:{last_seen.astimezone(datetime.UTC):%Y%m%dT%H%M%S}"


def inactive_accounts_warn() -> dict[str, int]:
    """Queue the deletion notice for every account that reaches the notice window; a second
    run queues nothing more (one notice per account and last login)."""
    period = retention_days(KIND)
    notice = retention_days(KIND, "notice_days")
    now = timezone.now()
    warned = 0
    for user in _unused_since(now - datetime.timedelta(days=period - notice)).iterator():
        last_seen: datetime.datetime = user.last_seen  # type: ignore[attr-defined]
        # Never fewer than `notice` days between the mail and the deletion, even when this job
        # runs late.
        delete_on = max(
            last_seen + datetime.timedelta(days=period), now + datetime.timedelta(days=notice)
        )
        row = notification_queue(
            recipient=user,
            kind=NotificationKind.ACCOUNT_INACTIVE,
            obj=user,
            key=_notice_key(last_seen),
            context={"delete_on": timezone.localdate(delete_on).isoformat()},
        )
        warned += int(row.created_at >= now)
    return {"warned": warned}


def inactive_accounts_delete() -> dict[str, int]:
    """Delete every account unused for the whole period whose notice was sent at least
    `notice_days` ago (an account whose notice never went out is kept, and logged)."""
    notice = retention_days(KIND, "notice_days")
    noticed_before = timezone.now() - datetime.timedelta(days=notice)
    deleted = kept = 0
    for user in _unused_since(retention_cutoff(KIND)).iterator():
        last_seen: datetime.datetime = user.last_seen  # type: ignore[attr-defined]
        noticed = Notification.objects.filter(
            recipient=user,
            kind=NotificationKind.ACCOUNT_INACTIVE,
            key=_notice_key(last_seen),
            status=NotificationStatus.SENT,
            sent_at__lte=noticed_before,
        ).exists()
        if not noticed:
            kept += 1
            continue
        user_delete(user=user)
        deleted += 1
    if kept:
        logger.info("%s inactive accounts kept: their deletion notice has not gone out", kept)
    return {"deleted": deleted, "kept": kept}


def notifications_purge() -> dict[str, int]:
    """Delete sent and cancelled mail rows past the `notifications` period (queued and failed
    rows are work still to do)."""
    deleted, _ = Notification.objects.filter(
        status__in=[NotificationStatus.SENT, NotificationStatus.CANCELLED],
        created_at__lt=retention_cutoff("notifications"),
    ).delete()
    return {"deleted": deleted}
