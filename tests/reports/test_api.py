"""The report endpoints: access per role, parameters, the JSON of REPORTS.md with small
cells suppressed, and every export written to the access log."""

from __future__ import annotations

import pytest

from backend.accounts.models import AccessLog
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.reports.conftest import Population

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URLS = ["/api/v1/reports/placements/", "/api/v1/reports/mentoring/"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("file_format", ["", "csv", "xlsx", "pdf"])
def test_access_per_role(client_for: ClientFor, url: str, file_format: str) -> None:
    query = {"format": file_format} if file_format else {}
    assert_status(client_for(None).get(url, query), 401)
    for user in (seeker(), employer_user(), mentor_user()):
        assert_status(client_for(user).get(url, query), 403)
    assert_status(client_for(staff_user()).get(url, query), 200)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"as_of": "2026/01/01"}, "as_of"),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "to"),
        ({"from": "2000-01-01", "to": "2026-01-01"}, "to"),
        ({"by": "gender"}, "by"),
        ({"format": "docx"}, "format"),
        ({"by": "month", "from": "2019-01-01", "to": "2026-01-01"}, "by"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(
    client_for: ClientFor, query: dict[str, str], field: str
) -> None:
    response = client_for(staff_user()).get(URLS[0], query)
    assert_status(response, 400)
    assert field in response.json()


def test_mentoring_breakdowns_are_its_own(client_for: ClientFor) -> None:
    client = client_for(staff_user())
    assert_status(client.get(URLS[1], {"by": "cohort"}), 400)
    assert_status(client.get(URLS[1], {"by": "mentor_kind"}), 200)


def test_placements_json_shape_and_suppression(
    client_for: ClientFor, population: Population
) -> None:
    response = client_for(staff_user()).get(URLS[0], population.params(by="cohort"))
    assert_status(response, 200)
    body = response.json()
    assert body["period"] == {
        "from": population.date_from.isoformat(),
        "to": population.date_to.isoformat(),
    }
    assert body["by"] == "cohort"
    assert body["policy_version"] == 1
    assert body["target_share"] == 0.2
    assert body["generated_at"]
    assert body["internal"] is False
    graduate, returner, senior = body["rows"]
    assert set(graduate) == {
        "key",
        "label",
        "participants",
        "placed",
        "placements",
        "placement_rate",
        "retention",
        "median_days_to_placement",
        "suppressed",
    }
    assert set(graduate["retention"]) == {"1", "3", "6", "12"}
    assert set(graduate["retention"]["1"]) == {"due", "retained", "left", "unknown", "rate"}
    assert graduate["label"] == "지역 고교 졸업생"
    # 12 graduates, 9 placed: shown; the 1-month block holds left = 1 → suppressed whole.
    assert (graduate["participants"], graduate["placed"]) == (12, 9)
    assert graduate["placement_rate"] == pytest.approx(9 / 12)
    assert graduate["retention"]["1"] == dict.fromkeys(
        ["due", "retained", "left", "unknown", "rate"]
    )
    assert "retention.1.left" in graduate["suppressed"]
    # Seniors: 3 people, 1 placed: hidden, with rate and median.
    assert senior["participants"] is None
    assert senior["placed"] is None
    assert {
        "participants",
        "placed",
        "placements",
        "placement_rate",
        "median_days_to_placement",
    } <= set(senior["suppressed"])
    # Complementary: seniors' placed (1) alone → the smallest other (returners' 6) goes too.
    assert returner["placed"] is None
    assert "placed" in returner["suppressed"]
    assert graduate["placed"] == 9
    total = body["total"]
    assert (total["participants"], total["placed"], total["placements"]) == (23, 16, 16)
    # The total's 1-month block: left 1 → hidden; the 3-month one: 16 due, 16 unknown.
    assert total["retention"]["1"]["due"] is None
    assert total["retention"]["3"] == {
        "due": 16,
        "retained": 0,
        "left": 0,
        "unknown": 16,
        "rate": None,
    }
    assert "retention.1.left" in total["suppressed"]


def test_every_export_is_logged_as_a_download_without_personal_data(
    client_for: ClientFor, population: Population
) -> None:
    staff = staff_user()
    client = client_for(staff)
    client.get(URLS[0], population.params(by="cohort"))  # JSON: not a download
    assert not AccessLog.objects.exists()
    response = client.get(URLS[0], population.params(by="area", format="csv"))
    assert_status(response, 200)
    (entry,) = AccessLog.objects.all()
    assert entry.actor == staff
    assert entry.subject is None
    assert entry.subject_ref == "none"
    assert "placements.csv" in entry.what
    assert "by=area" in entry.what
    assert f"from={population.date_from}" in entry.what
    assert "개인정보 없음" in entry.what
