"""The backfill (run by the data migration and by seed_demo): facts for rows written before
facts existed, once."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import timezone

from backend.jobs.models import PlacementCheckpoint, seoul_today
from backend.reports.backfill import backfill_facts
from backend.reports.models import MentoringFact, PlacementFact, ProfileFact
from tests.factories.jobs import ApplicationFactory, placement_for
from tests.factories.mentoring import mentoring_request
from tests.factories.seekers import graduate_profile, senior_profile

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_backfill_writes_each_missing_fact_once() -> None:
    graduate, senior = graduate_profile(), senior_profile()
    placement = placement_for(ApplicationFactory.create(seeker=graduate.user))
    PlacementCheckpoint.objects.filter(placement=placement, month=1).update(
        status="retained", recorded_at=timezone.now()
    )
    mentoring_request(seeker=senior.user)
    assert backfill_facts(apps.get_model) == {
        "profiles": 2,
        "placements": 1,
        "mentoring_requests": 1,
    }
    spell = ProfileFact.objects.get(person_key=graduate.stat_key)
    assert spell.cohort == "graduate"
    assert spell.start_event == "created"
    assert spell.ended_on is None
    fact = PlacementFact.objects.get()
    assert fact.person_key == graduate.stat_key
    assert fact.hired_on == placement.hired_on
    assert fact.status_1 == "retained"
    assert fact.recorded_1 == seoul_today()
    assert fact.status_3 == "pending"
    assert fact.due_12 == PlacementCheckpoint.objects.get(placement=placement, month=12).due_on
    assert MentoringFact.objects.get().person_key == senior.stat_key
    # Once: a second run finds nothing missing.
    assert backfill_facts(apps.get_model) == {
        "profiles": 0,
        "placements": 0,
        "mentoring_requests": 0,
    }
