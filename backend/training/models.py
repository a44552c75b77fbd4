"""Training courses (직업훈련 과정) of the city's partners: 시흥시 새일센터 (women's re-employment
centre), 경기도일자리재단, 한국폴리텍대학 and others.

Staff keep the catalogue (`services.course_create` / `course_update`); seekers read it through
the training suggestions (`backend.matching.training_gaps`), which match a course to the
certificates and skills their near-miss postings ask for. `skills` and `certificates` are
Korean strings as staff type them; matching normalizes them as it normalizes a profile's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_COST_KRW = 50_000_000


class TrainingCourse(models.Model):
    """One course: who gives it, what it gives, when, and what it costs.

    `naeil_card` says whether the 국민내일배움카드 (the national training voucher) pays for it;
    `is_demo` marks the synthetic examples the demo seeds (shown as such)."""

    provider = models.CharField(_("훈련 기관"), max_length=100)
    title = models.CharField(_("과정 이름"), max_length=200)
    description = models.TextField(_("과정 소개"), blank=True)
    skills = models.JSONField(_("배우는 기술"), default=list, blank=True)
    certificates = models.JSONField(_("취득 자격증"), default=list, blank=True)
    starts_on = models.DateField(_("시작일"))
    ends_on = models.DateField(_("종료일"))
    cost_krw = models.PositiveIntegerField(
        _("수강료(원)"), default=0, validators=[MaxValueValidator(MAX_COST_KRW)]
    )
    naeil_card = models.BooleanField(_("국민내일배움카드 사용 가능"), default=False)
    place = models.CharField(_("장소"), max_length=200, blank=True)
    url = models.URLField(_("안내 주소"), blank=True)
    seats = models.PositiveSmallIntegerField(
        _("정원"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    is_active = models.BooleanField(_("게시 중"), default=True)
    is_demo = models.BooleanField(_("데모 데이터"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("등록한 담당자"),
    )
    created_at = models.DateTimeField(_("등록 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)

    class Meta:
        verbose_name = _("훈련 과정")
        verbose_name_plural = _("훈련 과정")
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["is_active", "ends_on"], name="training_active_by_end")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="training_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} · {self.title}"
