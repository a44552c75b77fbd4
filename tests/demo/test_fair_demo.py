"""seed_demo has one upcoming job fair with the demo employer and a few others taking part,
and registrations staff can schedule (the assign run over it books interviews)."""

from __future__ import annotations

import pytest

from backend.demo.seed import DEMO_DOMAIN, seed_demo
from backend.fairs.models import FairRegistration, JobFair
from backend.fairs.selectors import fair_list, fair_postings_of
from backend.matching.fair_assignment import solve_fair
from backend.matching.fair_runs import fair_problem
from backend.matching.selectors import ordinance_policy_current
from tests.web.postings import embedded_search

__all__ = ["embedded_search"]

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_demo_has_an_upcoming_fair_with_registrations(embedded_search: None) -> None:
    result = seed_demo(seed=7, seekers=60, employers=25, postings=40)
    assert result.counts["fairs"] == 1
    (fair,) = fair_list(upcoming=True)
    assert fair.registration_open()
    employers = {fp.posting.employer_id for fp in fair_postings_of(fair)}
    assert len(employers) >= 3
    demo = JobFair.objects.filter(
        fair_postings__posting__employer__members__user__email=f"employer@{DEMO_DOMAIN}"
    )
    assert demo.exists()
    registrations = FairRegistration.objects.filter(fair=fair)
    assert registrations.count() == result.counts["fair_registrations"] >= 10
    assert not registrations.filter(
        seeker__user__email__endswith=f"graduate@{DEMO_DOMAIN}"
    ).exists()
    schedule = solve_fair(fair_problem(fair, ordinance_policy_current()))
    assert len(schedule.bookings) >= registrations.count()
