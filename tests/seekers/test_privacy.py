"""Export (`/me/export/`) and deletion (`DELETE /me/`) cover seeker and mentoring data."""

from __future__ import annotations

import pytest

from backend.accounts.models import AccessLog, User
from backend.mentoring.models import MentoringRequest, MentorProfile
from backend.seekers.models import SeekerProfile
from tests.factories.accounts import staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import senior_profile

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_export_holds_the_profile_the_mentoring_and_who_looked(client_for) -> None:
    profile = senior_profile(phone="010-3333-4444")
    user = profile.user
    expert_mentor(user=user, display_name="이정호 멘토")  # a volunteering senior
    mentoring_request(seeker=user, topic="재취업 상담")
    client_for(staff_user()).get(f"/api/v1/seekers/{profile.pk}/")

    response = client_for(user).get("/api/v1/me/export/")
    assert response.status_code == 200
    data = response.json()
    assert data["seeker_profile"]["display_name"] == "이정호"
    assert data["seeker_profile"]["phone"] == "010-3333-4444"
    assert data["seeker_profile"]["experience"][0]["occupation"] == "생산관리자"
    assert data["mentoring"]["mentor_profile"]["display_name"] == "이정호 멘토"
    assert [row["topic"] for row in data["mentoring"]["requests"]] == ["재취업 상담"]
    assert data["accessed_by"][0]["what"] == "seeker profile"


def test_export_without_profiles(client_for) -> None:
    user = staff_user()
    data = client_for(user).get("/api/v1/me/export/").json()
    assert data["seeker_profile"] is None
    assert data["mentoring"] == {"mentor_profile": None, "requests": [], "ratings_given": []}
    assert data["assisted_enrolment"] is None


def test_deleting_a_seeker_removes_profile_and_requests(client_for) -> None:
    profile = senior_profile()
    request = mentoring_request(seeker=profile.user)
    officer = staff_user()
    client_for(officer).get(f"/api/v1/seekers/{profile.pk}/")
    assert client_for(profile.user).delete("/api/v1/me/").status_code == 204
    assert not SeekerProfile.objects.filter(pk=profile.pk).exists()
    assert not MentoringRequest.objects.filter(pk=request.pk).exists()
    # The access log is the city's record: it stays, without the person.
    log = AccessLog.objects.get()
    assert log.subject is None
    assert log.subject_ref == f"user:{profile.user_id}"


def test_deleting_a_mentor_reopens_their_mentees_and_keeps_history(client_for) -> None:
    mentor = expert_mentor()
    accepted = mentoring_request(mentor=mentor, status="accepted")
    offered = mentoring_request(mentor=mentor)
    completed = mentoring_request(mentor=mentor, status="completed")
    assert client_for(mentor.user).delete("/api/v1/me/").status_code == 204
    assert not MentorProfile.objects.filter(pk=mentor.pk).exists()
    assert not User.objects.filter(pk=mentor.user_id).exists()
    for request in (accepted, offered):
        request.refresh_from_db()
        assert (request.status, request.mentor, request.accepted_at) == ("open", None, None)
    completed.refresh_from_db()
    assert (completed.status, completed.mentor) == ("completed", None)
