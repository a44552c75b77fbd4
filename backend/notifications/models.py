"""One row per mail the platform sends: who, what about, in which language, and whether it went.

The unique constraint is what makes a mail go out once: `notification_queue` writing the same
(recipient, kind, object, key) twice finds the first row, and the job sends a row only after
claiming it with a conditional UPDATE.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationStatus(models.TextChoices):
    """Where a notification row is: queued → sending → sent, or failed (retried) or cancelled."""

    QUEUED = "queued", _("보낼 예정")
    SENDING = "sending", _("보내는 중")
    SENT = "sent", _("보냄")
    FAILED = "failed", _("보내지 못함")
    CANCELLED = "cancelled", _("보내지 않음")


class NotificationKind(models.TextChoices):
    """The mails there are. A new kind adds a value here and its three templates under
    `templates/notifications/<kind>_subject.txt`, `<kind>.txt` and `<kind>.html`."""

    ACCOUNT_EMAIL = "account_email", _("계정 메일 (이메일 인증, 비밀번호 재설정 등)")
    APPLICATION_RECEIVED = "application_received", _("새 지원 알림 (기업)")
    APPLICATION_STATUS_CHANGED = "application_status_changed", _("지원 상태 변경 알림 (구직자)")
    MENTORING_MESSAGE = "mentoring_message", _("멘토링 새 메시지 알림")
    EMPLOYER_VERIFIED = "employer_verified", _("기업 인증 완료 알림 (기업)")
    EMPLOYER_REFUSED = "employer_refused", _("기업 인증 거절 알림 (기업)")
    POSTING_APPROVED = "posting_approved", _("공고 승인 알림 (기업)")
    POSTING_REJECTED = "posting_rejected", _("공고 반려 알림 (기업)")
    MENTORING_OFFERED = "mentoring_offered", _("멘토링 요청 제안 알림 (멘토)")
    MENTORING_ACCEPTED = "mentoring_accepted", _("멘토링 수락 알림 (구직자)")
    MENTORING_DECLINED = "mentoring_declined", _("멘토링 거절 알림 (구직자)")
    BULK_READ_ALERT = "bulk_read_alert", _("개인정보 대량 열람 경보 (개인정보 보호책임자)")
    ACCOUNT_INACTIVE = "account_inactive", _("장기 미이용 계정 삭제 예정 안내")
    EMPLOYER_INVITATION = "employer_invitation", _("기업 구성원 초대 (초대받은 사람)")
    JOB_NEWS = "job_news", _("채용 소식 안내 (광고성 정보, 수신 동의한 분만)")
    MENTOR_VERIFIED = "mentor_verified", _("멘토 인증 완료 알림 (멘토)")
    MENTOR_REFUSED = "mentor_refused", _("멘토 인증 거절 알림 (멘토)")
    POSTING_REVISION_APPROVED = "posting_revision_approved", _("공고 수정 승인 알림 (기업)")
    POSTING_REVISION_REJECTED = "posting_revision_rejected", _("공고 수정 반려 알림 (기업)")
    POSTING_CLOSED_BY_STAFF = "posting_closed_by_staff", _("신고에 따른 공고 마감 알림 (기업)")
    HIRING_SURVEY_REQUESTED = "hiring_survey_requested", _("채용 실태조사 요청 (기관)")
    HIRING_SURVEY_REMINDER = "hiring_survey_reminder", _("채용 실태조사 마감 안내 (기관)")
    MENTORING_FOLLOWUP = "mentoring_followup", _("전공 멘토링 후속 질문 (구직자)")
    SAVED_SEARCH_ALERT = "saved_search_alert", _("저장한 검색의 새 공고 알림 (구직자)")
    POSTING_DEADLINE_REMINDER = "posting_deadline_reminder", _("공고 마감 임박·연장 안내 (기업)")
    CHECKPOINT_DUE = "checkpoint_due", _("고용 유지 확인 예정 알림 (기업)")
    MENTORING_COMPLETED = "mentoring_completed", _("멘토링 완료·평가 요청 (구직자)")


class MailClass(models.TextChoices):
    """Why a mail may be sent (정보통신망법 §50): `transactional` mails belong to an action
    of the person or cannot be done without (a verification link, an invitation's one-time
    link, the notice before an unused account is deleted, a security alert): always sent,
    no unsubscribe link; `service` mails to what they use or asked for (their application
    moved, their posting was approved: alerts a user asked for are service mail): sent
    unless the person switched the kind off, with an unsubscribe link; `marketing` mails
    promote something and need the `marketing` consent in force (and the kind switched on)."""

    TRANSACTIONAL = "transactional", _("거래 메일")
    SERVICE = "service", _("서비스 알림")
    MARKETING = "marketing", _("광고성 정보")


# Every kind's class, as data: a new kind must say which it is (a test checks each has one).
MAIL_CLASSES: dict[str, MailClass] = {
    NotificationKind.ACCOUNT_EMAIL: MailClass.TRANSACTIONAL,
    NotificationKind.APPLICATION_RECEIVED: MailClass.SERVICE,
    NotificationKind.APPLICATION_STATUS_CHANGED: MailClass.SERVICE,
    NotificationKind.MENTORING_MESSAGE: MailClass.SERVICE,
    NotificationKind.EMPLOYER_VERIFIED: MailClass.SERVICE,
    NotificationKind.EMPLOYER_REFUSED: MailClass.SERVICE,
    NotificationKind.POSTING_APPROVED: MailClass.SERVICE,
    NotificationKind.POSTING_REJECTED: MailClass.SERVICE,
    NotificationKind.MENTORING_OFFERED: MailClass.SERVICE,
    NotificationKind.MENTORING_ACCEPTED: MailClass.SERVICE,
    NotificationKind.MENTORING_DECLINED: MailClass.SERVICE,
    NotificationKind.BULK_READ_ALERT: MailClass.TRANSACTIONAL,
    NotificationKind.ACCOUNT_INACTIVE: MailClass.TRANSACTIONAL,
    NotificationKind.EMPLOYER_INVITATION: MailClass.TRANSACTIONAL,
    NotificationKind.JOB_NEWS: MailClass.MARKETING,
    NotificationKind.MENTOR_VERIFIED: MailClass.SERVICE,
    NotificationKind.MENTOR_REFUSED: MailClass.SERVICE,
    NotificationKind.POSTING_REVISION_APPROVED: MailClass.SERVICE,
    NotificationKind.POSTING_REVISION_REJECTED: MailClass.SERVICE,
    NotificationKind.POSTING_CLOSED_BY_STAFF: MailClass.SERVICE,
    NotificationKind.HIRING_SURVEY_REQUESTED: MailClass.SERVICE,
    NotificationKind.HIRING_SURVEY_REMINDER: MailClass.SERVICE,
    NotificationKind.MENTORING_FOLLOWUP: MailClass.SERVICE,
    # Alerts the seeker asked for are service mail (sent with marketing consent withdrawn).
    NotificationKind.SAVED_SEARCH_ALERT: MailClass.SERVICE,
    NotificationKind.POSTING_DEADLINE_REMINDER: MailClass.SERVICE,
    NotificationKind.CHECKPOINT_DUE: MailClass.SERVICE,
    NotificationKind.MENTORING_COMPLETED: MailClass.SERVICE,
}

# Whom a kind is for, by role: the preferences page shows a person the switchable kinds of
# their role. A kind missing here is shown to every role (so a new kind appears by itself).
_EMPLOYER = frozenset({"employer"})
_SEEKER = frozenset({"seeker"})
_MENTOR = frozenset({"mentor", "seeker"})  # seekers may volunteer as mentors (API.md)
MAIL_AUDIENCES: dict[str, frozenset[str]] = {
    NotificationKind.BULK_READ_ALERT: frozenset({"staff"}),
    NotificationKind.ACCOUNT_INACTIVE: frozenset({"seeker", "employer", "mentor"}),
    NotificationKind.EMPLOYER_INVITATION: _EMPLOYER,
    NotificationKind.APPLICATION_RECEIVED: _EMPLOYER,
    NotificationKind.APPLICATION_STATUS_CHANGED: _SEEKER,
    NotificationKind.MENTORING_MESSAGE: frozenset({"seeker", "mentor"}),
    NotificationKind.EMPLOYER_VERIFIED: _EMPLOYER,
    NotificationKind.EMPLOYER_REFUSED: _EMPLOYER,
    NotificationKind.POSTING_APPROVED: _EMPLOYER,
    NotificationKind.POSTING_REJECTED: _EMPLOYER,
    NotificationKind.MENTORING_OFFERED: _MENTOR,
    NotificationKind.MENTORING_ACCEPTED: _SEEKER,
    NotificationKind.MENTORING_DECLINED: _SEEKER,
    NotificationKind.JOB_NEWS: _SEEKER,
    NotificationKind.MENTOR_VERIFIED: _MENTOR,
    NotificationKind.MENTOR_REFUSED: _MENTOR,
    NotificationKind.POSTING_REVISION_APPROVED: _EMPLOYER,
    NotificationKind.POSTING_REVISION_REJECTED: _EMPLOYER,
    NotificationKind.POSTING_CLOSED_BY_STAFF: _EMPLOYER,
    NotificationKind.HIRING_SURVEY_REQUESTED: _EMPLOYER,
    NotificationKind.HIRING_SURVEY_REMINDER: _EMPLOYER,
    NotificationKind.MENTORING_FOLLOWUP: _SEEKER,
    NotificationKind.CHECKPOINT_DUE: _EMPLOYER,
    NotificationKind.SAVED_SEARCH_ALERT: _SEEKER,
    NotificationKind.POSTING_DEADLINE_REMINDER: _EMPLOYER,
    NotificationKind.MENTORING_COMPLETED: _SEEKER,
}


class Notification(models.Model):
    """A mail to one person about one object. `key` tells apart mails of one kind about one
    object that may repeat (a status change carries the new status; each account mail gets a
    key of its own)."""

    # Null only for account mails to an address without an account (allauth's
    # "unknown account" mail); the row then knows just `to_email`.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("받는 사람"),
    )
    to_email = models.EmailField(_("받는 주소"))
    kind = models.CharField(_("종류"), max_length=64, choices=NotificationKind.choices)
    object_type = models.CharField(_("대상 종류"), max_length=64)
    object_id = models.CharField(_("대상 번호"), max_length=64)
    key = models.CharField(_("구분 키"), max_length=200, blank=True, default="")
    language = models.CharField(_("언어"), max_length=8, default="ko")
    # Values the templates need beyond the object (small JSON). Account mails carry their
    # one-time links here; they are wiped once the mail is sent (see services).
    context = models.JSONField(_("내용 값"), default=dict, blank=True)
    status = models.CharField(
        _("상태"),
        max_length=16,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    attempts = models.PositiveIntegerField(_("시도 횟수"), default=0)
    claimed_at = models.DateTimeField(_("보내기 시작한 시각"), null=True, blank=True)
    sent_at = models.DateTimeField(_("보낸 시각"), null=True, blank=True)
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True)
    last_error = models.TextField(_("마지막 오류"), blank=True, default="")

    class Meta:
        verbose_name = _("알림 메일")
        verbose_name_plural = _("알림 메일")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_type", "object_id", "key"],
                name="notification_once",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=NotificationStatus.values),
                name="notification_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="notification_status")]

    def __str__(self) -> str:
        # No address: the admin shows this beside every row of its list.
        return f"{self.kind} #{self.pk} → U-{self.recipient_id or '-'} ({self.status})"


class NotificationPreference(models.Model):
    """A person's choice about one switchable kind (service or marketing mail). No row: the
    kind is on. Transactional kinds have no rows (they cannot be switched off)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("사용자"),
    )
    # No `choices`: the kinds grow with every app; the service checks it against MAIL_CLASSES.
    kind = models.CharField(_("종류"), max_length=64)
    enabled = models.BooleanField(_("받기"), default=True)
    # Where the choice was made: the preferences page, the API, or a mail's unsubscribe link.
    channel = models.CharField(_("경로"), max_length=16, default="web")
    updated_at = models.DateTimeField(_("바꾼 시각"), auto_now=True)

    class Meta:
        verbose_name = _("알림 메일 설정")
        verbose_name_plural = _("알림 메일 설정")
        ordering = ["user_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"U-{self.user_id} {self.kind}: {'on' if self.enabled else 'off'}"
