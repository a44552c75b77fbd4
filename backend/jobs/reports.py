"""Reports of postings (공고 신고): anyone may report an open posting; staff dismiss the report
or act on it by closing the posting with a reason.

Anyone means anyone: no account is needed (a scam is often spotted by a parent, not a
member). So that the button cannot be used to flood the queue, reports are rate-limited per
client in the cache (`POSTING_REPORTS_PER_HOUR` reports an hour from one client, one report
of the same posting a day): the client is a keyed hash of its address (or of the account,
when signed in) that is never stored with the report. The limit lives here, in the service,
so the page and the API obey the same one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, DomainError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.employers.models import EmployerMember
from backend.jobs.models import (
    Posting,
    PostingReport,
    PostingStatus,
    ReportReason,
    ReportStatus,
)
from backend.jobs.services import save_posting
from backend.notifications.services import notification_queue

REPORT_TEXT_MAX = 2000
HOUR = 3600
DAY = 24 * HOUR

ALREADY_REPORTED = gettext_lazy("이 공고는 이미 신고하셨어요. 시 담당자가 확인하고 있어요.")
TOO_MANY_REPORTS = gettext_lazy("신고가 너무 많아요. 잠시 후 다시 시도해 주세요.")
ACT_REASON_REQUIRED = gettext_lazy("공고를 마감하는 사유를 입력해 주세요.")


class ReportRateLimitedError(DomainError):
    """Too many reports from one client (429); `retry_after` in seconds."""

    status_code = 429
    default_code = "rate_limited"

    def __init__(self, message: object, *, retry_after: int) -> None:
        super().__init__(str(message))
        self.retry_after = retry_after


def client_key(*, user: User | None, address: str | None) -> str:
    """Who is reporting, for the rate limit only: a keyed hash of the account or the
    address, never stored with the report (anonymous reporters stay anonymous)."""
    who = f"user:{user.pk}" if user is not None else f"addr:{address or 'unknown'}"
    return salted_hmac("posting-report", who).hexdigest()[:32]


def _count(key: str, timeout: int) -> int:
    """Add one to a cache counter that expires `timeout` after its first use."""
    if cache.add(key, 1, timeout):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def _rate_limit(*, posting_id: int, client: str) -> None:
    once = f"posting-report:{client}:{posting_id}"
    if cache.get(once) is not None:
        raise ConflictError(ALREADY_REPORTED, code="already_reported")
    per_hour = int(settings.POSTING_REPORTS_PER_HOUR)
    if _count(f"posting-report:{client}:hour", HOUR) > per_hour:
        raise ReportRateLimitedError(TOO_MANY_REPORTS, retry_after=HOUR)
    cache.set(once, 1, DAY)


@transaction.atomic
def posting_report_create(
    *, posting: Posting, reporter: User | None, client: str, reason: str, text: str
) -> PostingReport:
    """Report an open posting (anyone; `reporter` when signed in). 400 for an unknown reason
    or a text too long (or with a resident registration number); 409 when this client
    already reported it today; 429 past the hourly limit."""
    errors: dict[str, list[str]] = {}
    if reason not in ReportReason.values:
        errors["reason"] = [gettext("신고 사유를 골라 주세요.")]
    text = text.strip()
    if len(text) > REPORT_TEXT_MAX:
        errors["text"] = [
            gettext("신고 내용은 %(max)s자까지 쓸 수 있어요.") % {"max": REPORT_TEXT_MAX}
        ]
    else:
        try:
            reject_resident_number(text)
        except ValidationError as error:
            errors["text"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    if posting.status != PostingStatus.OPEN:
        raise ConflictError(
            gettext("모집 중인 공고만 신고할 수 있어요."), code="illegal_transition"
        )
    _rate_limit(posting_id=posting.pk, client=client)
    return PostingReport.objects.create(
        posting=posting,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reason=reason,
        text=text,
    )


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 할 수 있습니다."))


def _locked_open_report(report: PostingReport) -> PostingReport:
    report = PostingReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ConflictError(gettext("이미 처리한 신고입니다."), code="already_decided")
    return report


@transaction.atomic
def posting_report_dismiss(*, report: PostingReport, actor: User, note: str = "") -> PostingReport:
    """Staff found nothing wrong: the report is closed (`dismissed`) with an optional note;
    the posting stays. 409 once decided."""
    _require_staff(actor)
    note = note.strip()
    try:
        reject_resident_number(note)
    except ValidationError as error:
        raise ValidationError({"note": error.messages}) from None
    report = _locked_open_report(report)
    report.status = ReportStatus.DISMISSED
    report.decided_by = actor
    report.decided_at = timezone.now()
    report.decision_note = note
    report.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return report


@transaction.atomic
def posting_report_act(*, report: PostingReport, actor: User, reason: str) -> PostingReport:
    """Staff act on a report: the posting is closed (no more applications, out of search)
    with a reason its employer reads by mail, and every open report of it is marked acted.
    409 once decided. A posting no longer open (closed meanwhile) stays as it is."""
    _require_staff(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [ACT_REASON_REQUIRED]})
    try:
        reject_resident_number(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from None
    report = _locked_open_report(report)
    posting = Posting.objects.select_for_update().get(pk=report.posting_id)
    if posting.status == PostingStatus.OPEN:
        posting.status = PostingStatus.CLOSED
        posting.closed_reason = reason
        save_posting(posting, fields=["status", "closed_reason"])
    now = timezone.now()
    PostingReport.objects.filter(posting=posting, status=ReportStatus.OPEN).update(
        status=ReportStatus.ACTED, decided_by=actor, decided_at=now, decision_note=reason
    )
    members = EmployerMember.objects.filter(employer_id=posting.employer_id).select_related("user")
    for member in members:
        notification_queue(
            recipient=member.user,
            kind="posting_closed_by_staff",
            obj=posting,
            key=str(posting.version),
            context={"reason": reason},
        )
    report.refresh_from_db()
    return report
