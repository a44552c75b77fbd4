"""Seeker profiles (구직자 프로필) for the three cohorts: graduates, returners, seniors.

A profile holds what a seeker tells us about themselves. Validation checks what a value *can*
be (a plausible birth year, a known area code); whether the seeker qualifies for an ordinance
programme is decided by eligibility, never here. PIPA: never a resident registration number
(every free-text field refuses one), birth year rather than birth date, the phone a Korean
number, encrypted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise, StrPromise

from backend.core.fields import EncryptedTextField
from backend.core.validators import reject_resident_number, validate_korean_phone
from backend.taxonomy import young_workers
from backend.taxonomy.models import Area
from backend.taxonomy.vocabulary import CareerBreakReason, Cohort, EmploymentType, Shift

# Plausibility bounds: nobody born before 1930 is looking, nobody is born after this year. Who
# is old enough to register (15, `young_workers.too_young_to_register`) is decided with the
# birth month, and gets a message saying where to turn instead.
BIRTH_YEAR_MIN = 1930
GRADUATION_YEAR_MIN = 1950


class Gender(models.TextChoices):
    FEMALE = "female", _("여성")
    MALE = "male", _("남성")
    OTHER = "other", _("기타")


# Which fields each cohort must fill in, with the message a person reads when one is missing.
COHORT_REQUIRED: dict[str, dict[str, StrPromise]] = {
    Cohort.GRADUATE: {
        "school_name": _("학교 이름을 입력해 주세요."),
        "graduation_year": _("졸업 연도를 입력해 주세요."),
    },
    Cohort.RETURNER: {
        "career_break_years": _("경력 단절 기간(년)을 입력해 주세요."),
        "career_break_reason": _("경력 단절 사유를 선택해 주세요."),
    },
    Cohort.SENIOR: {
        "birth_year": _("출생 연도를 입력해 주세요."),
        "experience": _("경력을 한 가지 이상 입력해 주세요."),
    },
}


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == []


class SeekerProfile(models.Model):
    """One seeker's profile (one per seeker user).

    `version` grows by one on every write, so the search sync can skip stale deliveries.
    `career_fields`, `skills`, `certificates`, `experience`, `employment_types` and `shifts`
    are JSON lists (the same on SQLite and PostgreSQL); `skills` and `certificates` are
    echoed as entered and normalized only when matching.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="seeker_profile",
        verbose_name=_("사용자"),
    )
    cohort = models.CharField(_("대상 구분"), max_length=16, choices=Cohort.choices)
    display_name = models.CharField(
        _("표시 이름"), max_length=50, validators=[reject_resident_number]
    )
    birth_year = models.PositiveSmallIntegerField(_("출생 연도"), null=True, blank=True)
    # Only where the minors' rules need it (this year − birth year ≤ 19), never the day (PIPA).
    birth_month = models.PositiveSmallIntegerField(_("출생 월"), null=True, blank=True)
    gender = models.CharField(_("성별"), max_length=8, choices=Gender.choices, blank=True)
    # A Korean number in its normalised form (010-1234-5678; the services normalise input).
    phone = EncryptedTextField(_("전화번호"), blank=True, validators=[validate_korean_phone])
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("거주 행정동")
    )
    location_lat = models.FloatField(_("위도"), null=True, blank=True)
    location_lon = models.FloatField(_("경도"), null=True, blank=True)
    is_resident = models.BooleanField(_("시흥시 거주"), default=False)
    school_name = models.CharField(
        _("학교 이름"), max_length=100, blank=True, validators=[reject_resident_number]
    )
    school_in_city = models.BooleanField(_("시내 학교 졸업"), default=False)
    graduation_year = models.PositiveSmallIntegerField(_("졸업 연도"), null=True, blank=True)
    entered_college = models.BooleanField(_("대학 진학"), default=False)
    career_break_years = models.FloatField(_("경력 단절 기간(년)"), null=True, blank=True)
    career_break_reason = models.CharField(
        _("경력 단절 사유"), max_length=16, choices=CareerBreakReason.choices, blank=True
    )
    career_fields = models.JSONField(_("희망 계열"), default=list, blank=True)
    skills = models.JSONField(
        _("보유 기술"), default=list, blank=True, validators=[reject_resident_number]
    )
    certificates = models.JSONField(
        _("자격증"), default=list, blank=True, validators=[reject_resident_number]
    )
    experience = models.JSONField(
        _("경력"), default=list, blank=True, validators=[reject_resident_number]
    )
    employment_types = models.JSONField(_("희망 고용 형태"), default=list, blank=True)
    max_days_per_week = models.PositiveSmallIntegerField(
        _("주당 최대 근무일"), null=True, blank=True
    )
    shifts = models.JSONField(_("가능 시간대"), default=list, blank=True)
    min_hourly_wage = models.PositiveIntegerField(_("희망 최저 시급(원)"), null=True, blank=True)
    max_commute_km = models.FloatField(_("최대 통근 거리(km)"), null=True, blank=True)
    available_from = models.DateField(_("근무 가능 시작일"), null=True, blank=True)
    about = models.TextField(_("자기소개"), blank=True, validators=[reject_resident_number])
    open_to_employers = models.BooleanField(_("기업에 프로필 공개"), default=False)
    version = models.PositiveIntegerField(_("버전"), default=1)
    # The random per-person key of the statistical facts (REPORTS.md; PIPA art. 28-2 가명정보):
    # facts carry it instead of any id, so reports can count distinct people; it goes with
    # the profile when the account is deleted, and then nothing leads back to the person.
    stat_key = models.UUIDField(_("통계 키"), default=uuid.uuid4, unique=True, editable=False)
    # Search terms of skills, certificates, experience and about (search.analysis), computed
    # when the profile is written.
    search_terms = models.JSONField(_("검색어"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("생성 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)

    class Meta:
        verbose_name = _("구직자 프로필")
        verbose_name_plural = _("구직자 프로필")
        ordering = ["id"]
        indexes = [models.Index(fields=["cohort", "area"], name="seeker_cohort_area")]
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort__in=Cohort.values), name="seeker_cohort_known"
            ),
            models.CheckConstraint(
                condition=(Q(location_lat__isnull=True) & Q(location_lon__isnull=True))
                | (
                    Q(location_lat__gte=-90)
                    & Q(location_lat__lte=90)
                    & Q(location_lon__gte=-180)
                    & Q(location_lon__lte=180)
                ),
                name="seeker_location_pair_in_range",
            ),
            models.CheckConstraint(
                condition=Q(career_break_years__isnull=True) | Q(career_break_years__gte=0),
                name="seeker_career_break_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(max_days_per_week__isnull=True)
                | Q(max_days_per_week__gte=1, max_days_per_week__lte=7),
                name="seeker_days_per_week_1_7",
            ),
            models.CheckConstraint(
                condition=Q(max_commute_km__isnull=True) | Q(max_commute_km__gt=0),
                name="seeker_commute_positive",
            ),
            models.CheckConstraint(
                condition=~Q(cohort=Cohort.GRADUATE)
                | (~Q(school_name="") & Q(graduation_year__isnull=False)),
                name="seeker_graduate_has_school",
            ),
            models.CheckConstraint(
                condition=~Q(cohort=Cohort.RETURNER)
                | (Q(career_break_years__isnull=False) & ~Q(career_break_reason="")),
                name="seeker_returner_has_break",
            ),
            models.CheckConstraint(
                condition=~Q(cohort=Cohort.SENIOR) | Q(birth_year__isnull=False),
                name="seeker_senior_has_birth_year",
            ),
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True)
                | Q(birth_month__gte=1, birth_month__lte=12, birth_year__isnull=False),
                name="seeker_birth_month_1_12_with_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.cohort})"

    @property
    def location(self) -> dict[str, float] | None:
        if self.location_lat is None or self.location_lon is None:
            return None
        return {"lat": self.location_lat, "lon": self.location_lon}

    @property
    def labour_age(self) -> int | None:
        """만 나이 for the young workers' rules (`young_workers.labour_age`), None without a
        birth year."""
        return young_workers.age_of(self)

    @property
    def is_minor(self) -> bool:
        """Under 18 (연소자): shown only postings that `young_workers.suitable_for_minors`."""
        return young_workers.is_minor(self.labour_age)

    def _clean_age(self, add: Callable[[str, StrOrPromise], None]) -> None:
        """The birth month where it decides, and the registration age (15; a policy choice)."""
        today = young_workers.seoul_today()
        if self.birth_month is not None:
            if not 1 <= self.birth_month <= 12:
                add("birth_month", gettext("태어난 달은 1~12 사이로 적어 주세요."))
                return
            if self.birth_year is None:
                add("birth_month", gettext("태어난 달을 적으려면 태어난 해도 적어 주세요."))
                return
        if self.birth_year is None or not BIRTH_YEAR_MIN <= self.birth_year <= today.year:
            return  # no age to judge, or the birth year's own error says what is wrong
        # Too young even if born in January (the oldest the birth year allows): no month needed
        # to say so.
        oldest = young_workers.labour_age(self.birth_year, 1, today)
        if young_workers.too_young_to_register(oldest):
            add("birth_year", self._too_young_message())
            return
        if self.birth_month is None and young_workers.birth_month_required(self.birth_year, today):
            add(
                "birth_month",
                gettext(
                    "%(year)s년 이후에 태어났다면 태어난 달도 적어 주세요. "
                    "만 18세 미만을 보호하는 근로 규칙에 필요해요."
                )
                % {"year": today.year - young_workers.rules().birth_month_required_up_to},
            )
            return
        if young_workers.too_young_to_register(self.labour_age):
            add("birth_year", self._too_young_message())

    @staticmethod
    def _too_young_message() -> str:
        return gettext(
            "만 %(age)s세 미만은 구직자로 등록할 수 없어요. 만 13~14세는 "
            "고용노동부의 취직인허증이 있어야 일할 수 있는데, 이 서비스에서는 "
            "다루지 않아요. 학교 진로상담 선생님(진로전담교사)께 상담해 주세요."
        ) % {"age": young_workers.rules().min_registration_age}

    def clean(self) -> None:
        """One-row invariants with messages a person can act on (in the active language)."""
        errors: dict[str, list[str]] = {}

        def add(field: str, message: StrOrPromise) -> None:
            errors.setdefault(field, []).append(str(message))

        this_year = timezone.localdate().year
        for field, message in COHORT_REQUIRED.get(self.cohort, {}).items():
            if _is_blank(getattr(self, field)):
                add(field, message)
        if self.birth_year is not None and not (BIRTH_YEAR_MIN <= self.birth_year <= this_year):
            add(
                "birth_year",
                gettext("출생 연도는 %(low)s~%(high)s 사이여야 합니다.")
                % {"low": BIRTH_YEAR_MIN, "high": this_year},
            )
        self._clean_age(add)
        if self.graduation_year is not None and not (
            GRADUATION_YEAR_MIN <= self.graduation_year <= this_year + 1
        ):
            add(
                "graduation_year",
                gettext("졸업 연도는 %(low)s~%(high)s 사이여야 합니다.")
                % {"low": GRADUATION_YEAR_MIN, "high": this_year + 1},
            )
        if (self.location_lat is None) != (self.location_lon is None):
            add("location", gettext("위도와 경도를 함께 입력해 주세요."))
        elif (
            self.location_lat is not None
            and self.location_lon is not None
            and not (-90 <= self.location_lat <= 90 and -180 <= self.location_lon <= 180)
        ):
            add(
                "location",
                gettext("위도는 -90~90, 경도는 -180~180 사이여야 합니다."),
            )
        if self.career_break_years is not None and self.career_break_years < 0:
            add(
                "career_break_years",
                gettext("경력 단절 기간은 0 이상이어야 합니다."),
            )
        if self.max_days_per_week is not None and not 1 <= self.max_days_per_week <= 7:
            add(
                "max_days_per_week",
                gettext("주당 근무일은 1~7일이어야 합니다."),
            )
        if self.max_commute_km is not None and self.max_commute_km <= 0:
            add(
                "max_commute_km",
                gettext("통근 거리는 0보다 커야 합니다."),
            )
        for field, choices in (
            ("employment_types", EmploymentType.values),
            ("shifts", Shift.values),
        ):
            unknown = [value for value in getattr(self, field) if value not in choices]
            if unknown:
                add(
                    field,
                    gettext("알 수 없는 값입니다: %(values)s (가능한 값: %(allowed)s)")
                    % {"values": ", ".join(map(str, unknown)), "allowed": ", ".join(choices)},
                )
        for index, item in enumerate(self.experience):
            years = item.get("years") if isinstance(item, dict) else None
            if not isinstance(item, dict) or not str(item.get("occupation", "")).strip():
                add(
                    "experience",
                    gettext("%(number)s번째 경력에 직종을 입력해 주세요.") % {"number": index + 1},
                )
            elif years is not None and (not isinstance(years, int | float) or years < 0):
                add(
                    "experience",
                    gettext("%(number)s번째 경력의 기간은 0 이상이어야 합니다.")
                    % {"number": index + 1},
                )
        if errors:
            raise ValidationError(errors)


ASSISTED_EMAIL_DOMAIN = "assisted.invalid"  # RFC 2606: a name no mail is ever delivered to


class AssistedEnrolment(models.Model):
    """A seeker enrolled by a counsellor on their behalf (새일센터 practice: 상담사 대리 등록),
    for people who do not use computers.

    The person signed the consent on paper: the scan's reference, the day and the staff member
    who took it are recorded here (and the consents as `channel="paper"`). They log in the
    first time with the printed `login_id` and a one-time code and set their password; the
    code is stored hashed only (`code_hash`, Django's password hasher), expires
    (`code_expires_at`), works once (`code_used_at`) and locks after `MAX_CODE_FAILURES`
    wrong tries. Their account's email is `<login_id>@assisted.invalid` until they add one
    of their own and verify it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assisted_enrolment",
        verbose_name=_("구직자 계정"),
    )
    login_id = models.CharField(_("로그인 아이디"), max_length=32, unique=True)
    consent_scan_ref = models.CharField(_("동의서 스캔 번호"), max_length=100)
    consent_signed_on = models.DateField(_("동의서 서명일"))
    consent_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("동의를 받은 담당자"),
    )
    consent_staff_ref = models.CharField(_("담당자 참조"), max_length=64)
    created_at = models.DateTimeField(_("등록 시각"), auto_now_add=True)
    code_hash = models.CharField(_("일회용 코드 (해시)"), max_length=256, blank=True)
    code_expires_at = models.DateTimeField(_("코드 만료 시각"), null=True, blank=True)
    code_used_at = models.DateTimeField(_("코드 사용 시각"), null=True, blank=True)
    code_failures = models.PositiveSmallIntegerField(_("코드 오입력 횟수"), default=0)
    activated_at = models.DateTimeField(_("첫 로그인 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("대리 등록")
        verbose_name_plural = _("대리 등록")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.login_id
