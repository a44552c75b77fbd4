"""Postings (채용공고) and their lifecycle, applications (지원), placements (취업 연계) with
retention checkpoints (고용 유지 확인) at 1, 3, 6 and 12 months."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from backend.core.refs import seeker_ref
from backend.core.validators import reject_resident_number
from backend.employers.models import Employer
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift

SEOUL = ZoneInfo("Asia/Seoul")


def seoul_today() -> datetime.date:
    """Today in Siheung: deadlines are calendar days in Korea whatever the server's zone."""
    return timezone.localdate(timezone=SEOUL)


class PostingStatus(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    PENDING = "pending", _("검토 대기")
    OPEN = "open", _("모집 중")
    CLOSED = "closed", _("모집 마감")
    FILLED = "filled", _("채용 완료")
    EXPIRED = "expired", _("기한 만료")


# Statuses in which a posting was shown to the public at some point: its existence is no secret.
PUBLISHED_STATUSES = frozenset(
    {PostingStatus.OPEN, PostingStatus.CLOSED, PostingStatus.FILLED, PostingStatus.EXPIRED}
)


@deconstructible
class ListOfStrings:
    """Validator of a JSON list of distinct strings, optionally each one of `choices`."""

    def __init__(self, choices: tuple[str, ...] = ()) -> None:
        self.choices = tuple(choices)

    def __call__(self, value: object) -> None:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(_("문자열 목록이어야 합니다."), code="list")
        if self.choices:
            unknown = [item for item in value if item not in self.choices]
            if unknown:
                raise ValidationError(
                    _("알 수 없는 값: %(values)s"),
                    code="choice",
                    params={"values": ", ".join(unknown)},
                )
        if len(set(value)) != len(value):
            raise ValidationError(_("중복된 값이 있습니다."), code="unique")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ListOfStrings) and other.choices == self.choices

    def __hash__(self) -> int:
        return hash(self.choices)


validate_string_list = ListOfStrings()
validate_shifts = ListOfStrings(tuple(Shift.values))
validate_cohorts = ListOfStrings(tuple(Cohort.values))


class Posting(models.Model):
    """A job opening of one employer. `version` grows on every write (search sync keys on
    it); status moves only through `backend.jobs.services`."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="postings", verbose_name=_("기업")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    title = models.CharField(_("제목"), max_length=200, validators=[reject_resident_number])
    description = models.TextField(_("상세 내용"), validators=[reject_resident_number])
    career_field = models.ForeignKey(
        CareerField, on_delete=models.PROTECT, related_name="postings", verbose_name=_("계열")
    )
    occupation = models.CharField(
        _("직종"), max_length=100, blank=True, validators=[reject_resident_number]
    )
    skills_required = models.JSONField(
        _("필수 기술"),
        default=list,
        blank=True,
        validators=[validate_string_list, reject_resident_number],
    )
    skills_preferred = models.JSONField(
        _("우대 기술"),
        default=list,
        blank=True,
        validators=[validate_string_list, reject_resident_number],
    )
    certificates_required = models.JSONField(
        _("필수 자격증"),
        default=list,
        blank=True,
        validators=[validate_string_list, reject_resident_number],
    )
    min_experience_years = models.PositiveSmallIntegerField(
        _("최소 경력(년)"), default=0, validators=[MaxValueValidator(60)]
    )
    employment_type = models.CharField(
        _("고용 형태"), max_length=16, choices=EmploymentType.choices
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("주 근무일"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    shifts = models.JSONField(
        _("근무 시간대"), default=list, blank=True, validators=[validate_shifts]
    )
    # 근로기준법 §69-§70: a seeker under 18 is shown only postings with at most 7 hours a day
    # and 35 a week (× `days_per_week`) and no holiday work (backend.taxonomy.young_workers).
    # Rows from before these fields got the legal standard day (8 hours) and no holiday work.
    hours_per_day = models.FloatField(
        _("하루 근무 시간"),
        default=8,
        validators=[MinValueValidator(0.5), MaxValueValidator(24)],
    )
    holiday_work = models.BooleanField(_("휴일 근무"), default=False)
    hourly_wage = models.PositiveIntegerField(_("시급(원)"), validators=[MinValueValidator(0)])
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="postings", verbose_name=_("행정동")
    )
    lat = models.FloatField(
        _("위도"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.FloatField(
        _("경도"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    address = models.CharField(
        _("근무지 주소"), max_length=300, blank=True, validators=[reject_resident_number]
    )
    openings = models.PositiveSmallIntegerField(
        _("모집 인원"), default=1, validators=[MinValueValidator(1)]
    )
    deadline = models.DateField(_("마감일"))
    cohorts_welcome = models.JSONField(
        _("환영 대상"), default=list, blank=True, validators=[validate_cohorts]
    )

    status = models.CharField(
        _("상태"), max_length=16, choices=PostingStatus.choices, default=PostingStatus.DRAFT
    )
    rejection_reason = models.TextField(
        _("반려 사유"), blank=True, validators=[reject_resident_number]
    )
    # Why staff closed an open posting (acting on a report, 신고); shown to its employer.
    closed_reason = models.TextField(
        _("마감 사유"), blank=True, validators=[reject_resident_number]
    )
    # The expired (or closed) posting this one was copied from (`backend.jobs.renewal`).
    renewed_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("다시 올린 원래 공고"),
    )
    version = models.PositiveIntegerField(_("버전"), default=1)
    hires = models.PositiveSmallIntegerField(_("채용 인원"), default=0)
    created_at = models.DateTimeField(_("작성 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)
    published_at = models.DateTimeField(_("게시 시각"), null=True, blank=True)
    # Search terms (search.analysis), computed once when the text is written, so indexing
    # and rebuilds never re-tokenize.
    title_terms = models.JSONField(_("제목 검색어"), default=list, blank=True, editable=False)
    body_terms = models.JSONField(_("본문 검색어"), default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("채용공고")
        verbose_name_plural = _("채용공고")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days_per_week__gte=1, days_per_week__lte=7),
                name="posting_days_per_week_1_7",
            ),
            models.CheckConstraint(condition=models.Q(openings__gte=1), name="posting_openings"),
            models.CheckConstraint(
                condition=models.Q(hours_per_day__gte=0.5, hours_per_day__lte=24),
                name="posting_hours_per_day_range",
            ),
            models.CheckConstraint(
                condition=models.Q(hires__lte=models.F("openings")),
                name="posting_hires_le_openings",
            ),
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True, lon__isnull=True)
                | models.Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="posting_location_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PostingStatus.values), name="posting_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(employment_type__in=EmploymentType.values),
                name="posting_employment_type_valid",
            ),
            # A published posting has a publication time.
            models.CheckConstraint(
                condition=~models.Q(status__in=sorted(PUBLISHED_STATUSES))
                | models.Q(published_at__isnull=False),
                name="posting_published_at",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="posting_status_deadline"),
            models.Index(fields=["employer", "status"], name="posting_employer_status"),
            # The lists' order (staff's every posting, newest first: `GET /api/v1/postings/`),
            # and the review queue's (`?status=pending`): an index scan instead of a sort of
            # the whole table for every page (EXPLAIN ANALYZE on 20,000 rows: bench/README B4).
            models.Index(fields=["-created_at", "-id"], name="posting_newest"),
            models.Index(fields=["status", "-created_at", "-id"], name="posting_status_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (self.lat is None) != (self.lon is None):
            raise ValidationError({"location": _("위도와 경도를 함께 입력해 주세요.")})
        if self.hires > self.openings:
            raise ValidationError({"openings": _("이미 채용한 인원보다 적게 줄일 수 없습니다.")})


class PostingReviewFlag(models.Model):
    """A posting check (공고 점검) of the ordinance policy that found something in a submitted
    posting: flagged for staff review with the clause named (검토가 필요합니다).

    Staff may still approve the posting; a staff decision (approve or reject) records who
    reviewed the open flags and when. Flags are never deleted: they are the record that the
    city saw the clause and decided. Written only by `backend.jobs.review`.
    """

    posting = models.ForeignKey(
        Posting, on_delete=models.PROTECT, related_name="review_flags", verbose_name=_("채용공고")
    )
    code = models.CharField(_("점검 항목"), max_length=100)
    clause = models.TextField(_("조례 조항"))
    # What was looked for: the policy's pattern, or `cohorts_welcome` (the welcome list).
    pattern = models.TextField(_("점검 패턴"), blank=True)
    # The pattern and a short excerpt of the posting's text around it, for staff to read.
    matched = models.TextField(_("발견 내용"))
    # The policy version whose checks found it. A number, not a foreign key: policy versions
    # are never deleted, and the jobs app keeps no migration dependency on matching's.
    policy_version = models.PositiveIntegerField(_("정책 버전"))
    created_at = models.DateTimeField(_("발견 시각"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("검토한 담당자"),
    )
    reviewed_at = models.DateTimeField(_("검토 시각"), null=True, blank=True)
    review_note = models.TextField(_("검토 메모"), blank=True, validators=[reject_resident_number])

    class Meta:
        verbose_name = _("공고 점검 결과")
        verbose_name_plural = _("공고 점검 결과")
        ordering = ["created_at", "id"]
        constraints = [
            # Review is one fact: when and by whom (the staff user may later be deleted, so
            # only the time is required).
            models.CheckConstraint(
                condition=models.Q(reviewed_at__isnull=False) | models.Q(reviewed_by__isnull=True),
                name="posting_flag_reviewed_by_needs_time",
            ),
        ]
        indexes = [
            # The review queue's `flagged=true`: postings with an open flag.
            models.Index(
                fields=["posting"],
                condition=models.Q(reviewed_at__isnull=True),
                name="posting_flag_open",
            )
        ]

    def __str__(self) -> str:
        state = "검토 완료" if self.reviewed_at else "검토 필요"
        return f"{self.posting_id} {self.code} ({state})"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("지원 완료")
    REVIEWING = "reviewing", _("서류 검토")
    INTERVIEW = "interview", _("면접")
    OFFERED = "offered", _("채용 제안")
    HIRED = "hired", _("채용")
    REJECTED = "rejected", _("불합격")
    WITHDRAWN = "withdrawn", _("지원 취소")


# Open states: the application is still in play (it may be rejected or withdrawn).
OPEN_APPLICATION_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.REVIEWING,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
    }
)


class Application(models.Model):
    """A seeker's application to a posting; one per (posting, seeker)."""

    posting = models.ForeignKey(
        Posting, on_delete=models.PROTECT, related_name="applications", verbose_name=_("채용공고")
    )
    # Account deletion removes the seeker's applications (PIPA: the rows go with the person).
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("구직자"),
    )
    message = models.TextField(_("지원 메시지"), blank=True, validators=[reject_resident_number])
    status = models.CharField(
        _("상태"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    # The seeker was under 18 when applying (근로기준법 §66-§67: the employer needs the
    # guardian's written consent and a family-relation certificate before hiring). Kept as
    # the fact at that moment, so the employer sees it without learning the birth date.
    applicant_minor = models.BooleanField(_("만 18세 미만 지원자"), default=False)
    created_at = models.DateTimeField(_("지원 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)

    class Meta:
        verbose_name = _("지원")
        verbose_name_plural = _("지원")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "seeker"], name="application_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker_id} → {self.posting_id} ({self.status})"


class ApplicationStatusChange(models.Model):
    """One step of an application's status history, oldest first: written by
    `backend.jobs.hiring` in the same transaction as the change (the submission is the first
    row, with an empty `from_status`). `changed_by_role` is kept apart from the user, so the
    history still says who acted (the seeker, the employer, city staff) after that account is
    gone; pages show the role, never a person's name. Rows the data migration backfilled for
    applications made before the history existed have `backfilled` set: their time is the
    application's last update and their actor role a guess from the status (approximate)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("지원"),
    )
    from_status = models.CharField(
        _("이전 상태"), max_length=16, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(_("바뀐 상태"), max_length=16, choices=ApplicationStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("바꾼 사람"),
    )
    # A role of `accounts.Role` (seeker, employer, staff); empty when no person acted.
    changed_by_role = models.CharField(_("바꾼 사람의 역할"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("바뀐 시각"), default=timezone.now)
    backfilled = models.BooleanField(_("이전 기록에서 추정"), default=False)

    class Meta:
        verbose_name = _("지원 상태 변경")
        verbose_name_plural = _("지원 상태 변경")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_status__in=ApplicationStatus.values),
                name="application_change_to_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(from_status__in=["", *ApplicationStatus.values]),
                name="application_change_from_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["application", "created_at"], name="application_change_order")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status or '-'} → {self.to_status}"


CHECKPOINT_MONTHS = (1, 3, 6, 12)
# One message per checkpoint, so the labels read in English too (`?lang=en`).
MONTH_LABELS = {1: _("1개월"), 3: _("3개월"), 6: _("6개월"), 12: _("12개월")}


class Placement(models.Model):
    """A hire made through the platform (취업 연계 실적), followed for a year."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="placement", verbose_name=_("지원")
    )
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="placements",
        verbose_name=_("구직자"),
    )
    posting = models.ForeignKey(
        Posting, on_delete=models.PROTECT, related_name="placements", verbose_name=_("채용공고")
    )
    hired_on = models.DateField(_("채용일"))
    created_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("취업 연계")
        verbose_name_plural = _("취업 연계")
        ordering = ["-hired_on", "-id"]

    def __str__(self) -> str:
        return f"{self.seeker_ref} @ {self.posting_id} ({self.hired_on})"

    @property
    def seeker_ref(self) -> str:
        """An opaque reference to the seeker (a keyed hash): never an id, name or contact."""
        return seeker_ref(self.seeker_id)


class CheckpointStatus(models.TextChoices):
    PENDING = "pending", _("확인 전")
    RETAINED = "retained", _("근무 중")
    LEFT = "left", _("퇴사")


class PlacementCheckpoint(models.Model):
    """Whether the person still works there N months after the hire."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="checkpoints", verbose_name=_("취업 연계")
    )
    month = models.PositiveSmallIntegerField(
        _("개월"), choices=[(month, MONTH_LABELS[month]) for month in CHECKPOINT_MONTHS]
    )
    due_on = models.DateField(_("확인 예정일"))
    status = models.CharField(
        _("상태"),
        max_length=16,
        choices=CheckpointStatus.choices,
        default=CheckpointStatus.PENDING,
    )
    recorded_at = models.DateTimeField(_("기록 시각"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )

    class Meta:
        verbose_name = _("고용 유지 확인")
        verbose_name_plural = _("고용 유지 확인")
        ordering = ["placement_id", "month"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "month"], name="checkpoint_once"),
            models.CheckConstraint(
                condition=models.Q(month__in=CHECKPOINT_MONTHS), name="checkpoint_month_valid"
            ),
            # Recorded exactly when it has an outcome.
            models.CheckConstraint(
                condition=models.Q(status=CheckpointStatus.PENDING, recorded_at__isnull=True)
                | models.Q(
                    status__in=[CheckpointStatus.RETAINED, CheckpointStatus.LEFT],
                    recorded_at__isnull=False,
                ),
                name="checkpoint_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} +{self.month}m {self.status}"


# The wording of the notice shown when a seeker applies (개인정보 제3자 제공 동의, PIPA §17):
# bump when it changes, so that every provision record says which wording the person saw.
PROVISION_NOTICE_VERSION = "2026-12"
# What an application hands to the employer (shown in the notice and kept on the record).
PROVIDED_ITEMS = ("name", "email", "phone", "birth_year", "profile", "message")


class DataProvision(models.Model):
    """A seeker's consent, given when applying, to hand their data to one employer (PIPA §17
    제3자 제공), and so the record of that provision: who, to which employer (its name as the
    seeker saw it), for which posting, when, under which notice version. The seeker's export
    lists these; they go with the account."""

    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_provisions",
        verbose_name=_("구직자"),
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.SET_NULL,
        null=True,
        related_name="data_provisions",
        verbose_name=_("받는 기업"),
    )
    employer_name = models.CharField(_("받는 기업 이름"), max_length=200)
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        related_name="provision",
        verbose_name=_("지원"),
    )
    posting_title = models.CharField(_("공고 제목"), max_length=200)
    items = models.JSONField(_("제공 항목"), default=list)
    notice_version = models.CharField(_("고지문 버전"), max_length=32)
    consented_at = models.DateTimeField(_("동의 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("개인정보 제3자 제공 기록")
        verbose_name_plural = _("개인정보 제3자 제공 기록")
        ordering = ["consented_at", "id"]

    def __str__(self) -> str:
        return f"{self.seeker_id} → {self.employer_name} ({self.consented_at:%Y-%m-%d})"


class CheckpointChange(models.Model):
    """The history of one checkpoint: every recording and every correction, who, when, and
    from which outcome to which (a correction of a `left` may put later checkpoints back to
    `pending`). Written by `placement_checkpoint_record` only."""

    checkpoint = models.ForeignKey(
        PlacementCheckpoint,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("고용 유지 확인"),
    )
    from_status = models.CharField(_("이전 상태"), max_length=16, choices=CheckpointStatus.choices)
    to_status = models.CharField(_("바뀐 상태"), max_length=16, choices=CheckpointStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("바꾼 사람"),
    )
    changed_by_role = models.CharField(_("바꾼 사람의 역할"), max_length=16)
    changed_at = models.DateTimeField(_("바꾼 시각"))

    class Meta:
        verbose_name = _("고용 유지 확인 기록 이력")
        verbose_name_plural = _("고용 유지 확인 기록 이력")
        ordering = ["checkpoint_id", "changed_at", "id"]
        indexes = [models.Index(fields=["checkpoint", "changed_at"], name="checkpoint_change_at")]

    def __str__(self) -> str:
        return f"{self.checkpoint_id}: {self.from_status} → {self.to_status}"


# Moderation models live in their own module; imported here so Django registers them with
# the app (the module imports `Posting` from this one, hence the import at the end).
from backend.jobs.alert_models import AlertFrequency as AlertFrequency  # noqa: E402
from backend.jobs.alert_models import SavedSearch as SavedSearch  # noqa: E402
from backend.jobs.alert_models import SavedSearchHit as SavedSearchHit  # noqa: E402
from backend.jobs.moderation import PostingReport as PostingReport  # noqa: E402
from backend.jobs.moderation import PostingRevision as PostingRevision  # noqa: E402
from backend.jobs.moderation import ReportReason as ReportReason  # noqa: E402
from backend.jobs.moderation import ReportStatus as ReportStatus  # noqa: E402
from backend.jobs.moderation import RevisionStatus as RevisionStatus  # noqa: E402
