"""Mentoring requests: creation, visibility, the state machine, capacity, suggestions."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from backend.accounts.models import User
from backend.mentoring.models import MentoringRequest
from tests.api import assert_status
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.mentoring import (
    career_field,
    expert_mentor,
    mentoring_offer,
    mentoring_request,
)
from tests.factories.seekers import senior_profile

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

LIST = "/api/v1/mentoring-requests/"
RRN = "900101-1234567"


def action_url(request_id: int, action: str) -> str:
    return f"{LIST}{request_id}/{action}/"


# --- creation ------------------------------------------------------------------------------


def test_seeker_asks_for_mentoring(client_for) -> None:
    user = seeker()
    response = client_for(user).post(
        LIST,
        {
            "career_field": "engineering",
            "topic": "용접 진로",
            "message": "특수용접 전망이 궁금해요",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "open"
    assert data["mentor"] is None
    assert data["career_field"] == "engineering"
    assert data["career_field_name"] == "공학·제조"
    # No mentor of the field to offer it to: open to the field at once.
    assert data["offered_to_count"] == 0
    assert data["open_to_field"] is True
    assert data["offered_to_me"] is False
    assert data["offers"] is None
    assert MentoringRequest.objects.get(pk=data["id"]).seeker == user


def test_seeker_may_offer_the_request_to_one_mentor(client_for) -> None:
    mentor = expert_mentor(display_name="김멘토")
    response = client_for(seeker()).post(
        LIST,
        {"career_field": "business", "topic": "회계 복귀", "mentor": mentor.pk},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["mentor"] == {
        "id": mentor.pk,
        "display_name": "김멘토",
        "kind": "expert",
    }
    assert response.json()["status"] == "open"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"career_field": "alchemy"}, "career_field"),
        ({"topic": ""}, "topic"),
        ({"topic": f"상담 {RRN}"}, "topic"),
        ({"message": f"제 번호는 {RRN}"}, "message"),
        ({"mentor": 987654}, "mentor"),
    ],
)
def test_bad_requests_are_400s(client_for, change, field) -> None:
    body = {"career_field": "engineering", "topic": "진로 상담", "message": "", **change}
    response = client_for(seeker()).post(LIST, body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not MentoringRequest.objects.exists()


def test_rrn_message_is_the_korean_one(client_for) -> None:
    body = {"career_field": "engineering", "topic": "상담", "message": RRN}
    response = client_for(seeker()).post(LIST, body, format="json")
    assert "주민등록번호" in response.json()["message"][0]


def test_a_volunteering_seeker_cannot_offer_a_request_to_themselves(client_for) -> None:
    volunteer = senior_profile().user
    own_mentoring = expert_mentor(user=volunteer)
    body = {"career_field": "engineering", "topic": "x", "mentor": own_mentoring.pk}
    response = client_for(volunteer).post(LIST, body, format="json")
    assert response.status_code == 400
    assert "mentor" in response.json()


# --- visibility ----------------------------------------------------------------------------


@pytest.fixture
def world() -> dict[str, Any]:
    """Two engineering mentors M and O, a volunteering seeker V, and requests around them."""
    m = expert_mentor(max_mentees=5)
    o = expert_mentor(max_mentees=5)
    v = expert_mentor(user=senior_profile().user, career_fields=["engineering"])
    asker = seeker()
    make = mentoring_request
    requests = {
        "open_eng": make(seeker=asker),
        "open_biz": make(seeker=asker, career_field=career_field("business")),
        "offered_m": make(career_field=career_field("business"), mentor=m),
        "offered_o": make(mentor=o),
        "accepted_m": make(mentor=m, status="accepted"),
        "accepted_o": make(mentor=o, status="accepted"),
        "cancelled": make(status="cancelled"),
        "by_v": make(seeker=v.user),
    }
    return {"m": m, "o": o, "v": v, "asker": asker, "requests": requests}


def listed(client, query: str = "") -> set[int]:
    response = client.get(f"{LIST}{query}")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    return {row["id"] for row in body["results"]}


def ids(world: dict[str, Any], *names: str) -> set[int]:
    return {world["requests"][name].pk for name in names}


def test_a_mentor_sees_offered_and_open_in_their_fields(client_for, world) -> None:
    assert listed(client_for(world["m"].user)) == ids(
        world, "open_eng", "offered_m", "accepted_m", "by_v"
    )


def test_a_seeker_sees_only_their_own(client_for, world) -> None:
    assert listed(client_for(world["asker"])) == ids(world, "open_eng", "open_biz")
    assert listed(client_for(seeker())) == set()


def test_a_volunteering_seeker_sees_their_own_and_their_mentees_never_twice(
    client_for, world
) -> None:
    response = client_for(world["v"].user).get(LIST)
    rows = [row["id"] for row in response.json()["results"]]
    assert len(rows) == len(set(rows))
    assert set(rows) == ids(world, "open_eng", "by_v")


def test_staff_see_every_request_and_can_filter_by_status(client_for, world) -> None:
    client = client_for(staff_user())
    assert listed(client) == {request.pk for request in world["requests"].values()}
    assert listed(client, "?status=accepted") == ids(world, "accepted_m", "accepted_o")
    assert listed(client, "?status=accepted,cancelled") == ids(
        world, "accepted_m", "accepted_o", "cancelled"
    )
    assert client.get(f"{LIST}?status=lost").status_code == 400
    assert client.get(f"{LIST}?page_size=100").status_code == 400


@pytest.mark.parametrize("who", ["mentor", "seeker", "staff"])
def test_list_query_count_is_pinned(client_for, django_assert_max_num_queries, who) -> None:
    mentor = expert_mentor(max_mentees=50)
    asker = seeker()
    user = {"mentor": mentor.user, "seeker": asker, "staff": staff_user()}[who]
    client = client_for(user)
    others = [expert_mentor(max_mentees=50) for _ in range(2)]
    for status in ("open", "accepted", "completed"):
        for _ in range(4):
            request = mentoring_request(
                seeker=asker, mentor=None if status == "open" else mentor, status=status
            )
            for offered in (mentor, *others):
                mentoring_offer(request=request, mentor=offered)
    # session, user, mentor profile (not for staff), count, page (career field and mentor
    # joined, offers annotated), and for staff the offers (one prefetch)
    with django_assert_max_num_queries(5):
        response = client.get(LIST)
    body = response.json()
    assert body["count"] == 12
    rows = body["results"]
    assert {row["offered_to_count"] for row in rows} == {3}
    assert all((row["offers"] is not None) == (who == "staff") for row in rows)
    if who == "mentor":
        assert sum(row["offered_to_me"] for row in rows) == 4  # the open ones


# --- state machine -------------------------------------------------------------------------

# (initial status, offered to / taken by, actor, action) → (HTTP status, final status)
TRANSITIONS = [
    ("open", None, "M", "accept", 200, "accepted"),
    ("open", "M", "M", "accept", 200, "accepted"),
    ("open", "O", "M", "accept", 404, "open"),
    ("accepted", "M", "M", "accept", 409, "accepted"),
    ("accepted", "O", "M", "accept", 404, "accepted"),
    ("completed", "M", "M", "accept", 409, "completed"),
    ("declined", "M", "M", "accept", 409, "declined"),
    ("cancelled", "M", "M", "accept", 409, "cancelled"),
    ("cancelled", None, "M", "accept", 404, "cancelled"),
    ("open", "M", "M", "decline", 200, "declined"),
    ("open", None, "M", "decline", 409, "open"),
    ("accepted", "M", "M", "decline", 409, "accepted"),
    ("accepted", "M", "M", "complete", 200, "completed"),
    ("open", "M", "M", "complete", 409, "open"),
    ("completed", "M", "M", "complete", 409, "completed"),
    ("accepted", "M", "O", "complete", 404, "accepted"),
    ("open", None, "S", "cancel", 200, "cancelled"),
    ("open", "M", "S", "cancel", 200, "cancelled"),
    ("accepted", "M", "S", "cancel", 200, "cancelled"),
    ("completed", "M", "S", "cancel", 409, "completed"),
    ("declined", "M", "S", "cancel", 409, "declined"),
    ("cancelled", None, "S", "cancel", 409, "cancelled"),
    ("open", None, "other seeker", "cancel", 404, "open"),
    ("open", None, "seeker without mentor profile", "accept", 404, "open"),
]


@pytest.mark.parametrize(("initial", "mentor", "actor", "action", "code", "final"), TRANSITIONS)
def test_transitions(client_for, initial, mentor, actor, action, code, final) -> None:
    mentors = {"M": expert_mentor(), "O": expert_mentor()}
    asker = seeker()
    asked = mentoring_request(seeker=asker, status=initial, mentor=mentors.get(mentor))
    user = {
        "M": mentors["M"].user,
        "O": mentors["O"].user,
        "S": asker,
        "other seeker": seeker(),
        "seeker without mentor profile": seeker(),
    }[actor]
    response = client_for(user).post(action_url(asked.pk, action))
    assert response.status_code == code, response.json()
    asked.refresh_from_db()
    assert asked.status == final
    if code == 200:
        assert response.json()["status"] == final
    if code == 409:
        assert response.json()["code"]
        # Korean from the catalog, no "(English)" half
        assert not re.search(r"\([A-Za-z][^()]*\)\.?$", response.json()["detail"])
    if action == "accept" and code == 200:
        assert asked.mentor == mentors["M"]
        assert asked.accepted_at is not None
    if final in ("completed", "declined", "cancelled") and code == 200:
        assert asked.closed_at is not None


def test_accept_beyond_capacity_is_a_409_until_a_place_frees(client_for) -> None:
    mentor = expert_mentor(max_mentees=2)
    client = client_for(mentor.user)
    first, second, third = (mentoring_request() for _ in range(3))
    assert client.post(action_url(first.pk, "accept")).status_code == 200
    assert client.post(action_url(second.pk, "accept")).status_code == 200
    full = client.post(action_url(third.pk, "accept"))
    assert full.status_code == 409
    assert full.json()["code"] == "mentor_full"
    assert "정원(2명)" in full.json()["detail"]
    third.refresh_from_db()
    assert third.status == "open"
    assert third.mentor is None

    assert client.post(action_url(first.pk, "complete")).status_code == 200
    assert client.post(action_url(third.pk, "accept")).status_code == 200


def test_a_cancelled_mentee_frees_the_place(client_for) -> None:
    mentor = expert_mentor(max_mentees=1)
    taken = mentoring_request(mentor=mentor, status="accepted")
    waiting = mentoring_request()
    client = client_for(mentor.user)
    assert client.post(action_url(waiting.pk, "accept")).status_code == 409
    assert client_for(taken.seeker).post(action_url(taken.pk, "cancel")).status_code == 200
    assert client.post(action_url(waiting.pk, "accept")).status_code == 200


def test_a_mentor_cannot_accept_outside_their_fields(client_for) -> None:
    mentor = expert_mentor(career_fields=["business"])
    request = mentoring_request()  # engineering
    assert client_for(mentor.user).post(action_url(request.pk, "accept")).status_code == 404


def test_a_volunteer_cannot_accept_their_own_request(client_for) -> None:
    volunteer = expert_mentor(user=senior_profile().user)
    own = mentoring_request(seeker=volunteer.user)
    assert client_for(volunteer.user).post(action_url(own.pk, "accept")).status_code == 404


def test_a_volunteering_seeker_mentors_like_a_mentor(client_for) -> None:
    volunteer = expert_mentor(user=senior_profile().user)
    request = mentoring_request()
    client = client_for(volunteer.user)
    assert client.post(action_url(request.pk, "accept")).status_code == 200
    assert client.post(action_url(request.pk, "complete")).status_code == 200


ACTION_ROLES = [
    # action, then expected per role: anonymous, employer, staff, mentor of another field
    ("accept", (401, 403, 403, 404)),
    ("decline", (401, 403, 403, 404)),
    ("complete", (401, 403, 403, 404)),
    ("cancel", (401, 403, 403, 403)),
]


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        (action, role, expected)
        for action, statuses in ACTION_ROLES
        for role, expected in zip(
            ("anonymous", "employer", "staff", "stranger mentor"), statuses, strict=True
        )
    ],
)
def test_actions_by_role(client_for, action, role, expected) -> None:
    mentor = expert_mentor()
    request = mentoring_request(
        mentor=mentor, status="accepted" if action in ("complete", "cancel") else "open"
    )
    makers: dict[str, Callable[[], User | None]] = {
        "anonymous": lambda: None,
        "employer": employer_user,
        "staff": staff_user,
        "stranger mentor": lambda: expert_mentor(career_fields=["arts_media"]).user,
    }
    user = makers[role]()
    assert_status(client_for(user).post(action_url(request.pk, action)), expected)
    before = request.status
    request.refresh_from_db()
    assert request.status == before


@pytest.mark.parametrize(
    ("role", "get_expected", "post_expected"),
    [
        ("anonymous", 401, 401),
        ("employer", 403, 403),
        ("mentor", 200, 403),
        ("staff", 200, 403),
        ("seeker", 200, 201),
    ],
)
def test_list_and_create_by_role(client_for, role, get_expected, post_expected) -> None:
    makers: dict[str, Callable[[], User | None]] = {
        "anonymous": lambda: None,
        "employer": employer_user,
        "mentor": mentor_user,
        "staff": staff_user,
        "seeker": seeker,
    }
    user = makers[role]()
    client = client_for(user)
    assert_status(client.get(LIST), get_expected)
    body = {"career_field": "engineering", "topic": "상담"}
    assert_status(client.post(LIST, body, format="json"), post_expected)
