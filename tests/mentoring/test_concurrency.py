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
from backend.mentoring.models import MentoringRequest, MentorProfile
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
