"""Issue 13: the "anonymous" shortlist revealed the home. Exact "통근 X.Xkm" reasons (and the
`commute` component and the score, which both give the distance back) plus an open posting's
free relocation let an employer trilaterate a seeker. Employers now see a band and the dong,
and moving an open posting waits for staff as a revision while the approved place stays
in use."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

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
from tests.factories.accounts import log_in, staff_user

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
def test_moving_an_open_posting_waits_for_staff_as_a_revision(
    client_for: Any, change: dict[str, Any]
) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    seeker_with(location=north_of_daeya(6.0), max_commute_km=20)
    index_all()
    assert posting.status == PostingStatus.OPEN
    client = client_for(boss)
    candidates = f"/api/v1/postings/{posting.pk}/candidates/"
    shortlist_before = [
        (row["reasons"], row["components"]["commute"])
        for row in client.get(candidates).json()["results"]
    ]
    assert shortlist_before

    response = client.patch(f"/api/v1/postings/{posting.pk}/", change, format="json")
    assert_status(response, 200)
    body = response.json()
    # The move waits for staff as the posting's pending revision; the approved place stays.
    assert body["status"] == "open"
    assert body["pending_revision"]["proposed"] == change
    stored = Posting.objects.get(pk=posting.pk)
    assert (stored.status, stored.area_id, stored.lat, stored.lon) == (
        PostingStatus.OPEN,
        posting.area_id,
        posting.lat,
        posting.lon,
    )
    # Neither search nor the shortlist uses the new place until staff approve it: the
    # employer cannot measure the commute from a second point.
    index_all()
    public = client_for(None).get(f"/api/v1/postings/{posting.pk}/")
    assert_status(public, 200)
    assert public.json()["pending_revision"] is None
    shortlist_after = [
        (row["reasons"], row["components"]["commute"])
        for row in client.get(candidates).json()["results"]
    ]
    assert shortlist_after == shortlist_before
    # The staff queue lists the move.
    queue = client_for(staff_user()).get("/api/v1/postings/", {"revision": "pending"}).json()
    assert [row["id"] for row in queue["results"]] == [posting.pk]


def test_other_edits_of_an_open_posting_keep_it_open(client_for: Any) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    response = client_for(boss).patch(
        f"/api/v1/postings/{posting.pk}/", {"openings": 3}, format="json"
    )
    assert_status(response, 200)
    assert response.json()["status"] == "open"


def test_moving_an_open_posting_on_the_edit_page_says_it_waits_for_staff(
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
    assert "시 담당자가 확인한 뒤에 공고에 반영해요" in page.content.decode()
    stored = Posting.objects.get(pk=posting.pk)
    assert (stored.status, stored.area_id) == (PostingStatus.OPEN, posting.area_id)
    staff_page = log_in(Client(), staff_user()).get("/staff/postings/")
    assert f'id="revision-{posting.pk}"' in staff_page.content.decode()
