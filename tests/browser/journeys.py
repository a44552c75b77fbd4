"""Steps the account and seeker journeys share: signing up through the verification mail,
logging in through the login page (staff with their authenticator app's code), ticking KRDS's
drawn checkboxes and radios the way a person does (by their label), and the 360 px check."""

from __future__ import annotations

import re
import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import CheckPage

LOGIN = "/accounts/login/"
SIGNUP = "/accounts/signup/"


def tick(page: Page, label: str) -> None:
    """KRDS hides the native checkbox or radio and draws its own over the label: click the
    label, then the input must say it is checked."""
    target = page.get_by_label(label, exact=True)
    page.locator(f"label[for='{target.get_attribute('id')}']").click()
    expect(target).to_be_checked()


def confirmation_link(address: str) -> str:
    """The verification mail's link to /accounts/confirm-email/…: a line of its own."""
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no mail to {address}: {[m.to for m in mail.outbox]}"
    lines = [line.strip() for line in str(sent[-1].body).splitlines()]
    links = [
        line for line in lines if re.fullmatch(r"https?://\S+/accounts/confirm-email/\S+", line)
    ]
    assert len(links) == 1, f"the mail has no confirmation link on its own line:\n{sent[-1].body}"
    return links[0]


def sign_up(page: Page, check_page: CheckPage, *, email: str, password: str) -> None:
    """The signup page: email, password, the seeker role and the service consent."""
    page.goto(SIGNUP)
    expect(page.get_by_role("heading", level=1)).to_have_text("회원가입")
    check_page(page, "signup")
    page.get_by_label("이메일", exact=True).fill(email)
    page.get_by_label("비밀번호", exact=True).fill(password)
    tick(page, "일자리를 찾아요 (구직자)")
    tick(page, "서비스 이용에 필요한 개인정보 수집·이용에 동의해요 (필수)")
    page.get_by_role("button", name="가입하기").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    check_page(page, "verification-sent")


def log_in(page: Page, *, email: str, password: str, check_page: CheckPage | None = None) -> None:
    """The login page, in whichever language the page speaks (by the inputs' names)."""
    page.goto(LOGIN)
    if check_page is not None:
        check_page(page, "login")
    form = page.locator("form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def focus_by_tab(page: Page, selector: str, *, key: str = "Tab", limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"{key} never reached {selector} on {page.url}")


def assert_fits(page: Page, width: int) -> None:
    scroll: Any = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways at {width} px ({scroll} px wide)"


def totp_code(secret: str, step: int = 0) -> str:
    """The authenticator app's current code for `secret` (allauth's own TOTP helpers)."""
    counter = int(time.time()) // 30 + step
    return str(format_hotp_value(hotp_value(secret, counter)))


def enrol_authenticator(page: Page, check_page: CheckPage, *, password: str) -> str:
    """A staff member just logged in (and so sent to enrol): confirm the password, read the
    secret off the page as a person types it into their app, enter the app's code. Returns
    the secret."""
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    check_page(page, "enrol-password-again")
    page.locator("input[name=password]").fill(password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    check_page(page, "enrol-authenticator")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("form").filter(has=page.locator("input[name=code]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()
    return secret


def enter_code(page: Page, check_page: CheckPage, *, secret: str, step: int = 0) -> None:
    """The login's second step: the authenticator app's code."""
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    check_page(page, "login-code")
    page.locator("input[name=code]").fill(totp_code(secret, step))
    page.locator("form").filter(has=page.locator("input[name=code]")).locator(
        "button[type=submit]:not([form])"  # not the stage's "cancel" (log out) button
    ).click()
    page.wait_for_load_state()


# The authenticator a staff member of the browser tests has (made by `log_in_staff`).
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def log_in_staff(
    page: Page, user: Any, *, password: str, check_page: CheckPage | None = None
) -> None:
    """A staff member who has enrolled an authenticator app (`STAFF_TOTP_SECRET`; enrolment
    itself is the console journey's) logs in: the password, then the app's code."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, STAFF_TOTP_SECRET)
    log_in(page, email=user.email, password=password, check_page=check_page)
    if check_page is not None:
        enter_code(page, check_page, secret=STAFF_TOTP_SECRET)
        return
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp_code(STAFF_TOTP_SECRET))
    page.locator("form").filter(has=page.locator("input[name=code]")).locator(
        "button[type=submit]:not([form])"
    ).click()
    page.wait_for_load_state()
