"""Issue 13: the marketing consent gates promotions only, and is re-confirmed every 2 years
(정보통신망법 §50⑧): after 2 years without re-confirmation it counts as withdrawn."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from backend.accounts.models import ConsentRecord
from backend.accounts.selectors import has_consent
from backend.accounts.services import consents_record
from backend.notifications.models import (
    MAIL_CLASSES,
    MailClass,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from backend.notifications.services import notification_queue
from tests.api import assert_status
from tests.factories.accounts import log_in, seeker

pytestmark = pytest.mark.django_db

NEWS = {"title": "시흥 채용박람회 안내", "summary": "12월 10일 시흥시청에서 채용박람회가 열려요."}


def age_marketing_consent(user: Any, days: int) -> None:
    ConsentRecord.objects.filter(user=user, purpose="marketing").update(
        recorded_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_every_mail_kind_is_classified_and_only_news_is_marketing() -> None:
    assert set(MAIL_CLASSES) == set(NotificationKind.values)
    assert {kind for kind, cls in MAIL_CLASSES.items() if cls == MailClass.MARKETING} == {
        NotificationKind.JOB_NEWS
    }
    assert MAIL_CLASSES[NotificationKind.APPLICATION_STATUS_CHANGED] == MailClass.SERVICE


def test_a_promotion_goes_only_to_people_with_the_marketing_consent(
    django_capture_on_commit_callbacks: Any,
) -> None:
    consenting, refusing, silent = seeker(), seeker(), seeker()
    consents_record(user=consenting, decisions={"service": True, "marketing": True})
    consents_record(user=refusing, decisions={"service": True, "marketing": False})
    with django_capture_on_commit_callbacks(execute=True):
        for person in (consenting, refusing, silent):
            notification_queue(
                recipient=person, kind="job_news", obj=None, key="fair-2026-12", context=NEWS
            )
    assert [message.to for message in mail.outbox] == [[consenting.email]]
    assert mail.outbox[0].subject.startswith("[시흥 일자리 잇다] (광고)")
    assert "/me/privacy/" in mail.outbox[0].body  # how to stop them
    cancelled = Notification.objects.filter(status=NotificationStatus.CANCELLED)
    assert {row.recipient for row in cancelled} == {refusing, silent}


def test_withdrawing_between_queue_and_send_stops_the_promotion(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = seeker()
    consents_record(user=person, decisions={"service": True, "marketing": True})
    with django_capture_on_commit_callbacks(execute=False) as queued:
        notification_queue(recipient=person, kind="job_news", obj=None, key="n1", context=NEWS)
    consents_record(user=person, decisions={"marketing": False})
    for callback in queued:
        callback()
    assert mail.outbox == []
    assert Notification.objects.get().status == NotificationStatus.CANCELLED


def test_a_marketing_consent_lapses_after_two_years_without_reconfirmation(
    client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = seeker()
    consents_record(user=person, decisions={"service": True, "marketing": True})
    age_marketing_consent(person, days=731)
    assert not has_consent(user=person, purpose="marketing")
    rows = {row["purpose"]: row for row in client_for(person).get("/api/v1/me/consents/").json()}
    assert rows["marketing"]["granted"] is False
    assert rows["marketing"]["expires_at"] is not None
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(recipient=person, kind="job_news", obj=None, key="n2", context=NEWS)
    assert mail.outbox == []
    # The service consent does not lapse: service mail keeps going.
    ConsentRecord.objects.filter(user=person, purpose="service").update(
        recorded_at=timezone.now() - datetime.timedelta(days=3000)
    )
    assert has_consent(user=person, purpose="service")


def test_the_privacy_centre_asks_to_reconfirm_and_reconfirming_renews(client_for: Any) -> None:
    person = seeker()
    consents_record(user=person, decisions={"service": True, "marketing": True})
    age_marketing_consent(person, days=710)  # lapses in 20 days
    client = client_for(person)
    log_in(client, person)
    page = client.get("/me/privacy/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="reconfirm-marketing"' in html
    assert "계속 받을게요" in html

    response = client.post(
        "/me/privacy/consents/", {"purpose": "marketing", "granted": "1", "reconfirm": "on"}
    )
    assert response.status_code == 302
    assert has_consent(user=person, purpose="marketing")
    assert 'id="reconfirm-marketing"' not in client.get("/me/privacy/").content.decode()

    age_marketing_consent(person, days=800)
    html = client.get("/me/privacy/").content.decode()
    assert "2년이 지나 동의가 끝났어요" in html
    assert_status(client.get("/api/v1/me/consents/"), 200)
