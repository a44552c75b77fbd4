"""Account journeys in a real browser: signup with a missing consent comes back with the
error and the input kept, the signup page in English, a wrong password at login, and a
password reset through the mail's link (a line of its own) to the dashboard. The whole signup
→ verification mail → login journey is the returner's, in test_seeker_journeys.py. Every page
is checked with axe-core (check_page)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import LOGIN, SIGNUP, log_in, tick
from tests.factories.accounts import seeker

NEW_PASSWORD = "a-new-password-2026"


@pytest.fixture(autouse=True)
def _mail_inline_no_rate_limits(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"  # mails go out through the jobs
    cache.clear()  # allauth's rate-limit counters live in the cache


def verified_seeker(email: str) -> User:
    user = seeker(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_signup_without_the_service_consent_keeps_the_input(
    page: Page, check_page: CheckPage
) -> None:
    page.goto(SIGNUP)
    page.get_by_label("이메일", exact=True).fill("no-consent@example.kr")
    page.get_by_label("비밀번호", exact=True).fill("a-long-enough-pass-2026")
    tick(page, "일자리를 찾아요 (구직자)")
    tick(page, "채용 소식을 이메일로 받는 데 동의해요 (선택)")
    page.get_by_role("button", name="가입하기").click()

    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    beside = page.locator("#error-consent_service")
    expect(beside).to_contain_text("필수 개인정보 수집·이용에 동의해야 가입할 수 있어요.")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("필수 개인정보 수집·이용에 동의해야 가입할 수 있어요.")
    expect(page.get_by_label("이메일", exact=True)).to_have_value("no-consent@example.kr")
    expect(page.get_by_label("일자리를 찾아요 (구직자)")).to_be_checked()
    expect(page.get_by_label("채용 소식을 이메일로 받는 데 동의해요 (선택)")).to_be_checked()
    check_page(page, "signup-no-consent")
    assert not User.objects.filter(email="no-consent@example.kr").exists()
    assert mail.outbox == []


def test_the_signup_page_in_english(new_page: NewPage, check_page: CheckPage) -> None:
    page = new_page(locale="en-US")
    page.goto(SIGNUP)
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    expect(page.get_by_role("group", name="Why are you signing up?")).to_be_visible()
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    hangul = page.locator("main").evaluate(
        "main => [...main.innerText.matchAll(/[가-힣]+/g)].map(m => m[0])"
    )
    assert hangul == [], f"Korean left on the English signup page: {hangul}"
    check_page(page, "signup-english")


def test_a_wrong_password_comes_back_with_the_email_kept(page: Page, check_page: CheckPage) -> None:
    user = verified_seeker("wrong-password@example.kr")
    log_in(page, email=user.email, password="not-the-password")
    expect(page).to_have_url(re.compile(f"{LOGIN}$"))
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("input[name=login]")).to_have_value(user.email)
    check_page(page, "login-wrong-password")


def test_a_password_reset_through_the_mail(
    page: Page, check_page: CheckPage, live_server: Any
) -> None:
    user = verified_seeker("forgot@example.kr")
    page.goto(LOGIN)
    page.get_by_role("link", name="비밀번호를 잊었어요").click()
    check_page(page, "reset-request")
    page.locator("input[name=email]").fill(user.email)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    check_page(page, "reset-sent")

    (message,) = mail.outbox
    lines = [line.strip() for line in str(message.body).splitlines()]
    (link,) = [line for line in lines if re.fullmatch(r"https?://\S+/reset/key/\S+", line)]
    page.goto(link)
    check_page(page, "reset-new-password")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    if page.locator("input[name=password2]").count():
        page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="비밀번호 변경").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))
    check_page(page, "reset-done")

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    log_in(page, email=user.email, password=NEW_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/me/")
