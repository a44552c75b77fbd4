"""Employers (기업): organisations that post openings, their members, and staff verification."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.validators import reject_resident_number
from backend.taxonomy.models import Area

# 사업자등록번호 (business registration number) check digit: the first nine digits weighted
# 1,3,7,1,3,7,1,3,5, plus floor(9th digit × 5 / 10); the tenth digit is (10 − sum mod 10) mod 10.
_BUSINESS_NUMBER_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)

BUSINESS_NUMBER_MESSAGE = _("올바른 사업자등록번호가 아닙니다. 숫자 10자리를 확인해 주세요.")


def normalize_business_number(value: str) -> str:
    """Digits only: people write 124-81-00998 as often as 1248100998."""
    return "".join(ch for ch in value if ch not in "- \t")


def business_number_is_valid(value: str) -> bool:
    """True for ten ASCII digits whose last digit is the official check digit."""
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    digits = [int(ch) for ch in value]
    total = sum(d * w for d, w in zip(digits, _BUSINESS_NUMBER_WEIGHTS, strict=False))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10 == digits[9]


def validate_business_number(value: str) -> None:
    if not business_number_is_valid(value):
        raise ValidationError(BUSINESS_NUMBER_MESSAGE, code="business_number")


class Employer(models.Model):
    """An organisation that hires in Siheung. Staff verify it (`verified_at`) before its
    postings may be submitted for review; drafts are allowed before that."""

    name = models.CharField(_("기업명"), max_length=200, validators=[reject_resident_number])
    business_number = models.CharField(
        _("사업자등록번호"), max_length=10, unique=True, validators=[validate_business_number]
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="employers", verbose_name=_("행정동")
    )
    address = models.CharField(
        _("주소"), max_length=300, blank=True, validators=[reject_resident_number]
    )
    industry = models.CharField(
        _("업종"), max_length=100, blank=True, validators=[reject_resident_number]
    )
    staff_count = models.PositiveIntegerField(
        _("상시 근로자 수"), default=0, validators=[MinValueValidator(0)]
    )
    is_city_funded = models.BooleanField(_("시 출자·출연 기관"), default=False)
    # 사무수탁기관: an agency running a city service under contract. The ordinances cover it
    # like a city-funded institution, by its authorised headcount (정원) when it has one.
    is_city_contracted = models.BooleanField(_("시 사무수탁기관"), default=False)
    authorised_headcount = models.PositiveIntegerField(
        _("정원"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    partner_pledge = models.BooleanField(_("지역인재 채용 협약"), default=False)
    verified_at = models.DateTimeField(_("인증 시각"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("인증한 담당자"),
    )
    # A refusal (staff could not confirm the organisation): when, by whom and why, shown to
    # the employer until it edits its record (back to the queue) or staff verify it.
    refused_at = models.DateTimeField(_("인증 거절 시각"), null=True, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("거절한 담당자"),
    )
    refusal_reason = models.TextField(
        _("인증 거절 사유"), blank=True, validators=[reject_resident_number]
    )
    # What staff last vouched for (set by `employer_verify`): an edit of the name or of an
    # ordinance flag unverifies the employer, but the public (posting pages, search,
    # recommendations) and the ordinance priority keep the vouched values until staff verify
    # the new ones, so a verified employer cannot rename itself "시흥시청" overnight.
    verified_name = models.CharField(_("인증된 기업명"), max_length=200, blank=True)
    verified_is_city_funded = models.BooleanField(_("인증된 시 출자·출연 여부"), default=False)
    verified_partner_pledge = models.BooleanField(_("인증된 채용 협약 여부"), default=False)
    created_at = models.DateTimeField(_("등록 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)

    class Meta:
        verbose_name = _("기업")
        verbose_name_plural = _("기업")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(business_number__regex=r"^[0-9]{10}$"),
                name="employer_business_number_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(staff_count__gte=0), name="employer_staff_count_nonnegative"
            ),
            # Verification is one fact: when and by whom (the staff user may later be deleted,
            # so only the time is required).
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=False) | models.Q(verified_by__isnull=True),
                name="employer_verified_by_needs_time",
            ),
            models.CheckConstraint(
                condition=models.Q(refused_at__isnull=False) | models.Q(refused_by__isnull=True),
                name="employer_refused_by_needs_time",
            ),
        ]
        indexes = [models.Index(fields=["verified_at"], name="employer_verified")]

    def __str__(self) -> str:
        return self.name

    @property
    def verified(self) -> bool:
        return self.verified_at is not None

    @property
    def refused(self) -> bool:
        return self.refused_at is not None

    @property
    def public_name(self) -> str:
        """The name the public sees: the last name staff verified (the current one before any
        verification; such an employer has nothing published)."""
        return self.verified_name or self.name

    @property
    def vouched_city_funded(self) -> bool:
        """Whether staff vouched that it is city-funded (the ordinance priority reads this)."""
        return self.verified_is_city_funded if self.verified_name else self.is_city_funded

    @property
    def vouched_partner_pledge(self) -> bool:
        """Whether staff vouched for its hiring pledge (the ordinance priority reads this)."""
        return self.verified_partner_pledge if self.verified_name else self.partner_pledge

    def vouch(self) -> None:
        """Record the current name and ordinance flags as what staff vouched for."""
        self.verified_name = self.name
        self.verified_is_city_funded = self.is_city_funded
        self.verified_partner_pledge = self.partner_pledge


class MemberRole(models.TextChoices):
    OWNER = "owner", _("대표 관리자")
    MANAGER = "manager", _("채용 담당자")


class EmployerMember(models.Model):
    """A user acting for an employer. A user belongs to at most one organisation."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="members", verbose_name=_("기업")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="employer_membership",
        verbose_name=_("사용자"),
    )
    role = models.CharField(
        _("조직 내 역할"), max_length=16, choices=MemberRole.choices, default=MemberRole.OWNER
    )
    joined_at = models.DateTimeField(_("가입 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("기업 구성원")
        verbose_name_plural = _("기업 구성원")
        ordering = ["employer_id", "id"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.employer_id} ({self.role})"


# How long an invitation link works (a colleague may be on leave for a week).
INVITATION_DAYS = 7


class EmployerInvitation(models.Model):
    """An invitation by email to join an organisation (`/employer/members/`).

    Only the SHA-256 of the link's token is stored: the token itself travels in the mail
    (whose stored context drops it once sent), so a copy of the database opens no invitation.
    Pending = neither accepted nor cancelled and not past `expires_at`.
    """

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("기업")
    )
    email = models.EmailField(_("초대한 이메일"))
    token_hash = models.CharField(_("초대 링크 해시"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("초대한 사람"),
    )
    created_at = models.DateTimeField(_("초대 시각"), auto_now_add=True)
    expires_at = models.DateTimeField(_("만료 시각"))
    accepted_at = models.DateTimeField(_("수락 시각"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("수락한 사람"),
    )
    cancelled_at = models.DateTimeField(_("취소 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("구성원 초대")
        verbose_name_plural = _("구성원 초대")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open invitation per address and organisation (an expired one is cancelled
            # by the service before a new one is written).
            models.UniqueConstraint(
                fields=["employer", "email"],
                condition=models.Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_open_once",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(cancelled_at__isnull=True),
                name="invitation_accepted_or_cancelled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.employer_id}"


class SurveyFiler(models.TextChoices):
    EMPLOYER = "employer", _("기관")
    STAFF = "staff", _("시 담당자")


class HiringSurvey(models.Model):
    """A yearly hiring survey (채용 실태조사) of an institution: its hires of the year from
    every channel, not only the platform (REPORTS.md, Sources). One live survey per employer
    and year (`superseded_at` null); filing again for the same year keeps the earlier one as
    history, pointing at the survey that replaced it."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="hiring_surveys", verbose_name=_("기업")
    )
    year = models.PositiveSmallIntegerField(_("조사 연도"))
    new_hires_total = models.PositiveIntegerField(_("신규 채용 인원"))
    local_graduate_hires = models.PositiveIntegerField(_("고졸 지역인재 채용 인원"))
    returner_hires = models.PositiveIntegerField(_("경력단절여성 채용 인원"))
    senior_hires = models.PositiveIntegerField(_("신중년 전문인력 채용 인원"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("제출한 사람"),
    )
    filed_by_role = models.CharField(
        _("제출 주체"), max_length=16, choices=SurveyFiler.choices, default=SurveyFiler.EMPLOYER
    )
    filed_at = models.DateTimeField(_("제출 시각"))
    superseded_at = models.DateTimeField(_("대체된 시각"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("대체한 조사"),
    )

    class Meta:
        verbose_name = _("채용 실태조사")
        verbose_name_plural = _("채용 실태조사")
        ordering = ["employer_id", "-year", "-filed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "year"],
                condition=models.Q(superseded_at__isnull=True),
                name="hiringsurvey_one_live_per_year",
            ),
            models.CheckConstraint(
                condition=models.Q(local_graduate_hires__lte=models.F("new_hires_total"))
                & models.Q(returner_hires__lte=models.F("new_hires_total"))
                & models.Q(senior_hires__lte=models.F("new_hires_total")),
                name="hiringsurvey_cohort_hires_within_total",
            ),
        ]
        indexes = [models.Index(fields=["year", "superseded_at"], name="hiringsurvey_year_live")]

    def __str__(self) -> str:
        return f"{self.employer_id} {self.year}"

    @property
    def live(self) -> bool:
        return self.superseded_at is None
