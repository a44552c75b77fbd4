"""The browser chain end to end: Chromium, the live server, axe-core, screenshots, the request log.

Runs on the login page (styled like the site: axe must pass there) and on pages made up in the
test, which prove the checks can fail.
"""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.conftest import CheckPage
from tests.browser.helpers import (
    ARTIFACTS,
    AxeViolations,
    assert_no_csp_violations,
    assert_no_offsite_requests,
    request_log,
)
from tests.factories.accounts import PASSWORD, seeker

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _no_rate_limits_left_over() -> None:
    from django.core.cache import cache

    cache.clear()  # allauth's login rate-limit counters live in the cache


def test_a_seeker_logs_in_through_the_login_page(
    page: Page, check_page: CheckPage, live_server: Any
) -> None:
    user = seeker(email="browser-seeker@example.kr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    page.goto(LOGIN)
    expect(page.locator("input[name=login]")).to_be_visible()
    report = check_page(page, "login-form")  # raises on a serious or critical violation
    assert report.passes > 0, "axe ran no rule at all"

    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "[type=submit]"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/me/")  # a seeker lands on her dashboard
    cookies = {cookie["name"] for cookie in page.context.cookies(live_server.url)}
    assert settings.SESSION_COOKIE_NAME in cookies, f"no session cookie after logging in: {cookies}"
    assert_no_offsite_requests(page, live_server.url)


def test_axe_fails_on_an_image_without_alt(page: Page, check_page: CheckPage) -> None:
    page.goto(LOGIN)  # a document of the live server, then replaced
    page.set_content('<html lang="ko"><title>깨진 쪽</title><main><img src="x.png"></main>')

    with pytest.raises(AxeViolations) as caught:
        check_page(page, "image-without-alt")

    failing = {violation["id"]: violation for violation in caught.value.report.failing}
    assert failing["image-alt"]["impact"] == "critical"
    message = str(caught.value)
    assert "image-alt (critical)" in message
    assert "at img" in message  # the node's target selector
    shot = ARTIFACTS / "test_axe_fails_on_an_image_without_alt" / "01-image-without-alt.png"
    assert shot.is_file()


def test_a_clean_page_passes_and_minor_findings_do_not_fail(
    page: Page, check_page: CheckPage
) -> None:
    page.goto(LOGIN)
    page.set_content(
        '<html lang="ko"><head><title>시흥 일자리 잇다</title></head>'
        '<body><main><h1>일자리 찾기</h1><img src="x.png" alt="시흥시 로고"></main></body></html>'
    )

    report = check_page(page, "clean")

    assert report.failing == []
    assert report.passes > 0


def test_a_request_to_another_host_is_caught(page: Page, live_server: Any) -> None:
    page.goto(LOGIN)
    page.set_content('<img alt="" src="http://cdn.example.invalid/krds.png">')
    page.wait_for_load_state()

    with pytest.raises(AssertionError, match=r"cdn\.example\.invalid/krds\.png"):
        assert_no_offsite_requests(page, live_server.url)
    request_log(page).urls.clear()  # or the fixture's own check fails this test at teardown


@pytest.mark.parametrize(
    "page", [{"width": 360, "locale": "en-US"}], indirect=True, ids=["phone-en"]
)
def test_page_options_reach_the_browser(page: Page) -> None:
    page.goto(LOGIN)

    assert page.evaluate("window.innerWidth") == 360
    assert page.evaluate("navigator.language") == "en-US"


def test_an_inline_script_without_the_nonce_is_caught(page: Page, check_page: CheckPage) -> None:
    page.goto(LOGIN)
    # What an injected <script> (a stored XSS) would do: the policy refuses to run it.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__injected = true'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.__injected === undefined")
    with pytest.raises(AssertionError, match="Content-Security-Policy violation"):
        check_page(page, "inline-script-refused")


def test_the_api_docs_run_under_the_policy(page: Page, check_page: CheckPage) -> None:
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("시흥 일자리 잇다 API")
    assert_no_csp_violations(page)
