"""Sessions and ratings on the two pages of a request (/mentor/requests/<id>/ and
/me/mentoring/<id>/): recording, the form again on bad input, the rating asked on completion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from backend.mentoring.models import (
    MentoringRating,
    MentoringRequest,
    MentoringSession,
    MentorProfile,
    RequestStatus,
)
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, html

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def mentor() -> MentorProfile:
    return expert_mentor(display_name="박멘토")


@pytest.fixture
def accepted(mentor: MentorProfile) -> MentoringRequest:
    return mentoring_request(
        seeker=graduate_profile().user,
        mentor=mentor,
        status=RequestStatus.ACCEPTED,
        accepted_at=timezone.now(),
        topic="용접 자격증 준비",
    )


def test_the_mentee_records_a_session_and_the_mentor_sees_it(
    mentor: MentorProfile, accepted: MentoringRequest
) -> None:
    seeker_page = f"/me/mentoring/{accepted.pk}/"
    response = client_for(accepted.seeker).post(
        seeker_page,
        {
            "action": "session",
            "held_on": timezone.localdate().isoformat(),
            "minutes": "45",
            "topic": "실기 시험 준비물",
        },
    )
    assert response.status_code == 302
    session = MentoringSession.objects.get()
    assert session.recorded_by_id == accepted.seeker_id
    mentor_page = html(client_for(mentor.user).get(f"/mentor/requests/{accepted.pk}/"))
    assert "실기 시험 준비물" in mentor_page
    assert "지금까지 1번, 모두 45분 만났어요." in mentor_page


def test_a_bad_session_comes_back_with_the_fields_message_and_kept(
    mentor: MentorProfile, accepted: MentoringRequest
) -> None:
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for(mentor.user).post(
        f"/mentor/requests/{accepted.pk}/",
        {"action": "session", "held_on": tomorrow, "minutes": "60", "topic": "면접 연습"},
    )
    assert response.status_code == 400
    text = html(response)
    assert "오늘이나 지난 날짜를 적어 주세요." in text
    assert 'value="면접 연습"' in text
    short = client_for(mentor.user).post(
        f"/mentor/requests/{accepted.pk}/",
        {"action": "session", "held_on": tomorrow, "minutes": "1", "topic": "x"},
    )
    assert short.status_code == 400
    assert "5분 이상으로 적어 주세요." in html(short)
    assert MentoringSession.objects.count() == 0


def test_completing_asks_both_sides_to_rate_once(
    mentor: MentorProfile, accepted: MentoringRequest
) -> None:
    seeker_page = f"/me/mentoring/{accepted.pk}/"
    assert "멘토링을 평가해 주세요" not in html(client_for(accepted.seeker).get(seeker_page))
    done = client_for(mentor.user).post(f"/mentor/requests/{accepted.pk}/complete/")
    assert done.status_code == 302
    mentor_page = f"/mentor/requests/{accepted.pk}/"
    assert "멘토링을 평가해 주세요" in html(client_for(mentor.user).get(mentor_page))
    assert "멘토링을 평가해 주세요" in html(client_for(accepted.seeker).get(seeker_page))
    missing = client_for(accepted.seeker).post(
        seeker_page, {"action": "rating", "comment": "좋아요"}
    )
    assert missing.status_code == 400
    assert "점수를 골라 주세요." in html(missing)
    assert "좋아요" in html(missing)
    given = client_for(accepted.seeker).post(
        seeker_page, {"action": "rating", "score": "5", "comment": "좋아요"}
    )
    assert given.status_code == 302
    after = html(client_for(accepted.seeker).get(seeker_page))
    assert "멘토링을 평가해 주세요" not in after
    assert "내 평가: 5점" in after
    # The mentor still is asked (their own rating), and never reads the mentee's comment.
    mentor_text = html(client_for(mentor.user).get(mentor_page))
    assert "멘토링을 평가해 주세요" in mentor_text
    assert "좋아요" not in mentor_text
    twice = client_for(accepted.seeker).post(seeker_page, {"action": "rating", "score": "1"})
    assert twice.status_code == 302
    assert MentoringRating.objects.get().score == 5
