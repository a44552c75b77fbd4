"""seed_demo fills the ledger: the demo employer is a contracted agency with a row and a survey
of last year, surveys are missing for some institutions, and last year's reports are public."""

from __future__ import annotations

import pytest

from backend.demo.seed import DEMO_DOMAIN, seed_demo
from backend.employers.models import HiringSurvey
from backend.jobs.models import seoul_today
from backend.reports.ledger import institutions_missing_survey, ordinance_ledger
from backend.reports.snapshots import published_snapshots
from tests.web.postings import embedded_search

__all__ = ["embedded_search"]

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_demo_ledger_is_not_empty(embedded_search: None) -> None:
    result = seed_demo(seed=7, seekers=60, employers=25, postings=40)
    assert result.counts["hiring_surveys"] >= 1
    assert result.counts["mentoring_followups"] >= 2
    year = seoul_today().year - 1
    ledger = ordinance_ledger(year=year)
    rows = {row["employer_name"]: row for row in ledger["rows"]}
    demo = HiringSurvey.objects.get(employer__members__user__email=f"employer@{DEMO_DOMAIN}")
    assert rows[demo.employer.name]["source"] == "survey"
    assert rows[demo.employer.name]["kind"] == "covered"
    assert len(institutions_missing_survey(year)) < len(ledger["rows"])
    assert {snapshot.kind for snapshot in published_snapshots()} == {
        "placements",
        "mentoring",
        "ordinance",
    }
