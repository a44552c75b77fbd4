"""Issue 13: the "anonymous" shortlist revealed the home. Exact "통근 X.Xkm" reasons (and the
`commute` component and the score, which both give the distance back) plus an open posting's
free relocation let an employer trilaterate a seeker. Employers now see a band and the dong,
and moving an open posting sends it back to review."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backend.jobs.models import Posting, PostingStatus
from backend.matching.disclosure import band_value
from tests.api import assert_status
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.contract.test_search_backends import DAEYA
from tests.factories.accounts import log_in

pytestmark = pytest.mark.django_db

EXACT_KM = re.compile(r"\d+\.\d+\s*km")


def north_of_daeya(km: float) -> dict[str, float]:
    return {"lat": DAEYA[1] + km / 111.2, "lon": DAEYA[2]}


def test_employers_see_a_commute_band_never_a_distance(client_for: Any) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    six = seeker_with(location=north_of_daeya(6.0), max_commute_km=20)
    eight = seeker_with(location=north_of_daeya(8.0), max_commute_km=20)
    index_all()
    client = client_for(boss)
    log_in(client, boss)

    body = client.get(f"/api/v1/postings/{posting.pk}/candidates/").json()
    rows = body["results"]
    assert len(rows) == 2
    for row in rows:
        assert "통근 거리 5-10km" in row["reasons"]
        assert not [reason for reason in row["reasons"] if EXACT_KM.search(reason)]
        assert row["components"]["commute"] == band_value("from_5_to_10")
        assert row["area"]["name"] == "대야동"
    # Two seekers 2 km apart in the same band are indistinguishable by score.
    assert rows[0]["score"] == rows[1]["score"]
    assert {six.pk, eight.pk}

    english = client.get(
        f"/api/v1/postings/{posting.pk}/candidates/", HTTP_ACCEPT_LANGUAGE="en"
    ).json()["results"][0]
    assert not [reason for reason in english["reasons"] if EXACT_KM.search(reason)]

    page = client.get(f"/employer/postings/{posting.pk}/candidates/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "통근 거리 5-10km" in html
    assert not EXACT_KM.search(html)


def test_the_seeker_still_sees_the_exact_commute_on_their_recommendations(
    client_for: Any,
) -> None:
    employer, _ = covered_employer()
    forklift_posting(employer)
    seeker = seeker_with(location=north_of_daeya(6.0), max_commute_km=20)
    index_all()
    body = client_for(seeker.user).get("/api/v1/me/recommendations/").json()
    assert any(EXACT_KM.search(reason) for reason in body["results"][0]["reasons"])


@pytest.mark.parametrize(
    "change",
    [{"location": {"lat": 37.40, "lon": 126.75}}, {"area": "4139052000"}],
    ids=["location", "area"],
)
def test_moving_an_open_posting_reopens_its_review(client_for: Any, change: dict[str, Any]) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    assert posting.status == PostingStatus.OPEN
    response = client_for(boss).patch(f"/api/v1/postings/{posting.pk}/", change, format="json")
    assert_status(response, 200)
    assert response.json()["status"] == "pending"
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.PENDING
    # Out of the public search until staff approve it again.
    assert_status(client_for(None).get(f"/api/v1/postings/{posting.pk}/"), 404)


def test_other_edits_of_an_open_posting_keep_it_open(client_for: Any) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    response = client_for(boss).patch(
        f"/api/v1/postings/{posting.pk}/", {"openings": 3}, format="json"
    )
    assert_status(response, 200)
    assert response.json()["status"] == "open"


def test_moving_an_open_posting_on_the_edit_page_says_it_is_back_in_review(
    client_for: Any,
) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    client = client_for(boss)
    log_in(client, boss)
    form = client.get(f"/employer/postings/{posting.pk}/edit/")
    assert form.status_code == 200
    fields = {
        field.name: field.value()
        for field in form.context["form"]
        if field.value() is not None and not isinstance(field.value(), list)
    }
    lists = {
        field.name: field.value()
        for field in form.context["form"]
        if isinstance(field.value(), list)
    }
    data: dict[str, Any] = {**fields, **lists, "area": "4139052000"}
    page = client.post(f"/employer/postings/{posting.pk}/edit/", data, follow=True)
    assert page.status_code == 200
    assert "다시 시의 검토를 기다려요" in page.content.decode()
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.PENDING
