"""The training pages: the staff catalogue (/staff/training/…) and the seeker's suggestions
(/me/training/ and the block on /me/)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from backend.accounts.models import User
from backend.jobs.models import Posting
from backend.training.models import TrainingCourse
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db]


def form_data(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "provider": "시흥여성새로일하기센터 (가상)",
        "title": "전산회계 2급 취득반",
        "description": "경력단절여성을 위한 회계 실무 과정",
        "skills": "더존 회계프로그램, 엑셀",
        "certificates": "전산회계 2급",
        "starts_on": (today + dt.timedelta(days=7)).isoformat(),
        "ends_on": (today + dt.timedelta(days=60)).isoformat(),
        "cost_krw": "0",
        "naeil_card": "on",
        "place": "시흥시 대야동",
        "url": "",
        "seats": "20",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("path", ["/staff/training/", "/staff/training/new/"])
@pytest.mark.parametrize("make_user", [seeker, employer_user, mentor_user])
def test_the_catalogue_console_is_staffs(path: str, make_user: Callable[[], User]) -> None:
    assert client_for(make_user()).get(path).status_code == 403
    assert client_for(make_user()).post(path, form_data()).status_code == 403
    assert TrainingCourse.objects.count() == 0


def test_staff_add_then_edit_a_course() -> None:
    client = client_for(staff_user())
    response = client.post("/staff/training/new/", form_data())
    assert response.status_code == 302
    course = TrainingCourse.objects.get()
    assert course.skills == ["더존 회계프로그램", "엑셀"]
    assert course.certificates == ["전산회계 2급"]
    assert course.naeil_card
    assert course.seats == 20
    listed = html(client.get("/staff/training/"))
    assert "전산회계 2급 취득반" in listed
    assert "게시 중" in listed
    edit = f"/staff/training/{course.pk}/edit/"
    page = html(client.get(edit))
    assert 'value="더존 회계프로그램, 엑셀"' in page
    data = form_data(title="전산회계 2급 야간반")
    del data["is_active"]
    assert client.post(edit, data).status_code == 302
    course.refresh_from_db()
    assert course.title == "전산회계 2급 야간반"
    assert not course.is_active
    assert "숨김" in html(client.get("/staff/training/"))
    assert client.get("/staff/training/999999/edit/").status_code == 404


def test_bad_input_comes_back_with_the_fields_message_and_kept() -> None:
    client = client_for(staff_user())
    today = timezone.localdate()
    response = client.post(
        "/staff/training/new/",
        form_data(ends_on=(today - dt.timedelta(days=3)).isoformat(), starts_on=today.isoformat()),
    )
    assert response.status_code == 400
    text = html(response)
    assert "종료일은 시작일과 같거나 그 뒤여야 해요." in text
    assert 'value="전산회계 2급 취득반"' in text
    empty = client.post("/staff/training/new/", form_data(skills="", certificates="", cost_krw="x"))
    assert empty.status_code == 400
    assert "숫자만 적어 주세요." in html(empty)
    assert TrainingCourse.objects.count() == 0


def test_a_seeker_sees_what_blocks_them_and_the_course_that_gives_it(
    open_posting: Callable[..., Posting],
) -> None:
    profile = graduate_profile(
        skills=["엑셀"], certificates=[], shifts=["morning"], employment_types=["part_time"]
    )
    for n in range(3):
        open_posting(
            title=f"경리 사무 보조 {n}",
            description="회계 장부 정리",
            certificates_required=["전산회계2급"],  # the alias: the same certificate
        )
    client_for(staff_user()).post("/staff/training/new/", form_data())
    client = client_for(profile.user)
    page = html(client.get("/me/training/"))
    assert "전산회계2급" in page
    assert "이것만 있으면 지원할 수 있는 일자리 3곳" in page
    assert "전산회계 2급 취득반" in page
    assert "국민내일배움카드 사용 가능" in page
    dashboard = html(client.get("/me/"))
    assert "훈련 추천" in dashboard
    assert "이것만 있으면 지원할 수 있는 일자리 3곳" in dashboard
    assert "배울 수 있는 과정 1개" in dashboard
    queries, response = count_queries(lambda: client.get("/me/training/"))
    assert response.status_code == 200
    assert queries <= 7, queries


def test_training_page_needs_a_profile_first(embedded_search: None) -> None:
    response = client_for(seeker()).get("/me/training/")
    assert response.status_code == 302
    assert response["Location"] == "/me/profile/"
    for make_user in (employer_user, mentor_user, staff_user):
        assert client_for(make_user()).get("/me/training/").status_code == 403
