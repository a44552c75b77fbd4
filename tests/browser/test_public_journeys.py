"""Anonymous journeys in a real browser: search in Korean (morphology, synonyms), with
JavaScript (htmx swaps, the URL as the state, the back button) and without it, keyboard
only, on a 360 px phone, and in English. Every page is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from backend.jobs.models import Posting
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.helpers import ARTIFACTS


@pytest.fixture
def postings(open_posting: Callable[..., Posting]) -> dict[str, Posting]:
    made = {
        "forklift": open_posting(
            title="지게차 운전원",
            description="물류 창고에서 지게차로 상하차를 합니다. 지게차운전기능사 우대.",
            certificates_required=["지게차운전기능사"],
            shifts=["morning", "afternoon"],
            hourly_wage=12500,
        ),
        "office": open_posting(title="오전 사무 보조원", shifts=["morning"]),
    }
    for number in range(14):
        made[f"assembly{number}"] = open_posting(
            title=f"전자부품 조립원 {number + 1}", employment_type="full_time", shifts=["night"]
        )
    return made


def test_search_in_korean_with_htmx_and_the_back_button(
    page: Page, check_page: CheckPage, postings: dict[str, Posting], live_server: Any
) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("일자리")
    check_page(page, "home")

    page.get_by_label("검색어").fill("포크리프트를")  # a synonym, with a particle
    page.get_by_role("button", name="검색").click()
    expect(page).to_have_url(
        f"{live_server.url}/jobs/?q=%ED%8F%AC%ED%81%AC%EB%A6%AC%ED%94%84%ED%8A%B8%EB%A5%BC"
    )
    result = page.locator(".posting-card").first
    expect(result.get_by_role("link")).to_have_text("지게차 운전원")
    expect(result.locator("mark").first).to_be_visible()
    check_page(page, "search-synonym")

    # htmx: a filter swaps only the results and pushes the URL.
    page.goto("/jobs/?q=조립")
    expect(page.get_by_role("heading", name="공고 14건")).to_be_visible()
    page.locator(".krds-pagination").get_by_role("link", name="2", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/jobs/?q=%EC%A1%B0%EB%A6%BD&page=2")
    expect(page.locator(".posting-card")).to_have_count(4)
    expect(page.locator("#results-title")).to_be_focused()
    check_page(page, "search-page-2")
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/jobs/?q=%EC%A1%B0%EB%A6%BD")
    expect(page.locator(".posting-card")).to_have_count(10)

    first = page.locator(".posting-card h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("link", name="로그인하고 지원하기")).to_be_visible()
    check_page(page, "posting")


def test_search_without_javascript(new_page: NewPage, postings: dict[str, Posting]) -> None:
    page = new_page(java_script_enabled=False)
    page.goto("/jobs/")
    # KRDS draws its own checkbox over the input: a person clicks the label.
    page.locator("label", has_text="오전").first.click()
    page.get_by_role("button", name="조건 적용").click()
    expect(page).to_have_url(re.compile(r"shift=morning"))
    expect(page.locator(".posting-card")).to_have_count(2)
    # axe-core is a script: with JavaScript off it cannot run (the same pages are checked
    # with it in the other journeys), so this journey keeps screenshots only.
    page.screenshot(path=str(ARTIFACTS / "no-javascript" / "01-filter.png"), full_page=True)
    # Bad input comes back as a message beside the field, with the input kept.
    page.goto("/jobs/?q=사무&radius_km=5")
    expect(page.locator("#error-near_area")).to_contain_text("동을 골라 주세요")
    expect(page.get_by_label("검색어")).to_have_value("사무")
    page.screenshot(path=str(ARTIFACTS / "no-javascript" / "02-bad-input.png"), full_page=True)


def test_keyboard_only_on_a_phone(
    new_page: NewPage, check_page: CheckPage, postings: dict[str, Posting]
) -> None:
    page = new_page(width=360)
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="본문 바로가기")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(30):  # tab forward to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    page.keyboard.type("지게차")
    page.keyboard.press("Enter")
    expect(page.locator(".posting-card").first).to_contain_text("지게차 운전원")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways at 360 px ({width} px wide)"
    check_page(page, "phone-results")


def test_english(new_page: NewPage, check_page: CheckPage, postings: dict[str, Posting]) -> None:
    page = new_page(locale="en-US")
    page.goto("/")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("link", name="Find a job")).to_be_visible()
    check_page(page, "home-english")
    page.get_by_role("button", name="한국어").click()
    expect(page.get_by_role("link", name="일자리 찾기")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "ko"
