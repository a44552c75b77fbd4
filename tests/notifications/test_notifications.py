"""The notifications service: a row per mail written with the use case, sent once by its job,
failed sends retried, each mail in its recipient's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from backend.jobs.hiring import application_set_status, application_submit, application_withdraw
from backend.notifications.models import Notification, NotificationStatus
from backend.notifications.services import notification_queue, notification_send
from tests.factories.accounts import seeker
from tests.factories.employers import EmployerMemberFactory
from tests.factories.jobs import posting_in
from workers.models import JobRun, JobStatus
from workers.runner import execute_run

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = "https://jobs.example"


def html_of(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def lines(body: str) -> list[str]:
    return body.splitlines()


def test_application_received_goes_to_every_member_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    posting = posting_in("open")
    first = EmployerMemberFactory.create(employer=posting.employer).user
    second = EmployerMemberFactory.create(employer=posting.employer).user
    person = seeker()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(posting=posting, seeker=person, provision_consent=True)
        # Written with the application, not sent before the commit.
        assert Notification.objects.filter(kind="application_received").count() == 2
        assert mail.outbox == []
    rows = Notification.objects.filter(kind="application_received")
    assert {row.recipient for row in rows} == {first, second}
    assert {row.object_type for row in rows} == {"jobs.application"}
    assert {row.object_id for row in rows} == {str(application.pk)}
    assert {row.status for row in rows} == {NotificationStatus.SENT}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    message = mail.outbox[0]
    assert posting.title in message.subject
    # The link (the applicants page) is a line of its own, and an <a> in the HTML part.
    link = f"https://jobs.example/employer/postings/{posting.pk}/applications/"
    assert link in lines(str(message.body))
    assert f'href="{link}"' in str(html_of(message))


def test_rows_roll_back_with_the_application() -> None:
    posting = posting_in("open")
    EmployerMemberFactory.create(employer=posting.employer)
    person = seeker()

    def request() -> None:
        with transaction.atomic():
            application_submit(posting=posting, seeker=person, provision_consent=True)
            assert Notification.objects.count() == 1
            raise RuntimeError("the request fails after the service")

    with pytest.raises(RuntimeError):
        request()
    assert Notification.objects.count() == 0
    assert not JobRun.objects.filter(job="send_notification").exists()


def test_sent_once_even_when_the_job_runs_twice(django_capture_on_commit_callbacks: Any) -> None:
    person = seeker()
    with django_capture_on_commit_callbacks(execute=True):
        row = notification_queue(
            recipient=person,
            kind="account_email",
            obj=person,
            key="account/email/password_reset_key:1",
            context={
                "template_prefix": "account/email/password_reset_key",
                "password_reset_url": "https://jobs.example/r/1/",
            },
        )
    assert len(mail.outbox) == 1
    assert notification_send(row.pk) is False  # a second delivery of the job
    run = JobRun.objects.get(job="send_notification")
    run.status = JobStatus.QUEUED
    run.save()
    execute_run(run.pk, engine="inline")
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT
    assert row.attempts == 1
    # The one-time link is not kept once sent.
    assert row.context == {"template_prefix": "account/email/password_reset_key"}


def test_queueing_the_same_mail_twice_keeps_one_row(
    django_capture_on_commit_callbacks: Any,
) -> None:
    posting = posting_in("open")
    employer = EmployerMemberFactory.create(employer=posting.employer).user
    person = seeker()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(posting=posting, seeker=person, provision_consent=True)
        application_set_status(application=application, actor=employer, status="reviewing")
        again = notification_queue(
            recipient=person, kind="application_status_changed", obj=application, key="reviewing"
        )
    rows = Notification.objects.filter(recipient=person, kind="application_status_changed")
    assert list(rows) == [again]
    assert len([m for m in mail.outbox if m.to == [person.email]]) == 1


def test_a_failed_send_is_marked_and_retried(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    real_send = EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky(self: Any, fail_silently: bool = False) -> int:
        if self.to == [person.email]:
            calls["n"] += 1
        if calls["n"] == 1 and self.to == [person.email]:
            raise OSError("smtp is down")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    person = seeker(language="en")
    posting = posting_in("open")
    employer = EmployerMemberFactory.create(employer=posting.employer).user
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(posting=posting, seeker=person, provision_consent=True)
        application_set_status(application=application, actor=employer, status="rejected")
    row = Notification.objects.get(recipient=person)
    assert row.status == NotificationStatus.FAILED
    assert "smtp is down" in row.last_error
    run = JobRun.objects.get(job="send_notification", arguments={"notification_id": row.pk})
    assert run.status == JobStatus.FAILED  # the job machinery retries it
    outcome = execute_run(run.pk, engine="inline")
    assert outcome.status == JobStatus.DONE
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT
    assert row.attempts == 2
    assert row.last_error == ""
    assert [m.to for m in mail.outbox if m.to == [person.email]] == [[person.email]]


def test_status_change_mail_has_the_status_and_is_in_the_recipients_language(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = seeker(language="en")
    posting = posting_in("open")
    employer = EmployerMemberFactory.create(employer=posting.employer).user
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(posting=posting, seeker=person, provision_consent=True)
        application_set_status(application=application, actor=employer, status="reviewing")
        application_set_status(application=application, actor=employer, status="interview")
    rows = Notification.objects.filter(recipient=person).order_by("pk")
    assert [row.key for row in rows] == ["reviewing", "interview"]
    assert {row.language for row in rows} == {"en"}
    mine = [m for m in mail.outbox if m.to == [person.email]]
    assert len(mine) == 2
    # Rendered under translation.override(row.language): the HTML says so.
    assert '<html lang="en">' in str(html_of(mine[0]))
    assert '<html lang="ko">' in str(
        html_of(next(m for m in mail.outbox if m.to == [employer.email]))
    )
    home = "https://jobs.example/"
    assert any(line.startswith(home) for line in lines(str(mine[0].body)))


def test_the_seekers_own_withdrawal_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    person = seeker()
    posting = posting_in("open")
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(posting=posting, seeker=person, provision_consent=True)
        application_withdraw(application=application, actor=person)
    assert not Notification.objects.filter(recipient=person).exists()


def test_a_mail_about_a_deleted_object_is_cancelled(
    django_capture_on_commit_callbacks: Any,
) -> None:
    posting = posting_in("open")
    EmployerMemberFactory.create(employer=posting.employer)
    person = seeker()
    application = application_submit(posting=posting, seeker=person, provision_consent=True)
    row = Notification.objects.get(kind="application_received")
    application.delete()
    assert notification_send(row.pk) is False
    row.refresh_from_db()
    assert row.status == NotificationStatus.CANCELLED
    assert mail.outbox == []


def test_unknown_kinds_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown notification kind"):
        notification_queue(recipient=seeker(), kind="spam", obj=None)
