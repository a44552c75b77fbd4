"""`/me/mentor-profile/`: mentors and volunteering seekers; validation; roles."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from backend.accounts.models import User
from backend.mentoring.models import MentorProfile
from tests.api import assert_status
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/v1/me/mentor-profile/"


def body(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "display_name": "이정호 멘토",
        "kind": "expert",
        "expertise": "금속가공 생산관리",
        "career_fields": ["engineering"],
        "bio": "30년간 시화산단에서 일했습니다.",
        "availability": "화·목 오후",
        "max_mentees": 2,
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize("make_user", [mentor_user, seeker])
def test_mentor_or_volunteering_seeker_creates_then_replaces(client_for, make_user) -> None:
    user = make_user()
    client = client_for(user)
    assert client.get(URL).status_code == 404
    created = client.put(URL, body(), format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["active_mentees"] == 0
    replaced = client.put(URL, body(kind="college_student", bio=""), format="json")
    assert replaced.status_code == 200
    assert replaced.json()["kind"] == "college_student"
    assert replaced.json()["id"] == created.json()["id"]
    assert MentorProfile.objects.filter(user=user).count() == 1
    assert client.get(URL).json() == replaced.json()


def test_missing_profile_message_is_korean(client_for) -> None:
    response = client_for(mentor_user()).get(URL)
    assert response.status_code == 404
    assert "멘토 프로필" in response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"career_fields": []}, "career_fields"),
        ({"career_fields": ["engineering", "alchemy"]}, "career_fields"),
        ({"max_mentees": 0}, "max_mentees"),
        ({"kind": "guru"}, "kind"),
        ({"expertise": ""}, "expertise"),
        ({"bio": "주민번호 900101-1234567"}, "bio"),
        ({"expertise": "용접 9001011234567"}, "expertise"),
        ({"availability": "900101 - 2234567 로 연락"}, "availability"),
    ],
)
def test_bad_values_are_400s(client_for, change, field) -> None:
    response = client_for(mentor_user()).put(URL, body(**change), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_active_mentees_are_counted(client_for) -> None:
    profile = expert_mentor()
    mentoring_request(mentor=profile, status="accepted")
    mentoring_request(mentor=profile, status="completed")
    assert client_for(profile.user).get(URL).json()["active_mentees"] == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("employer", 403), ("staff", 403), ("mentor", 201), ("seeker", 201)],
)
def test_roles(client_for, role, expected) -> None:
    makers: dict[str, Callable[[], User | None]] = {
        "anonymous": lambda: None,
        "employer": employer_user,
        "staff": staff_user,
        "mentor": mentor_user,
        "seeker": seeker,
    }
    user = makers[role]()
    assert_status(client_for(user).put(URL, body(), format="json"), expected)
    get_expected = 200 if expected == 201 else expected
    assert_status(client_for(user).get(URL), get_expected)
