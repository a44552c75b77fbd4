from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.admin_access import PersonalDataAdmin
from backend.accounts.models import AccessLog, ConsentRecord, User


@admin.register(User)
class UserAdmin(PersonalDataAdmin, DjangoUserAdmin[User]):
    """Users by email and role; staff accounts are created here by an administrator. The
    list shows emails (staff find people by them), so list and change pages are logged."""

    subject_field = ""
    personal_what = "이메일"
    list_shows_personal = True

    ordering = ("email",)
    list_display = ("email", "role", "is_active", "is_staff", "date_joined")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password", "role")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),
    )


@admin.register(ConsentRecord)
class ConsentRecordAdmin(PersonalDataAdmin):
    """Consents by user reference in the list; the change page (with the email) is logged."""

    personal_what = "동의 기록"
    list_display = ("user_ref", "purpose", "granted", "notice_version", "channel", "recorded_at")
    list_filter = ("purpose", "granted", "channel")
    search_fields = ("user__email",)
    readonly_fields = [field.name for field in ConsentRecord._meta.fields]

    @admin.display(description=_("사용자"))
    def user_ref(self, record: ConsentRecord) -> str:
        return f"U-{record.user_id}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(PersonalDataAdmin):
    """The record of who read whose personal data; nobody edits or deletes it here. The list
    names the subject by reference; the change page (with the subject's email) is logged."""

    subject_field = "subject"
    personal_what = "열람 기록"

    list_display = ("at", "actor", "actor_role", "subject_ref", "what", "ip_address")
    list_filter = ("actor_role",)
    search_fields = ("subject_ref", "actor__email", "what")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AccessLog._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
