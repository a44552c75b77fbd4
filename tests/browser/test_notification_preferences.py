"""Issue 16: the notification preferences page and a mail's unsubscribe link in a real
browser, checked with axe-core: a seeker switches a kind off and on; the unsubscribe link of a
real mail opens a page that asks, and only its button switches the kind off."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from backend.jobs.hiring import application_set_status, application_submit
from backend.notifications.models import NotificationPreference
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import log_in, tick
from tests.factories.accounts import PASSWORD, seeker
from tests.factories.employers import EmployerMemberFactory
from tests.factories.jobs import posting_in


@pytest.fixture(autouse=True)
def _inline(settings: Any, embedded_search: None, live_server: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = live_server.url


def test_a_seeker_chooses_mails_and_unsubscribes_from_a_mail(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    person = seeker(email="mail-prefs@example.kr")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    page = new_page()
    log_in(page, email=person.email, password=PASSWORD)
    page.goto("/me/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("알림 메일 설정")
    check_page(page, "preferences")
    box = page.get_by_label("멘토링 새 메시지 알림", exact=True)
    expect(box).to_be_checked()
    page.locator(f"label[for='{box.get_attribute('id')}']").click()
    expect(box).not_to_be_checked()
    page.get_by_role("button", name="저장하기").click()
    expect(page.locator("body")).to_contain_text("알림 메일 설정을 저장했어요.")
    check_page(page, "preferences-saved")
    assert (
        NotificationPreference.objects.get(user=person, kind="mentoring_message").enabled is False
    )
    tick(page, "멘토링 새 메시지 알림")
    page.get_by_role("button", name="저장하기").click()
    expect(page.locator("body")).to_contain_text("알림 메일 설정을 저장했어요.")
    assert NotificationPreference.objects.get(user=person, kind="mentoring_message").enabled

    # A real service mail, then its unsubscribe link in a fresh browser (no session).
    posting = posting_in("open")
    employer = EmployerMemberFactory.create(employer=posting.employer).user
    application = application_submit(posting=posting, seeker=person, provision_consent=True)
    application_set_status(application=application, actor=employer, status="reviewing")
    [message] = [m for m in mail.outbox if m.to == [person.email]]
    link = re.search(r"^(http\S+/notifications/unsubscribe/\S+/)$", str(message.body), re.M)
    assert link, message.body
    stranger = new_page()
    stranger.goto(link.group(1))
    expect(stranger.get_by_role("heading", level=1)).to_have_text("메일 수신 거부")
    check_page(stranger, "unsubscribe-ask")
    # The GET (what a mail scanner does) changed nothing: the kind is still on.
    assert NotificationPreference.objects.get(
        user=person, kind="application_status_changed"
    ).enabled
    stranger.get_by_role("button", name="수신 거부하기").click()
    expect(stranger.get_by_role("status")).to_contain_text("지원 상태 변경 알림")
    check_page(stranger, "unsubscribe-done")
    pref = NotificationPreference.objects.get(user=person, kind="application_status_changed")
    assert pref.enabled is False
    assert pref.channel == "mail"
    page.reload()
    expect(page.get_by_label("지원 상태 변경 알림 (구직자)", exact=True)).not_to_be_checked()
