"""Employers API: registration, one organisation per user, the staff queue, verification."""

from __future__ import annotations

from typing import Any

import pytest

from backend.core.validators import RRN_MESSAGE
from backend.employers.models import Employer, EmployerMember
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.employers import EmployerFactory, employer_with_user

pytestmark = [pytest.mark.django_db]


def payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "시흥스마트물류 (주)",
        "business_number": "124-81-00998",
        "area": "4139051000",
        "address": "경기도 시흥시 대야동 1",
        "industry": "물류",
        "staff_count": 35,
        "is_city_funded": True,
        "partner_pledge": False,
    }
    data.update(overrides)
    return data


def test_employer_user_registers_its_organisation(client_for: ClientFor) -> None:
    user = employer_user()
    response = client_for(user).post("/api/v1/employers/", payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["business_number"] == "1248100998"
    assert body["verified"] is False
    assert body["area"] == {"code": "4139051000", "name": "대야동", "approximate": False}
    assert EmployerMember.objects.get(user=user).employer_id == body["id"]


def test_second_organisation_for_the_same_user_is_409(client_for: ClientFor) -> None:
    _, user = employer_with_user()
    response = client_for(user).post("/api/v1/employers/", payload(), format="json")
    assert response.status_code == 409
    assert "이미 소속된 기업" in response.json()["detail"]


def test_taken_business_number_is_409(client_for: ClientFor) -> None:
    EmployerFactory.create(business_number="1248100998")
    response = client_for(employer_user()).post("/api/v1/employers/", payload(), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_business_number"


def test_bad_check_digit_is_a_400(client_for: ClientFor) -> None:
    response = client_for(employer_user()).post(
        "/api/v1/employers/", payload(business_number="1248100997"), format="json"
    )
    assert response.status_code == 400
    (message,) = response.json()["business_number"]
    assert message == "올바른 사업자등록번호가 아닙니다. 숫자 10자리를 확인해 주세요."
    assert not Employer.objects.exists()


@pytest.mark.parametrize("field", ["name", "address", "industry"])
def test_resident_number_in_free_text_is_400(client_for: ClientFor, field: str) -> None:
    response = client_for(employer_user()).post(
        "/api/v1/employers/", payload(**{field: "대표 900101-1234567"}), format="json"
    )
    assert response.status_code == 400
    assert response.json()[field] == [str(RRN_MESSAGE)]


def test_unknown_area_and_negative_staff_are_400(client_for: ClientFor) -> None:
    response = client_for(employer_user()).post(
        "/api/v1/employers/", payload(area="0000000000", staff_count=-1), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"area", "staff_count"}


def test_staff_queue_lists_unverified_only(client_for: ClientFor) -> None:
    waiting = EmployerFactory.create(verified_at=None)
    EmployerFactory.create()
    response = client_for(staff_user()).get("/api/v1/employers/?verified=false")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [waiting.pk]
    assert client_for(staff_user()).get("/api/v1/employers/").json()["count"] == 2
    assert client_for(staff_user()).get("/api/v1/employers/?verified=maybe").status_code == 400


def test_employer_user_lists_only_its_own(client_for: ClientFor) -> None:
    mine, user = employer_with_user(verified=False)
    employer_with_user(verified=False)
    for query in ("", "?verified=false"):
        response = client_for(user).get(f"/api/v1/employers/{query}")
        assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_staff_verify_then_409_on_repeat(client_for: ClientFor) -> None:
    employer, _ = employer_with_user(verified=False)
    staff = staff_user()
    response = client_for(staff).post(f"/api/v1/employers/{employer.pk}/verify/")
    assert response.status_code == 200
    assert response.json()["verified"] is True
    employer.refresh_from_db()
    assert employer.verified_by == staff
    assert client_for(staff).post(f"/api/v1/employers/{employer.pk}/verify/").status_code == 409


def test_member_edits_and_a_new_business_number_needs_verification_again(
    client_for: ClientFor,
) -> None:
    employer, user = employer_with_user()
    response = client_for(user).patch(
        f"/api/v1/employers/{employer.pk}/", {"industry": "식품 제조"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["industry"] == "식품 제조"
    assert response.json()["verified"] is True
    response = client_for(user).patch(
        f"/api/v1/employers/{employer.pk}/", {"business_number": "2208162517"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["verified"] is False


# Every employers endpoint × role against someone else's organisation.
@pytest.mark.parametrize(
    ("method", "path", "who", "expected"),
    [
        ("get", "/api/v1/employers/", "anonymous", 401),
        ("get", "/api/v1/employers/", "seeker", 403),
        ("post", "/api/v1/employers/", "anonymous", 401),
        ("post", "/api/v1/employers/", "seeker", 403),
        ("post", "/api/v1/employers/", "staff", 403),
        ("get", "/api/v1/employers/{id}/", "anonymous", 401),
        ("get", "/api/v1/employers/{id}/", "seeker", 403),
        ("get", "/api/v1/employers/{id}/", "other_employer", 404),
        ("get", "/api/v1/employers/{id}/", "member", 200),
        ("get", "/api/v1/employers/{id}/", "staff", 200),
        ("patch", "/api/v1/employers/{id}/", "seeker", 403),
        ("patch", "/api/v1/employers/{id}/", "other_employer", 404),
        ("patch", "/api/v1/employers/{id}/", "member", 200),
        ("patch", "/api/v1/employers/{id}/", "staff", 200),
        ("post", "/api/v1/employers/{id}/verify/", "member", 403),
        ("post", "/api/v1/employers/{id}/verify/", "other_employer", 403),
        ("post", "/api/v1/employers/{id}/verify/", "seeker", 403),
        ("post", "/api/v1/employers/999999/verify/", "staff", 404),
        ("post", "/api/v1/employers/{id}/verify/", "staff", 200),
        ("get", "/api/v1/employers/999999/", "staff", 404),
    ],
)
def test_access_by_role(
    client_for: ClientFor, method: str, path: str, who: str, expected: int
) -> None:
    employer, member = employer_with_user(verified=False)
    _, other = employer_with_user()
    users = {
        "anonymous": None,
        "seeker": seeker(),
        "other_employer": other,
        "member": member,
        "staff": staff_user(),
    }
    body = {"industry": "제조"} if method == "patch" else payload()
    client = client_for(users[who])
    response = getattr(client, method)(path.format(id=employer.pk), body, format="json")
    assert_status(response, expected)


def test_other_employer_list_never_shows_mine(client_for: ClientFor) -> None:
    employer_with_user()
    _, other = employer_with_user()
    rows = client_for(other).get("/api/v1/employers/").json()["results"]
    assert len(rows) == 1


def test_list_query_count_is_flat(client_for: ClientFor, django_assert_max_num_queries) -> None:
    EmployerFactory.create_batch(12, verified_at=None)
    client = client_for(staff_user())
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/employers/?verified=false&page_size=50")
    assert response.json()["count"] == 12


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "새 이름 (주)"), ("is_city_funded", True), ("partner_pledge", True)],
)
def test_changing_what_verification_vouches_for_needs_verification_again(
    client_for: ClientFor, field: str, value: object
) -> None:
    employer, user = employer_with_user()
    response = client_for(user).patch(
        f"/api/v1/employers/{employer.pk}/", {field: value}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["verified"] is False
