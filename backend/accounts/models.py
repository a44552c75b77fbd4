"""The platform's user: email is the login, `role` drives API permissions."""

from __future__ import annotations

from typing import Any, ClassVar

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

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("사용자")
        verbose_name_plural = _("사용자")

    def __str__(self) -> str:
        return self.email
