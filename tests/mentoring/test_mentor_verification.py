"""Mentors are vetted by staff before they see any request (issue 13, "Unvetted mentors").

The attack: anyone who signs up (or any seeker) declares themself a mentor in all eleven
career fields and reads every open request's message text. Now a new profile waits for
staff; a verified mentor sees an open request's field and topic, and its message only once
they have accepted it.
"""

from __future__ import annotations

import pytest

from backend.mentoring import models as mentoring_models
from backend.notifications.models import Notification
from backend.taxonomy.models import CareerField
from tests.api import assert_status
from tests.factories.accounts import mentor_user, seeker, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

LIST = "/api/v1/mentoring-requests/"
PROFILE = "/api/v1/me/mentor-profile/"
MENTORS = "/api/v1/mentors/"
SECRET = "아버지 병원비 때문에 급하게 일을 구해요"


def all_fields() -> list[str]:
    return list(CareerField.objects.order_by("code").values_list("code", flat=True))


def declare_mentor(client, fields: list[str]) -> int:
    response = client.put(
        PROFILE,
        {"kind": "expert", "expertise": "무엇이든", "career_fields": fields},
        format="json",
    )
    assert response.status_code in (200, 201), response.json()
    return int(response.json()["id"])


def open_request(**kwargs):
    return mentoring_request(message=SECRET, **kwargs)


def test_a_self_declared_mentor_of_every_field_sees_no_request(client_for) -> None:
    open_request()
    client = client_for(seeker())  # a seeker who volunteers
    declare_mentor(client, all_fields())
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.json()["count"] == 0, response.json()
    assert SECRET not in response.content.decode()


def test_an_unvetted_mentor_cannot_accept(client_for) -> None:
    request = open_request()
    client = client_for(mentor_user())
    declare_mentor(client, ["engineering"])
    assert_status(client.post(f"{LIST}{request.pk}/accept/"), 404)


def test_a_new_profile_is_pending_and_says_so(client_for) -> None:
    client = client_for(mentor_user())
    declare_mentor(client, ["engineering"])
    body = client.get(PROFILE).json()
    assert body["status"] == "pending"
    assert body["refusal_reason"] == ""


def test_a_verified_mentor_sees_field_and_topic_but_the_message_only_after_accepting(
    client_for,
) -> None:
    request = open_request()
    mentor = expert_mentor()
    client = client_for(mentor.user)
    rows = client.get(LIST).json()["results"]
    assert [row["id"] for row in rows] == [request.pk]
    assert rows[0]["topic"] == request.topic
    assert rows[0]["career_field"] == "engineering"
    assert rows[0]["message"] is None
    accepted = client.post(f"{LIST}{request.pk}/accept/")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["message"] == SECRET
    assert client.get(LIST).json()["results"][0]["message"] == SECRET


def test_the_seeker_and_staff_still_read_the_message(client_for) -> None:
    request = open_request()
    assert client_for(request.seeker).get(LIST).json()["results"][0]["message"] == SECRET
    assert client_for(staff_user()).get(LIST).json()["results"][0]["message"] == SECRET


def test_staff_verify_a_mentor_who_then_sees_requests_and_is_told(client_for) -> None:
    request = open_request()
    mentor_client = client_for(mentor_user())
    profile_id = declare_mentor(mentor_client, ["engineering"])
    staff = client_for(staff_user())
    queue = staff.get(MENTORS).json()
    assert [row["id"] for row in queue["results"]] == [profile_id]
    assert queue["results"][0]["status"] == "pending"
    verified = staff.post(f"{MENTORS}{profile_id}/verify/")
    assert verified.status_code == 200, verified.json()
    assert verified.json()["status"] == "verified"
    assert staff.get(MENTORS).json()["count"] == 0
    assert [row["id"] for row in mentor_client.get(LIST).json()["results"]] == [request.pk]
    mail = Notification.objects.get(kind="mentor_verified")
    assert mail.recipient_id == mentoring_models.MentorProfile.objects.get(pk=profile_id).user_id
    assert_status(staff.post(f"{MENTORS}{profile_id}/verify/"), 409)


def test_staff_refuse_with_a_reason_the_mentor_reads(client_for) -> None:
    open_request()
    mentor_client = client_for(mentor_user())
    profile_id = declare_mentor(mentor_client, ["engineering"])
    staff = client_for(staff_user())
    assert_status(staff.post(f"{MENTORS}{profile_id}/refuse/", {"reason": " "}), 400)
    refused = staff.post(f"{MENTORS}{profile_id}/refuse/", {"reason": "경력을 확인할 수 없어요"})
    assert refused.status_code == 200, refused.json()
    assert mentor_client.get(PROFILE).json()["refusal_reason"] == "경력을 확인할 수 없어요"
    assert mentor_client.get(LIST).json()["count"] == 0
    assert Notification.objects.get(kind="mentor_refused").context["reason"] == (
        "경력을 확인할 수 없어요"
    )
    # Fixing the profile puts it back in the queue.
    declare_mentor(mentor_client, ["engineering", "business"])
    assert staff.get(MENTORS).json()["results"][0]["id"] == profile_id


def test_widening_a_verified_profile_sends_it_back_to_the_queue(client_for) -> None:
    open_request(career_field=CareerField.objects.get(code="business"))
    mentor = expert_mentor()
    client = client_for(mentor.user)
    declare_mentor(client, all_fields())
    assert client.get(PROFILE).json()["status"] == "pending"
    assert client.get(LIST).json()["count"] == 0


def test_editing_what_staff_did_not_vet_keeps_the_verification(client_for) -> None:
    mentor = expert_mentor()
    client = client_for(mentor.user)
    response = client.put(
        PROFILE,
        {
            "kind": mentor.kind,
            "expertise": mentor.expertise,
            "career_fields": mentor.career_fields,
            "availability": "주말 오전",
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "verified"


def test_an_accepted_mentoring_survives_a_return_to_the_queue(client_for) -> None:
    mentor = expert_mentor()
    request = open_request()
    client = client_for(mentor.user)
    assert client.post(f"{LIST}{request.pk}/accept/").status_code == 200
    open_request()  # another open request of the field
    declare_mentor(client, ["engineering", "it"])
    rows = client.get(LIST).json()["results"]
    assert [row["id"] for row in rows] == [request.pk]
    assert rows[0]["message"] == SECRET


def test_unvetted_mentors_are_never_suggested_or_chosen(client_for) -> None:
    pending = expert_mentor(status=mentoring_models.MentorStatus.PENDING)
    verified = expert_mentor()
    asker = seeker()
    client = client_for(asker)
    chosen = client.post(
        LIST,
        {"career_field": "engineering", "topic": "진로", "mentor": pending.pk},
        format="json",
    )
    assert_status(chosen, 400)
    created = client.post(LIST, {"career_field": "engineering", "topic": "진로"}, format="json")
    assert created.status_code == 201
    suggested = client.get(f"{LIST}{created.json()['id']}/suggested-mentors/").json()
    assert [row["mentor"]["id"] for row in suggested["results"]] == [verified.pk]


@pytest.mark.parametrize("who", ["seeker", "mentor", "anonymous"])
def test_only_staff_work_the_mentor_queue(client_for, who: str) -> None:
    profile = expert_mentor(status=mentoring_models.MentorStatus.PENDING)
    user = None if who == "anonymous" else (seeker() if who == "seeker" else mentor_user())
    client = client_for(user)
    expected = 401 if user is None else 403
    assert_status(client.get(MENTORS), expected)
    assert_status(client.post(f"{MENTORS}{profile.pk}/verify/"), expected)
    assert_status(client.post(f"{MENTORS}{profile.pk}/refuse/", {"reason": "x"}), expected)
    profile.refresh_from_db()
    assert profile.status == mentoring_models.MentorStatus.PENDING
