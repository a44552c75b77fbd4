"""The training catalogue (/training-courses/) and a seeker's training suggestions
(/me/training-suggestions/) over HTTP, with postings indexed in the embedded search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from backend.jobs.models import Posting
from backend.training.models import TrainingCourse
from tests.api import ClientFor, assert_status, make_client
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.seekers import graduate_profile, returner_profile
from tests.web.postings import embedded_search, open_posting

__all__ = ["embedded_search", "open_posting"]

pytestmark = [pytest.mark.django_db]

COURSES = "/api/v1/training-courses/"
SUGGESTIONS = "/api/v1/me/training-suggestions/"


def course_payload(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    payload: dict[str, Any] = {
        "provider": "한국폴리텍대학 시흥캠퍼스 (가상)",
        "title": "지게차운전기능사 취득 과정",
        "skills": ["지게차 운전", "물류 적재"],
        "certificates": ["지게차운전기능사"],
        "starts_on": (today + dt.timedelta(days=10)).isoformat(),
        "ends_on": (today + dt.timedelta(days=40)).isoformat(),
        "cost_krw": 300000,
        "naeil_card": True,
    }
    payload.update(overrides)
    return payload


def add_course(**overrides: Any) -> TrainingCourse:
    response = make_client(staff_user()).post(COURSES, course_payload(**overrides), format="json")
    assert_status(response, 201)
    return TrainingCourse.objects.get(pk=response.json()["id"])


def test_staff_add_a_course_and_everyone_signed_in_reads_it(client_for: ClientFor) -> None:
    course = add_course()
    assert course.created_by is not None
    assert course.naeil_card
    for user in (seeker(), employer_user(), mentor_user()):
        listed = client_for(user).get(COURSES)
        assert_status(listed, 200)
        body = listed.json()
        assert body["count"] == 1
        row = body["results"][0]
        assert row["title"] == "지게차운전기능사 취득 과정"
        assert row["certificates"] == ["지게차운전기능사"]
        assert row["naeil_card"] is True
        assert_status(client_for(user).get(f"{COURSES}{course.pk}/"), 200)
    assert_status(client_for(None).get(COURSES), 401)


@pytest.mark.parametrize("who", [seeker, employer_user, mentor_user])
def test_only_staff_write_the_catalogue(client_for: ClientFor, who: Callable[[], Any]) -> None:
    course = add_course()
    client = client_for(who())
    assert_status(client.post(COURSES, course_payload(), format="json"), 403)
    patch = client.patch(f"{COURSES}{course.pk}/", {"title": "바뀜"}, format="json")
    assert_status(patch, 403)
    course.refresh_from_db()
    assert course.title == "지게차운전기능사 취득 과정"


def test_bad_courses_are_400s_naming_the_field(client_for: ClientFor) -> None:
    client = client_for(staff_user())
    today = timezone.localdate()
    backwards = course_payload(
        starts_on=today.isoformat(), ends_on=(today - dt.timedelta(days=1)).isoformat()
    )
    response = client.post(COURSES, backwards, format="json")
    assert_status(response, 400)
    assert "ends_on" in response.json()
    empty = client.post(COURSES, course_payload(skills=[], certificates=[]), format="json")
    assert_status(empty, 400)
    assert "skills" in empty.json()
    rrn = client.post(COURSES, course_payload(description="문의 900101-1234567"), format="json")
    assert_status(rrn, 400)
    assert "description" in rrn.json()
    assert_status(client.post(COURSES, course_payload(cost_krw=-1), format="json"), 400)
    assert TrainingCourse.objects.count() == 0


def test_a_hidden_or_ended_course_is_a_404_to_seekers_but_staff_see_it(
    client_for: ClientFor,
) -> None:
    hidden = add_course()
    today = timezone.localdate()
    ended = add_course(
        starts_on=(today - dt.timedelta(days=30)).isoformat(),
        ends_on=(today - dt.timedelta(days=1)).isoformat(),
    )
    staff = client_for(staff_user())
    assert_status(staff.patch(f"{COURSES}{hidden.pk}/", {"is_active": False}, format="json"), 200)
    person = client_for(seeker())
    assert person.get(COURSES).json()["count"] == 0
    for course in (hidden, ended):
        assert_status(person.get(f"{COURSES}{course.pk}/"), 404)
        assert_status(staff.get(f"{COURSES}{course.pk}/"), 200)
    assert staff.get(COURSES, {"all": "true"}).json()["count"] == 2


def _forklift_posting(make: Callable[..., Posting], title: str, **fields: Any) -> Posting:
    values: dict[str, Any] = {
        "title": title,
        "description": "사무 보조와 물류 정리를 합니다.",
        "certificates_required": ["지게차운전기능사"],
    }
    values.update(fields)
    return make(**values)


def test_suggestions_count_the_gaps_of_near_misses_with_the_courses_that_close_them(
    client_for: ClientFor, open_posting: Callable[..., Posting]
) -> None:
    profile = graduate_profile(
        skills=["엑셀", "문서 작성"],
        certificates=[],
        shifts=["morning"],
        employment_types=["part_time"],
        max_commute_km=None,
    )
    # Two near misses blocked by the forklift licence only, one by 엑셀 + the licence +
    # 전산회계 (three gaps: not near), one blocked by its shifts (no course closes that).
    _forklift_posting(open_posting, "사무 보조 물류 1")
    _forklift_posting(open_posting, "사무 보조 물류 2", skills_required=["엑셀", "재고 관리"])
    _forklift_posting(
        open_posting,
        "사무 보조 물류 3",
        skills_required=["용접", "도장"],
        certificates_required=["지게차운전기능사", "전산회계 2급"],
    )
    _forklift_posting(open_posting, "사무 보조 야간", shifts=["night"])
    open_posting(title="사무 보조 바로 지원", description="문서 정리")  # a match: no gap
    forklift = add_course()
    add_course(title="재고 관리 실무", certificates=[], skills=["재고관리", "ERP"])
    add_course(title="바리스타 과정", certificates=["바리스타"], skills=["커피"])

    response = client_for(profile.user).get(SUGGESTIONS)
    assert_status(response, 200)
    gaps = response.json()
    assert isinstance(gaps, list)
    assert [(g["kind"], g["name"], g["postings"]) for g in gaps] == [
        ("certificate", "지게차운전기능사", 2),
        ("skill", "재고 관리", 1),
    ]
    assert [c["id"] for c in gaps[0]["courses"]] == [forklift.pk]
    assert gaps[0]["courses"][0]["naeil_card"] is True
    assert [c["title"] for c in gaps[1]["courses"]] == ["재고 관리 실무"]


def test_a_seeker_who_holds_what_postings_ask_has_no_suggestions(
    client_for: ClientFor, open_posting: Callable[..., Posting]
) -> None:
    profile = graduate_profile(
        certificates=["지게차 운전 기능사"], shifts=["morning"], employment_types=["part_time"]
    )
    _forklift_posting(open_posting, "사무 보조 물류")
    add_course()
    response = client_for(profile.user).get(SUGGESTIONS)
    assert_status(response, 200)
    assert response.json() == []


def test_suggestions_are_the_seekers_own(client_for: ClientFor) -> None:
    for user in (employer_user(), mentor_user(), staff_user()):
        assert_status(client_for(user).get(SUGGESTIONS), 403)
    assert_status(client_for(None).get(SUGGESTIONS), 401)
    assert_status(client_for(seeker()).get(SUGGESTIONS), 404)  # no profile yet


def test_a_profile_without_near_misses_answers_an_empty_array(
    client_for: ClientFor, embedded_search: None
) -> None:
    response = client_for(returner_profile().user).get(SUGGESTIONS)
    assert_status(response, 200)
    assert response.json() == []
