"""The ordinance policy (지역인재 채용 촉진 정책) as versioned data.

A policy version is never overwritten: each staff edit inserts the next version, so a match run
can always say which rules it applied. Version 1 is `default_policy.yaml`, loaded by a data
migration so that every database has it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrdinancePolicy(models.Model):
    """One version of the policy document (the structure of `default_policy.yaml`)."""

    version = models.PositiveIntegerField(_("버전"), unique=True)
    document = models.JSONField(_("정책 문서"))
    created_at = models.DateTimeField(_("생성 시각"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    note = models.CharField(_("변경 메모"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("조례 정책")
        verbose_name_plural = _("조례 정책")
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="ordinance_policy_version_1")
        ]

    def __str__(self) -> str:
        return f"조례 정책 v{self.version}"


class Recommendation(models.Model):
    """One stored recommendation of a posting to a seeker, with what explains it.

    A seeker's recommendations are replaced as a whole each time they are computed (the job
    runs when the profile or a posting changes, and nightly), so they always come from one
    policy version and one moment.
    """

    seeker = models.ForeignKey(
        "seekers.SeekerProfile",
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("구직자"),
    )
    posting = models.ForeignKey(
        "jobs.Posting", on_delete=models.CASCADE, related_name="+", verbose_name=_("채용공고")
    )
    rank = models.PositiveSmallIntegerField(_("순위"))
    score = models.FloatField(_("점수"))
    components = models.JSONField(_("점수 구성"))
    reasons = models.JSONField(_("추천 이유"))
    policy_version = models.PositiveIntegerField(_("정책 버전"))
    computed_at = models.DateTimeField(_("계산 시각"))
    match_run = models.ForeignKey(
        "MatchRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("매칭 실행"),
    )

    class Meta:
        verbose_name = _("추천")
        verbose_name_plural = _("추천")
        ordering = ["seeker", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "posting"], name="recommendation_once"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=1), name="recommendation_score_range"
            ),
        ]
        indexes = [models.Index(fields=["seeker", "rank"], name="recommendation_seeker_rank")]

    def __str__(self) -> str:
        return f"{self.seeker_id} → {self.posting_id} ({self.score:.3f})"


class MatchRunKind(models.TextChoices):
    RECOMMEND = "recommend", _("추천 계산")
    ASSIGN = "assign", _("일괄 배정")


class MatchRunStatus(models.TextChoices):
    QUEUED = "queued", _("대기")
    RUNNING = "running", _("실행 중")
    DONE = "done", _("완료")
    FAILED = "failed", _("실패")


class MatchRun(models.Model):
    """A staff-started matching run. This row is the source of the run's status; the
    executions of its job are recorded as `workers.JobRun` rows (`job_run_key`)."""

    kind = models.CharField(_("종류"), max_length=16, choices=MatchRunKind.choices)
    scope = models.JSONField(_("범위"), default=dict)
    status = models.CharField(
        _("상태"), max_length=16, choices=MatchRunStatus.choices, default=MatchRunStatus.QUEUED
    )
    policy_version = models.PositiveIntegerField(_("정책 버전"))
    as_of = models.DateField(_("기준일"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("요청자"),
    )
    created_at = models.DateTimeField(_("요청 시각"), default=timezone.now)
    started_at = models.DateTimeField(_("시작 시각"), null=True, blank=True)
    finished_at = models.DateTimeField(_("종료 시각"), null=True, blank=True)
    summary = models.JSONField(_("요약"), default=dict, blank=True)
    inputs_digest = models.CharField(_("입력 지문"), max_length=64, blank=True)
    error = models.TextField(_("오류"), blank=True)

    class Meta:
        verbose_name = _("매칭 실행")
        verbose_name_plural = _("매칭 실행")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MatchRunKind.values), name="match_run_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MatchRunStatus.values), name="match_run_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"매칭 실행 #{self.pk} ({self.kind}, {self.status})"


class Assignment(models.Model):
    """One seeker's outcome in an `assign` run: a posting (slot) with its score and reasons,
    or no posting and the reason they were left unassigned."""

    match_run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("매칭 실행")
    )
    seeker = models.ForeignKey(
        "seekers.SeekerProfile",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("구직자"),
    )
    posting = models.ForeignKey(
        "jobs.Posting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("채용공고"),
    )
    score = models.FloatField(_("점수"), null=True, blank=True)
    reasons = models.JSONField(_("이유"), default=list)
    unassigned_reason = models.CharField(_("미배정 사유"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("배정")
        verbose_name_plural = _("배정")
        ordering = ["match_run", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["match_run", "seeker"], name="assignment_once"),
        ]
        indexes = [
            models.Index(fields=["match_run", "posting"], name="assignment_run_posting"),
        ]

    def __str__(self) -> str:
        return f"#{self.match_run_id}: {self.seeker_id} → {self.posting_id}"


class DecisionRequestKind(models.TextChoices):
    """What a seeker asks about an automated decision (PIPA §37-2, 자동화된 결정)."""

    EXPLANATION = "explanation", _("설명 요청")
    REVIEW = "review", _("사람의 검토 요청")


class DecisionSubject(models.TextChoices):
    RECOMMENDATION = "recommendation", _("나에게 추천된 공고")
    SHORTLIST = "shortlist", _("기업 후보 명단")


class DecisionRequestStatus(models.TextChoices):
    OPEN = "open", _("답변 대기")
    ANSWERED = "answered", _("답변 완료")


class DecisionRequest(models.Model):
    """A seeker's request for an explanation of, or a staff review of, an automated decision
    about them: a recommendation of a posting, or their place on (or absence from) a
    posting's shortlist. `snapshot` keeps what the scorer decided when the request was made
    (score, components, reasons or the hard filters that failed, policy version), so staff
    answer about that decision; staff write `answer`, which the seeker reads."""

    seeker = models.ForeignKey(
        "seekers.SeekerProfile",
        on_delete=models.CASCADE,
        related_name="decision_requests",
        verbose_name=_("구직자"),
    )
    posting = models.ForeignKey(
        "jobs.Posting", on_delete=models.CASCADE, related_name="+", verbose_name=_("채용공고")
    )
    kind = models.CharField(_("요청 종류"), max_length=16, choices=DecisionRequestKind.choices)
    subject = models.CharField(_("대상 결정"), max_length=16, choices=DecisionSubject.choices)
    message = models.TextField(_("요청 내용"), blank=True, max_length=2000)
    snapshot = models.JSONField(_("결정 기록"), default=dict)
    status = models.CharField(
        _("상태"),
        max_length=16,
        choices=DecisionRequestStatus.choices,
        default=DecisionRequestStatus.OPEN,
    )
    answer = models.TextField(_("답변"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("답변한 담당자"),
    )
    answered_at = models.DateTimeField(_("답변 시각"), null=True, blank=True)
    created_at = models.DateTimeField(_("요청 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("자동화된 결정 설명·검토 요청")
        verbose_name_plural = _("자동화된 결정 설명·검토 요청")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} #{self.pk} ({self.status})"


class FairBooking(models.Model):
    """One interview of a fair's `assign` run (`backend.matching.fair_runs`): a seeker in a slot
    of a posting they ranked `rank`. One seeker per slot per run (never double-booked)."""

    match_run = models.ForeignKey(
        MatchRun,
        on_delete=models.CASCADE,
        related_name="fair_bookings",
        verbose_name=_("매칭 실행"),
    )
    slot = models.ForeignKey(
        "fairs.FairSlot", on_delete=models.CASCADE, related_name="+", verbose_name=_("면접 시간")
    )
    seeker = models.ForeignKey(
        "seekers.SeekerProfile",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("구직자"),
    )
    rank = models.PositiveSmallIntegerField(_("지망 순위"))
    score = models.FloatField(_("점수"), default=0.0)

    class Meta:
        verbose_name = _("박람회 면접 배정")
        verbose_name_plural = _("박람회 면접 배정")
        ordering = ["match_run", "slot__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["match_run", "slot"], name="fair_booking_slot_once"),
        ]

    def __str__(self) -> str:
        return f"#{self.match_run_id}: {self.seeker_id} @ {self.slot_id}"


class FairSchedule(models.Model):
    """The published schedule of a fair: the `assign` run whose bookings seekers and employers
    see. Publishing another run replaces it."""

    fair = models.OneToOneField(
        "fairs.JobFair", on_delete=models.CASCADE, related_name="schedule", verbose_name=_("박람회")
    )
    match_run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="+", verbose_name=_("매칭 실행")
    )
    published_at = models.DateTimeField(_("공개 시각"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("공개한 담당자"),
    )

    class Meta:
        verbose_name = _("박람회 면접 일정")
        verbose_name_plural = _("박람회 면접 일정")

    def __str__(self) -> str:
        return f"{self.fair_id}: #{self.match_run_id}"


class NightlyStatus(models.TextChoices):
    RUNNING = "running", _("실행 중")
    DONE = "done", _("완료")


class NightlyRefresh(models.Model):
    """One night's refresh of every seeker's recommendations, split into chunks of profile ids
    (`NightlyChunk`) that the worker fleet runs in parallel (issue 17, B9).

    One row per Seoul day (`day` is unique): the schedule slot, a restarted scheduler or a
    staff `manage.py nightly_refresh --start` all land on the same run, which sends again only
    the chunks not done yet. When the last chunk is done the run starts the assignment
    (`match_run`, an `assign` MatchRun over everyone) if `assign` is set."""

    day = models.DateField(_("기준일"), unique=True)
    policy_version = models.PositiveIntegerField(_("정책 버전"))
    chunk_size = models.PositiveIntegerField(_("묶음 크기"))
    assign = models.BooleanField(_("갱신 뒤 일괄 배정"), default=True)
    status = models.CharField(
        _("상태"), max_length=16, choices=NightlyStatus.choices, default=NightlyStatus.RUNNING
    )
    created_at = models.DateTimeField(_("시작 시각"), default=timezone.now)
    finished_at = models.DateTimeField(_("종료 시각"), null=True, blank=True)
    match_run = models.ForeignKey(
        MatchRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("일괄 배정 실행"),
    )

    class Meta:
        verbose_name = _("야간 추천 갱신")
        verbose_name_plural = _("야간 추천 갱신")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"야간 추천 갱신 {self.day} ({self.status})"


class NightlyChunk(models.Model):
    """The profiles with `first_profile_id <= id < end_profile_id` (no end: every id above) of
    one nightly refresh. The ranges of a run are disjoint and cover every id, so every seeker
    is refreshed by exactly one chunk, profiles created during the night included.

    `next_profile_id` is the chunk's cursor: the profiles below it are stored (it moves in the
    same transaction as their recommendations), so a chunk whose worker was killed resumes
    there and counts nobody twice."""

    refresh = models.ForeignKey(
        NightlyRefresh, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("갱신")
    )
    number = models.PositiveIntegerField(_("번호"))
    first_profile_id = models.PositiveBigIntegerField(_("첫 프로필 id"))
    end_profile_id = models.PositiveBigIntegerField(_("끝 프로필 id (미포함)"), null=True)
    next_profile_id = models.PositiveBigIntegerField(_("다음 프로필 id"))
    status = models.CharField(
        _("상태"), max_length=16, choices=NightlyStatus.choices, default=NightlyStatus.RUNNING
    )
    seekers = models.PositiveIntegerField(_("구직자 수"), default=0)
    recommendations = models.PositiveIntegerField(_("추천 수"), default=0)
    executions = models.PositiveIntegerField(_("실행 횟수"), default=0)
    started_at = models.DateTimeField(_("시작 시각"), null=True, blank=True)
    finished_at = models.DateTimeField(_("종료 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("야간 갱신 묶음")
        verbose_name_plural = _("야간 갱신 묶음")
        ordering = ["refresh", "number"]
        constraints = [
            models.UniqueConstraint(fields=["refresh", "number"], name="nightly_chunk_once"),
        ]

    def __str__(self) -> str:
        return f"묶음 {self.number} ({self.status})"


class NightlyCandidates(models.Model):
    """One seeker's candidates for the night's assignment, kept by the chunk that refreshed
    them (issue 17, B9): the seeker's best `ASSIGN_CANDIDATES` matches as the `assign` run
    would build them itself (`runs._candidates`: the same retrieval, scoring and exclusions),
    best first, computed with the refresh's policy version on `as_of`: `edges` holds each
    `[posting_id, score]`, `reasons` each one's reasons in their stored form (read only for
    the pair the solver picks).

    The assignment that the last chunk starts reads them instead of retrieving and scoring
    every seeker again, when its policy version and as-of date are these (else it builds
    them itself). Only seekers with the `matching` consent get a row; withdrawing it deletes
    the row (`subscribers.assignments_follow_consent`), deleting the profile cascades, the
    run deletes its refresh's rows once it has stored the assignment, and the next night's
    start deletes what an earlier night left unused (its run failed or never started)."""

    refresh = models.ForeignKey(
        NightlyRefresh,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("갱신"),
    )
    seeker = models.ForeignKey(
        "seekers.SeekerProfile",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("구직자"),
    )
    as_of = models.DateField(_("기준일"))
    edges = models.JSONField(_("후보 공고와 점수"), default=list)
    reasons = models.JSONField(_("후보별 추천 이유"), default=list)

    class Meta:
        verbose_name = _("야간 배정 후보")
        verbose_name_plural = _("야간 배정 후보")
        constraints = [
            models.UniqueConstraint(fields=["refresh", "seeker"], name="nightly_candidates_once"),
        ]

    def __str__(self) -> str:
        return f"배정 후보 {self.seeker_id} ({self.as_of})"
