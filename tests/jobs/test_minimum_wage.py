"""The statutory minimum wage (issue 13, "Minimum wage"): a 500 KRW/hour posting was approved.

An hourly wage under the highest minimum in force on any day the posting is open is a 400
naming the figure, on create, edit, submit and approve; seekers' `min_hourly_wage` has the
same floor. The figures are data (`backend/taxonomy/data/minimum_wage.yaml`).
"""

from __future__ import annotations

import datetime

import pytest

from backend.jobs.models import PostingStatus
from backend.taxonomy.minimum_wage import (
    highest_minimum,
    minimum_wage_on,
    minimum_wage_table,
    monthly_minimum,
)
from tests.api import ClientFor, assert_status
from tests.factories.accounts import seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.factories.seekers import graduate_payload
from tests.jobs.conftest import posting_payload

pytestmark = [pytest.mark.django_db]

POSTINGS = "/api/v1/postings/"


def current_figure() -> int:
    return minimum_wage_on(datetime.date.today()).hourly


def test_a_posting_at_500_won_an_hour_is_refused_with_the_figure(client_for: ClientFor) -> None:
    _, user = employer_with_user()
    response = client_for(user).post(POSTINGS, posting_payload(hourly_wage=500), format="json")
    assert_status(response, 400)
    (message,) = response.json()["hourly_wage"]
    assert f"{current_figure():,}원" in message


def test_one_won_under_the_minimum_is_refused_and_the_minimum_is_fine(
    client_for: ClientFor,
) -> None:
    _, user = employer_with_user()
    client = client_for(user)
    low = client.post(POSTINGS, posting_payload(hourly_wage=current_figure() - 1), format="json")
    assert_status(low, 400)
    ok = client.post(POSTINGS, posting_payload(hourly_wage=current_figure()), format="json")
    assert ok.status_code == 201, ok.json()
    edited = client.patch(f"{POSTINGS}{ok.json()['id']}/", {"hourly_wage": 9_000}, format="json")
    assert_status(edited, 400)
    assert "hourly_wage" in edited.json()


def test_an_old_low_posting_cannot_be_submitted_or_approved(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    draft = posting_in(PostingStatus.DRAFT, employer=employer, hourly_wage=500)
    assert_status(client_for(user).post(f"{POSTINGS}{draft.pk}/submit/"), 400)
    pending = posting_in(PostingStatus.PENDING, employer=employer, hourly_wage=500)
    response = client_for(staff_user()).post(f"{POSTINGS}{pending.pk}/approve/")
    assert_status(response, 400)
    assert f"{current_figure():,}원" in response.json()["hourly_wage"][0]
    pending.refresh_from_db()
    assert pending.status == PostingStatus.PENDING


def test_a_seeker_cannot_want_less_than_the_minimum(client_for: ClientFor) -> None:
    user = seeker()
    client = client_for(user)
    low = client.put("/api/v1/me/profile/", graduate_payload(min_hourly_wage=5_000), format="json")
    assert_status(low, 400)
    assert f"{current_figure():,}원" in low.json()["min_hourly_wage"][0]
    ok = client.put(
        "/api/v1/me/profile/", graduate_payload(min_hourly_wage=current_figure()), format="json"
    )
    assert ok.status_code in (200, 201), ok.json()
    # Not saying is fine: the floor is on what is stated.
    none = client.patch("/api/v1/me/profile/", {"min_hourly_wage": None}, format="json")
    assert none.status_code == 200, none.json()


def test_the_figures_are_data_and_the_highest_over_the_open_days_counts() -> None:
    table = minimum_wage_table()
    assert table.hourly_by_year[2025] == 10_030
    assert table.hourly_by_year[2026] == 10_320
    across = highest_minimum(datetime.date(2025, 12, 1), datetime.date(2026, 1, 31))
    assert (across.year, across.hourly) == (2026, 10_320)
    assert highest_minimum(datetime.date(2025, 3, 1), datetime.date(2025, 6, 1)).hourly == 10_030
    # A year not announced yet counts at the last known figure.
    assert minimum_wage_on(datetime.date(2031, 5, 1)).hourly == 10_320
    assert monthly_minimum(datetime.date(2026, 7, 1)) == 2_156_880
