"""Reads of notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import User
from backend.notifications.models import Notification


def notifications_of(*, recipient: User) -> QuerySet[Notification]:
    """The mails sent (or to be sent) to `recipient`, newest first."""
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-id")


def notifications_about(*, kind: str, obj_type: str, obj_id: object) -> QuerySet[Notification]:
    """The mails of one kind about one object (`obj_type` like 'jobs.application')."""
    return Notification.objects.filter(kind=kind, object_type=obj_type, object_id=str(obj_id))
