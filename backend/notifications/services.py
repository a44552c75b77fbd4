"""Write and send notifications: a row per mail, sent by the `send_notification` job.

    from backend.notifications.services import notification_queue
    notification_queue(recipient=user, kind="application_received", obj=application)

`notification_queue` writes the row in the caller's transaction and enqueues the job on
commit, so a rolled-back use case sends nothing. `notification_send` (the job) claims the row
with a conditional UPDATE, renders its templates in the row's language and sends it; a second
run of a sent row sends nothing. A failed send marks the row `failed` and re-raises, so the
job machinery retries it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from backend.accounts.models import ConsentPurpose, User
from backend.accounts.selectors import has_consent
from backend.core.errors import DomainError
from backend.notifications.kinds import absolute, kind_context
from backend.notifications.models import (
    MAIL_CLASSES,
    MailClass,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationStatus,
)
from backend.notifications.selectors import kind_switched_off, kinds_for

logger = logging.getLogger("backend.notifications")

SEND_JOB = "send_notification"
# Context values that open something once (an invitation link): dropped once the mail went.
ONE_TIME_KEYS = frozenset({"token"})


def supported_language(code: str | None) -> str:
    """`code` as one of settings.LANGUAGES ('en-us' → 'en'), else the site's default."""
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return str(settings.LANGUAGE_CODE)


def notification_queue(
    *,
    recipient: User | None,
    kind: str,
    obj: models.Model | None,
    key: str = "",
    context: Mapping[str, Any] | None = None,
    to_email: str | None = None,
    language: str | None = None,
) -> Notification:
    """Record a mail to `recipient` about `obj` and send it by a job after commit.

    `obj` is None only for mails about no object (an account mail to an unknown address).
    Writing the same (recipient, kind, obj, key) again returns the first row and sends
    nothing more. `context` holds small JSON values the templates need beyond `object`;
    `language` defaults to the recipient's, `to_email` to the recipient's address.
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    address = to_email or (recipient.email if recipient is not None else "")
    if not address:
        raise ValueError("a notification needs a recipient or an address")
    row = Notification(
        recipient=recipient,
        to_email=address,
        kind=kind,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        key=key,
        language=supported_language(
            language or (recipient.language if recipient is not None else None)
        ),
        context=dict(context or {}),
    )
    refusal = why_not_send(row)
    if refusal:
        # A promotion to someone without the marketing consent in force, or a kind the person
        # switched off: kept as a cancelled row (what was not sent, and why), never sent.
        row.status = NotificationStatus.CANCELLED
        row.last_error = refusal
    elif address.lower().endswith(NO_MAILBOX_SUFFIX):
        # A counsellor-assisted seeker's login ID (`…@assisted.invalid`, RFC 2606: never
        # delivered) until they add an email of their own: kept, not sent.
        row.status = NotificationStatus.CANCELLED
        row.last_error = NO_MAILBOX
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return Notification.objects.get(
            recipient=recipient,
            kind=kind,
            object_type=row.object_type,
            object_id=row.object_id,
            key=key,
        )
    if row.status == NotificationStatus.CANCELLED:
        return row
    from workers.dispatch import enqueue

    enqueue(SEND_JOB, notification_id=row.pk)
    return row


NO_MARKETING_CONSENT = "no marketing consent in force"
SWITCHED_OFF = "switched off by the recipient"


def why_not_send(row: Notification) -> str:
    """Why `row` may not be sent now ('' when it may): a `marketing` mail only to a recipient
    whose `marketing` consent is in force (given, not withdrawn, confirmed within 2 years —
    정보통신망법 §50, §50⑧); a service or marketing mail not when its recipient switched the
    kind off (preferences, or a mail's unsubscribe link); transactional mails always."""
    mail_class = MAIL_CLASSES[row.kind]
    if mail_class == MailClass.TRANSACTIONAL:
        return ""
    if mail_class == MailClass.MARKETING and not (
        row.recipient is not None
        and has_consent(user=row.recipient, purpose=ConsentPurpose.MARKETING)
    ):
        return NO_MARKETING_CONSENT
    if row.recipient is not None and kind_switched_off(user=row.recipient, kind=row.kind):
        return SWITCHED_OFF
    return ""


NO_MAILBOX = "no mailbox: an assisted login ID"
NO_MAILBOX_SUFFIX = ".invalid"


def may_send(row: Notification) -> bool:
    """Whether `row` may be sent now (see `why_not_send`)."""
    return not why_not_send(row)


def _templates(row: Notification) -> tuple[str, str, str]:
    """Subject, plain-text and HTML template names of a row."""
    if row.kind == NotificationKind.ACCOUNT_EMAIL:
        # allauth's names: account/email/<name>_subject.txt, _message.txt, _message.html
        prefix = str(row.context["template_prefix"])
        return f"{prefix}_subject.txt", f"{prefix}_message.txt", f"{prefix}_message.html"
    base = f"notifications/{row.kind}"
    return f"{base}_subject.txt", f"{base}.txt", f"{base}.html"


def notification_render(row: Notification) -> EmailMultiAlternatives | None:
    """The mail of `row` in its language, or None when its object no longer exists."""
    obj: models.Model | None = None
    if row.object_type:
        try:
            model = apps.get_model(row.object_type)
        except (LookupError, ValueError):
            return None
        obj = model._default_manager.filter(pk=row.object_id).first()
        if obj is None:
            return None
    subject_name, text_name, html_name = _templates(row)
    unsubscribe = unsubscribe_url(row)
    with translation.override(row.language):
        context: dict[str, Any] = {
            "site_name": _("시흥 일자리 잇다"),
            "site_url": settings.SITE_URL.rstrip("/"),
            "notification": row,
            "recipient": row.recipient,
            "object": obj,
            **kind_context(row, obj),
            **row.context,
            # The base templates' footer: how to stop this kind of mail (none for transactional).
            "unsubscribe_url": unsubscribe,
            "preferences_url": absolute([("web:me_notifications", ())]) if unsubscribe else "",
        }
        subject = " ".join(render_to_string(subject_name, context).splitlines()).strip()
        text = render_to_string(text_name, context).strip() + "\n"
        try:
            html: str | None = render_to_string(html_name, context).strip()
        except TemplateDoesNotExist:
            html = None
        message = EmailMultiAlternatives(
            subject=f"[{_('시흥 일자리 잇다')}] {subject}",
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[row.to_email],
            # One-click unsubscribe for mail clients (RFC 8058): a POST to the same page.
            headers=(
                {
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                }
                if unsubscribe
                else {}
            ),
        )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def _claim(notification_id: int) -> bool:
    """Move the row to `sending` if it is queued, failed, or stuck in `sending` longer than a
    job's lease (its worker died); exactly one of two concurrent senders wins."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.JOB_LEASE_SECONDS)
    claimable = Q(status__in=[NotificationStatus.QUEUED, NotificationStatus.FAILED]) | Q(
        status=NotificationStatus.SENDING, claimed_at__lt=stale
    )
    claimed = Notification.objects.filter(claimable, pk=notification_id).update(
        status=NotificationStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    return bool(claimed)


def notification_send(notification_id: int) -> bool:
    """Send row `notification_id` once. Returns whether a mail went out (False: already
    sent, being sent, cancelled or deleted). Raises the mail error after marking it failed."""
    if not _claim(notification_id):
        return False
    row = Notification.objects.select_related("recipient").get(pk=notification_id)
    refusal = why_not_send(row)
    if refusal:
        # Withdrawn (or lapsed, or switched off) between queueing and sending: not sent.
        Notification.objects.filter(pk=row.pk).update(
            status=NotificationStatus.CANCELLED, last_error=refusal, context={}
        )
        return False
    try:
        message = notification_render(row)
        if message is None:
            Notification.objects.filter(pk=row.pk).update(
                status=NotificationStatus.CANCELLED, last_error="object deleted", context={}
            )
            return False
        message.send()
    except Exception as error:
        Notification.objects.filter(pk=row.pk, status=NotificationStatus.SENDING).update(
            status=NotificationStatus.FAILED,
            last_error="".join(traceback.format_exception_only(error))[-2000:],
        )
        logger.warning("notification %s failed: %s", row.pk, error)
        raise
    # One-time links (verification, password reset) are not kept once they went out.
    # So is an invitation's token (its row keeps only the token's hash).
    if row.kind == NotificationKind.ACCOUNT_EMAIL:
        kept = {"template_prefix": row.context.get("template_prefix")}
    else:
        kept = {key: value for key, value in row.context.items() if key not in ONE_TIME_KEYS}
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENT, sent_at=timezone.now(), last_error="", context=kept
    )
    return True


# --- preferences and unsubscribe links -------------------------------------------------------

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(*, user: User, kind: str) -> str:
    """A signed token naming (user, kind): whoever holds it may switch that kind off for that
    user, and nothing else. It does not expire (an old mail's link keeps working)."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(row: Notification) -> str:
    """The unsubscribe page of `row` ('' for transactional mails and mails to no account)."""
    if row.recipient is None or MAIL_CLASSES[row.kind] == MailClass.TRANSACTIONAL:
        return ""
    token = unsubscribe_token(user=row.recipient, kind=row.kind)
    return absolute([("web:notifications_unsubscribe", (token,))])


def unsubscribe_read(token: str) -> tuple[User, str]:
    """The (user, kind) a token names. DomainError (400) for a token that was not signed
    here, was altered, or names a deleted account or a kind that cannot be switched off."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user_id, kind = int(value["u"]), str(value["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise DomainError(_("수신 거부 링크가 올바르지 않아요."), code="bad_token") from None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or kind not in MAIL_CLASSES or MAIL_CLASSES[kind] == MailClass.TRANSACTIONAL:
        raise DomainError(_("수신 거부 링크가 올바르지 않아요."), code="bad_token")
    return user, kind


@transaction.atomic
def notification_preferences_update(
    *, user: User, choices: Mapping[str, bool], channel: str = "web"
) -> list[NotificationPreference]:
    """Switch kinds of mail on or off for `user`. Only the switchable kinds of the user's role
    (service and marketing, `kinds_for`); a transactional or unknown kind is a DomainError
    (400) and nothing is changed. Switching a marketing kind on does not give the marketing
    consent: without it the promotion is still not sent."""
    allowed = set(kinds_for(role=user.role, switchable_only=True))
    refused = sorted(kind for kind in choices if kind not in allowed)
    if refused:
        raise DomainError(
            _("끌 수 없거나 알 수 없는 알림 종류예요: %(kinds)s") % {"kinds": ", ".join(refused)},
            code="not_switchable",
        )
    rows = []
    for kind, enabled in choices.items():
        row, _created = NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": bool(enabled), "channel": channel}
        )
        rows.append(row)
    return rows


def notification_unsubscribe(*, token: str) -> tuple[User, str]:
    """The POST of an unsubscribe link: switch its kind off for its user (the GET only shows
    the page). Returns (user, kind); DomainError (400) for a bad token."""
    user, kind = unsubscribe_read(token)
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"enabled": False, "channel": "mail"}
    )
    return user, kind
