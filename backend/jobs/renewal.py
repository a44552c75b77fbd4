"""Renewal reminders (마감 연장 안내) and renewing postings (issue 16).

`deadline_reminders` (the job `posting_deadline_reminders`, every morning in
`workers.schedule`) mails every member of an open posting's employer once per deadline when
it is `settings.POSTING_REMINDER_DAYS_BEFORE` days away or less. The mail carries a signed
link (`renewal_token`, django.core.signing with an expiry of `POSTING_RENEWAL_LINK_DAYS`) to
a page whose button extends the deadline: opening the link changes nothing, the extension
is a POST of a logged-in member.

`posting_deadline_extend` moves an open posting's deadline later and nothing else: status,
review flags, pending revision and applications stay as they are. The new deadline obeys
the posting rules: not in the past, after the current one, at most `POSTING_MAX_OPEN_DAYS`
after today, and the minimum wage in force until it.

`posting_renew` copies an expired (or closed by its employer) posting into a new draft that
goes through review like a new posting; the copy remembers its original (`renewed_from`).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from backend.accounts.models import User
from backend.core.errors import ConflictError, NotFoundError
from backend.employers.models import EmployerMember
from backend.jobs import services
from backend.jobs.models import Posting, PostingStatus, seoul_today
from backend.notifications.models import Notification
from backend.notifications.services import notification_queue

logger = logging.getLogger("workers.jobs")

REMINDER_KIND = "posting_deadline_reminder"
TOKEN_SALT = "backend.jobs.renewal"  # noqa: S105 (a signing salt, not a secret)
RENEWABLE_STATUSES = frozenset({PostingStatus.EXPIRED, PostingStatus.CLOSED})
LIVE_STATUSES = frozenset({PostingStatus.DRAFT, PostingStatus.PENDING, PostingStatus.OPEN})
DEFAULT_RENEWAL_DAYS = 30

NOT_OPEN = gettext_lazy(
    "모집 중인 공고만 마감일을 연장할 수 있습니다. "
    "기한이 지난 공고는 '다시 올리기'로 복사해 주세요."
)
NOT_LATER = gettext_lazy("새 마감일은 지금 마감일(%(deadline)s)보다 뒤여야 합니다.")
IN_THE_PAST = gettext_lazy("마감일이 이미 지났습니다.")
TOO_FAR = gettext_lazy("마감일은 오늘부터 %(days)s일 안(%(last)s까지)으로 정해 주세요.")
NOT_RENEWABLE = gettext_lazy("기한이 지났거나 마감한 공고만 다시 올릴 수 있습니다.")
CLOSED_BY_STAFF = gettext_lazy("신고로 마감된 공고는 다시 올릴 수 없습니다.")
ALREADY_RENEWED = gettext_lazy("이 공고를 다시 올린 공고가 이미 있습니다: '%(title)s'")
LINK_BAD = gettext_lazy("링크가 올바르지 않습니다.")
LINK_EXPIRED = gettext_lazy(
    "링크의 유효 기간이 지났습니다. 기업 콘솔의 공고 관리에서 마감일을 연장해 주세요."
)


# --- the signed link ------------------------------------------------------------------------


def renewal_token(*, posting: Posting, user: User) -> str:
    """A signed, timestamped token naming the posting and the member it was mailed to."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign_object(
        {"p": posting.pk, "u": user.pk}, compress=True
    )


class RenewalLinkError(NotFoundError):
    """The link was tampered with (`expired` False) or is too old (`expired` True)."""

    def __init__(self, *, expired: bool) -> None:
        super().__init__(
            LINK_EXPIRED if expired else LINK_BAD, code="link_expired" if expired else "link_bad"
        )
        self.expired = expired


@dataclass(frozen=True)
class RenewalLink:
    posting_id: int
    user_id: int


def renewal_token_read(token: str) -> RenewalLink:
    """What a mailed token names, if it is genuine and younger than the link's lifetime."""
    max_age = datetime.timedelta(days=settings.POSTING_RENEWAL_LINK_DAYS)
    try:
        data = signing.TimestampSigner(salt=TOKEN_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise RenewalLinkError(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise RenewalLinkError(expired=False) from None
    try:
        return RenewalLink(posting_id=int(data["p"]), user_id=int(data["u"]))
    except (KeyError, TypeError, ValueError):
        raise RenewalLinkError(expired=False) from None


# --- extending ----------------------------------------------------------------------------


def latest_deadline(today: datetime.date | None = None) -> datetime.date:
    """The latest deadline a posting may get today (`POSTING_MAX_OPEN_DAYS` ahead)."""
    return (today or seoul_today()) + datetime.timedelta(days=settings.POSTING_MAX_OPEN_DAYS)


def _check_new_deadline(deadline: datetime.date) -> None:
    today = seoul_today()
    if deadline < today:
        raise ValidationError({"deadline": [str(IN_THE_PAST)]})
    last = latest_deadline(today)
    if deadline > last:
        raise ValidationError(
            {
                "deadline": [
                    str(TOO_FAR)
                    % {"days": settings.POSTING_MAX_OPEN_DAYS, "last": last.isoformat()}
                ]
            }
        )


@transaction.atomic
def posting_deadline_extend(*, posting: Posting, actor: User, deadline: datetime.date) -> Posting:
    """An open posting's deadline, later (its employer; the caller checked access). 409 for
    any other status; 400 on `deadline` for a date not later, past or beyond the maximum, or
    when the minimum wage in force until it is higher than the posting's wage."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if posting.status != PostingStatus.OPEN:
        raise ConflictError(NOT_OPEN, code="illegal_transition")
    if deadline <= posting.deadline:
        raise ValidationError(
            {"deadline": [str(NOT_LATER) % {"deadline": posting.deadline.isoformat()}]}
        )
    _check_new_deadline(deadline)
    posting.deadline = deadline
    services.check_minimum_wage(posting)
    services.save_posting(posting, fields=["deadline"])
    logger.info("posting %s extended to %s by user %s", posting.pk, deadline, actor.pk)
    return posting


# --- renewing as a copy ---------------------------------------------------------------------

COPIED_FIELDS = sorted(services.POSTING_FIELDS - {"deadline", "location"})


def default_renewal_deadline() -> datetime.date:
    return min(seoul_today() + datetime.timedelta(days=DEFAULT_RENEWAL_DAYS), latest_deadline())


@transaction.atomic
def posting_renew(
    *, posting: Posting, actor: User, deadline: datetime.date | None = None
) -> Posting:
    """A new draft copied from an expired or closed posting (its employer), with `deadline`
    (default: 30 days from today). It goes through review like a new posting. 409 for other
    statuses, for a posting staff closed on a report, and while an earlier copy is still a
    draft, pending or open."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if posting.status not in RENEWABLE_STATUSES:
        raise ConflictError(NOT_RENEWABLE, code="illegal_transition")
    if posting.closed_reason:
        raise ConflictError(CLOSED_BY_STAFF, code="closed_by_staff")
    live = posting.renewals.filter(status__in=sorted(LIVE_STATUSES)).first()
    if live is not None:
        raise ConflictError(str(ALREADY_RENEWED) % {"title": live.title}, code="already_renewed")
    deadline = deadline or default_renewal_deadline()
    _check_new_deadline(deadline)
    fields: dict[str, Any] = {name: getattr(posting, name) for name in COPIED_FIELDS}
    fields["location"] = (
        {"lat": posting.lat, "lon": posting.lon} if posting.lat is not None else None
    )
    fields["deadline"] = deadline
    for name in ("skills_required", "skills_preferred", "certificates_required", "shifts"):
        fields[name] = list(fields[name])
    fields["cohorts_welcome"] = list(fields["cohorts_welcome"])
    copy = services.posting_create(employer=posting.employer, actor=actor, fields=fields)
    Posting.objects.filter(pk=copy.pk).update(renewed_from=posting)
    copy.renewed_from = posting
    return copy


# --- the reminder job -----------------------------------------------------------------------


def deadline_reminders(today: datetime.date | None = None) -> int:
    """Queue a reminder to every member of each open posting whose deadline is within
    `POSTING_REMINDER_DAYS_BEFORE` days of `today` (Seoul); once per member and deadline
    (a posting extended is reminded again before its new deadline). Returns how many."""
    today = today or seoul_today()
    last = today + datetime.timedelta(days=settings.POSTING_REMINDER_DAYS_BEFORE)
    postings = list(
        Posting.objects.filter(
            status=PostingStatus.OPEN, deadline__gte=today, deadline__lte=last
        ).order_by("deadline", "pk")
    )
    if not postings:
        return 0
    members: dict[int, list[EmployerMember]] = {}
    for member in EmployerMember.objects.filter(
        employer_id__in={posting.employer_id for posting in postings}, user__is_active=True
    ).select_related("user"):
        members.setdefault(member.employer_id, []).append(member)
    already = set(
        Notification.objects.filter(
            kind=REMINDER_KIND,
            object_type=Posting._meta.label_lower,
            object_id__in=[str(posting.pk) for posting in postings],
        ).values_list("recipient_id", "object_id", "key")
    )
    queued = 0
    for posting in postings:
        key = f"deadline:{posting.deadline.isoformat()}"
        for member in members.get(posting.employer_id, []):
            if (member.user_id, str(posting.pk), key) in already:
                continue
            notification_queue(
                recipient=member.user,
                kind=REMINDER_KIND,
                obj=posting,
                key=key,
                context={
                    "deadline": posting.deadline.isoformat(),
                    "days_left": (posting.deadline - today).days,
                    "token": renewal_token(posting=posting, user=member.user),
                },
            )
            queued += 1
    if queued:
        logger.info("deadline reminders queued: %s", queued)
    return queued
