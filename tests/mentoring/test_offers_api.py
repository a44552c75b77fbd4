"""Staged offers through the API: a request goes to the best mentors first, declines pass it
on, and it opens to the whole field when no offer is left or the window has passed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from backend.accounts.services import user_delete
from backend.mentoring.models import MentoringOffer, MentoringRequest, MentorProfile
from backend.mentoring.offers import OFFER_WAVE
from tests.factories.accounts import seeker, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request, student_mentor
from tests.factories.seekers import senior_profile

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

LIST = "/api/v1/mentoring-requests/"


def action_url(request_id: int, action: str) -> str:
    return f"{LIST}{request_id}/{action}/"


def ask(client_for, asker, **body: Any) -> dict[str, Any]:
    """A seeker asks for engineering mentoring about work; the created request's JSON."""
    payload = {"career_field": "engineering", "topic": "용접 자격증 준비", **body}
    response = client_for(asker).post(LIST, payload, format="json")
    assert response.status_code == 201, response.json()
    return dict(response.json())


def seen_by(client_for, mentor: MentorProfile) -> dict[int, dict[str, Any]]:
    """The requests a mentor lists, by id."""
    response = client_for(mentor.user).get(LIST)
    assert response.status_code == 200
    return {row["id"]: row for row in response.json()["results"]}


def offered_ids(request_id: int) -> list[int]:
    """The mentors offered the request, in rank order."""
    return list(
        MentoringOffer.objects.filter(request_id=request_id)
        .order_by("rank")
        .values_list("mentor_id", flat=True)
    )


@pytest.fixture
def mentors() -> dict[str, MentorProfile]:
    """Engineering mentors in a known order for a senior's work question, created worst first
    so that the ranking (not the id) decides: best1..best4 (experts who wrote when they are
    free, tied, so by id), then `silent` (no availability), then `student` (a college student
    for a work question); `full` and `business` are never offered it."""
    made = {
        "student": student_mentor(),
        "silent": expert_mentor(availability=""),
        "full": expert_mentor(max_mentees=1),
        "business": expert_mentor(career_fields=["business"]),
    }
    made.update({f"best{n}": expert_mentor() for n in range(1, 5)})
    mentoring_request(mentor=made["full"], status="accepted")
    return made


def test_the_staged_flow(client_for, mentors) -> None:
    asker = senior_profile().user
    created = ask(client_for, asker)
    request_id = created["id"]
    assert created["status"] == "open"
    assert created["mentor"] is None
    assert created["offered_to_count"] == OFFER_WAVE == 3
    assert created["open_to_field"] is False
    assert created["offers"] is None  # never who, to the seeker
    best = [mentors[f"best{n}"] for n in range(1, 5)]
    assert offered_ids(request_id) == [mentor.pk for mentor in best[:3]]

    # Only the three best see it, as offered to them.
    for mentor in best[:3]:
        assert seen_by(client_for, mentor)[request_id]["offered_to_me"] is True
    for name in ("best4", "silent", "student", "full", "business"):
        assert request_id not in seen_by(client_for, mentors[name]), name
    assert client_for(best[3].user).post(action_url(request_id, "accept")).status_code == 404

    # One declines: it stays open, is offered to the fourth, and leaves the decliner's list.
    declined = client_for(best[1].user).post(action_url(request_id, "decline"))
    assert declined.status_code == 200, declined.json()
    assert declined.json()["status"] == "open"
    assert declined.json()["offered_to_me"] is False
    assert request_id not in seen_by(client_for, best[1])
    assert seen_by(client_for, best[3])[request_id]["offered_to_me"] is True
    assert offered_ids(request_id) == [mentor.pk for mentor in best]
    assert client_for(best[1].user).post(action_url(request_id, "decline")).status_code == 404
    own = client_for(asker).get(LIST).json()["results"][0]
    assert (own["offered_to_count"], own["open_to_field"]) == (4, False)

    # The first accept wins and closes it for all; the others still offered get a 409.
    accepted = client_for(best[2].user).post(action_url(request_id, "accept"))
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["mentor"]["id"] == best[2].pk
    for mentor in (best[0], best[3]):
        late = client_for(mentor.user).post(action_url(request_id, "accept"))
        assert late.status_code == 409
        assert late.json()["code"] == "illegal_transition"
        row = seen_by(client_for, mentor)[request_id]
        assert (row["status"], row["offered_to_me"]) == ("accepted", False)
    assert client_for(best[1].user).post(action_url(request_id, "accept")).status_code == 404
    assert client_for(mentors["silent"].user).post(
        action_url(request_id, "accept")
    ).status_code == (404)

    # Staff see the offers themselves.
    staff_row = next(
        row
        for row in client_for(staff_user()).get(LIST).json()["results"]
        if row["id"] == request_id
    )
    assert [(offer["rank"], offer["mentor"]) for offer in staff_row["offers"]] == [
        (rank, mentor.pk) for rank, mentor in enumerate(best, start=1)
    ]
    assert [offer["declined_at"] is not None for offer in staff_row["offers"]] == [
        False,
        True,
        False,
        False,
    ]


def test_declines_walk_down_the_ranking_then_open_the_field(client_for, mentors) -> None:
    request_id = ask(client_for, senior_profile().user)["id"]
    order = ["best1", "best2", "best3", "best4", "silent", "student"]
    for step, name in enumerate(order):
        response = client_for(mentors[name].user).post(action_url(request_id, "decline"))
        assert response.status_code == 200, (name, response.json())
        # Each decline offers it to the next-best mentor not yet offered, while any is left.
        assert offered_ids(request_id) == [
            mentors[n].pk for n in order[: min(step + 1 + OFFER_WAVE, len(order))]
        ]
    # Everyone declined: open to the field. A new mentor of the field sees it and may take
    # it; those who declined do not see it again; other fields never do. (A full mentor of
    # the field sees it, as before offers, and gets a 409 on accept.)
    newcomer = expert_mentor()
    row = seen_by(client_for, newcomer)[request_id]
    assert (row["open_to_field"], row["offered_to_me"]) == (True, False)
    for name in [*order, "business"]:
        assert request_id not in seen_by(client_for, mentors[name]), name
    full = client_for(mentors["full"].user).post(action_url(request_id, "accept"))
    assert full.json()["code"] == "mentor_full"
    # Never offered it: a decline is a 409, as for any request open to the field.
    not_offered = client_for(newcomer.user).post(action_url(request_id, "decline"))
    assert not_offered.status_code == 409
    assert not_offered.json()["code"] == "not_offered"
    assert client_for(newcomer.user).post(action_url(request_id, "accept")).status_code == 200


def test_the_field_sees_it_after_the_window(client_for, mentors) -> None:
    request_id = ask(client_for, senior_profile().user)["id"]
    silent = mentors["silent"]
    assert request_id not in seen_by(client_for, silent)

    MentoringOffer.objects.filter(request_id=request_id).update(
        offered_at=timezone.now() - timedelta(hours=48, minutes=1)
    )
    row = seen_by(client_for, silent)[request_id]
    assert (row["open_to_field"], row["offered_to_me"]) == (True, False)
    assert seen_by(client_for, mentors["best1"])[request_id]["offered_to_me"] is True
    not_offered = client_for(silent.user).post(action_url(request_id, "decline"))
    assert not_offered.status_code == 409
    assert not_offered.json()["code"] == "not_offered"

    # A decline after the window makes no new offer: that would hide it from the field again.
    assert client_for(mentors["best1"].user).post(
        action_url(request_id, "decline")
    ).status_code == (200)
    assert len(offered_ids(request_id)) == OFFER_WAVE
    assert request_id in seen_by(client_for, silent)
    assert request_id not in seen_by(client_for, mentors["best1"])
    assert client_for(silent.user).post(action_url(request_id, "accept")).status_code == 200


def test_the_window_is_counted_from_the_newest_offer(client_for, mentors) -> None:
    request_id = ask(client_for, senior_profile().user)["id"]
    old = timezone.now() - timedelta(hours=47)
    MentoringOffer.objects.filter(request_id=request_id).update(offered_at=old)
    # A decline at hour 47 gives the fourth mentor a fresh offer and its own 48 hours.
    client_for(mentors["best1"].user).post(action_url(request_id, "decline"))
    MentoringOffer.objects.filter(request_id=request_id, offered_at=old).update(
        offered_at=timezone.now() - timedelta(hours=49)
    )
    assert request_id not in seen_by(client_for, mentors["silent"])
    MentoringOffer.objects.filter(request_id=request_id).update(
        offered_at=timezone.now() - timedelta(hours=49)
    )
    assert request_id in seen_by(client_for, mentors["silent"])


def test_a_zero_hour_window_opens_the_field_at_once(client_for, mentors, settings) -> None:
    settings.MENTORING_OFFER_HOURS = 0
    request_id = ask(client_for, senior_profile().user)["id"]
    assert len(offered_ids(request_id)) == OFFER_WAVE  # offers are still made and shown
    assert seen_by(client_for, mentors["best1"])[request_id]["offered_to_me"] is True
    assert seen_by(client_for, mentors["silent"])[request_id]["open_to_field"] is True


def test_nobody_to_offer_it_to_opens_the_field(client_for) -> None:
    expert_mentor(career_fields=["business"])
    expert_mentor(max_mentees=1, availability="")
    full = MentorProfile.objects.get(max_mentees=1)
    mentoring_request(mentor=full, status="accepted")
    created = ask(client_for, seeker())
    assert (created["offered_to_count"], created["open_to_field"]) == (0, True)
    assert created["id"] in seen_by(client_for, expert_mentor())


def test_a_chosen_mentor_request_is_not_staged(client_for, mentors) -> None:
    chosen = mentors["silent"]
    created = ask(client_for, seeker(), mentor=chosen.pk)
    request_id = created["id"]
    assert created["mentor"]["id"] == chosen.pk
    assert (created["offered_to_count"], created["open_to_field"]) == (0, False)
    assert not MentoringOffer.objects.filter(request_id=request_id).exists()
    assert seen_by(client_for, chosen)[request_id]["offered_to_me"] is True
    assert request_id not in seen_by(client_for, mentors["best1"])
    declined = client_for(chosen.user).post(action_url(request_id, "decline"))
    assert declined.json()["status"] == "declined"
    assert not MentoringOffer.objects.filter(request_id=request_id).exists()


def test_a_volunteering_seeker_is_never_offered_their_own_request(client_for) -> None:
    volunteer = expert_mentor(user=senior_profile().user)
    others = [expert_mentor() for _ in range(2)]
    request_id = ask(client_for, volunteer.user)["id"]
    assert offered_ids(request_id) == [mentor.pk for mentor in others]


def test_a_departing_mentor_passes_their_offers_on(client_for, mentors) -> None:
    request_id = ask(client_for, senior_profile().user)["id"]
    user_delete(user=mentors["best2"].user)
    assert offered_ids(request_id) == [
        mentors["best1"].pk,
        mentors["best3"].pk,
        mentors["best4"].pk,
    ]
    assert MentoringRequest.objects.get(pk=request_id).status == "open"
    assert seen_by(client_for, mentors["best4"])[request_id]["offered_to_me"] is True
