"""Each indicator of REPORTS.md against figures computed by hand on `world.build_world()`
(true numbers, before suppression: `selectors`)."""

from __future__ import annotations

import datetime

import pytest

from backend.accounts.services import user_delete
from backend.reports.models import PlacementFact, ProfileFact
from backend.reports.selectors import placements_report
from backend.seekers.models import SeekerProfile
from tests.reports.world import build_world, on

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

D = datetime.date
YEAR = {"date_from": D(2025, 1, 1), "date_to": D(2025, 12, 31)}
AS_OF = D(2026, 6, 30)


def values(report, key):
    return next(row.values for row in report.rows if row.key == key)


def retention(row, month):
    return tuple(
        row[f"retention.{month}.{part}"] for part in ("due", "retained", "left", "unknown")
    )


@pytest.fixture
def world():
    return build_world()


def test_totals_of_the_year(world) -> None:
    total = placements_report(**YEAR, by="cohort", as_of=AS_OF).total.values
    # 6 graduates + 5 returners + S1 (before the year, still there) + X; not S2.
    assert total["participants"] == 13
    # G1 twice: 7 people, 8 placements (S2 was hired in 2026).
    assert total["placed"] == 7
    assert total["placements"] == 8
    assert total["placement_rate"] == pytest.approx(7 / 13)
    # days from profile to hire: 50, 59, 60, 90, 111, 142, 234, 303 → (90 + 111) / 2
    assert total["median_days_to_placement"] == pytest.approx(100.5)
    assert retention(total, 1) == (8, 6, 1, 1)
    assert total["retention.1.rate"] == pytest.approx(6 / 7)
    assert retention(total, 3) == (8, 6, 2, 0)
    # G1's second placement left at 6 months; G3, G4 left earlier; R2 unknown.
    assert retention(total, 6) == (8, 4, 3, 1)
    assert total["retention.6.rate"] == pytest.approx(4 / 7)
    # Due by 2026-06-30: all but G1b (2026-09-01) and R2 (2026-12-01).
    assert retention(total, 12) == (6, 2, 2, 2)


def test_by_cohort_counts_a_cohort_change_in_both(world) -> None:
    report = placements_report(**YEAR, by="cohort", as_of=AS_OF)
    assert [row.key for row in report.rows] == ["graduate", "returner", "senior"]
    graduate, returner, senior = (values(report, key) for key in ("graduate", "returner", "senior"))
    assert (graduate["participants"], graduate["placed"], graduate["placements"]) == (7, 5, 6)
    assert (returner["participants"], returner["placed"], returner["placements"]) == (6, 2, 2)
    assert (senior["participants"], senior["placed"], senior["placements"]) == (1, 0, 0)
    assert graduate["median_days_to_placement"] == pytest.approx(100.5)
    assert returner["median_days_to_placement"] == pytest.approx((59 + 303) / 2)
    assert senior["median_days_to_placement"] is None
    assert senior["placement_rate"] == 0
    assert retention(returner, 1) == (2, 1, 0, 1)


def test_by_employer_type_and_employment_type(world) -> None:
    report = placements_report(**YEAR, by="employer_type", as_of=AS_OF)
    assert [row.key for row in report.rows] == ["covered", "partner", "other"]
    covered, partner, other = (values(report, key) for key in ("covered", "partner", "other"))
    assert (covered["placed"], covered["placements"]) == (2, 2)
    assert (partner["placed"], partner["placements"]) == (2, 2)
    assert (other["placed"], other["placements"]) == (4, 4)
    # The job's attributes have no participants.
    assert covered["participants"] is None
    assert covered["placement_rate"] is None
    report = placements_report(**YEAR, by="employment_type", as_of=AS_OF)
    assert values(report, "full_time")["placements"] == 2
    assert values(report, "contract")["placements"] == 4
    assert values(report, "flexible")["placements"] == 0


def test_by_career_field_and_area(world) -> None:
    report = placements_report(**YEAR, by="career_field", as_of=AS_OF)
    assert {row.key: row.values["placements"] for row in report.rows} == {
        "business": 6,
        "engineering": 2,
    }
    report = placements_report(**YEAR, by="area", as_of=AS_OF)
    # Graduates live in 대야동 (payload), returners in 신천동; X moved with the cohort change
    # but its first spell is a 대야동 one; S1 lives in 대야동.
    by_area = {row.key: row.values for row in report.rows}
    assert by_area["4139051000"]["participants"] == 8
    assert by_area["4139052000"]["participants"] == 6
    assert by_area["4139051000"]["placements"] == 6


def test_by_month(world) -> None:
    report = placements_report(**YEAR, by="month", as_of=AS_OF)
    assert [row.key for row in report.rows][:3] == ["2025-01", "2025-02", "2025-03"]
    assert len(report.rows) == 12
    months = {row.key: row.values for row in report.rows}
    assert months["2025-03"]["placements"] == 2
    assert months["2025-12"]["placements"] == 1
    # In January: S1 and the six graduates.
    assert months["2025-01"]["participants"] == 7
    assert months["2025-03"]["participants"] == 13


def test_as_of_judges_what_was_due_and_recorded_then(world) -> None:
    total = placements_report(**YEAR, by="cohort", as_of=D(2025, 12, 31)).total.values
    # 12-month checkpoints: none due in 2025; 6-month: G1 09-01, G2 09-11, G3 10-10 (left),
    # G4 11-01 (left), G5 12-01, R1 10-01 due; G1b's (2026-03-01) and R2's not.
    assert retention(total, 12) == (0, 0, 0, 0)
    assert retention(total, 6) == (6, 4, 2, 0)
    # 3-month: R2's (2026-03-01) not due; G1b's due 12-01, recorded 12-02.
    assert retention(total, 3) == (7, 5, 2, 0)


def test_deleting_an_account_leaves_last_years_report_unchanged(world) -> None:
    before = placements_report(**YEAR, by="cohort", as_of=AS_OF)
    facts = PlacementFact.objects.count(), ProfileFact.objects.count()
    with on(D(2026, 7, 1)):
        user_delete(user=world.people["G1"])
    after = placements_report(**YEAR, by="cohort", as_of=AS_OF)
    assert after.total.values == before.total.values
    assert [row.values for row in after.rows] == [row.values for row in before.rows]
    assert (PlacementFact.objects.count(), ProfileFact.objects.count()) == facts
    ended = ProfileFact.objects.filter(end_event="ended").get()
    # The facts of G1 lead to no one: the links are gone and the key is nowhere else.
    assert not SeekerProfile.objects.filter(stat_key=ended.person_key).exists()
    assert ended.ended_on == D(2026, 7, 1)
    assert (
        PlacementFact.objects.filter(person_key=ended.person_key, placement__isnull=True).count()
        == 2
    )


def test_the_facts_hold_no_personal_data(world) -> None:
    fact = PlacementFact.objects.filter(hired_on=D(2025, 3, 1)).get()
    user = world.people["G1"]
    stored = " ".join(
        str(value) for value in PlacementFact.objects.filter(pk=fact.pk).values().get().values()
    )
    assert user.email not in stored
    assert str(user.pk) not in stored.split()
    assert fact.person_key == user.seeker_profile.stat_key
    assert fact.programmes == ["local_graduate"]
    assert fact.employer_type == "covered"
