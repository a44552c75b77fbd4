"""Concurrent accepts against real PostgreSQL: capacity and single ownership hold.

Each thread has its own database connection and transaction; a barrier starts them together.
The flush after an earlier transactional test empties the reference tables, so the data
migration's loader puts the career fields back first (it is idempotent). `serialized_rollback`
would clash with the content types that such a flush re-creates.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from backend.core.errors import ConflictError
from backend.mentoring import services
from backend.mentoring.models import MentoringOffer, MentoringRequest, MentorProfile
from tests.factories.accounts import seeker
from tests.factories.mentoring import expert_mentor, mentoring_request

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None) -> None:
    from django.apps import apps

    from backend.taxonomy.loading import load_reference_data

    load_reference_data(apps)


def race(*calls: Callable[[], object]) -> list[str]:
    """Run the calls at once in threads; the outcome of each: "ok" or the conflict code."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = ["?"] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
            outcomes[index] = "ok"
        except ConflictError as error:
            outcomes[index] = error.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_one_place_left_goes_to_exactly_one_accept() -> None:
    mentor = expert_mentor(max_mentees=1)
    requests = [mentoring_request() for _ in range(4)]
    outcomes = race(
        *(
            lambda request_id=request.pk: services.mentoring_request_accept(
                mentor=mentor, request_id=request_id
            )
            for request in requests
        )
    )
    assert sorted(outcomes) == ["mentor_full"] * 3 + ["ok"]
    assert MentoringRequest.objects.filter(mentor=mentor, status="accepted").count() == 1


def test_two_mentors_accepting_one_request_one_wins() -> None:
    mentors: list[MentorProfile] = [expert_mentor(), expert_mentor()]
    request = mentoring_request()
    outcomes = race(
        *(
            lambda mentor=mentor: services.mentoring_request_accept(
                mentor=mentor, request_id=request.pk
            )
            for mentor in mentors
        )
    )
    assert sorted(outcomes) == ["illegal_transition", "ok"]
    request.refresh_from_db()
    assert request.status == "accepted"
    assert request.mentor in mentors


def test_declines_at_once_pass_the_request_on_to_different_mentors() -> None:
    mentors: list[MentorProfile] = [expert_mentor() for _ in range(6)]
    request = services.mentoring_request_create(
        seeker=seeker(), career_field="engineering", topic="용접 자격증 준비"
    )
    offered = list(MentoringOffer.objects.filter(request=request).order_by("rank"))
    assert [offer.mentor_id for offer in offered] == [mentor.pk for mentor in mentors[:3]]
    outcomes = race(
        *(
            lambda mentor=mentor: services.mentoring_request_decline(
                mentor=mentor, request_id=request.pk
            )
            for mentor in mentors[:3]
        )
    )
    assert outcomes == ["ok"] * 3
    # Each decline locked the request first, so each one saw the offers of the others:
    # three new mentors, ranks 4-6, no duplicate.
    after = MentoringOffer.objects.filter(request=request).order_by("rank")
    assert [(offer.rank, offer.mentor_id) for offer in after] == [
        (rank, mentor.pk) for rank, mentor in enumerate(mentors, start=1)
    ]
    assert after.filter(declined_at__isnull=True).count() == 3


def test_an_accept_and_a_decline_at_once_leave_one_owner() -> None:
    mentors: list[MentorProfile] = [expert_mentor() for _ in range(4)]
    request = services.mentoring_request_create(
        seeker=seeker(), career_field="engineering", topic="용접 자격증 준비"
    )
    outcomes = race(
        lambda: services.mentoring_request_accept(mentor=mentors[0], request_id=request.pk),
        lambda: services.mentoring_request_decline(mentor=mentors[1], request_id=request.pk),
    )
    request.refresh_from_db()
    assert request.status == "accepted"
    assert request.mentor == mentors[0]
    assert outcomes[0] == "ok"
    # The decline either came first (and passed it on to the fourth) or found it taken.
    assert outcomes[1] in ("ok", "illegal_transition")
