"""Mentor vetting on the web (issue 13): the staff's /staff/mentors/ queue with verify and
refuse, and what an unvetted or deciding mentor sees on /mentor/ pages."""

from __future__ import annotations

import pytest

from backend.mentoring.models import MentorProfile, MentorStatus
from backend.notifications.models import Notification
from tests.factories.accounts import mentor_user, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.web.seeker_helpers import client_for, html

pytestmark = [pytest.mark.django_db]

SECRET = "집안 사정으로 학교를 그만둘까 고민 중이에요"


def _profile_form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "display_name": "새멘토",
        "kind": "expert",
        "expertise": "용접 20년",
        "career_fields": ["engineering"],
        "bio": "",
        "availability": "",
        "max_mentees": "3",
    }
    data.update(changes)
    return data


def test_a_new_mentor_waits_for_staff_and_sees_no_request() -> None:
    mentoring_request(message=SECRET, topic="용접 진로 상담")
    user = mentor_user()
    client = client_for(user)
    saved = client.post("/mentor/profile/", _profile_form(), follow=True)
    text = html(saved)
    assert "시 담당자가 확인한 뒤에" in text
    dashboard = html(client.get("/mentor/"))
    assert "시 담당자가 멘토 프로필을 확인하고 있어요" in dashboard
    assert "용접 진로 상담" not in dashboard
    assert SECRET not in dashboard


def test_an_unvetted_mentor_cannot_open_or_accept_a_request() -> None:
    request = mentoring_request(message=SECRET)
    profile = expert_mentor(status=MentorStatus.PENDING)
    client = client_for(profile.user)
    assert client.get(f"/mentor/requests/{request.pk}/").status_code == 404
    assert client.post(f"/mentor/requests/{request.pk}/accept/").status_code == 404


def test_a_verified_mentor_reads_the_message_only_after_accepting() -> None:
    request = mentoring_request(message=SECRET, topic="용접 진로 상담")
    profile = expert_mentor()
    client = client_for(profile.user)
    before = html(client.get(f"/mentor/requests/{request.pk}/"))
    assert "용접 진로 상담" in before
    assert SECRET not in before
    assert "수락하면 볼 수 있어요" in before
    client.post(f"/mentor/requests/{request.pk}/accept/")
    assert SECRET in html(client.get(f"/mentor/requests/{request.pk}/"))


def test_a_refused_mentor_reads_the_reason() -> None:
    profile = expert_mentor(status=MentorStatus.REFUSED, refusal_reason="경력 확인 불가")
    text = html(client_for(profile.user).get("/mentor/"))
    assert "멘토 인증을 마치지 못했어요" in text
    assert "경력 확인 불가" in text


def test_staff_verify_from_the_queue() -> None:
    waiting = expert_mentor(status=MentorStatus.PENDING, display_name="대기멘토")
    expert_mentor(display_name="인증멘토")
    staff = client_for(staff_user())
    text = html(staff.get("/staff/mentors/"))
    assert "대기멘토" in text
    assert "인증멘토" not in text
    response = staff.post(f"/staff/mentors/{waiting.pk}/verify/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/mentors/"
    waiting.refresh_from_db()
    assert waiting.status == MentorStatus.VERIFIED
    assert Notification.objects.filter(kind="mentor_verified", recipient=waiting.user).exists()
    again = staff.post(f"/staff/mentors/{waiting.pk}/verify/", follow=True)
    assert "이미 인증된 멘토입니다" in html(again)


def test_refuse_without_a_reason_shows_the_error_beside_the_field() -> None:
    waiting = expert_mentor(status=MentorStatus.PENDING)
    staff = client_for(staff_user())
    response = staff.post(f"/staff/mentors/{waiting.pk}/refuse/", {"reason": ""})
    assert response.status_code == 400
    assert f'id="error-id_reason_{waiting.pk}"' in html(response)
    response = staff.post(f"/staff/mentors/{waiting.pk}/refuse/", {"reason": "자격 확인 불가"})
    assert response.status_code == 302
    assert MentorProfile.objects.get(pk=waiting.pk).refusal_reason == "자격 확인 불가"


def test_unknown_mentor_is_a_404() -> None:
    assert client_for(staff_user()).post("/staff/mentors/999999/verify/").status_code == 404
