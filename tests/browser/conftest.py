"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test under tests/browser/ is marked `browser` (make test PYTEST_ARGS="-m browser" runs
only them). A page test asks for `page` (a fresh browser context on the live server, Korean,
desktop-sized) or `new_page(...)` (its own viewport and locale), and calls `check_page(page,
"name")` at each state worth looking at: axe-core must find no serious or critical violation,
a full-page screenshot goes to var/browser/<test>/<NN>-<name>.png, and no request may have
left the site. At the end of each test the request check runs once more over everything its
pages loaded.

    def test_login_form(page, check_page):
        page.goto("/accounts/login/")            # base_url is the live server
        check_page(page, "empty-form")

    def test_on_a_phone_in_english(new_page, check_page):
        page = new_page(width=360, locale="en-US")
        ...

    @pytest.mark.parametrize("page", [{"width": 360}, {"locale": "en-US"}], indirect=True)
    def test_twice(page, check_page): ...

Chromium is the Debian package (/usr/bin/chromium, or $SJL_CHROMIUM); `make test` installs it
and fonts-noto-cjk (scripts/servers.py browser). Playwright never downloads a browser here.
One Chromium runs for all the tests of this directory; each test gets new contexts (own
cookies, storage, cache).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from backend.matching.policy import load_default_policy
from backend.taxonomy.loading import load_reference_data
from tests.browser.helpers import (
    AxeReport,
    CspLog,
    RequestLog,
    artifact_dir,
    assert_no_csp_violations,
    assert_no_offsite_requests,
    assert_no_serious_violations,
    csp_violations,
    run_axe,
    screenshot,
)
from tests.web.postings import embedded_search, open_posting

DEFAULT_CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = (
    "`make test` installs it (as root: apt-get install chromium fonts-noto-cjk; "
    "python3 scripts/servers.py browser does the same)"
)
DESKTOP = {"width": 1280, "height": 800}
PHONE_HEIGHT = 740
ACTION_TIMEOUT_MS = 10_000  # Playwright's 30 s default only makes a broken test slow

NewPage = Callable[..., Page]
CheckPage = Callable[[Page, str], AxeReport]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def chromium() -> str:
    """The Chromium executable: $SJL_CHROMIUM, else Debian's /usr/bin/chromium, else PATH's.
    Missing, every browser test fails (never skips) saying how to install it."""
    explicit = os.environ.get("SJL_CHROMIUM")
    path = explicit or DEFAULT_CHROMIUM
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    found = None if explicit else shutil.which("chromium")
    if not found:
        where = f"SJL_CHROMIUM={explicit}" if explicit else path
        pytest.fail(f"no Chromium at {where}: {INSTALL_HINT}", pytrace=False)
    return found


@pytest.fixture(scope="package")
def playwright(chromium: str) -> Iterator[Playwright]:
    """Playwright for the browser tests only, with Django's async-safety check relaxed.

    Playwright's sync API runs an asyncio event loop in this (the test) thread: while it is
    started, asyncio.get_running_loop() answers that loop, and Django's @async_unsafe guard on
    the ORM takes every query the test makes (factories, asserts, the database flush of
    transactional tests) for one made from async code and raises SynchronousOnlyOperation.
    Nothing here is async: the test's queries run synchronously in this thread and the live
    server answers from its own thread with its own connection. So DJANGO_ALLOW_ASYNC_UNSAFE
    is set exactly while Playwright runs, and this fixture is package-scoped, not
    session-scoped, so that both end with the last test of tests/browser/ and the rest of the
    suite runs with the check on and no event loop.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        patch.setenv("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")  # belt and braces: never fetch one
        pw = sync_playwright().start()
        try:
            yield pw
        finally:
            pw.stop()


@pytest.fixture(scope="package")
def browser(playwright: Playwright, chromium: str) -> Iterator[Browser]:
    """One headless Chromium for all the browser tests (root needs --no-sandbox)."""
    args = ["--disable-dev-shm-usage"]  # containers give /dev/shm 64 MB
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium's sandbox refuses to run as root
    try:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=args)
    except Exception as exc:
        pytest.fail(f"Chromium {chromium} did not start: {exc}\n{INSTALL_HINT}", pytrace=False)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[NewPage]:
    """`new_page(width=1280, height=None, locale="ko-KR", **context_options)`: a page in a new
    browser context whose relative URLs go to the live server. `width=360` is a phone (740 px
    high unless given). Its requests are recorded; at teardown none may have left the site."""
    contexts: list[tuple[BrowserContext, RequestLog]] = []

    def make(
        *,
        width: int = DESKTOP["width"],
        height: int | None = None,
        locale: str = "ko-KR",
        **options: Any,
    ) -> Page:
        if height is None:
            height = DESKTOP["height"] if width >= DESKTOP["width"] else PHONE_HEIGHT
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale=locale,  # also the Accept-Language header
            timezone_id="Asia/Seoul",
            **options,
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        CspLog().attach(context)
        contexts.append((context, RequestLog().attach(context)))
        return context.new_page()

    yield make
    try:
        for _, log in contexts:
            assert_no_offsite_requests(log, live_server.url)
    finally:
        for context, _ in contexts:
            context.close()


@pytest.fixture
def page(new_page: NewPage, request: pytest.FixtureRequest) -> Page:
    """A desktop-sized Korean page; `parametrize("page", [{...}], indirect=True)` passes
    new_page's options."""
    options: dict[str, Any] = getattr(request, "param", None) or {}
    return new_page(**options)


@pytest.fixture
def check_page(request: pytest.FixtureRequest, live_server: Any) -> CheckPage:
    """`check_page(page, name)`: screenshot to var/browser/<test>/<NN>-<name>.png, then axe-core
    (wcag2a, wcag2aa, wcag21aa) must report no serious or critical violation, no request
    may have left the site, and the page must have broken no Content-Security-Policy rule.
    Returns the AxeReport (minor and moderate violations included)."""
    count = 0
    folder: Path | None = None

    def check(page: Page, name: str) -> AxeReport:
        nonlocal count, folder
        if folder is None:
            folder = artifact_dir(request.node.name)
        count += 1
        # The page's own violations, before the screenshot adds Playwright's (refused) styles.
        violations = csp_violations(page)
        shot = screenshot(page, folder / f"{count:02d}-{name}.png")
        report = run_axe(page)
        report.screenshot = shot
        csp_violations(page, clear=True)
        assert_no_serious_violations(report)
        assert_no_offsite_requests(page, live_server.url)
        assert_no_csp_violations(page, violations)
        return report

    return check


@pytest.fixture(autouse=True)
def reference_data(live_server: Any) -> None:
    """Areas, career fields, certificates and the default ordinance policy, as the data
    migrations give every other test: the live server's transactional database was emptied
    by the browser test before."""
    load_reference_data(apps)
    policy = apps.get_model("matching", "OrdinancePolicy")
    policy.objects.get_or_create(
        version=1, defaults={"document": load_default_policy(), "note": "기본 정책"}
    )


__all__ = ["embedded_search", "open_posting"]


@pytest.fixture(autouse=True)
def _static_by_plain_names(settings: Any) -> None:
    """The live server serves static files from the apps by their plain names (Django's
    static handler runs before WhiteNoise there), so pages must not ask for the hashed names
    of the collected manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
