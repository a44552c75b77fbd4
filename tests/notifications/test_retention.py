"""Issue 13, 'Retention': a policy per data kind as data (with the legal basis); accounts
unused for the policy's period are told 30 days before, then deleted through the account
deletion service; finished job runs, outbox rows and old mail rows are purged on schedule.
Time is travelled with time-machine."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from backend.accounts.hooks import account_deleting
from backend.accounts.models import User
from backend.core.retention import retention_days, retention_policy
from backend.notifications.models import Notification, NotificationStatus
from search.models import OutboxEvent
from tests.factories.accounts import seeker, staff_user
from tests.factories.seekers import graduate_profile
from workers.models import JobRun, JobStatus
from workers.registry import get_job
from workers.schedule import schedule

pytestmark = pytest.mark.django_db

PERIOD = retention_days("inactive_account")
NOTICE = retention_days("inactive_account", "notice_days")


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run(job: str, capture: Any) -> Any:
    """Run a scheduled job as the scheduler would (its mails sent on commit)."""
    assert job in {entry.job for entry in schedule()}, f"{job} is not scheduled"
    with capture(execute=True):
        return get_job(job).function()


def test_every_kind_has_a_period_and_a_legal_basis() -> None:
    policy = retention_policy()
    assert {"inactive_account", "access_log", "job_runs", "search_outbox", "notifications"} <= set(
        policy
    )
    assert policy["access_log"]["days"] == 730
    for entry in policy.values():
        assert entry["basis"].strip()
        assert entry["days"] >= 1
        assert entry["job"] in {e.job for e in schedule()}


def test_an_unused_account_is_told_30_days_before_then_deleted(
    django_capture_on_commit_callbacks: Any,
) -> None:
    deleting: list[int] = []

    def spy(*, user: User) -> None:
        deleting.append(user.pk)

    account_deleting.subscribe(spy)
    start = timezone.now()
    try:
        with time_machine.travel(start, tick=False):
            profile = graduate_profile()
            person = profile.user
            person.last_login = start
            person.save()
            keeper = seeker()  # logs in again before the deadline
            keeper.last_login = start
            keeper.save()
            staff = staff_user()
            staff.last_login = start
            staff.save()

        # The day before the notice window: nothing.
        with time_machine.travel(start + datetime.timedelta(days=PERIOD - NOTICE - 1)):
            assert run("warn_inactive_accounts", django_capture_on_commit_callbacks) == {
                "warned": 0
            }
        # In the window: one mail each (staff accounts are the city's), naming the day.
        with time_machine.travel(start + datetime.timedelta(days=PERIOD - NOTICE + 1)):
            assert run("warn_inactive_accounts", django_capture_on_commit_callbacks) == {
                "warned": 2
            }
            assert run("warn_inactive_accounts", django_capture_on_commit_callbacks) == {
                "warned": 0
            }
            notices = [m for m in mail.outbox if person.email in m.to]
            assert len(notices) == 1
            assert "삭제" in notices[0].subject
            assert not [m for m in mail.outbox if staff.email in m.to]
            keeper.last_login = timezone.now()
            keeper.save()

        # The period has passed but the notice is younger than 30 days: kept.
        with time_machine.travel(start + datetime.timedelta(days=PERIOD + 1)):
            assert User.objects.filter(pk=person.pk).exists()
            result = run("delete_inactive_accounts", django_capture_on_commit_callbacks)
            assert result["deleted"] == 0
        # 30 days after the notice: deleted through the deletion service.
        with time_machine.travel(start + datetime.timedelta(days=PERIOD + NOTICE + 2)):
            result = run("delete_inactive_accounts", django_capture_on_commit_callbacks)
            assert result["deleted"] == 1
    finally:
        account_deleting.unsubscribe(spy)
    assert not User.objects.filter(pk=person.pk).exists()
    assert deleting == [person.pk]  # account_deleting fired (the reports keep their facts)
    assert User.objects.filter(pk=keeper.pk).exists()  # came back: a new period
    assert User.objects.filter(pk=staff.pk).exists()


def test_an_account_whose_notice_never_went_out_is_not_deleted(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        person = seeker()
    with time_machine.travel(start + datetime.timedelta(days=PERIOD + NOTICE + 5)):
        result = run("delete_inactive_accounts", django_capture_on_commit_callbacks)
    assert result == {"deleted": 0, "kept": 1}
    assert User.objects.filter(pk=person.pk).exists()


def test_finished_runs_outbox_rows_and_old_mails_are_purged_on_schedule(
    django_capture_on_commit_callbacks: Any,
) -> None:
    start = timezone.now()
    person = seeker()
    with time_machine.travel(start - datetime.timedelta(days=400), tick=False):
        old_event = OutboxEvent.objects.create(entity="posting", entity_id=1)
        pending = OutboxEvent.objects.create(entity="posting", entity_id=2)
        OutboxEvent.objects.filter(pk=old_event.pk).update(processed_at=timezone.now())
        old_run = JobRun.objects.create(
            job="noop", status=JobStatus.DONE, finished_at=timezone.now(), max_attempts=1
        )
        old_mail = Notification.objects.create(
            recipient=person,
            to_email=person.email,
            kind="account_email",
            object_type="",
            object_id="",
            key="old",
            status=NotificationStatus.SENT,
        )
    fresh_event = OutboxEvent.objects.create(entity="posting", entity_id=3)
    OutboxEvent.objects.filter(pk=fresh_event.pk).update(processed_at=timezone.now())
    fresh_mail = Notification.objects.create(
        recipient=person,
        to_email=person.email,
        kind="account_email",
        object_type="",
        object_id="",
        key="fresh",
        status=NotificationStatus.SENT,
    )
    for job in ("purge_search_outbox", "prune_job_runs", "purge_notifications"):
        run(job, django_capture_on_commit_callbacks)
    assert set(OutboxEvent.objects.values_list("pk", flat=True)) == {pending.pk, fresh_event.pk}
    assert not JobRun.objects.filter(pk=old_run.pk).exists()
    assert set(Notification.objects.values_list("pk", flat=True)) >= {fresh_mail.pk}
    assert not Notification.objects.filter(pk=old_mail.pk).exists()
