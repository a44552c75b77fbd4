"""Issue 13, 'Input': half a location and out-of-range numbers are 400s naming the field
(never a 500), and every unknown path or bad id under /api/ answers in JSON."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.factories.seekers import graduate_profile
from tests.web.postings import embedded_search

__all__ = ["embedded_search"]

pytestmark = pytest.mark.django_db

HALF_LOCATIONS = [{"lat": 37.4}, {"lon": 126.8}, {}]


def _client(user: Any = None) -> APIClient:
    client = APIClient()
    client.raise_request_exception = False
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("location", HALF_LOCATIONS)
def test_half_a_location_on_a_profile_is_a_400(location: dict[str, float]) -> None:
    profile = graduate_profile()
    response = _client(profile.user).patch(
        "/api/v1/me/profile/", {"location": location}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "location" in response.json()


@pytest.mark.parametrize("location", HALF_LOCATIONS)
def test_half_a_location_on_a_posting_is_a_400(location: dict[str, float]) -> None:
    employer, user = employer_with_user()
    posting = posting_in("draft", employer=employer)
    response = _client(user).patch(
        f"/api/v1/postings/{posting.pk}/", {"location": location}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "location" in response.json()


@pytest.mark.parametrize("value", ["99999999999999999999", "-5", "1e9"])
def test_a_huge_or_negative_min_wage_is_a_400(embedded_search: None, value: str) -> None:
    response = _client().get(f"/api/v1/postings/search/?min_wage={value}")
    assert response.status_code == 400, response.content
    assert "min_wage" in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_hourly_wage", 10**20),
        ("birth_year", 10**12),
        ("graduation_year", -(10**12)),
        ("career_break_years", 1e300),
        ("max_commute_km", 1e300),
    ],
)
def test_out_of_range_profile_numbers_are_400s(field: str, value: float) -> None:
    profile = graduate_profile()
    response = _client(profile.user).patch("/api/v1/me/profile/", {field: value}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    ("field", "value"), [("hourly_wage", 10**20), ("min_experience_years", 10**9)]
)
def test_out_of_range_posting_numbers_are_400s(field: str, value: int) -> None:
    employer, user = employer_with_user()
    posting = posting_in("draft", employer=employer)
    response = _client(user).patch(f"/api/v1/postings/{posting.pk}/", {field: value}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_huge_staff_count_is_a_400() -> None:
    employer, user = employer_with_user()
    response = _client(user).patch(
        f"/api/v1/employers/{employer.pk}/", {"staff_count": 10**20}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "staff_count" in response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nope/",
        "/api/v1/postings/abc/",
        "/api/v1/postings/abc/candidates/",
        "/api/v1/seekers/-1/",
        "/api/nothing",
        "/api/v2/postings/",
    ],
)
def test_unknown_paths_and_bad_ids_under_api_answer_json_404(path: str) -> None:
    response = _client().get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_a_wrong_method_under_api_answers_json_405() -> None:
    response = _client().delete("/api/v1/areas/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")


def test_pages_outside_api_keep_the_html_404() -> None:
    response = _client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_shortlist_schema_is_the_page_the_api_answers() -> None:
    """Found by schemathesis (staff): the schema said a bare array, the API answers a page."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/postings/{id}/candidates/"]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"count", "next", "previous", "results"} <= set(page["properties"])
