"""Value sets shared by seekers and postings: cohorts, employment types, shifts.

One definition each, so that a profile and a posting always speak of the same things (and the
OpenAPI schema has one enum each).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cohort(models.TextChoices):
    """The three groups the platform serves (DESIGN.md, cohorts table)."""

    GRADUATE = "graduate", _("지역 고교 졸업생 (Local graduate)")
    RETURNER = "returner", _("경력단절여성 (Career returner)")
    SENIOR = "senior", _("신중년 전문인력 (Senior expert)")


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("전일제 (Full-time)")
    PART_TIME = "part_time", _("시간제 (Part-time)")
    FLEXIBLE = "flexible", _("유연근무 (Flexible)")
    CONTRACT = "contract", _("계약직 (Contract)")


class Shift(models.TextChoices):
    MORNING = "morning", _("오전 (Morning)")
    AFTERNOON = "afternoon", _("오후 (Afternoon)")
    EVENING = "evening", _("저녁 (Evening)")
    NIGHT = "night", _("야간 (Night)")
