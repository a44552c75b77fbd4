"""Issue 13, 'Access log': rows carry the client IP through the trusted-proxy count; one
staff member reading more than N records within an hour mails the privacy officer; rows are
kept 2 years, then purged by a scheduled job."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import AccessLog
from backend.accounts.services import access_log, staff_user_create
from backend.core.client_ip import client_ip
from backend.notifications.models import Notification
from tests.factories.accounts import log_in, seeker
from tests.factories.seekers import graduate_profile
from workers.registry import get_job
from workers.schedule import entry_named

pytestmark = pytest.mark.django_db


# --- the client IP ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.2"),  # no proxy: the header is the client's, never trusted
        (1, "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # the proxy appended the real peer
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.5", "198.51.100.9"),
        (2, "198.51.100.9", "10.0.0.2"),  # shorter than the proxies: bypassed, use the peer
        (1, "not-an-ip", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(
    settings: Any, proxies: int, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_staff_read_through_a_proxy_logs_the_client_ip(settings: Any, client_for: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    staff = staff_user_create(email="officer@siheung.go.kr", password=None)
    profile = graduate_profile()
    client = client_for(staff)
    client.get(
        f"/api/v1/seekers/{profile.pk}/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50",
    )
    row = AccessLog.objects.get(subject=profile.user)
    assert row.ip_address == "203.0.113.50"


# --- the bulk-read alert ------------------------------------------------------------------


@pytest.fixture
def officer(settings: Any) -> str:
    settings.PRIVACY_OFFICER_EMAIL = "privacy@siheung.go.kr"
    settings.ACCESS_ALERT_READS_PER_HOUR = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return "privacy@siheung.go.kr"


def test_a_staff_member_reading_many_records_in_an_hour_alerts_the_privacy_officer(
    officer: str, django_capture_on_commit_callbacks: Any
) -> None:
    staff = staff_user_create(email="curious@siheung.go.kr", password="a-long-password-1")
    profiles = [graduate_profile(display_name=f"구직자{n}") for n in range(5)]
    client = Client(REMOTE_ADDR="203.0.113.7")
    log_in(client, staff, backend="django.contrib.auth.backends.ModelBackend")
    with django_capture_on_commit_callbacks(execute=True):
        for profile in profiles[:3]:  # 3 reads: at the threshold, no alert
            client.get(reverse("admin:seekers_seekerprofile_change", args=[profile.pk]))
    assert [m for m in mail.outbox if officer in m.to] == []
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("admin:seekers_seekerprofile_change", args=[profiles[3].pk]))
        client.get(reverse("admin:seekers_seekerprofile_change", args=[profiles[4].pk]))
    alerts = [m for m in mail.outbox if officer in m.to]
    assert len(alerts) == 1  # once per staff member and hour, not once per read
    assert "curious@siheung.go.kr" in alerts[0].body
    assert "4명" in alerts[0].body
    assert Notification.objects.filter(kind="bulk_read_alert").count() == 1


def test_employers_reads_and_few_reads_raise_no_alert(officer: str) -> None:
    staff = staff_user_create(email="calm@siheung.go.kr", password=None)
    for _ in range(3):
        access_log(actor=staff, subject=seeker(), what="test")
    assert not Notification.objects.filter(kind="bulk_read_alert").exists()


# --- retention of the access log ----------------------------------------------------------


def test_access_log_rows_are_kept_two_years_then_purged_by_the_schedule() -> None:
    staff = staff_user_create(email="officer@siheung.go.kr", password=None)
    person = seeker()
    start = timezone.now()
    with time_machine.travel(start - datetime.timedelta(days=731), tick=False):
        old = access_log(actor=staff, subject=person, what="old read")
    with time_machine.travel(start - datetime.timedelta(days=729), tick=False):
        recent = access_log(actor=staff, subject=person, what="recent read")
    # The scheduled entry's job, as the scheduler would run it.
    job = get_job(entry_named("purge-access-log").job)
    assert job.function() == {"deleted": 1}
    remaining = set(AccessLog.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert recent.pk in remaining
