"""Placements: the list per role, and recording retention checkpoints."""

from __future__ import annotations

import datetime

import pytest

from backend.core.refs import seeker_ref
from backend.jobs.hiring import add_months
from backend.jobs.models import seoul_today
from tests.api import ClientFor
from tests.factories.accounts import seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, placement_for, posting_in

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        (datetime.date(2026, 3, 1), 12, datetime.date(2027, 3, 1)),
    ],
)
def test_add_months(day: datetime.date, months: int, expected: datetime.date) -> None:
    assert add_months(day, months) == expected


def test_placement_list_shape_and_scope(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    placement = placement_for(
        ApplicationFactory.create(posting=posting_in("open", employer=employer))
    )
    other = placement_for(ApplicationFactory.create())
    response = client_for(user).get("/api/v1/placements/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["id"] == placement.pk
    assert row["seeker_ref"] == seeker_ref(placement.seeker_id)
    assert placement.seeker.email not in str(row)
    assert row["posting"]["id"] == placement.posting_id
    assert [c["month"] for c in row["checkpoints"]] == [1, 3, 6, 12]
    assert {c["status"] for c in row["checkpoints"]} == {"pending"}

    mine = client_for(placement.seeker).get("/api/v1/placements/").json()["results"]
    assert [r["id"] for r in mine] == [placement.pk]
    assert client_for(seeker()).get("/api/v1/placements/").json()["count"] == 0
    everything = client_for(staff_user()).get("/api/v1/placements/").json()["results"]
    assert {r["id"] for r in everything} == {placement.pk, other.pk}


def test_record_retained_then_left_cascades(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    placement = placement_for(
        ApplicationFactory.create(posting=posting_in("open", employer=employer))
    )
    client = client_for(user)
    url = f"/api/v1/placements/{placement.pk}/checkpoints/"
    response = client.patch(f"{url}1/", {"status": "retained"}, format="json")
    assert response.status_code == 200
    statuses = {c["month"]: c["status"] for c in response.json()["checkpoints"]}
    assert statuses == {1: "retained", 3: "pending", 6: "pending", 12: "pending"}

    response = client_for(staff_user()).patch(f"{url}3/", {"status": "left"}, format="json")
    assert response.status_code == 200
    rows = response.json()["checkpoints"]
    assert {c["month"]: c["status"] for c in rows} == {
        1: "retained",
        3: "left",
        6: "left",
        12: "left",
    }
    assert all(c["recorded_at"] for c in rows)

    response = client.patch(f"{url}6/", {"status": "retained"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "already_left"


def test_retained_before_the_due_date_is_409(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    placement = placement_for(
        ApplicationFactory.create(posting=posting_in("open", employer=employer)),
        hired_on=seoul_today(),
    )
    url = f"/api/v1/placements/{placement.pk}/checkpoints/1/"
    response = client_for(user).patch(url, {"status": "retained"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "checkpoint_not_due"
    # Leaving early is known at once.
    assert client_for(user).patch(url, {"status": "left"}, format="json").status_code == 200


@pytest.mark.parametrize(
    ("month", "body", "expected"), [(2, {"status": "left"}, 404), (1, {"status": "pending"}, 400)]
)
def test_bad_checkpoint_requests(
    client_for: ClientFor, month: int, body: dict[str, str], expected: int
) -> None:
    employer, user = employer_with_user()
    placement = placement_for(
        ApplicationFactory.create(posting=posting_in("open", employer=employer))
    )
    response = client_for(user).patch(
        f"/api/v1/placements/{placement.pk}/checkpoints/{month}/", body, format="json"
    )
    assert response.status_code == expected
