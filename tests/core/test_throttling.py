"""Issue 13, 'Anti-automation': the API throttles anonymous search/suggest and every role, and
an employer's candidate views are capped per day on the API and the web pages alike; a
throttled caller gets 429 with `Retry-After` (API) or a page saying how long to wait (web)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from backend.accounts.models import User
from tests.contract.test_matching_backends import forklift_posting, index_all, seeker_with
from tests.factories.accounts import employer_user, log_in, mentor_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.web.postings import embedded_search

__all__ = ["embedded_search"]

pytestmark = pytest.mark.django_db

LOW = {
    "anon": "3/min",
    "search": "3/min",
    "seeker": "3/min",
    "employer": "3/min",
    "mentor": "3/min",
    "staff": "3/min",
}


@pytest.fixture
def low_rates(settings: Any) -> None:
    settings.API_THROTTLE_RATES = LOW
    cache.clear()


def _hammer(client: Any, path: str, times: int = 4) -> list[Any]:
    return [client.get(path) for _ in range(times)]


@pytest.mark.parametrize(
    "path", ["/api/v1/postings/search/?q=지게차", "/api/v1/postings/suggest/?q=지"]
)
def test_anonymous_search_and_suggest_are_throttled(
    low_rates: None, embedded_search: None, path: str
) -> None:
    responses = _hammer(Client(REMOTE_ADDR="198.51.100.4"), path)
    assert [r.status_code for r in responses[:3]] == [200, 200, 200]
    throttled = responses[3]
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert "초" in throttled.json()["detail"]
    # Another address has its own budget.
    assert Client(REMOTE_ADDR="198.51.100.5").get(path).status_code == 200


def test_anonymous_reference_data_is_throttled(low_rates: None) -> None:
    responses = _hammer(Client(REMOTE_ADDR="198.51.100.6"), "/api/v1/areas/")
    assert responses[-1].status_code == 429
    assert "Retry-After" in responses[-1]


@pytest.mark.parametrize("make", [seeker, employer_user, mentor_user, staff_user])
def test_every_authenticated_role_is_throttled_per_user(
    low_rates: None, client_for: Any, make: Any
) -> None:
    user: User = make()
    client = client_for(user)
    responses = _hammer(client, "/api/v1/me/consents/")
    assert [r.status_code for r in responses[:3]] == [200, 200, 200]
    assert responses[3].status_code == 429
    assert int(responses[3]["Retry-After"]) > 0
    # The budget is the user's, not the address's: another user of the same role goes on.
    assert client_for(make()).get("/api/v1/me/consents/").status_code == 200


# --- the daily limit of candidate views ---------------------------------------------------


@pytest.fixture
def shortlist(settings: Any, embedded_search: None) -> tuple[User, int]:
    settings.CANDIDATE_VIEWS_PER_DAY = 2
    cache.clear()
    employer, user = employer_with_user(is_city_funded=True, staff_count=120)
    posting = forklift_posting(employer)
    seeker_with()
    index_all()
    return user, posting.pk


def test_candidate_views_are_capped_per_employer_per_day_on_the_api(
    shortlist: tuple[User, int], client_for: Any
) -> None:
    user, posting_id = shortlist
    client = client_for(user)
    path = f"/api/v1/postings/{posting_id}/candidates/"
    assert [client.get(path).status_code for _ in range(2)] == [200, 200]
    refused = client.get(path)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 24 * 3600
    assert refused.json()["code"] == "candidate_view_limit"


def test_the_web_shortlist_obeys_the_same_daily_limit(
    shortlist: tuple[User, int], client_for: Any
) -> None:
    user, posting_id = shortlist
    api = client_for(user)
    api.get(f"/api/v1/postings/{posting_id}/candidates/")  # the API and the page share it
    web = Client()
    log_in(web, user)
    page = f"/employer/postings/{posting_id}/candidates/"
    assert web.get(page).status_code == 200
    refused = web.get(page)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    text = refused.content.decode()
    assert "오늘 볼 수 있는 후보 수를 다 봤어요" in text
    assert "시간" in text or "분" in text


def test_staff_are_not_capped_by_the_employer_limit(
    shortlist: tuple[User, int], client_for: Any
) -> None:
    _user, posting_id = shortlist
    client = client_for(staff_user())
    path = f"/api/v1/postings/{posting_id}/candidates/"
    assert {client.get(path).status_code for _ in range(3)} == {200}


# --- the pages spend the same budgets -----------------------------------------------------


def test_the_search_page_is_throttled_like_the_search_api(
    low_rates: None, embedded_search: None
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    # The API and the page share one budget per address: two API calls, one page, then none.
    assert client.get("/api/v1/postings/search/?q=지게차").status_code == 200
    assert client.get("/api/v1/postings/suggest/?q=지").status_code == 200
    assert client.get("/jobs/?q=지게차").status_code == 200
    refused = client.get("/jobs/?q=지게차")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "잠시 기다려 주세요" in refused.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.8").get("/jobs/").status_code == 200


def test_anonymous_pages_are_throttled_by_address(low_rates: None, embedded_search: None) -> None:
    client = Client(REMOTE_ADDR="198.51.100.9")
    statuses = [client.get(path).status_code for path in ("/", "/privacy/", "/", "/")]
    assert statuses == [200, 200, 200, 429]
    # Static files and probes are not pages.
    assert client.get("/healthz").status_code == 200


def test_signed_in_pages_spend_the_roles_budget(low_rates: None) -> None:
    user = seeker()
    web = Client()
    log_in(web, user)
    cache.clear()  # the login's own requests do not count here
    assert web.get("/api/v1/me/consents/").status_code == 200
    assert web.get("/me/").status_code == 200
    assert web.get("/me/privacy/").status_code == 200
    refused = web.get("/me/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
