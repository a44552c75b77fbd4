"""Issue 16, notifications by mail: a preferences page and API driven by the kinds
(MAIL_CLASSES), an unsubscribe link in every mail that is not a transaction (a GET shows a
page, the POST switches the kind off), transactional mail always sent, the marketing consent
gating promotions only, and the checkpoint-due mail sent once per checkpoint even when its
jobs run again."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client

from backend.accounts.services import consents_record
from backend.jobs.hiring import application_set_status, application_submit
from backend.jobs.models import PlacementCheckpoint, seoul_today
from backend.notifications.models import (
    MAIL_CLASSES,
    MailClass,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationStatus,
)
from backend.notifications.services import notification_queue, notification_send
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, log_in, mentor_user, seeker, staff_user
from tests.factories.employers import EmployerMemberFactory
from tests.factories.jobs import applicant, placement_for, posting_in
from workers.models import JobRun, JobStatus
from workers.registry import get_job
from workers.runner import execute_run
from workers.schedule import schedule

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SITE = "https://jobs.example"
API = "/api/v1/me/notification-preferences/"
UNSUBSCRIBE = re.compile(re.escape(SITE) + r"(/notifications/unsubscribe/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = SITE


def html_of(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def status_mail(person: Any, capture: Any, status: str = "reviewing") -> Any:
    """Move an application of `person` to `status` (a service mail to them); the mail or None."""
    posting = posting_in("open")
    employer = EmployerMemberFactory.create(employer=posting.employer).user
    before = len(mail.outbox)
    with capture(execute=True):
        application = application_submit(posting=posting, seeker=person, provision_consent=True)
        application_set_status(application=application, actor=employer, status=status)
    mine = [m for m in mail.outbox[before:] if m.to == [person.email]]
    assert len(mine) <= 1
    return mine[0] if mine else None


# --- the unsubscribe link ------------------------------------------------------------------


def test_a_service_mail_carries_an_unsubscribe_link_whose_get_changes_nothing_and_post_stops_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = seeker()
    message = status_mail(person, django_capture_on_commit_callbacks)
    assert message is not None
    path = UNSUBSCRIBE.search(str(message.body))
    assert path, message.body
    link = SITE + path.group(1)
    assert link in str(message.body).splitlines()  # a line of its own in the text part
    assert f'href="{link}"' in html_of(message)
    assert f"{SITE}/me/notifications/" in str(message.body)
    # Mail clients' one-click unsubscribe (RFC 8058).
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    anonymous = Client(HTTP_ACCEPT_LANGUAGE="ko")
    page = anonymous.get(path.group(1))
    assert page.status_code == 200
    assert "지원 상태 변경 알림" in page.content.decode()
    assert not NotificationPreference.objects.exists()  # a GET (a mail scanner) changes nothing
    # The POST needs no session or CSRF token: the signed token is the authority.
    done = Client(enforce_csrf_checks=True).post(path.group(1), {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert NotificationPreference.objects.get(user=person).enabled is False
    assert status_mail(person, django_capture_on_commit_callbacks, "rejected") is None
    row = Notification.objects.get(recipient=person, key="rejected")
    assert row.status == NotificationStatus.CANCELLED
    assert row.last_error == "switched off by the recipient"
    # Only that kind stops: the employer's own mails and the person's account mails still go.
    assert Notification.objects.filter(kind="application_received", status="sent").count() == 2


def test_a_tampered_or_foreign_unsubscribe_token_is_a_400_and_changes_nothing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = seeker()
    message = status_mail(person, django_capture_on_commit_callbacks)
    path = UNSUBSCRIBE.search(str(message.body))
    assert path
    token = path.group(1).split("/")[-2]
    client = Client()
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "not-a-token"):
        assert client.get(f"/notifications/unsubscribe/{bad}/").status_code == 400
        assert client.post(f"/notifications/unsubscribe/{bad}/").status_code == 400
    assert not NotificationPreference.objects.exists()


def test_transactional_mail_has_no_unsubscribe_link_and_is_sent_even_when_everything_is_off(
    client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    person = seeker()
    everything = {
        row["kind"]: False for row in client_for(person).get(API).json() if row["can_disable"]
    }
    assert_status(client_for(person).patch(API, {"preferences": everything}, format="json"), 200)
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(
            recipient=person,
            kind="account_email",
            obj=person,
            key="account/email/password_reset_key:1",
            context={
                "template_prefix": "account/email/password_reset_key",
                "password_reset_url": f"{SITE}/accounts/password/reset/key/1-x/",
            },
        )
    [message] = mail.outbox
    assert "/notifications/unsubscribe/" not in str(message.body)
    assert "List-Unsubscribe" not in message.extra_headers


# --- preferences: API ----------------------------------------------------------------------


def test_preferences_list_the_kinds_of_the_role_from_mail_classes(client_for: ClientFor) -> None:
    rows = {row["kind"]: row for row in client_for(seeker()).get(API).json()}
    assert rows["application_status_changed"] == {
        "kind": "application_status_changed",
        "description": "지원 상태 변경 알림 (구직자)",
        "mail_class": "service",
        "enabled": True,
        "can_disable": True,
        "marketing_consent": None,
    }
    assert rows["account_email"]["can_disable"] is False
    assert rows["job_news"]["marketing_consent"] is False
    assert "application_received" not in rows  # the employer's
    employer_rows = {row["kind"] for row in client_for(employer_user()).get(API).json()}
    assert {"application_received", "checkpoint_due", "hiring_survey_reminder"} <= employer_rows
    assert "application_status_changed" not in employer_rows
    # Every kind is listed for somebody, with its class.
    everyone = set()
    for user in (seeker(), employer_user(), mentor_user(), staff_user()):
        for row in client_for(user).get(API).json():
            everyone.add(row["kind"])
            assert row["mail_class"] == MAIL_CLASSES[row["kind"]]
    assert everyone == set(NotificationKind.values)


@pytest.mark.parametrize(
    "body",
    [
        {"preferences": {"account_email": False}},  # transactional: never switched off
        {"preferences": {"application_received": False}},  # not a seeker's kind
        {"preferences": {"spam": False}},
        {"preferences": {"application_status_changed": "maybe"}},
        {"preferences": {}},
        {"preferences": ["application_status_changed"]},
        {},
    ],
)
def test_bad_preferences_are_a_400_and_change_nothing(
    client_for: ClientFor, body: dict[str, Any]
) -> None:
    person = seeker()
    response = client_for(person).patch(API, body, format="json")
    assert_status(response, 400)
    assert "preferences" in response.json()
    assert not NotificationPreference.objects.filter(user=person).exists()


def test_patching_preferences_switches_kinds_and_needs_a_login(client_for: ClientFor) -> None:
    assert_status(client_for(None).get(API), 401)
    person = seeker()
    response = client_for(person).patch(
        API, {"preferences": {"mentoring_message": False, "job_news": True}}, format="json"
    )
    assert_status(response, 200)
    rows = {row["kind"]: row for row in response.json()}
    assert rows["mentoring_message"]["enabled"] is False
    assert rows["job_news"]["enabled"] is True
    assert rows["job_news"]["marketing_consent"] is False  # switching on is not consenting
    back = client_for(person).patch(
        API, {"preferences": {"mentoring_message": True}}, format="json"
    )
    assert {row["kind"]: row["enabled"] for row in back.json()}["mentoring_message"] is True
    # The choices are the person's data: in their export (PIPA 열람).
    exported = client_for(person).get("/api/v1/me/export/").json()["notification_preferences"]
    assert {row["kind"]: row["enabled"] for row in exported} == {
        "mentoring_message": True,
        "job_news": True,
    }
    assert {row["channel"] for row in exported} == {"api"}


def test_the_schema_documents_the_preferences_endpoint(client_for: ClientFor) -> None:
    schema = client_for(None).get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/me/notification-preferences/" in text
    assert "PatchedPreferencesInput" in text or "PreferencesInput" in text


# --- marketing consent ---------------------------------------------------------------------


def test_a_seeker_who_withdrew_marketing_gets_no_promotion_but_their_own_mail_still(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = seeker()
    consents_record(user=person, decisions={"service": True, "marketing": True})
    consents_record(user=person, decisions={"marketing": False})
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(
            recipient=person,
            kind="job_news",
            obj=None,
            key="fair",
            context={"title": "채용박람회", "summary": "12월 10일"},
        )
    assert mail.outbox == []
    # Mail about the person's own dealings is not marketing: it still goes.
    assert status_mail(person, django_capture_on_commit_callbacks) is not None
    assert MAIL_CLASSES["application_status_changed"] == MailClass.SERVICE


# --- the page ------------------------------------------------------------------------------


def test_the_preferences_page_saves_and_redisplays_bad_input_with_a_400() -> None:
    person = seeker()
    client = log_in(Client(HTTP_ACCEPT_LANGUAGE="ko"), person)
    page = client.get("/me/notifications/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="enabled" value="application_status_changed"' in html
    assert 'value="account_email"' not in html  # listed as always sent, not a checkbox
    assert "계정 메일" in html
    saved = client.post("/me/notifications/", {"enabled": ["mentoring_message"]})
    assert saved.status_code == 302
    off = set(
        NotificationPreference.objects.filter(user=person, enabled=False).values_list(
            "kind", flat=True
        )
    )
    assert "application_status_changed" in off
    assert "mentoring_message" not in off
    bad = client.post("/me/notifications/", {"enabled": ["mentoring_message", "account_email"]})
    assert bad.status_code == 400
    assert "보기 가운데에서 골라 주세요." in bad.content.decode()
    assert (
        set(
            NotificationPreference.objects.filter(user=person, enabled=False).values_list(
                "kind", flat=True
            )
        )
        == off
    )
    assert Client().get("/me/notifications/").status_code == 302  # to the login


# --- checkpoint due: scheduled, sent once ----------------------------------------------------


def run_scheduled(job: str, capture: Any, **arguments: Any) -> Any:
    assert job in {entry.job for entry in schedule()}, f"{job} is not scheduled"
    with capture(execute=True):
        return get_job(job).function(**arguments)


def test_checkpoint_due_goes_to_the_employers_members_once_with_no_mail_twice_on_a_job_retry(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    posting = posting_in("open")
    first = EmployerMemberFactory.create(employer=posting.employer).user
    second = EmployerMemberFactory.create(employer=posting.employer).user
    application, hired = applicant(posting)
    today = seoul_today()
    placement = placement_for(application, hired_on=today - datetime.timedelta(days=32))
    checkpoint = PlacementCheckpoint.objects.get(placement=placement, month=1)
    checkpoint.due_on = today - datetime.timedelta(days=2)  # a missed run is made up
    checkpoint.save(update_fields=["due_on"])
    # The SMTP server fails once for the first member: that mail is retried by its job.
    real_send = EmailMultiAlternatives.send
    failures = {"left": 1}

    def flaky(self: Any, fail_silently: bool = False) -> int:
        if self.to == [first.email] and failures["left"]:
            failures["left"] -= 1
            raise OSError("smtp is down")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    day = today.isoformat()
    assert run_scheduled("checkpoint_due_mails", django_capture_on_commit_callbacks, today=day) == {
        "queued": 2
    }
    rows = Notification.objects.filter(kind="checkpoint_due")
    assert {row.object_id for row in rows} == {str(checkpoint.pk)}
    assert {row.recipient for row in rows} == {first, second}
    failed = rows.get(recipient=first)
    assert failed.status == NotificationStatus.FAILED
    # The schedule fires again (the next morning, or twice in a slot): no new row, no mail.
    assert run_scheduled("checkpoint_due_mails", django_capture_on_commit_callbacks, today=day) == {
        "queued": 0
    }
    # The job machinery retries every send run, the sent one included.
    for run in JobRun.objects.filter(job="send_notification"):
        run.status = JobStatus.QUEUED
        run.save()
        execute_run(run.pk, engine="inline")
        execute_run(run.pk, engine="inline")
    assert notification_send(failed.pk) is False
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([first.email, second.email])  # one mail each, never two
    assert {row.status for row in Notification.objects.filter(kind="checkpoint_due")} == {
        NotificationStatus.SENT
    }
    message = mail.outbox[0]
    assert (
        message.subject
        == f"[시흥 일자리 잇다] 1개월 고용 유지 확인 날짜가 되었어요: {posting.title}"
    )
    assert f"{SITE}/employer/placements/" in str(message.body).splitlines()
    assert hired.email not in str(message.body)
    assert UNSUBSCRIBE.search(str(message.body))  # service mail: it can be switched off
    # A checkpoint recorded, or one long past, is not mailed.
    checkpoint.status = "retained"
    checkpoint.recorded_at = checkpoint.placement.created_at
    checkpoint.save()
    later = (today + datetime.timedelta(days=365)).isoformat()
    assert run_scheduled(
        "checkpoint_due_mails", django_capture_on_commit_callbacks, today=later
    ) == {"queued": 0}


def test_an_english_speaking_employer_gets_the_checkpoint_mail_in_english(
    django_capture_on_commit_callbacks: Any,
) -> None:
    posting = posting_in("open")
    member = EmployerMemberFactory.create(employer=posting.employer).user
    member.language = "en"
    member.save(update_fields=["language"])
    application, _hired = applicant(posting)
    placement = placement_for(application, hired_on=seoul_today() - datetime.timedelta(days=31))
    PlacementCheckpoint.objects.filter(placement=placement, month=1).update(due_on=seoul_today())
    run_scheduled("checkpoint_due_mails", django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert '<html lang="en">' in html_of(message)
