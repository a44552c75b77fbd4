"""Mentoring facts through the mentoring use cases (create, accept, decline, complete,
cancel), the mentoring report by mentor kind and career field, and account deletion."""

from __future__ import annotations

import datetime

import pytest

from backend.accounts.services import user_delete
from backend.mentoring.services import (
    mentoring_request_accept,
    mentoring_request_cancel,
    mentoring_request_complete,
    mentoring_request_create,
    mentoring_request_decline,
)
from backend.reports.models import MentoringFact
from backend.reports.selectors import mentoring_report
from tests.factories.mentoring import expert_mentor, student_mentor
from tests.reports.world import make_seeker, on

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

D = datetime.date
YEAR = {"date_from": D(2025, 1, 1), "date_to": D(2025, 12, 31), "as_of": D(2026, 1, 1)}


def test_the_mentoring_report_by_mentor_kind_and_field() -> None:
    expert, student = expert_mentor(), student_mentor()
    a, b, c, d = (make_seeker("graduate", D(2025, 3, 1)) for _ in range(4))
    with on(D(2025, 3, 2), hour=9):
        asked_a = mentoring_request_create(
            seeker=a, career_field="engineering", topic="용접", mentor_id=expert.pk
        )
        asked_b = mentoring_request_create(
            seeker=b, career_field="engineering", topic="용접", mentor_id=expert.pk
        )
        asked_c = mentoring_request_create(
            seeker=c, career_field="engineering", topic="전공", mentor_id=student.pk
        )
        asked_d = mentoring_request_create(seeker=d, career_field="business", topic="회계")
    with on(D(2025, 3, 2), hour=12):
        mentoring_request_accept(mentor=expert, request_id=asked_a.pk)
        mentoring_request_decline(mentor=expert, request_id=asked_b.pk)
    with on(D(2025, 3, 2), hour=14):
        mentoring_request_accept(mentor=student, request_id=asked_c.pk)
    with on(D(2025, 4, 1)):
        mentoring_request_complete(mentor=expert, request_id=asked_a.pk)
        mentoring_request_cancel(seeker=d, request_id=asked_d.pk)

    report = mentoring_report(**YEAR, by="mentor_kind")
    rows = {row.key: row.values for row in report.rows}
    assert list(rows) == ["expert", "college_student", ""]
    assert rows["expert"] == {
        "requests": 2,
        "accepted": 1,
        "completed": 1,
        "declined": 1,
        "median_hours_to_acceptance": pytest.approx(3.0),
    }
    assert rows["college_student"]["accepted"] == 1
    assert rows["college_student"]["median_hours_to_acceptance"] == pytest.approx(5.0)
    assert rows[""]["requests"] == 1
    assert rows[""]["accepted"] == 0
    total = report.total.values
    assert (total["requests"], total["accepted"], total["completed"], total["declined"]) == (
        4,
        2,
        1,
        1,
    )
    assert total["median_hours_to_acceptance"] == pytest.approx(4.0)
    by_field = mentoring_report(**YEAR, by="career_field")
    assert {row.key: row.values["requests"] for row in by_field.rows} == {
        "business": 1,
        "engineering": 3,
    }

    before = mentoring_report(**YEAR, by="mentor_kind")
    with on(D(2026, 2, 1)):
        user_delete(user=a)
    after = mentoring_report(**YEAR, by="mentor_kind")
    assert [row.values for row in after.rows] == [row.values for row in before.rows]
    assert MentoringFact.objects.filter(mentoring_request__isnull=True).count() == 1
