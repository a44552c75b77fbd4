"""Job fairs (채용박람회): a day and a place where employers interview seekers in slots.

Staff create a fair with its participating postings (`FairPosting`); each posting's day is cut
into interview slots (`FairSlot`) of its `slot_minutes`. Seekers register (`FairRegistration`)
and rank up to `max_choices` (K) of the fair's postings (`FairChoice`, rank 1 first). An
`assign` match run with `scope.fair_id` gives each seeker at most K non-overlapping slots
(`matching.FairBooking`); staff publish one run as the fair's schedule.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_CHOICES_LIMIT = 10
SLOT_MINUTES_RANGE = (5, 240)


class JobFair(models.Model):
    title = models.CharField(_("박람회 이름"), max_length=200)
    date = models.DateField(_("날짜"))
    starts_at = models.TimeField(_("시작 시각"))
    ends_at = models.TimeField(_("끝나는 시각"))
    place = models.CharField(_("장소"), max_length=200)
    slot_minutes = models.PositiveSmallIntegerField(_("면접 한 번의 길이(분)"), default=20)
    max_choices = models.PositiveSmallIntegerField(_("지망할 수 있는 공고 수"), default=3)
    registration_closes_at = models.DateTimeField(_("참가 신청 마감"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("만든 담당자"),
    )
    created_at = models.DateTimeField(_("만든 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("채용박람회")
        verbose_name_plural = _("채용박람회")
        ordering = ["date", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="job_fair_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1, max_choices__lte=MAX_CHOICES_LIMIT),
                name="job_fair_max_choices_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    slot_minutes__gte=SLOT_MINUTES_RANGE[0],
                    slot_minutes__lte=SLOT_MINUTES_RANGE[1],
                ),
                name="job_fair_slot_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def registration_open(self) -> bool:
        return timezone.now() < self.registration_closes_at


class FairPosting(models.Model):
    """A posting taking part in a fair; its interviews last `slot_minutes` each."""

    fair = models.ForeignKey(
        JobFair, on_delete=models.CASCADE, related_name="fair_postings", verbose_name=_("박람회")
    )
    posting = models.ForeignKey(
        "jobs.Posting", on_delete=models.CASCADE, related_name="+", verbose_name=_("채용공고")
    )
    slot_minutes = models.PositiveSmallIntegerField(_("면접 한 번의 길이(분)"))

    class Meta:
        verbose_name = _("박람회 참가 공고")
        verbose_name_plural = _("박람회 참가 공고")
        ordering = ["fair", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "posting"], name="fair_posting_once"),
        ]

    def __str__(self) -> str:
        return f"{self.fair_id}: {self.posting_id}"


class FairSlot(models.Model):
    """One interview slot [starts_at, ends_at) of a fair posting: one seeker at most."""

    fair_posting = models.ForeignKey(
        FairPosting, on_delete=models.CASCADE, related_name="slots", verbose_name=_("참가 공고")
    )
    starts_at = models.DateTimeField(_("시작"))
    ends_at = models.DateTimeField(_("끝"))

    class Meta:
        verbose_name = _("면접 시간")
        verbose_name_plural = _("면접 시간")
        ordering = ["fair_posting", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="fair_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fair_posting_id} {self.starts_at:%H:%M}"


class FairRegistration(models.Model):
    """A seeker's registration for a fair, with their ranked choices."""

    fair = models.ForeignKey(
        JobFair, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("박람회")
    )
    seeker = models.ForeignKey(
        "seekers.SeekerProfile",
        on_delete=models.CASCADE,
        related_name="fair_registrations",
        verbose_name=_("구직자"),
    )
    created_at = models.DateTimeField(_("신청 시각"), default=timezone.now)
    updated_at = models.DateTimeField(_("고친 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("박람회 참가 신청")
        verbose_name_plural = _("박람회 참가 신청")
        ordering = ["fair", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "seeker"], name="fair_registration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.fair_id}: {self.seeker_id}"


class FairChoice(models.Model):
    """A ranked choice (지망): rank 1 is the first choice."""

    registration = models.ForeignKey(
        FairRegistration,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("참가 신청"),
    )
    fair_posting = models.ForeignKey(
        FairPosting, on_delete=models.CASCADE, related_name="choices", verbose_name=_("참가 공고")
    )
    rank = models.PositiveSmallIntegerField(_("지망 순위"))

    class Meta:
        verbose_name = _("지망")
        verbose_name_plural = _("지망")
        ordering = ["registration", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "rank"], name="fair_choice_rank_once"),
            models.UniqueConstraint(
                fields=["registration", "fair_posting"], name="fair_choice_posting_once"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="fair_choice_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} #{self.rank}: {self.fair_posting_id}"
