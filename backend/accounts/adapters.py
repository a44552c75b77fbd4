"""allauth adapters: staff accounts are never created by signup. The web's subclass
(`backend.web.adapters.WebAccountAdapter`, the one settings name) adds where login lands and
how allauth's mails are sent: both belong to layers above accounts."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest

from backend.accounts.models import Role, User
from backend.core.fields import decrypt, encrypt


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        # Whatever a payload says, signup never makes staff; the signup form sets the role.
        user.role = Role.SEEKER
        user.is_staff = False
        user.is_superuser = False
        saved: User = super().save_user(request, user, form, commit=commit)
        return saved


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: Any) -> bool:
        # Never: the signup form records the consents (PIPA), whatever the settings say.
        return False

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> User:
        user: User = super().populate_user(request, sociallogin, data)
        user.role = Role.SEEKER
        user.is_staff = False
        return user


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]
    """Staff's TOTP secrets are stored encrypted with the contact fields' keys
    (FIELD_ENCRYPTION_KEY: rotated by `manage.py reencrypt_fields` as well)."""

    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)
