"""The page an employer sees past the daily shortlist budget: the message and the wait, and
accessible (axe) like every other page."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import log_in
from tests.contract.test_matching_backends import forklift_posting, index_all, seeker_with
from tests.factories.accounts import PASSWORD
from tests.factories.employers import employer_with_user


def test_past_the_daily_shortlist_budget_the_page_says_how_long_to_wait(
    new_page: NewPage, check_page: CheckPage, live_server: Any, settings: Any, embedded_search: None
) -> None:
    settings.CANDIDATE_VIEWS_PER_DAY = 1
    settings.WORKER_ENGINE = "inline"
    cache.clear()
    employer, user = employer_with_user(is_city_funded=True, staff_count=120)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    posting = forklift_posting(employer)
    seeker_with()
    index_all()
    page = new_page()
    log_in(page, email=user.email, password=PASSWORD)
    url = f"{live_server.url}/employer/postings/{posting.pk}/candidates/"
    page.goto(url)
    expect(page.get_by_text("후보 1명")).to_be_visible()
    response = page.goto(url)
    assert response is not None
    assert response.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("잠시 기다려 주세요")
    expect(page.get_by_role("alert")).to_contain_text("오늘 볼 수 있는 후보 수를 다 봤어요")
    expect(page.get_by_text("뒤에 다시 이용할 수 있어요")).to_be_visible()
    check_page(page, "candidate-budget-used")
