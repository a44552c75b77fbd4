"""Fixtures of the report tests: a larger population (so that exports hold unsuppressed
numbers), made by the factories and given its facts by the backfill, as a migration would."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.utils import timezone

from backend.jobs.models import PlacementCheckpoint, seoul_today
from backend.reports.backfill import backfill_facts
from backend.seekers.models import SeekerProfile
from tests.factories.employers import EmployerFactory
from tests.factories.jobs import ApplicationFactory, PostingFactory, placement_for
from tests.factories.seekers import graduate_profile, returner_profile, senior_profile


@dataclass(frozen=True)
class Population:
    date_from: datetime.date
    date_to: datetime.date

    def params(self, **extra: str) -> dict[str, str]:
        return {"from": self.date_from.isoformat(), "to": self.date_to.isoformat(), **extra}


@pytest.fixture
def population() -> Population:
    """12 graduates (9 placed), 8 returners (6 placed), 3 seniors (1 placed), hired 367
    days ago at a covered institution; every 1-month checkpoint retained but one left."""
    covered = EmployerFactory.create(is_city_funded=True, staff_count=40)
    posting = PostingFactory.create(employer=covered, status="open", openings=100)
    made = [
        *(graduate_profile() for _ in range(12)),
        *(returner_profile() for _ in range(8)),
        *(senior_profile() for _ in range(3)),
    ]
    placed = [*made[:9], *made[12:18], made[20]]
    for profile in placed:
        placement_for(ApplicationFactory.create(posting=posting, seeker=profile.user))
    now = timezone.now()
    # Profiles made 500 days ago, before the hires (367 days ago): 133 days to placement.
    SeekerProfile.objects.update(created_at=now - datetime.timedelta(days=500))
    PlacementCheckpoint.objects.filter(month=1).update(status="retained", recorded_at=now)
    first = PlacementCheckpoint.objects.filter(month=1).order_by("id").first()
    assert first is not None
    PlacementCheckpoint.objects.filter(pk=first.pk).update(status="left")
    backfill_facts(apps.get_model)
    today = seoul_today()
    return Population(date_from=today - datetime.timedelta(days=400), date_to=today)
