"""Reads of the training catalogue."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from backend.training.models import TrainingCourse


def courses_open(*, today: datetime.date) -> QuerySet[TrainingCourse]:
    """Courses a seeker may still join or follow: shown, and not ended, soonest first."""
    return TrainingCourse.objects.filter(is_active=True, ends_on__gte=today).order_by(
        "starts_on", "id"
    )


def courses_for_staff() -> QuerySet[TrainingCourse]:
    """Every course, newest start first (ended and hidden ones too)."""
    return TrainingCourse.objects.order_by("-starts_on", "-id")
