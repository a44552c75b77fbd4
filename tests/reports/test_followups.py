"""Mentoring follow-up after college-major advice: the 6- and 12-month questions are made when
a `college_student` mentor completes a request, mailed once when due, answered on the web page
under /me/, and counted by the mentoring report (`unknown` while unanswered, small counts
suppressed)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail

from backend.accounts.services import user_delete
from backend.core.privacy import exporters
from backend.mentoring.services import (
    mentoring_request_accept,
    mentoring_request_complete,
    mentoring_request_create,
)
from backend.reports.followups import followups_export
from backend.reports.models import MentoringFact, MentoringFollowUp
from backend.reports.selectors import mentoring_report
from backend.reports.tables import report_output
from backend.reports.tasks import mentoring_followup_mails
from tests.factories.mentoring import expert_mentor, student_mentor
from tests.reports.world import make_seeker, on
from tests.web.seeker_helpers import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

D = datetime.date


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = "https://jobs.example"


def test_follow_up_from_question_to_report(django_capture_on_commit_callbacks: Any) -> None:
    student, expert = student_mentor(max_mentees=20), expert_mentor(max_mentees=20)
    mentees = [make_seeker("graduate", D(2025, 3, 1)) for _ in range(6)]
    other = make_seeker("graduate", D(2025, 3, 1))
    with on(D(2025, 3, 2)):
        asked = [
            mentoring_request_create(
                seeker=user, career_field="engineering", topic="전공", mentor_id=student.pk
            )
            for user in mentees
        ]
        by_expert = mentoring_request_create(
            seeker=other, career_field="engineering", topic="용접", mentor_id=expert.pk
        )
        for request in asked:
            mentoring_request_accept(mentor=student, request_id=request.pk)
        mentoring_request_accept(mentor=expert, request_id=by_expert.pk)
    with on(D(2025, 4, 1)):
        for request in asked:
            mentoring_request_complete(mentor=student, request_id=request.pk)
        mentoring_request_complete(mentor=expert, request_id=by_expert.pk)
    # Only college-major advice is followed up: 6 mentees × 2 questions.
    assert MentoringFollowUp.objects.count() == 12
    first = MentoringFollowUp.objects.get(seeker=mentees[0], month=6)
    assert first.due_on == D(2025, 10, 1)

    assert mentoring_followup_mails("2025-09-30") == {"mailed": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert mentoring_followup_mails("2025-10-01") == {"mailed": 6}
    assert mentoring_followup_mails("2025-10-02") == {"mailed": 0}  # once
    link = f"https://jobs.example/me/mentoring/follow-up/{first.pk}/"
    assert any(link in message.body for message in mail.outbox)

    with on(D(2025, 10, 2)):
        page = client_for(mentees[0]).get(f"/me/mentoring/follow-up/{first.pk}/")
        assert page.status_code == 200
        assert "상담받은 전공으로 다니고 있어요" in page.content.decode()
        bad = client_for(mentees[0]).post(f"/me/mentoring/follow-up/{first.pk}/", {"answer": "x"})
        assert bad.status_code == 400
        assert "보기 가운데 하나를 골라 주세요." in bad.content.decode()
        # Someone else's question, or one not yet due, is a 404.
        assert client_for(other).get(f"/me/mentoring/follow-up/{first.pk}/").status_code == 404
        later = MentoringFollowUp.objects.get(seeker=mentees[0], month=12)
        assert client_for(mentees[0]).get(f"/me/mentoring/follow-up/{later.pk}/").status_code == 404
        for user in mentees[:5]:
            followup = MentoringFollowUp.objects.get(seeker=user, month=6)
            response = client_for(user).post(
                f"/me/mentoring/follow-up/{followup.pk}/", {"answer": "enrolled_same_major"}
            )
            assert response.status_code == 302
    assert MentoringFact.objects.filter(followup_6="enrolled_same_major").count() == 5

    report = mentoring_report(
        date_from=D(2025, 1, 1), date_to=D(2025, 12, 31), as_of=D(2025, 12, 31), by="mentor_kind"
    )
    block = report_output(report, suppressed=True)["follow_up"]
    six = block["6"]
    assert six["enrolled_same_major"] == 5
    assert six["changed_major"] == 0
    # One unanswered: 1 is suppressed, and the total due with it (else 6 − 5 gives it away).
    assert (six["unknown"], six["due"]) == (None, None)
    assert set(six["suppressed"]) == {"unknown", "due"}
    assert block["12"]["due"] == 0  # not due by the end of 2025


def test_followups_are_in_the_persons_export_and_go_with_the_account() -> None:
    user = make_seeker("graduate", D(2025, 3, 1))
    fact = MentoringFact.objects.create(
        career_field="engineering",
        mentor_kind="college_student",
        requested_at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC),
        requested_on=D(2025, 3, 2),
        outcome="completed",
        finished_on=D(2025, 4, 1),
        followup_6="changed_major",
    )
    MentoringFollowUp.objects.create(
        fact=fact, seeker=user, month=6, due_on=D(2025, 10, 1), answer="changed_major"
    )
    assert followups_export(user) == [
        {"month": 6, "due_on": "2025-10-01", "answer": "changed_major", "answered_at": None}
    ]
    assert "mentoring_followups" in exporters()
    user_delete(user=user)
    assert not MentoringFollowUp.objects.exists()
    fact.refresh_from_db()
    assert fact.followup_6 == "changed_major"  # the statistics stay
