"""The notifications app's background job, registered in `NotificationsConfig.ready()`."""

from __future__ import annotations

from backend.notifications import retention
from backend.notifications.services import notification_send
from workers.registry import register_job


def send_notification(notification_id: int) -> bool:
    """Send one notification mail: claims its row, so a second run of a sent row sends
    nothing; a mail error marks it failed and fails the run (retried)."""
    return notification_send(notification_id)


def register() -> None:
    """Register the notifications app's jobs (called from its AppConfig.ready())."""
    register_job("send_notification", send_notification)
    register_job("warn_inactive_accounts", retention.inactive_accounts_warn)
    register_job("delete_inactive_accounts", retention.inactive_accounts_delete)
    register_job("purge_notifications", retention.notifications_purge)
