"""The posting fields the minors' rules read (근로기준법 §69, §70): `hours_per_day` and
`holiday_work` through the API, with defaults for postings that do not give them."""

from __future__ import annotations

import pytest

from tests.api import ClientFor
from tests.factories.employers import employer_with_user
from tests.jobs.conftest import posting_payload

pytestmark = [pytest.mark.django_db]


def test_a_posting_takes_and_echoes_hours_and_holiday_work(client_for: ClientFor) -> None:
    _, user = employer_with_user()
    client = client_for(user)
    response = client.post(
        "/api/v1/postings/",
        posting_payload(hours_per_day=6.5, holiday_work=True),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["hours_per_day"], body["holiday_work"]) == (6.5, True)
    patched = client.patch(
        f"/api/v1/postings/{body['id']}/",
        {"hours_per_day": 4, "holiday_work": False},
        format="json",
    )
    assert patched.status_code == 200, patched.json()
    assert (patched.json()["hours_per_day"], patched.json()["holiday_work"]) == (4, False)


def test_without_them_a_posting_has_the_standard_day_and_no_holiday_work(
    client_for: ClientFor,
) -> None:
    _, user = employer_with_user()
    body = client_for(user).post("/api/v1/postings/", posting_payload(), format="json").json()
    assert (body["hours_per_day"], body["holiday_work"]) == (8, False)


@pytest.mark.parametrize("hours", [0, 25, "여섯"])
def test_impossible_hours_are_a_400(client_for: ClientFor, hours: object) -> None:
    _, user = employer_with_user()
    response = client_for(user).post(
        "/api/v1/postings/", posting_payload(hours_per_day=hours), format="json"
    )
    assert response.status_code == 400
    assert "hours_per_day" in response.json()
