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
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from backend.accounts.models import ConsentPurpose, User
from backend.accounts.selectors import has_consent
from backend.notifications.kinds import kind_context
from backend.notifications.models import (
    MAIL_CLASSES,
    MailClass,
    Notification,
    NotificationKind,
    NotificationStatus,
)

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
    if not may_send(row):
        # A promotion to someone without the marketing consent in force: kept as a cancelled
        # row (what was not sent, and why), never sent.
        row.status = NotificationStatus.CANCELLED
        row.last_error = NO_MARKETING_CONSENT
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
NO_MAILBOX = "no mailbox: an assisted login ID"
NO_MAILBOX_SUFFIX = ".invalid"


def may_send(row: Notification) -> bool:
    """Whether `row`'s class allows sending it now: a `marketing` mail only to a recipient
    whose `marketing` consent is in force (given, not withdrawn, confirmed within 2 years —
    정보통신망법 §50, §50⑧); transactional and service mails always."""
    if MAIL_CLASSES[row.kind] != MailClass.MARKETING:
        return True
    return row.recipient is not None and has_consent(
        user=row.recipient, purpose=ConsentPurpose.MARKETING
    )


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
    with translation.override(row.language):
        context: dict[str, Any] = {
            "site_name": _("시흥 일자리 잇다"),
            "site_url": settings.SITE_URL.rstrip("/"),
            "notification": row,
            "recipient": row.recipient,
            "object": obj,
            **kind_context(row, obj),
            **row.context,
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
    if not may_send(row):
        # Withdrawn (or lapsed) between queueing and sending: the promotion is not sent.
        Notification.objects.filter(pk=row.pk).update(
            status=NotificationStatus.CANCELLED, last_error=NO_MARKETING_CONSENT, context={}
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
