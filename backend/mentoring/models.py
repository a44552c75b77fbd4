"""Mentoring (멘토링): mentor profiles and the requests seekers make of them.

Mentors are retired experts (often seekers of the `senior` cohort who volunteer as well) and
university students who advise on college majors, so that fewer students drop out over a
mismatched major. A request is `open → accepted → completed`, or ends `declined` (by the
mentor it was offered to) or `cancelled` (by the seeker).

A request asked without a chosen mentor is offered to the best-ranked mentors of its field
first, a few at a time (`MentoringOffer`), and opens to the whole field when none of them
takes it in time (`backend.mentoring.offers`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.core.fields import EncryptedTextField
from backend.core.validators import reject_resident_number
from backend.taxonomy.models import CareerField

MAX_MENTEES_LIMIT = 50


class MentorKind(models.TextChoices):
    EXPERT = "expert", _("현직·은퇴 전문가")
    COLLEGE_STUDENT = "college_student", _("대학생 전공 멘토")


class MentorStatus(models.TextChoices):
    """Staff vet every mentor (멘토 검증) before they see any request: a mentor reads what
    seekers wrote about themselves, so a self-declared one must not."""

    PENDING = "pending", _("검토 대기")
    VERIFIED = "verified", _("인증됨")
    REFUSED = "refused", _("인증 거절")


# What staff vouch for when they verify a mentor: changing one of these sends the profile back
# to the queue (a verified mentor of one field must not widen themself to all eleven).
MENTOR_VETTED_FIELDS = ("kind", "expertise", "career_fields")


class MentorProfile(models.Model):
    """A volunteer mentor: a `mentor` user, or a `seeker` who also volunteers.

    `status` is `pending` until staff verify it (`services.mentor_verify`) or refuse it with a
    reason the mentor reads (`services.mentor_refuse`); only a verified mentor is offered,
    shown or may accept requests.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        verbose_name=_("사용자"),
    )
    display_name = models.CharField(
        _("표시 이름"), max_length=50, blank=True, validators=[reject_resident_number]
    )
    kind = models.CharField(_("멘토 유형"), max_length=16, choices=MentorKind.choices)
    expertise = models.TextField(_("전문 분야"), validators=[reject_resident_number])
    career_fields = models.JSONField(_("계열"), default=list)
    bio = models.TextField(_("소개"), blank=True, validators=[reject_resident_number])
    availability = models.TextField(_("가능 시간"), blank=True, validators=[reject_resident_number])
    max_mentees = models.PositiveSmallIntegerField(_("최대 멘티 수"), default=3)
    status = models.CharField(
        _("검증 상태"), max_length=16, choices=MentorStatus.choices, default=MentorStatus.PENDING
    )
    # The last staff decision: when, by whom, and (for a refusal) why, which the mentor reads.
    reviewed_at = models.DateTimeField(_("검토 시각"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("검토한 담당자"),
    )
    refusal_reason = models.TextField(
        _("인증 거절 사유"), blank=True, validators=[reject_resident_number]
    )
    created_at = models.DateTimeField(_("생성 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)

    class Meta:
        verbose_name = _("멘토 프로필")
        verbose_name_plural = _("멘토 프로필")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_mentees__gte=1, max_mentees__lte=MAX_MENTEES_LIMIT),
                name="mentor_max_mentees_range",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MentorKind.values), name="mentor_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MentorStatus.values), name="mentor_status_known"
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="mentor_by_status")]

    def __str__(self) -> str:
        return self.display_name or f"멘토 #{self.pk}"

    @property
    def verified(self) -> bool:
        return self.status == MentorStatus.VERIFIED

    @property
    def public_name(self) -> str:
        """What seekers see: the chosen display name, never the email."""
        return self.display_name or f"멘토 #{self.pk}"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("대기 중")
    ACCEPTED = "accepted", _("수락됨")
    COMPLETED = "completed", _("완료")
    DECLINED = "declined", _("거절됨")
    CANCELLED = "cancelled", _("취소됨")


# Statuses in which a request holds one of its mentor's places (counted against max_mentees).
ACTIVE_STATUSES = (RequestStatus.ACCEPTED,)
FINAL_STATUSES = (RequestStatus.COMPLETED, RequestStatus.DECLINED, RequestStatus.CANCELLED)


class MentoringRequest(models.Model):
    """A seeker asks for mentoring in one career field.

    `mentor` is empty while the request waits on its staged offers or is open to every
    mentor of the field; when the seeker offers it to one chosen mentor, or a mentor accepts
    it (or declines it as the chosen mentor), it names that mentor (and stays empty on
    finished requests whose mentor has since deleted their account).
    """

    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_requests",
        verbose_name=_("구직자"),
    )
    career_field = models.ForeignKey(
        CareerField, on_delete=models.PROTECT, related_name="+", verbose_name=_("계열")
    )
    topic = models.CharField(_("주제"), max_length=200, validators=[reject_resident_number])
    message = models.TextField(_("내용"), blank=True, validators=[reject_resident_number])
    # What the seeker chose to tell the mentor who accepts (a phone number, a messenger id);
    # shown only to that mentor, once they have accepted. Contact data: encrypted at rest.
    shared_contact = EncryptedTextField(
        _("멘토에게 알려 줄 연락처"),
        max_length=200,
        blank=True,
        validators=[reject_resident_number],
    )
    # SET_NULL: a deleted mentor's past requests stay the seeker's history; their accepted
    # ones are reopened first (`services.mentor_profile_erase`), so none is left accepted.
    mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("멘토"),
    )
    status = models.CharField(
        _("상태"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(_("요청 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)
    accepted_at = models.DateTimeField(_("수락 시각"), null=True, blank=True)
    closed_at = models.DateTimeField(_("종료 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("멘토링 요청")
        verbose_name_plural = _("멘토링 요청")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "career_field"], name="mentoring_open_by_field"),
            models.Index(fields=["mentor", "status"], name="mentoring_by_mentor"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="mentoring_status_known"
            ),
            # An accepted request always names its mentor (it holds one of their places).
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.ACCEPTED) | Q(mentor__isnull=False),
                name="mentoring_accepted_has_mentor",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.topic} ({self.status})"


class MentoringOffer(models.Model):
    """A request offered to one of the best-ranked mentors of its field (staged offers).

    A table, not a JSON list on the request: visibility is a query over these rows
    (`offers.waiting_on_offers`), and the embedded SQLite database has no JSON `contains`.
    An offer is live until its mentor declines it (`declined_at`); it is not closed when
    another mentor accepts the request (the request's status says that).
    """

    request = models.ForeignKey(
        MentoringRequest,
        on_delete=models.CASCADE,
        related_name="offers",
        verbose_name=_("멘토링 요청"),
    )
    # CASCADE: a departing mentor's open offers are passed on first
    # (`services.mentor_profile_erase`); the rest are history of no use without them.
    mentor = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="offers", verbose_name=_("멘토")
    )
    rank = models.PositiveSmallIntegerField(_("제안 순서"))
    offered_at = models.DateTimeField(_("제안 시각"), default=timezone.now)
    declined_at = models.DateTimeField(_("거절 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("멘토링 제안")
        verbose_name_plural = _("멘토링 제안")
        ordering = ["request", "rank"]
        indexes = [
            models.Index(fields=["mentor", "declined_at"], name="mentoring_offer_by_mentor"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["request", "mentor"], name="mentoring_offer_once"),
            models.UniqueConstraint(fields=["request", "rank"], name="mentoring_offer_rank"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="mentoring_offer_rank_from_1"),
        ]

    def __str__(self) -> str:
        return f"#{self.request_id} → {self.mentor_id} ({self.rank})"


MESSAGE_MAX_LENGTH = 4000


class MentoringMessage(models.Model):
    """One message of a request's thread, between the seeker and the mentor who accepted it.

    Kept with the request (its history); the author is the seeker or that mentor's user.
    """

    request = models.ForeignKey(
        MentoringRequest,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("멘토링 요청"),
    )
    # SET_NULL: a departed author's messages stay the other side's history.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    body = models.TextField(
        _("내용"), max_length=MESSAGE_MAX_LENGTH, validators=[reject_resident_number]
    )
    created_at = models.DateTimeField(_("작성 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("멘토링 메시지")
        verbose_name_plural = _("멘토링 메시지")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["request", "created_at"], name="mentoring_message_thread")]

    def __str__(self) -> str:
        return f"#{self.request_id} {self.created_at:%Y-%m-%d %H:%M}"


SESSION_MAX_MINUTES = 480
SESSION_TOPIC_MAX_LENGTH = 200
RATING_COMMENT_MAX_LENGTH = 500


class MentoringSession(models.Model):
    """A meeting of the mentee and the mentor (멘토링 세션) recorded by either of them: the day,
    how long, what about. Recorded while the mentoring runs or after it was completed (the
    last meeting is often written up once it is over)."""

    request = models.ForeignKey(
        MentoringRequest,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("멘토링 요청"),
    )
    # SET_NULL: a departed recorder's sessions stay the other side's history.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록한 사람"),
    )
    held_on = models.DateField(_("만난 날"))
    minutes = models.PositiveSmallIntegerField(_("시간(분)"))
    topic = models.CharField(
        _("이야기한 주제"),
        max_length=SESSION_TOPIC_MAX_LENGTH,
        validators=[reject_resident_number],
    )
    created_at = models.DateTimeField(_("기록 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("멘토링 세션")
        verbose_name_plural = _("멘토링 세션")
        ordering = ["held_on", "id"]
        indexes = [models.Index(fields=["request", "held_on"], name="mentoring_session_by_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=5) & Q(minutes__lte=SESSION_MAX_MINUTES),
                name="mentoring_session_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.request_id} {self.held_on} {self.minutes}min"


class RaterRole(models.TextChoices):
    MENTEE = "mentee", _("멘티")
    MENTOR = "mentor", _("멘토")


class MentoringRating(models.Model):
    """After a mentoring is completed, each side's short rating of it (1-5, an optional
    comment): one per side. Read by that side and staff (the mentoring report counts them),
    never by the other side."""

    request = models.ForeignKey(
        MentoringRequest,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("멘토링 요청"),
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("평가한 사람"),
    )
    role = models.CharField(_("평가한 쪽"), max_length=8, choices=RaterRole.choices)
    score = models.PositiveSmallIntegerField(_("평점"))
    comment = models.CharField(
        _("한마디"),
        max_length=RATING_COMMENT_MAX_LENGTH,
        blank=True,
        validators=[reject_resident_number],
    )
    created_at = models.DateTimeField(_("평가 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("멘토링 평가")
        verbose_name_plural = _("멘토링 평가")
        ordering = ["request", "role"]
        constraints = [
            models.UniqueConstraint(fields=["request", "role"], name="mentoring_rating_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="mentoring_rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(role__in=RaterRole.values), name="mentoring_rating_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.request_id} {self.role} {self.score}"
