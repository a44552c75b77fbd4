"""`/mentoring-requests/{id}/suggested-mentors/`: ranking through the API, and who may ask."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from backend.accounts.models import User
from tests.api import assert_status
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request, student_mentor
from tests.factories.seekers import graduate_profile

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def suggestions_url(request_id: int) -> str:
    return f"/api/v1/mentoring-requests/{request_id}/suggested-mentors/"


def test_suggested_mentors_are_ranked(client_for, django_assert_max_num_queries) -> None:
    graduate = graduate_profile()
    request = mentoring_request(  # engineering
        seeker=graduate.user, topic="기계공학과 진학 고민", message="어떤 학과가 맞을까요?"
    )
    expert = expert_mentor(max_mentees=2)
    student = student_mentor(max_mentees=2)
    elsewhere = expert_mentor(career_fields=["business"], max_mentees=3)
    full = expert_mentor(max_mentees=1)
    mentoring_request(mentor=full, status="accepted")
    half = student_mentor(max_mentees=2)
    mentoring_request(mentor=half, status="accepted")

    client = client_for(graduate.user)
    url = suggestions_url(request.pk)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    order = [row["mentor"]["id"] for row in body["results"]]
    # A question about majors is best served by a college student of the field; full mentors
    # are left out.
    assert order == [student.pk, expert.pk, half.pk, elsewhere.pk]
    top = body["results"][0]
    assert top["components"] == {"field": 1.0, "capacity": 1.0, "kind": 1.0, "availability": 1.0}
    assert top["score"] == pytest.approx(1.0)
    assert top["free_places"] == 2
    assert all(row["reasons"] for row in body["results"])
    assert "email" not in top["mentor"]

    page = client.get(f"{url}?page_size=2").json()
    assert page["count"] == 4
    assert [row["mentor"]["id"] for row in page["results"]] == order[:2]


def test_a_graduates_work_question_goes_to_an_expert_first(client_for) -> None:
    # Before topic words counted, every graduate's request ranked college students first.
    graduate = graduate_profile()
    request = mentoring_request(seeker=graduate.user, topic="용접 자격증 준비")
    student = student_mentor()
    expert = expert_mentor()
    body = client_for(graduate.user).get(suggestions_url(request.pk)).json()
    assert [row["mentor"]["id"] for row in body["results"]] == [expert.pk, student.pk]
    assert body["results"][0]["reasons"][2].startswith("전문가 멘토: 직무 질문에 적합")
    assert body["results"][0]["reasons"][3] == "평일 오후 가능"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("staff", 200),
        ("other seeker", 404),
        ("mentor", 403),
        ("employer", 403),
        ("anonymous", 401),
    ],
)
def test_suggested_mentors_by_role(client_for, role, expected) -> None:
    request = mentoring_request()
    makers: dict[str, Callable[[], User | None]] = {
        "owner": lambda: request.seeker,
        "staff": staff_user,
        "other seeker": seeker,
        "mentor": lambda: expert_mentor().user,
        "employer": employer_user,
        "anonymous": lambda: None,
    }
    user = makers[role]()
    assert_status(client_for(user).get(suggestions_url(request.pk)), expected)
