"""Mentoring sessions and ratings over HTTP: who records and reads them, in which states,
what is refused, and that they feed the statistical fact of the reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from backend.accounts.models import User
from backend.mentoring.models import MentoringRating, MentoringRequest, MentoringSession
from backend.mentoring.services import mentoring_request_accept, mentoring_request_complete
from backend.notifications.models import Notification
from backend.reports.models import MentoringFact
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request, student_mentor

pytestmark = [pytest.mark.django_db]


def sessions_url(request: MentoringRequest) -> str:
    return f"/api/v1/mentoring-requests/{request.pk}/sessions/"


def rating_url(request: MentoringRequest) -> str:
    return f"/api/v1/mentoring-requests/{request.pk}/rating/"


def session_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "held_on": timezone.localdate().isoformat(),
        "minutes": 60,
        "topic": "이력서 고치기",
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def running(client_for: ClientFor) -> tuple[MentoringRequest, User, User]:
    """An accepted request made through the API (so its fact exists): (request, seeker,
    mentor user)."""
    mentor = student_mentor()
    mentee = seeker()
    response = client_for(mentee).post(
        "/api/v1/mentoring-requests/",
        {"career_field": "engineering", "topic": "기계공학과 진학", "mentor": mentor.pk},
        format="json",
    )
    assert_status(response, 201)
    request = MentoringRequest.objects.get(pk=response.json()["id"])
    mentoring_request_accept(mentor=mentor, request_id=request.pk)
    request.refresh_from_db()
    return request, mentee, mentor.user


def test_both_sides_record_sessions_and_read_them(
    client_for: ClientFor, running: tuple[MentoringRequest, User, User]
) -> None:
    request, mentee, mentor = running
    made = client_for(mentee).post(sessions_url(request), session_payload(), format="json")
    assert_status(made, 201)
    assert made.json()["recorded_by"] == "mentee"
    second = client_for(mentor).post(
        sessions_url(request), session_payload(minutes=90, topic="전공 선택"), format="json"
    )
    assert_status(second, 201)
    for user in (mentee, mentor, staff_user()):
        listed = client_for(user).get(sessions_url(request))
        assert_status(listed, 200)
        body = listed.json()
        assert body["count"] == 2
        assert [row["minutes"] for row in body["results"]] == [60, 90]
    fact = MentoringFact.objects.get(mentoring_request=request)
    assert (fact.sessions, fact.session_minutes) == (2, 150)


def test_outsiders_neither_read_nor_record(
    client_for: ClientFor, running: tuple[MentoringRequest, User, User]
) -> None:
    request, _, _ = running
    other_mentor = expert_mentor()  # verified, same field: sees open requests, not this one
    for user in (seeker(), other_mentor.user):
        assert_status(client_for(user).get(sessions_url(request)), 404)
        response = client_for(user).post(sessions_url(request), session_payload(), format="json")
        assert_status(response, 404)
    assert_status(client_for(employer_user()).get(sessions_url(request)), 403)
    staff_post = client_for(staff_user()).post(
        sessions_url(request), session_payload(), format="json"
    )
    assert_status(staff_post, 403)
    assert_status(client_for(None).get(sessions_url(request)), 401)
    assert MentoringSession.objects.count() == 0


def test_bad_sessions_are_400s_and_an_open_request_a_409(
    client_for: ClientFor, running: tuple[MentoringRequest, User, User]
) -> None:
    request, mentee, _ = running
    client = client_for(mentee)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    for payload, field in (
        (session_payload(held_on=tomorrow), "held_on"),
        (session_payload(held_on="2020-01-01"), "held_on"),
        (session_payload(minutes=2), "minutes"),
        (session_payload(minutes=600), "minutes"),
        (session_payload(topic=""), "topic"),
        (session_payload(topic="주민번호 900101-1234567"), "topic"),
    ):
        response = client.post(sessions_url(request), payload, format="json")
        assert_status(response, 400)
        assert field in response.json(), payload
    assert MentoringSession.objects.count() == 0
    waiting = mentoring_request(seeker=mentee)
    assert_status(client.post(sessions_url(waiting), session_payload(), format="json"), 409)


def test_completing_asks_both_for_one_rating_each(
    client_for: ClientFor, running: tuple[MentoringRequest, User, User]
) -> None:
    request, mentee, mentor = running
    early = client_for(mentee).post(rating_url(request), {"score": 5}, format="json")
    assert_status(early, 409)
    mentoring_request_complete(mentor=request.mentor, request_id=request.pk)  # type: ignore[arg-type]
    asked = Notification.objects.get(kind="mentoring_completed")
    assert asked.recipient_id == mentee.pk
    assert client_for(mentee).get(rating_url(request)).json() == {"asked": True, "rating": None}
    given = client_for(mentee).post(
        rating_url(request), {"score": 4, "comment": "진로가 분명해졌어요"}, format="json"
    )
    assert_status(given, 201)
    assert given.json()["role"] == "mentee"
    again = client_for(mentee).post(rating_url(request), {"score": 1}, format="json")
    assert_status(again, 409)
    assert_status(client_for(mentor).post(rating_url(request), {"score": 6}, format="json"), 400)
    assert_status(client_for(mentor).post(rating_url(request), {"score": 5}, format="json"), 201)
    # Each side reads its own rating only.
    mine = client_for(mentee).get(rating_url(request)).json()
    assert mine["asked"] is False
    assert mine["rating"]["score"] == 4
    assert client_for(mentor).get(rating_url(request)).json()["rating"]["score"] == 5
    assert MentoringRating.objects.count() == 2
    fact = MentoringFact.objects.get(mentoring_request=request)
    assert (fact.mentee_rating, fact.mentor_rating) == (4, 5)
    # A session may still be written up once the mentoring is over.
    late = client_for(mentor).post(sessions_url(request), session_payload(), format="json")
    assert_status(late, 201)


def test_the_export_holds_the_seekers_sessions_and_own_ratings(
    client_for: ClientFor, running: tuple[MentoringRequest, User, User]
) -> None:
    request, mentee, mentor = running
    client_for(mentor).post(sessions_url(request), session_payload(), format="json")
    mentoring_request_complete(mentor=request.mentor, request_id=request.pk)  # type: ignore[arg-type]
    client_for(mentor).post(rating_url(request), {"score": 2, "comment": "비밀"}, format="json")
    client_for(mentee).post(rating_url(request), {"score": 5}, format="json")
    exported = client_for(mentee).get("/api/v1/me/export/").json()
    text = str(exported)
    assert "이력서 고치기" in text
    assert "비밀" not in text  # the mentor's comment is not the mentee's data
    ratings = exported["mentoring"]["ratings_given"]
    assert [(r["role"], r["score"]) for r in ratings] == [("mentee", 5)]
