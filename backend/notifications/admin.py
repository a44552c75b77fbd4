from django.contrib import admin
from django.http import HttpRequest

from backend.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    """What was mailed to whom, and whether it went. Read-only; the context (which may hold a
    one-time link until the mail is sent) is not shown."""

    list_display = ("created_at", "kind", "to_email", "language", "status", "attempts", "sent_at")
    list_filter = ("kind", "status", "language")
    search_fields = ("to_email", "recipient__email", "object_id")
    date_hierarchy = "created_at"
    exclude = ("context",)
    readonly_fields = [field.name for field in Notification._meta.fields if field.name != "context"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
