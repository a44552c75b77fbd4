"""Search as people type it, in a real browser (issue 15): a typo answered with the corrected
results, a "did you mean" link that keeps the filters (htmx and all), text with nothing
searchable, and an unknown filter value. Every page is checked with axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from backend.jobs.models import Posting
from tests.browser.conftest import CheckPage


def test_search_typos_did_you_mean_and_nothing_searchable(
    page: Page, check_page: CheckPage, open_posting: Callable[..., Posting], live_server: Any
) -> None:
    open_posting(
        title="물류센터 지게차 운전원",
        description="입출고 물품을 지게차로 옮깁니다.",
        occupation="forklift_driver",
    )
    open_posting(
        title="요양보호사 구합니다", description="어르신 생활 지원", occupation="care_worker"
    )
    open_posting(title="경리 사무원", description="전표 입력과 장부 정리", occupation="bookkeeper")

    page.goto("/jobs/")
    page.get_by_label("검색어").fill("지계차")
    page.get_by_role("button", name="검색", exact=True).click()
    expect(page.locator("#search-notice")).to_have_text(
        "'지계차'에 맞는 공고가 없어서 '지게차'(으)로 찾았어요."
    )
    expect(page.locator(".posting-card h3 a")).to_have_text(["물류센터 지게차 운전원"])
    expect(page.locator(".posting-card mark").first).to_have_text("지게차")
    check_page(page, "search-typo-corrected")

    page.get_by_label("검색어").fill("지계차 사무원")
    page.get_by_role("button", name="검색", exact=True).click()
    notice = page.locator("#search-notice")
    expect(notice).to_contain_text("혹시 이것을 찾으셨나요?")
    expect(page.locator(".posting-card h3 a")).to_have_text(["경리 사무원"])
    check_page(page, "search-did-you-mean")
    notice.get_by_role("link", name="지게차 사무원").click()
    expect(page.get_by_label("검색어")).to_have_value("지게차 사무원")
    expect(page.locator(".posting-card")).to_have_count(2)

    page.goto("/jobs/?q=ㅈㄱㅊ")
    expect(page.locator("#search-notice")).to_contain_text("검색할 수 있는 단어가 없어요.")
    expect(page.locator(".posting-card")).to_have_count(0)
    check_page(page, "search-nothing-searchable")

    page.goto("/jobs/?q=사무원&cohort=alien")
    expect(page.locator("#error-cohort")).to_contain_text("'alien'은(는) 고를 수 없는 값이에요.")
    expect(page.get_by_label("검색어")).to_have_value("사무원")
    expect(page.locator(".posting-card h3 a")).to_have_text(["경리 사무원"])
    check_page(page, "search-unknown-filter")
