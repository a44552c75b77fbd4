"""Statistical facts (통계용 가명정보, PIPA art. 28-2): what the placement and mentoring
reports count, written in the same transaction as the event they record (REPORTS.md).

A fact holds no name, contact or user id. People are told apart by `person_key`, a random UUID
kept on the seeker profile (`SeekerProfile.stat_key`) and deleted with it, so `placed` can
count distinct people while the account lives and nothing leads back to the person once it is
gone. The links to live rows (`placement`, `mentoring_request`) are `SET_NULL`: they exist so
a later event (a checkpoint recorded, a request finished) can find its fact, and they vanish
with the person's rows. Deleting an account closes the person's open spell (`ended`) and
leaves every fact: last year's report does not change.

Dates are calendar days in Asia/Seoul: a report's period is a Seoul date range.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.jobs.models import CHECKPOINT_MONTHS


class SpellStart(models.TextChoices):
    CREATED = "created", _("프로필 생성")
    COHORT_CHANGED = "cohort_changed", _("대상 구분 변경")


class SpellEnd(models.TextChoices):
    COHORT_CHANGED = "cohort_changed", _("대상 구분 변경")
    ENDED = "ended", _("프로필 종료")


class ProfileFact(models.Model):
    """One spell of one person in one cohort: from the profile's creation (or the cohort
    change that began it) to the next cohort change or the profile's end (open while
    `ended_on` is null). `participants` counts the distinct people whose spell of a cohort
    overlaps the period. Area, career field (the first one wished) and eligible programmes
    are as on the spell's first day."""

    person_key = models.UUIDField(_("통계 키"))
    cohort = models.CharField(_("대상 구분"), max_length=16)
    programmes = models.JSONField(_("지원 대상 프로그램"), default=list)
    area = models.CharField(_("행정동 코드"), max_length=16, blank=True)
    career_field = models.CharField(_("희망 계열"), max_length=32, blank=True)
    started_on = models.DateField(_("시작일"))
    start_event = models.CharField(_("시작 사유"), max_length=16, choices=SpellStart.choices)
    ended_on = models.DateField(_("종료일"), null=True, blank=True)
    end_event = models.CharField(
        _("종료 사유"), max_length=16, choices=SpellEnd.choices, blank=True
    )
    recorded_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("프로필 통계 사실")
        verbose_name_plural = _("프로필 통계 사실")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["started_on", "ended_on"], name="profilefact_period"),
            models.Index(fields=["person_key", "ended_on"], name="profilefact_person_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_event="")
                | (Q(ended_on__isnull=False) & ~Q(end_event="")),
                name="profilefact_end_is_one_fact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} {self.started_on}–{self.ended_on or ''}"


class EmployerType(models.TextChoices):
    """REPORTS.md `employer_type`, under the policy in force at the hire."""

    COVERED = "covered", _("조례 적용 기관")
    PARTNER = "partner", _("협약 기업")
    OTHER = "other", _("일반 기업")


class PlacementFact(models.Model):
    """One placement (취업 연계): who (by key and cohort), where, when, and each retention
    checkpoint's due date and outcome (`status_<m>` and the Seoul day `recorded_<m>` it was
    recorded, so a report `as_of` an earlier day is reproducible)."""

    placement = models.OneToOneField(
        "jobs.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("취업 연계"),
    )
    person_key = models.UUIDField(_("통계 키"))
    cohort = models.CharField(_("대상 구분"), max_length=16, blank=True)
    programmes = models.JSONField(_("지원 대상 프로그램"), default=list)
    area = models.CharField(_("행정동 코드"), max_length=16, blank=True)
    career_field = models.CharField(_("채용 계열"), max_length=32, blank=True)
    employment_type = models.CharField(_("고용 형태"), max_length=16, blank=True)
    employer_type = models.CharField(_("기업 구분"), max_length=16, choices=EmployerType.choices)
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기업"),
    )
    hired_on = models.DateField(_("채용일"))
    profile_created_on = models.DateField(_("프로필 생성일"), null=True, blank=True)
    days_to_placement = models.IntegerField(_("취업 소요 일수"), null=True, blank=True)
    due_1 = models.DateField(_("1개월 확인 예정일"))
    status_1 = models.CharField(_("1개월 결과"), max_length=16, default="pending")
    recorded_1 = models.DateField(_("1개월 기록일"), null=True, blank=True)
    due_3 = models.DateField(_("3개월 확인 예정일"))
    status_3 = models.CharField(_("3개월 결과"), max_length=16, default="pending")
    recorded_3 = models.DateField(_("3개월 기록일"), null=True, blank=True)
    due_6 = models.DateField(_("6개월 확인 예정일"))
    status_6 = models.CharField(_("6개월 결과"), max_length=16, default="pending")
    recorded_6 = models.DateField(_("6개월 기록일"), null=True, blank=True)
    due_12 = models.DateField(_("12개월 확인 예정일"))
    status_12 = models.CharField(_("12개월 결과"), max_length=16, default="pending")
    recorded_12 = models.DateField(_("12개월 기록일"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("취업 연계 통계 사실")
        verbose_name_plural = _("취업 연계 통계 사실")
        ordering = ["id"]
        indexes = [models.Index(fields=["hired_on"], name="placementfact_hired_on")]

    def __str__(self) -> str:
        return f"{self.cohort} {self.hired_on}"


# The checkpoint months as the fact's column suffixes (jobs' CHECKPOINT_MONTHS: 1, 3, 6, 12).
RETENTION_MONTHS: tuple[int, ...] = tuple(CHECKPOINT_MONTHS)


class MentoringFact(models.Model):
    """One mentoring request: field, the kind of mentor who took or declined it, when it was
    asked and accepted, and how it ended (`outcome` is the request's latest status)."""

    mentoring_request = models.OneToOneField(
        "mentoring.MentoringRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("멘토링 요청"),
    )
    person_key = models.UUIDField(_("통계 키"), null=True, blank=True)
    cohort = models.CharField(_("대상 구분"), max_length=16, blank=True)
    career_field = models.CharField(_("계열"), max_length=32)
    mentor_kind = models.CharField(_("멘토 유형"), max_length=16, blank=True)
    requested_at = models.DateTimeField(_("요청 시각"))
    requested_on = models.DateField(_("요청일"))
    accepted_at = models.DateTimeField(_("수락 시각"), null=True, blank=True)
    hours_to_acceptance = models.FloatField(_("수락까지 시간"), null=True, blank=True)
    outcome = models.CharField(_("결과"), max_length=16, default="open")
    finished_on = models.DateField(_("종료일"), null=True, blank=True)
    # College-major advice: the mentee's 6- and 12-month answers ("" unanswered).
    followup_6 = models.CharField(_("6개월 후속 응답"), max_length=24, blank=True, default="")
    followup_12 = models.CharField(_("12개월 후속 응답"), max_length=24, blank=True, default="")
    # Recorded sessions (`mentoring.MentoringSession`) and each side's rating (1-5, null
    # unrated): how much advice the follow-up's answers came after (no comment, no date).
    sessions = models.PositiveIntegerField(_("세션 수"), default=0)
    session_minutes = models.PositiveIntegerField(_("세션 시간(분)"), default=0)
    mentee_rating = models.PositiveSmallIntegerField(_("멘티 평점"), null=True, blank=True)
    mentor_rating = models.PositiveSmallIntegerField(_("멘토 평점"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("멘토링 통계 사실")
        verbose_name_plural = _("멘토링 통계 사실")
        ordering = ["id"]
        indexes = [models.Index(fields=["requested_on"], name="mentoringfact_requested_on")]

    def __str__(self) -> str:
        return f"{self.career_field} {self.requested_on} {self.outcome}"


class SnapshotKind(models.TextChoices):
    PLACEMENTS = "placements", _("취업 연계 실적")
    MENTORING = "mentoring", _("멘토링 실적")
    ORDINANCE = "ordinance", _("고졸 지역인재 채용")


class SnapshotPeriod(models.TextChoices):
    MONTHLY = "monthly", _("월간")
    YEARLY = "yearly", _("연간")
    ON_REQUEST = "on_request", _("요청 시")


class ReportSnapshot(models.Model):
    """A frozen report (REPORTS.md, Outputs): its kind and parameters, the `as_of` day it was
    judged on, the raw numbers (`data`; suppression is applied on output, so a snapshot is
    published suppressed and never loses a figure), the SHA-256 of those inputs, the policy
    version, and who made it when. Immutable: regenerating writes a new snapshot and marks this
    one `superseded_by` it; only that mark and the publication are ever set afterwards
    (`backend.reports.snapshots`)."""

    kind = models.CharField(_("보고서"), max_length=16, choices=SnapshotKind.choices)
    period = models.CharField(
        _("주기"), max_length=16, choices=SnapshotPeriod.choices, default=SnapshotPeriod.ON_REQUEST
    )
    parameters = models.JSONField(_("보고서 조건"), default=dict)
    as_of = models.DateField(_("기준일"))
    data = models.JSONField(_("원자료"))
    inputs_digest = models.CharField(_("입력 요약값"), max_length=64)
    policy_version = models.PositiveIntegerField(_("조례 정책 버전"), null=True, blank=True)
    generated_at = models.DateTimeField(_("작성 시각"))
    generated_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성한 사람"),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("대체한 스냅숏"),
    )
    published_at = models.DateTimeField(_("공개 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("보고서 스냅숏")
        verbose_name_plural = _("보고서 스냅숏")
        ordering = ["-generated_at", "-id"]
        indexes = [models.Index(fields=["kind", "period", "as_of"], name="snapshot_kind_period")]

    def __str__(self) -> str:
        return f"{self.kind} {self.parameters} ({self.generated_at:%Y-%m-%d})"


class FollowUpAnswer(models.TextChoices):
    """The mentee's path 6 or 12 months after college-major advice (REPORTS.md)."""

    ENROLLED_SAME_MAJOR = "enrolled_same_major", _("상담받은 전공으로 다니고 있어요")
    CHANGED_MAJOR = "changed_major", _("다른 전공으로 바꿨어요")
    LEFT_COLLEGE = "left_college", _("대학을 그만뒀어요")
    NOT_ENROLLED = "not_enrolled", _("대학에 진학하지 않았어요")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("말하고 싶지 않아요")


FOLLOW_UP_MONTHS = (6, 12)


class MentoringFollowUp(models.Model):
    """A follow-up question to the mentee of a completed college-major advice, due 6 or 12
    months after it ended. The row belongs to the person (deleted with the account); the
    answer is copied into the statistical fact (`MentoringFact.followup_<m>`), which stays."""

    fact = models.ForeignKey(
        MentoringFact, on_delete=models.CASCADE, related_name="+", verbose_name=_("통계 사실")
    )
    seeker = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("멘티")
    )
    month = models.PositiveSmallIntegerField(_("개월"))
    due_on = models.DateField(_("물어볼 날"))
    notified_at = models.DateTimeField(_("안내 메일 시각"), null=True, blank=True)
    answer = models.CharField(
        _("응답"), max_length=24, choices=FollowUpAnswer.choices, blank=True, default=""
    )
    answered_at = models.DateTimeField(_("응답 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("멘토링 후속 질문")
        verbose_name_plural = _("멘토링 후속 질문")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fact", "month"], name="followup_once_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.fact_id} {self.month}m"
