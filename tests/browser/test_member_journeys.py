"""Colleagues in a real browser, by keyboard alone (Tab, Enter, Space; no clicks): the owner
invites a colleague by email from /employer/members/, the colleague opens the mail's link in
a browser of her own, logs in from the invitation page, comes back to it and accepts, and
sees the organisation's dashboard; the owner removes her, and at once her pages of the
organisation are gone (the posting she could edit is the 404 page, the console asks her to
register an organisation). Every page is checked with axe-core (check_page)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.employers.models import EmployerMember
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import LOGIN, focus_by_tab
from tests.factories.accounts import PASSWORD, employer_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in

COLLEAGUE = "hr@daeya.example.kr"


@pytest.fixture(autouse=True)
def _inline_mail_no_rate_limits(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"  # the invitation mail goes at once
    cache.clear()


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def press_on(page: Page, selector: str, key: str = "Enter") -> None:
    """Tab to `selector` from the top of the page, see its focus ring, press `key`."""
    page.locator("body").focus()
    focus_by_tab(page, selector)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", f"{selector} shows no focus ring"
    submit(page, key)


def submit(page: Page, key: str = "Enter") -> None:
    """Press `key` and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def type_into(page: Page, selector: str, text: str) -> None:
    focus_by_tab(page, selector)
    page.keyboard.type(text)


def log_in_by_keyboard(page: Page, *, email: str) -> None:
    """On the login page: Tab to each field, type, Enter."""
    page.locator("body").focus()
    form = "form:has(input[name=password])"
    type_into(page, f"{form} input[name=login]", email)
    type_into(page, f"{form} input[name=password]", PASSWORD)
    submit(page)


def heading(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def invitation_link(address: str) -> str:
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, [message.to for message in mail.outbox]
    found = re.search(r"https?://\S+(/employer/invitations/[A-Za-z0-9_-]+/)", str(sent[-1].body))
    assert found, sent[-1].body
    return found.group(1)


def test_a_colleague_is_invited_joins_and_is_removed_by_keyboard_alone(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    employer, owner = employer_with_user(name="주식회사 대야경리 (가상)")
    verified(owner)
    posting = posting_in("draft", employer=employer, title="오후 경리 사무원")
    colleague = verified(employer_user(email=COLLEAGUE))

    # The owner invites her colleague.
    owner_page = new_page()
    owner_page.goto(LOGIN)
    log_in_by_keyboard(owner_page, email=owner.email)
    owner_page.goto("/employer/members/")
    heading(owner_page).to_have_text("함께 일하는 사람")
    check_page(owner_page, "members")
    owner_page.locator("body").focus()
    type_into(owner_page, "input[name=email]", "hr@daeya")  # not an address yet
    submit(owner_page)
    expect(owner_page.locator("#error-summary")).to_contain_text("올바른 이메일 주소")
    expect(owner_page.locator("input[name=email]")).to_have_value("hr@daeya")
    check_page(owner_page, "members-bad-address")
    focus_by_tab(owner_page, "input[name=email]")
    owner_page.keyboard.press("End")
    owner_page.keyboard.type(".example.kr")
    submit(owner_page)
    expect(owner_page.locator("table", has_text=COLLEAGUE)).to_have_count(1)
    check_page(owner_page, "members-invited")
    link = invitation_link(COLLEAGUE)

    # She opens the link logged out, logs in from it and comes back to accept.
    colleague_page = new_page()
    colleague_page.goto(link)
    heading(colleague_page).to_have_text("'주식회사 대야경리 (가상)' 구성원 초대")
    check_page(colleague_page, "invitation")
    press_on(colleague_page, "main a[href^='/accounts/login/?next=']")
    log_in_by_keyboard(colleague_page, email=COLLEAGUE)
    expect(colleague_page).to_have_url(f"{live_server.url}{link}")
    check_page(colleague_page, "invitation-logged-in")
    press_on(colleague_page, "main form button[type=submit]", key="Space")
    expect(colleague_page).to_have_url(f"{live_server.url}/employer/")
    heading(colleague_page).to_have_text("주식회사 대야경리 (가상)")
    check_page(colleague_page, "colleague-dashboard")
    member = EmployerMember.objects.get(user=colleague)
    assert (member.employer_id, member.role) == (employer.pk, "manager")
    colleague_page.goto(f"/employer/postings/{posting.pk}/edit/")
    expect(colleague_page.get_by_label("공고 제목")).to_have_value("오후 경리 사무원")

    # The owner removes her; at once the organisation's pages are gone for her.
    owner_page.goto("/employer/members/")
    press_on(owner_page, f"#member-{member.pk} button")
    expect(owner_page.locator(f"#member-{member.pk}")).to_have_count(0)
    check_page(owner_page, "members-removed")
    assert not EmployerMember.objects.filter(user=colleague).exists()
    response = colleague_page.goto(f"/employer/postings/{posting.pk}/edit/")
    assert response is not None
    assert response.status == 404
    heading(colleague_page).to_have_text("찾을 수 없어요")
    check_page(colleague_page, "colleague-removed-posting")
    colleague_page.goto("/employer/members/")
    expect(colleague_page).to_have_url(f"{live_server.url}/employer/organisation/")
    heading(colleague_page).to_have_text("기업 등록하기")
    check_page(colleague_page, "colleague-removed")
