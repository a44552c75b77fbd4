"""allauth adapters: staff accounts are never created by signup; login lands on the role's
dashboard; allauth's mails are recorded and sent through the notifications service."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from backend.accounts.models import Role, User

logger = logging.getLogger("backend.accounts")

# Values of allauth's mail contexts that the templates under account/email/ use; the rest
# (request, site, user objects) is not JSON and is not stored.
MAIL_VALUES = frozenset(
    {
        "activate_url",
        "code",
        "password_reset_url",
        "signup_url",
        "email",
        "from_email",
        "to_email",
        "deleted_email",
        "ip",
        "user_agent",
        "timestamp",
    }
)


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        # Whatever a payload says, signup never makes staff; the signup form sets the role.
        user.role = Role.SEEKER
        user.is_staff = False
        user.is_superuser = False
        saved: User = super().save_user(request, user, form, commit=commit)
        return saved

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The role's dashboard, else the home page. allauth checks a `?next=` first (and
        only follows it when it is a safe URL of this site)."""
        # The web knows where each role starts (UI.md); imported here, the one place the
        # accounts app looks at the web.
        from backend.web.navigation import dashboard_url

        return dashboard_url(request.user) or reverse("web:home")

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Record the mail as a notification (kind `account_email`, one row per mail) and
        send it now, in this request: the person is waiting for it. The job that
        `notification_queue` enqueues then finds it sent and does nothing, unless this send
        failed, in which case the job retries it."""
        from backend.notifications.services import notification_queue, notification_send

        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        values = {
            name: str(value)
            for name, value in context.items()
            if name in MAIL_VALUES and value is not None
        }
        values.update(template_prefix=template_prefix, email=email)
        row = notification_queue(
            recipient=user,
            kind="account_email",
            obj=user,
            key=f"{template_prefix}:{uuid.uuid4().hex}",
            context=values,
            to_email=email,
            language=translation.get_language(),
        )
        try:
            notification_send(row.pk)
        except Exception:
            logger.exception(
                "account mail %s to notification %s failed; retried by its job",
                template_prefix,
                row.pk,
            )


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> User:
        user: User = super().populate_user(request, sociallogin, data)
        user.role = Role.SEEKER
        user.is_staff = False
        return user
