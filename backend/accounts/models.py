"""The platform's user: email is the login, `role` drives API permissions."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Who a user is on the platform; `staff` is granted by an administrator only."""

    SEEKER = "seeker", _("구직자")
    EMPLOYER = "employer", _("기업")
    MENTOR = "mentor", _("멘토")
    STAFF = "staff", _("시 담당자")


class UserManager(BaseUserManager["User"]):
    """Creates users by email; staff users also get `is_staff` for the admin."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("email is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str, password: str | None = None, *, role: str = Role.SEEKER, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", role == Role.STAFF)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, role=role, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("role", Role.STAFF)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an email address. There is no username."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("이메일"), unique=True)
    role = models.CharField(_("역할"), max_length=16, choices=Role.choices, default=Role.SEEKER)
    # The language of the mails this person gets: the page's language at signup, then
    # whatever they choose with the language switch while signed in.
    language = models.CharField(_("언어"), max_length=8, choices=settings.LANGUAGES, default="ko")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("사용자")
        verbose_name_plural = _("사용자")

    def __str__(self) -> str:
        return self.email


class ConsentPurpose(models.TextChoices):
    """Purposes a person consents to (개인정보 수집·이용 동의), each with its own record."""

    SERVICE = "service", _("서비스 이용을 위한 개인정보 수집·이용 (필수)")
    MATCHING = "matching", _("기업 추천을 위한 프로필 활용 (선택)")
    MARKETING = "marketing", _("채용 소식 안내 수신 (선택)")


REQUIRED_CONSENTS = frozenset({ConsentPurpose.SERVICE})
# How long a granted consent holds without being confirmed again. Advertising mail needs the
# recipient's consent confirmed every 2 years (정보통신망법 §50⑧, 시행령 §62-3); a marketing
# consent older than that counts as withdrawn until the person confirms it again.
CONSENT_VALIDITY: dict[str, datetime.timedelta] = {
    ConsentPurpose.MARKETING: datetime.timedelta(days=730),
}
# The notice text a consent refers to; bump when the notice changes, so that every record
# says which wording the person saw.
CONSENT_NOTICE_VERSION = "2026-11"


class ConsentRecord(models.Model):
    """One decision of one person about one purpose; the newest per purpose is in force."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("목적"), max_length=32, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("동의 여부"))
    notice_version = models.CharField(_("고지문 버전"), max_length=32)
    channel = models.CharField(_("경로"), max_length=32, default="web")
    recorded_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("동의 기록")
        verbose_name_plural = _("동의 기록")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "-recorded_at"], name="consent_latest")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {'granted' if self.granted else 'refused'}"


class AccessLog(models.Model):
    """A read of a person's personal data by someone else (employer or staff), per PIPA.

    Kept when the person is deleted (the subject becomes NULL, `subject_ref` stays), because
    the log is the city's record of who looked.
    """

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="access_log_entries"
    )
    actor_role = models.CharField(_("열람자 역할"), max_length=16)
    subject = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="accessed_by"
    )
    subject_ref = models.CharField(_("대상 참조"), max_length=64)
    what = models.CharField(_("열람 항목"), max_length=200)
    path = models.CharField(_("경로"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    at = models.DateTimeField(_("시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("개인정보 열람 기록")
        verbose_name_plural = _("개인정보 열람 기록")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor_id} → {self.subject_ref}: {self.what}"


class AccessLogReview(models.Model):
    """The monthly review (점검) of the access log by a staff member.

    개인정보의 안전성 확보조치 기준 §8 asks the controller to check its staff's access records
    at least once a month for misuse; a row says that `month` (its first day) was checked, by
    whom, when, and what they found. One row a month: a review is a record, not a draft.
    Kept when the reviewer's account goes (`reviewer_ref` stays), like the log itself.
    """

    month = models.DateField(_("점검한 달"), unique=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="access_log_reviews"
    )
    reviewer_ref = models.CharField(_("점검자 참조"), max_length=64)
    reviewed_at = models.DateTimeField(_("점검 시각"), auto_now_add=True)
    note = models.TextField(_("점검 결과"), max_length=2000)

    class Meta:
        verbose_name = _("열람 기록 월별 점검")
        verbose_name_plural = _("열람 기록 월별 점검")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.reviewer_ref}"
