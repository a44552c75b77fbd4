from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from backend.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    """Users by email and role; staff accounts are created here by an administrator."""

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
