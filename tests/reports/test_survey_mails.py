"""The hiring survey's mails (`reports.tasks.hiring_survey_mails`): from 2 January each member
of every covered institution and partner gets the form's link once; in the week before the
policy's deadline those that have not filed get a reminder; nothing outside the window."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail

from backend.employers.surveys import hiring_survey_file
from backend.notifications.models import Notification
from backend.reports.tasks import hiring_survey_mails
from tests.factories.accounts import staff_user
from tests.factories.employers import EmployerMemberFactory, employer_with_user
from workers.schedule import entry_named

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SITE = "https://jobs.example"


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = SITE


def test_invitations_then_reminders_to_those_missing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    covered, owner = employer_with_user(is_city_funded=True, staff_count=40)
    colleague = EmployerMemberFactory.create(employer=covered).user
    partner, partner_owner = employer_with_user(partner_pledge=True)
    _, other_owner = employer_with_user()  # neither: no mail
    assert hiring_survey_mails("2026-01-01") == {"requested": 0, "reminded": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert hiring_survey_mails("2026-01-05") == {"requested": 3, "reminded": 0}
    assert hiring_survey_mails("2026-01-06") == {"requested": 0, "reminded": 0}  # once
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {owner.email, colleague.email, partner_owner.email}
    message = sent[owner.email]
    assert "2025년 채용 실태조사를 제출해 주세요" in message.subject
    assert f"{SITE}/employer/hiring-surveys/" in message.body
    assert "2026-01-31" in message.body
    with time_machine.travel(datetime.datetime(2026, 1, 20, 3, tzinfo=datetime.UTC)):
        hiring_survey_file(
            employer=partner,
            actor=staff_user(),
            values={
                "year": 2025,
                "new_hires_total": 3,
                "local_graduate_hires": 1,
                "returner_hires": 0,
                "senior_hires": 0,
            },
        )
    assert hiring_survey_mails("2026-01-24") == {"requested": 0, "reminded": 0}
    assert hiring_survey_mails("2026-01-25") == {"requested": 0, "reminded": 2}
    assert hiring_survey_mails("2026-01-31") == {"requested": 0, "reminded": 0}
    reminded = set(
        Notification.objects.filter(kind="hiring_survey_reminder").values_list(
            "recipient_id", flat=True
        )
    )
    assert reminded == {owner.pk, colleague.pk}
    assert hiring_survey_mails("2026-02-01") == {"requested": 0, "reminded": 0}
    assert not Notification.objects.filter(recipient=other_owner).exists()


def test_the_job_is_scheduled() -> None:
    assert entry_named("hiring-survey-mails").job == "hiring_survey_mails"
