"""The allauth account adapter of the site (ACCOUNT_ADAPTER): accounts' rules, plus where
login lands (each role's dashboard, UI.md) and allauth's mails recorded and sent through the
notifications service. It lives in the web app because both look above the accounts layer."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from backend.accounts.adapters import AccountAdapter
from backend.accounts.models import User
from backend.notifications.services import notification_queue, notification_send
from backend.web.navigation import dashboard_url

logger = logging.getLogger("backend.web")

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


class WebAccountAdapter(AccountAdapter):
    """The site's allauth account adapter (settings' ACCOUNT_ADAPTER)."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The role's dashboard, else the home page. allauth checks a `?next=` first (and
        only follows it when it is a safe URL of this site)."""
        return dashboard_url(request.user) or reverse("web:home")

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Record the mail as a notification (kind `account_email`, one row per mail) and
        send it now, in this request: the person is waiting for it. The job that
        `notification_queue` enqueues then finds it sent and does nothing, unless this send
        failed, in which case the job retries it."""
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
