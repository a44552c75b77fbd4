"""`GET|POST /api/v1/employers/{id}/hiring-surveys/` (API.md, REPORTS.md Sources): its members
or staff; one live survey a year, history kept; validation names the field."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine

from backend.employers.models import HiringSurvey
from tests.api import ClientFor, assert_status
from tests.factories.accounts import mentor_user, seeker, staff_user
from tests.factories.employers import employer_with_user

pytestmark = [pytest.mark.django_db]


def survey(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": 2025,
        "new_hires_total": 30,
        "local_graduate_hires": 5,
        "returner_hires": 2,
        "senior_hires": 1,
    }
    data.update(overrides)
    return data


def url(employer_id: int) -> str:
    return f"/api/v1/employers/{employer_id}/hiring-surveys/"


@time_machine.travel(datetime.datetime(2026, 1, 10, 3, tzinfo=datetime.UTC))
def test_member_files_and_a_later_filing_replaces_it_keeping_history(
    client_for: ClientFor,
) -> None:
    employer, user = employer_with_user()
    client = client_for(user)
    first = client.post(url(employer.pk), survey(), format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["live"] is True
    assert first.json()["filed_by_role"] == "employer"
    second = client.post(url(employer.pk), survey(local_graduate_hires=7), format="json")
    assert second.status_code == 201
    listed = client.get(url(employer.pk)).json()
    assert listed["count"] == 2
    live, old = listed["results"]
    assert (live["id"], live["live"], live["local_graduate_hires"]) == (
        second.json()["id"],
        True,
        7,
    )
    assert (old["live"], old["superseded_by"]) == (False, live["id"])
    assert HiringSurvey.objects.filter(employer=employer, superseded_at__isnull=True).count() == 1


@time_machine.travel(datetime.datetime(2026, 1, 10, 3, tzinfo=datetime.UTC))
def test_staff_file_on_the_institutions_behalf(client_for: ClientFor) -> None:
    employer, _ = employer_with_user()
    response = client_for(staff_user()).post(url(employer.pk), survey(), format="json")
    assert response.status_code == 201
    assert response.json()["filed_by_role"] == "staff"


@time_machine.travel(datetime.datetime(2026, 1, 10, 3, tzinfo=datetime.UTC))
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"local_graduate_hires": 31}, "local_graduate_hires"),
        ({"returner_hires": 31}, "returner_hires"),
        ({"senior_hires": 40}, "senior_hires"),
        ({"year": 2027}, "year"),
        ({"new_hires_total": -1}, "new_hires_total"),
        ({"returner_hires": -2}, "returner_hires"),
        ({"senior_hires": "many"}, "senior_hires"),
        ({"year": None}, "year"),
    ],
)
def test_bad_survey_is_a_400_naming_the_field(
    client_for: ClientFor, overrides: dict[str, Any], field: str
) -> None:
    employer, user = employer_with_user()
    response = client_for(user).post(url(employer.pk), survey(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not HiringSurvey.objects.exists()


@time_machine.travel(datetime.datetime(2026, 1, 10, 3, tzinfo=datetime.UTC))
def test_the_current_year_may_be_filed(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    response = client_for(user).post(url(employer.pk), survey(year=2026), format="json")
    assert response.status_code == 201


def test_access(client_for: ClientFor) -> None:
    employer, _ = employer_with_user()
    _, other = employer_with_user()
    assert_status(client_for(other).get(url(employer.pk)), 404)
    assert_status(client_for(other).post(url(employer.pk), survey(), format="json"), 404)
    assert_status(client_for(seeker()).get(url(employer.pk)), 403)
    assert_status(client_for(mentor_user()).get(url(employer.pk)), 403)
    assert_status(client_for(None).get(url(employer.pk)), 401)
    assert_status(client_for(staff_user()).get(url(employer.pk)), 200)


def test_contract_and_headcount_are_api_fields_and_need_verification_again(
    client_for: ClientFor,
) -> None:
    employer, user = employer_with_user()
    response = client_for(user).patch(
        f"/api/v1/employers/{employer.pk}/",
        {"is_city_contracted": True, "authorised_headcount": 42},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["is_city_contracted"], body["authorised_headcount"]) == (True, 42)
    assert body["verified"] is False
    bad = client_for(user).patch(
        f"/api/v1/employers/{employer.pk}/", {"authorised_headcount": -3}, format="json"
    )
    assert bad.status_code == 400
    assert "authorised_headcount" in bad.json()
