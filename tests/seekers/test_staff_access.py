"""Staff reads of seeker profiles (access-logged), and the role × endpoint matrix."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from backend.accounts.models import AccessLog, User
from tests.api import assert_status
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.seekers import (
    SINCHEON,
    graduate_payload,
    graduate_profile,
    returner_profile,
    senior_profile,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

PERSONAL_FIELDS = {"display_name", "phone", "birth_year", "gender", "school_name", "about"}


def test_staff_read_writes_an_access_log_row(client_for) -> None:
    profile = senior_profile(phone="010-2222-3333")
    officer = staff_user()
    client = client_for(officer)
    for _ in range(2):
        response = client.get(f"/api/v1/seekers/{profile.pk}/")
        assert response.status_code == 200
        assert response.json()["phone"] == "010-2222-3333"
        assert response.json()["display_name"] == "이정호"
    rows = list(AccessLog.objects.order_by("id"))
    assert len(rows) == 2
    assert {(row.actor_id, row.subject_id, row.what) for row in rows} == {
        (officer.pk, profile.user_id, "seeker profile")
    }
    assert rows[0].actor_role == "staff"
    assert rows[0].path == f"/api/v1/seekers/{profile.pk}/"


def test_unknown_seeker_is_404_and_not_logged(client_for) -> None:
    response = client_for(staff_user()).get("/api/v1/seekers/987654/")
    assert response.status_code == 404
    assert not AccessLog.objects.exists()


def test_staff_list_shows_no_personal_fields_and_is_not_logged(client_for) -> None:
    graduate_profile()
    returner_profile()
    response = client_for(staff_user()).get("/api/v1/seekers/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    for row in body["results"]:
        assert not PERSONAL_FIELDS & set(row)
        assert set(row["area"]) == {"code", "name", "approximate"}
    assert not AccessLog.objects.exists()


def test_staff_list_filters_by_cohort_and_area(client_for) -> None:
    graduate = graduate_profile()
    returner = returner_profile()
    senior = senior_profile()
    client = client_for(staff_user())

    def ids(query: str) -> set[int]:
        response = client.get(f"/api/v1/seekers/{query}")
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids("?cohort=graduate") == {graduate.pk}
    assert ids("?cohort=graduate,senior") == {graduate.pk, senior.pk}
    assert ids("?cohort=returner&cohort=senior") == {returner.pk, senior.pk}
    assert ids(f"?area={SINCHEON}") == set()
    assert ids("?area=4139051000&cohort=senior") == {senior.pk}
    assert client.get("/api/v1/seekers/?cohort=student").status_code == 400
    assert client.get("/api/v1/seekers/?page_size=51").status_code == 400


def test_staff_list_query_count_does_not_grow(client_for, django_assert_max_num_queries) -> None:
    client = client_for(staff_user())
    for _ in range(3):
        graduate_profile()
    with django_assert_max_num_queries(4):  # session, user, count, page (+area join)
        assert client.get("/api/v1/seekers/").json()["count"] == 3
    for _ in range(10):
        senior_profile()
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/seekers/").json()["count"] == 13


def test_staff_detail_query_count(client_for, django_assert_max_num_queries) -> None:
    profile = graduate_profile()
    client = client_for(staff_user())
    # session, user, profile+area+user, access log, the current policy (for eligibility)
    with django_assert_max_num_queries(5):
        assert client.get(f"/api/v1/seekers/{profile.pk}/").status_code == 200


ROLES: dict[str, Callable[[], User | None]] = {
    "anonymous": lambda: None,
    "seeker": seeker,
    "employer": employer_user,
    "mentor": mentor_user,
    "staff": staff_user,
}

# Expected status per role, in the order of ROLES: anonymous, seeker, employer, mentor, staff.
MATRIX = [
    ("get", "/api/v1/me/profile/", (401, 200, 403, 403, 403)),
    ("put", "/api/v1/me/profile/", (401, 200, 403, 403, 403)),
    ("patch", "/api/v1/me/profile/", (401, 200, 403, 403, 403)),
    ("get", "/api/v1/seekers/", (401, 403, 403, 403, 200)),
    ("get", "/api/v1/seekers/{other}/", (401, 403, 403, 403, 200)),
]


@pytest.mark.parametrize(
    ("method", "path", "role", "expected"),
    [
        (method, path, role, expected)
        for method, path, statuses in MATRIX
        for role, expected in zip(ROLES, statuses, strict=True)
    ],
)
def test_role_by_endpoint(client_for, method, path, role, expected) -> None:
    other = graduate_profile()
    user = ROLES[role]()
    if user is not None and user.role == "seeker":
        graduate_profile(user=user)
    url = path.format(other=other.pk)
    body = graduate_payload() if method in ("put", "patch") else None
    response = getattr(client_for(user), method)(url, body, format="json")
    assert_status(response, expected)
    if method == "get" and path == "/api/v1/me/profile/" and expected == 200:
        # A seeker's /me/profile/ is their own, never another seeker's.
        assert response.json()["id"] != other.pk
    if expected in (401, 403):
        assert not AccessLog.objects.exists()
