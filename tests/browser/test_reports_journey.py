"""Staff read the placement report in a real browser: the filters, the suppressed table, the
charts with their data tables, the internal toggle, a bad date shown beside its field, and the
CSV download (checked with axe-core on every page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from backend.accounts.models import AccessLog
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import log_in_staff
from tests.browser.test_console_journeys import verified
from tests.factories.accounts import PASSWORD, staff_user
from tests.reports.conftest import Population, population

__all__ = ["population"]


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any, embedded_search: None) -> None:
    cache.clear()


def test_staff_read_and_download_the_placement_report(
    new_page: NewPage, check_page: CheckPage, live_server: Any, population: Population
) -> None:
    staff = verified(staff_user())
    page = new_page()
    log_in_staff(page, staff, password=PASSWORD)
    page.goto(f"{live_server.url}/staff/reports/")
    check_page(page, "reports-default")

    page.get_by_label("시작일").fill(population.date_from.isoformat())
    page.get_by_label("종료일").fill(population.date_to.isoformat())
    page.get_by_label("구분 기준").select_option("cohort")
    page.get_by_role("button", name="보고서 보기").click()
    page.wait_for_load_state()
    table = page.get_by_role("region", name="구분별 실적")
    expect(table).to_contain_text("지역 고교 졸업생")
    expect(table).to_contain_text("<5")
    expect(page.locator("figure.report-chart svg").first).to_be_visible()
    check_page(page, "reports-cohort")

    page.locator("label[for=id_internal]").click()
    page.get_by_role("button", name="보고서 보기").click()
    expect(page.locator(".internal-badge")).to_be_visible()
    check_page(page, "reports-internal")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith("-cohort.csv")
    assert AccessLog.objects.filter(subject_ref="none").count() == 1

    page.get_by_label("시작일").fill("2026-02-30")
    page.get_by_role("button", name="보고서 보기").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("시작일")).to_have_value("2026-02-30")
    check_page(page, "reports-error")
