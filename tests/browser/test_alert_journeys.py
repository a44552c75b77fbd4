"""Issue 16 in a real browser: a seeker saves a search on /jobs/, finds it under /me/, gets an
alert mail when a matching posting is published and follows its link; an employer follows
the deadline reminder's signed link and extends the posting with its button. Every page is
checked with axe-core (check_page), the mails too."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from playwright.sync_api import expect

from backend.accounts.models import User
from backend.jobs.models import Posting, SavedSearch, seoul_today
from backend.jobs.renewal import deadline_reminders
from backend.jobs.saved_searches import saved_search_alerts
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import log_in, tick
from tests.factories.accounts import PASSWORD, seeker
from tests.factories.employers import employer_with_user


@pytest.fixture(autouse=True)
def _mail_inline(settings: Any, live_server: Any, embedded_search: None) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = live_server.url
    cache.clear()


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def html_of(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def test_a_seeker_saves_a_search_and_gets_an_alert(
    new_page: NewPage,
    check_page: CheckPage,
    open_posting: Callable[..., Posting],
    live_server: Any,
) -> None:
    open_posting(
        title="카페 바리스타 (오전)", description="시흥 대야동 카페에서 바리스타를 모십니다."
    )
    person = verified(seeker(email="minji.kim@example.kr"))
    page = new_page()
    log_in(page, email=person.email, password=PASSWORD)
    page.goto("/jobs/?q=바리스타")
    expect(page.get_by_role("heading", level=2, name=re.compile("공고 1건"))).to_be_visible()
    check_page(page, "search")
    page.get_by_role("link", name="이 검색 저장").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("이 검색 저장")
    expect(page.get_by_label("검색 이름")).to_have_value("바리스타")
    check_page(page, "confirm")
    tick(page, "매주")
    tick(page, "매일")
    page.get_by_role("button", name="검색 저장하기").click()
    expect(page).to_have_url(re.compile("/me/saved-searches/$"))
    expect(page.get_by_text("검색을 저장했어요")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="바리스타")).to_be_visible()
    check_page(page, "saved-searches")
    saved = SavedSearch.objects.get(user=person)
    assert saved.query == {"q": "바리스타"}
    assert saved.frequency == "daily"

    # A matching posting is published after the search was saved: the morning job mails it.
    new = open_posting(
        title="주말 바리스타", description="주말에 일할 바리스타를 찾습니다. 시흥 정왕동 매장."
    )
    saved_search_alerts()
    [message] = [m for m in mail.outbox if m.to == [person.email]]
    assert "주말 바리스타" in message.body
    assert "카페 바리스타 (오전)" not in message.body
    mail_page = new_page()
    mail_page.set_content(html_of(message))
    check_page(mail_page, "alert-mail")
    link = mail_page.get_by_role("link", name="주말 바리스타").get_attribute("href")
    assert link == f"{live_server.url}/jobs/{new.pk}/"
    page.goto(f"/jobs/{new.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("주말 바리스타")
    # The list now says when the last alert went; changing it to weekly is one form.
    page.goto("/me/saved-searches/")
    expect(page.get_by_text("마지막 알림")).to_be_visible()
    page.get_by_role("link", name=re.compile("^바꾸기")).click()
    tick(page, "매주")
    page.get_by_role("button", name="바꾼 내용 저장").click()
    expect(page.get_by_text("매주")).to_be_visible()
    check_page(page, "changed")
    saved.refresh_from_db()
    assert saved.frequency == "weekly"


def test_an_employer_extends_a_posting_from_the_reminder(
    new_page: NewPage,
    check_page: CheckPage,
    open_posting: Callable[..., Posting],
    live_server: Any,
) -> None:
    employer, owner = employer_with_user(name="시흥 베이커리 (가상)")
    verified(owner)
    posting = open_posting(title="제빵 보조", deadline=seoul_today() + datetime.timedelta(days=3))
    Posting.objects.filter(pk=posting.pk).update(employer=employer)
    deadline_reminders()
    [message] = [m for m in mail.outbox if m.to == [owner.email]]
    mail_page = new_page()
    mail_page.set_content(html_of(message))
    check_page(mail_page, "reminder-mail")
    link = mail_page.get_by_role("link", name="마감일 연장하기").get_attribute("href")
    assert link
    assert link.startswith(f"{live_server.url}/employer/postings/renewal/")
    page = new_page()
    log_in(page, email=owner.email, password=PASSWORD)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("마감일 연장")
    check_page(page, "extend")
    new_deadline = seoul_today() + datetime.timedelta(days=24)
    page.get_by_label("새 마감일").fill(new_deadline.isoformat())
    page.get_by_role("button", name="마감일 연장하기").click()
    expect(page.get_by_text("마감일을")).to_be_visible()
    check_page(page, "extended")
    posting.refresh_from_db()
    assert posting.deadline == new_deadline
    assert posting.status == "open"
