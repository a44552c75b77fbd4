from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.admin_access import PersonalDataAdmin
from backend.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(PersonalDataAdmin):
    """What was mailed to whom, and whether it went. Read-only; the context (which may hold a
    one-time link until the mail is sent) is not shown. The list names the recipient by
    reference; the change page (the address) is logged."""

    subject_field = "recipient"
    personal_what = "받는 주소"

    list_display = (
        "created_at",
        "kind",
        "recipient_ref",
        "language",
        "status",
        "attempts",
        "sent_at",
    )
    list_filter = ("kind", "status", "language")
    search_fields = ("to_email", "recipient__email", "object_id")
    date_hierarchy = "created_at"
    exclude = ("context",)
    readonly_fields = [field.name for field in Notification._meta.fields if field.name != "context"]

    @admin.display(description=_("받는 사람"))
    def recipient_ref(self, row: Notification) -> str:
        return f"U-{row.recipient_id}" if row.recipient_id else "-"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
