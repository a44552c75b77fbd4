"""List endpoints run a fixed number of queries, however many rows they show."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import ClientFor
from tests.factories.accounts import staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, PostingFactory, placement_for, posting_in

pytestmark = [pytest.mark.django_db]

# COUNT(*) and the page itself; the clients authenticate without a query.
LIST_QUERIES = 2


@pytest.mark.parametrize("rows", [1, 15])
def test_postings_list(client_for: ClientFor, django_assert_max_num_queries, rows: int) -> None:
    employer, user = employer_with_user()
    PostingFactory.create_batch(rows, employer=employer, status="pending")
    for who in (user, staff_user()):
        client = client_for(who)
        # + the review flags and the revisions prefetches
        with django_assert_max_num_queries(LIST_QUERIES + 2):
            response = client.get("/api/v1/postings/?status=pending&page_size=50")
        assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 15])
def test_my_applications(client_for: ClientFor, django_assert_max_num_queries, rows: int) -> None:
    first = ApplicationFactory.create()
    for _ in range(rows - 1):
        ApplicationFactory.create(seeker=first.seeker)
    client = client_for(first.seeker)
    with django_assert_max_num_queries(LIST_QUERIES + 1):  # + the status history prefetch
        response = client.get("/api/v1/me/applications/?page_size=50")
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_placements(client_for: ClientFor, django_assert_max_num_queries, rows: int) -> None:
    employer, user = employer_with_user()
    posting = posting_in("open", employer=employer, openings=20)
    for _ in range(rows):
        placement_for(ApplicationFactory.create(posting=posting))
    for who in (user, staff_user()):
        client = client_for(who)
        with django_assert_max_num_queries(LIST_QUERIES + 1):  # + the checkpoints prefetch
            response = client.get("/api/v1/placements/?page_size=50")
        assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_posting_applications(
    client_for: ClientFor, django_assert_max_num_queries, rows: int
) -> None:
    """Reading the list costs a fixed number of queries, plus one access-log row written per
    applicant shown (the PIPA record is one row per person, by `accounts.services.access_log`)."""
    employer, user = employer_with_user()
    posting = posting_in("open", employer=employer)
    for _ in range(rows):
        ApplicationFactory.create(posting=posting)
    client = client_for(user)
    # + the posting lookup, the status history prefetch and the contact rule (one query)
    with django_assert_max_num_queries(3 + LIST_QUERIES + rows):
        response = client.get(f"/api/v1/postings/{posting.pk}/applications/?page_size=50")
    assert response.json()["count"] == rows


def test_postings_list_later_pages_read_their_keys_first(
    client_for: ClientFor, django_assert_max_num_queries
) -> None:
    """Beyond page 1 the list reads the page's keys, then their rows: the same rows in the same
    order as one query would give, every posting once over the pages, one query more."""
    employer, _user = employer_with_user()
    PostingFactory.create_batch(7, employer=employer, status="pending")
    PostingFactory.create_batch(5, employer=employer, status="open")
    client = client_for(staff_user())
    seen: list[int] = []
    for page in (1, 2, 3):
        with django_assert_max_num_queries(LIST_QUERIES + 2 + (page > 1)):
            response = client.get(f"/api/v1/postings/?page_size=5&page={page}")
        assert response.status_code == 200
        seen += [row["id"] for row in response.json()["results"]]
    newest_first = sorted(
        ((row["created_at"], row["id"]) for row in _all_rows(client)), reverse=True
    )
    assert seen == [posting_id for _created, posting_id in newest_first]
    assert len(seen) == 12
    pending = client.get("/api/v1/postings/?status=pending&page_size=5&page=2").json()
    assert [row["status"] for row in pending["results"]] == ["pending"] * 2


def _all_rows(client: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = client.get("/api/v1/postings/?page_size=50").json()["results"]
    return rows
