"""The bulk-read alert (issue 13, Access log): a staff member who reads the personal data of
more than `settings.ACCESS_ALERT_READS_PER_HOUR` people within an hour (API, web pages and the
admin alike: every access-log row counts) gets the privacy officer (개인정보 보호책임자,
`settings.PRIVACY_OFFICER_EMAIL`) a mail, at most one per staff member and clock hour.

Subscribed to `accounts.hooks.personal_data_read`, so it runs in the read's transaction.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from backend.accounts.models import AccessLog, Role, User
from backend.notifications.models import Notification, NotificationKind
from backend.notifications.services import notification_queue

logger = logging.getLogger("backend.notifications")


def bulk_read_check(*, actor: User, count: int) -> None:
    """Mail the privacy officer when `actor` (staff) passed the hourly threshold."""
    if actor.role != Role.STAFF:
        return
    now = timezone.now()
    since = now - datetime.timedelta(hours=1)
    threshold = settings.ACCESS_ALERT_READS_PER_HOUR
    reads = AccessLog.objects.filter(actor=actor, at__gte=since).count()
    if reads <= threshold:
        return
    officer = settings.PRIVACY_OFFICER_EMAIL
    if not officer:
        logger.warning(
            "staff %s read %s records within an hour; PRIVACY_OFFICER_EMAIL is not set",
            actor.pk,
            reads,
        )
        return
    key = f"bulk-read:{now.astimezone(datetime.UTC):%Y-%m-%dT%H}"
    # The row has no recipient account (NULL is never equal in the unique constraint), so
    # the once-per-hour rule is this check.
    already = Notification.objects.filter(
        kind=NotificationKind.BULK_READ_ALERT,
        object_type=actor._meta.label_lower,
        object_id=str(actor.pk),
        key=key,
    ).exists()
    if already:
        return
    notification_queue(
        recipient=None,
        to_email=officer,
        kind=NotificationKind.BULK_READ_ALERT,
        obj=actor,
        key=key,
        language="ko",
        context={"count": reads, "threshold": threshold, "since": since.isoformat()},
    )
