"""Every demo login persona (graduate, returner, senior) has open postings that fit it, so each
sees recommendations computed by matching's service on the embedded search backend; and the
seeded applications carry their status history."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from backend.demo.seed import DEMO_DOMAIN, PERSONA_POSTINGS, seed_demo
from backend.jobs.models import Application, ApplicationStatusChange, Posting
from backend.matching.models import Recommendation
from backend.matching.services import recommendations_ensure
from backend.seekers.models import SeekerProfile
from search.rebuild import rebuild
from tests.web.postings import embedded_search

__all__ = ["embedded_search"]

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SIZE: dict[str, Any] = {"seekers": 60, "employers": 8, "postings": 30}
PERSONAS = ("graduate", "returner", "senior")


@pytest.mark.parametrize("seed", [7, 11])
def test_every_persona_has_recommendations(embedded_search: None, seed: int) -> None:
    result = seed_demo(seed=seed, **SIZE)
    assert result.counts["persona_postings"] == PERSONA_POSTINGS * len(PERSONAS)
    rebuild()
    for cohort in PERSONAS:
        profile = SeekerProfile.objects.get(user__email=f"{cohort}@{DEMO_DOMAIN}")
        assert profile.cohort == cohort
        recommendations_ensure(profile)
        stored = list(Recommendation.objects.filter(seeker=profile).select_related("posting"))
        assert stored, cohort
        assert all(r.posting.status == "open" for r in stored)
        assert all(r.reasons for r in stored)


def test_seeded_histories_lead_to_each_status() -> None:
    seed_demo(seed=7, **SIZE)
    applications = Application.objects.prefetch_related("status_changes")
    assert applications.exists()
    for application in applications:
        changes = list(application.status_changes.all())
        assert changes[0].to_status == "submitted"
        assert changes[0].from_status == ""
        assert changes[-1].to_status == application.status
        for before, after in itertools.pairwise(changes):
            assert after.from_status == before.to_status
            assert after.created_at >= before.created_at
        assert application.created_at == changes[0].created_at
    assert ApplicationStatusChange.objects.filter(changed_by_role="employer").exists()
    # The persona postings are open, for the personas to apply to.
    assert Posting.objects.filter(status="open", applications__isnull=True).count() >= 9
