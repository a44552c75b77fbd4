"""Checks every page test makes: axe-core (WCAG 2.1 AA), a screenshot, no request off the site,
no Content-Security-Policy violation.

UI.md: axe-core finds no serious or critical violation on any page, and no request leaves the
site (no CDN). `check_page` (a fixture in conftest.py, bound to the running test) calls
`run_axe` and `screenshot` below; `assert_no_offsite_requests` reads what `RequestLog`
recorded on the page's browser context.
"""

from __future__ import annotations

import re
import shutil
import urllib.parse
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request
from playwright.sync_api import Error as PlaywrightError

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "var" / "browser"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21aa")
FAILING_IMPACTS = ("serious", "critical")
# Schemes that never reach the network: the page's own documents and inline data.
LOCAL_SCHEMES = {"data", "blob", "about", "javascript"}

_axe = Axe()  # holds the bundled axe.min.js (read once)
_LOGS: weakref.WeakKeyDictionary[BrowserContext, RequestLog] = weakref.WeakKeyDictionary()


class AxeViolations(AssertionError):
    """axe-core found serious or critical violations; `report` has everything axe returned."""

    def __init__(self, message: str, report: AxeReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class AxeReport:
    url: str
    violations: list[dict[str, Any]]  # axe's violation objects (all impacts)
    passes: int  # how many rules axe ran and found no problem with
    axe_version: str
    screenshot: Path | None = None

    @property
    def failing(self) -> list[dict[str, Any]]:
        return [v for v in self.violations if v.get("impact") in FAILING_IMPACTS]

    def describe(self, violations: list[dict[str, Any]] | None = None) -> str:
        """One block per violation: id, impact, help, and each node's target selectors."""
        lines = []
        for violation in self.violations if violations is None else violations:
            lines.append(
                f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
                f"  [{violation.get('helpUrl', '')}]"
            )
            for node in violation.get("nodes", []):
                lines.append(f"    at {' '.join(map(str, node.get('target', [])))}")
        return "\n".join(lines)


def run_axe(page: Page) -> AxeReport:
    """axe-core over the current document with the WCAG 2.0 A/AA and 2.1 AA rules."""
    options = {
        "runOnly": {"type": "tag", "values": list(AXE_TAGS)},
        # "passes" too, so that a caller can tell axe really ran rules on the page.
        "resultTypes": ["violations", "passes"],
    }
    response = _axe.run(page, options=options).response
    return AxeReport(
        url=str(response.get("url", page.url)),
        violations=list(response["violations"]),
        passes=len(response.get("passes", [])),
        axe_version=str(response.get("testEngine", {}).get("version", "?")),
    )


def assert_no_serious_violations(report: AxeReport) -> None:
    failing = report.failing
    if failing:
        where = f"; screenshot {report.screenshot}" if report.screenshot else ""
        raise AxeViolations(
            f"axe-core {report.axe_version} found {len(failing)} serious or critical "
            f"violation(s) on {report.url}{where}:\n{report.describe(failing)}",
            report,
        )


def artifact_dir(test_name: str) -> Path:
    """var/browser/<test-name>/, emptied: a test's pictures are those of its last run."""
    safe = re.sub(r"[^\w.-]+", "_", test_name).strip("_") or "test"
    path = ARTIFACTS / safe
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def screenshot(page: Page, path: Path) -> Path:
    page.screenshot(path=str(path), full_page=True)
    return path


@dataclass
class RequestLog:
    """Every URL the pages of one browser context requested (documents, CSS, scripts, fonts,
    XHR/fetch, WebSocket handshakes), in order."""

    urls: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> RequestLog:
        _LOGS[context] = self
        context.on("request", self._record)
        context.on("page", lambda page: page.on("websocket", lambda ws: self.urls.append(ws.url)))
        return self

    def _record(self, request: Request) -> None:
        self.urls.append(request.url)

    def offsite(self, site_url: str) -> list[str]:
        """The URLs not on `site_url`'s scheme-less host:port (local schemes excepted)."""
        site = urllib.parse.urlsplit(site_url).netloc
        return [
            url
            for url in self.urls
            if urllib.parse.urlsplit(url).scheme not in LOCAL_SCHEMES
            and urllib.parse.urlsplit(url).netloc != site
        ]


def request_log(page: Page) -> RequestLog:
    """What the page's context requested so far (the `page`/`new_page` fixtures record it)."""
    try:
        return _LOGS[page.context]
    except KeyError:
        raise AssertionError(
            "this page's context records no requests: make it with the fixtures"
        ) from None


def assert_no_offsite_requests(page: Page | RequestLog, site_url: str) -> None:
    """Fail listing every URL the page's context requested from another host than the site."""
    log = page if isinstance(page, RequestLog) else request_log(page)
    offsite = log.offsite(site_url)
    assert not offsite, (
        f"{len(offsite)} request(s) left the site {site_url} (UI.md: no CDN, no request "
        "leaves the site):\n" + "\n".join(f"- {url}" for url in offsite)
    )


# Every Content-Security-Policy violation a page reports: the `securitypolicyviolation` event
# (recorded by an init script, which runs outside the page's policy) and Chromium's console
# error ("Refused to … because it violates the following Content Security Policy …").
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber
  );
});
"""


@dataclass
class CspLog:
    """The Content-Security-Policy console errors of one browser context's pages."""

    messages: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> CspLog:
        _CSP_LOGS[context] = self
        context.add_init_script(CSP_RECORDER)
        context.on("console", self._record)
        return self

    def _record(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.messages.append(message.text)


_CSP_LOGS: weakref.WeakKeyDictionary[BrowserContext, CspLog] = weakref.WeakKeyDictionary()


def csp_violations(page: Page, *, clear: bool = False) -> list[str]:
    """The Content-Security-Policy violations the page's context reported so far; `clear`
    forgets them (Playwright's own screenshot styles are refused too, and are no finding)."""
    log = _CSP_LOGS.get(page.context)
    seen = list(log.messages) if log is not None else []
    try:
        seen += page.evaluate("window.__cspViolations || []")
        if clear:
            page.evaluate("window.__cspViolations = []")
    except PlaywrightError:
        pass  # a page that is navigating away: its console errors were recorded anyway
    if clear and log is not None:
        log.messages.clear()
    return seen


def assert_no_csp_violations(page: Page, seen: list[str] | None = None) -> None:
    """Fail listing every Content-Security-Policy violation the page's context reported."""
    seen = csp_violations(page) if seen is None else seen
    assert not seen, (
        f"{len(seen)} Content-Security-Policy violation(s) (inline script or style without "
        "the nonce, eval, hx-on, a foreign source):\n" + "\n".join(f"- {m}" for m in seen)
    )
