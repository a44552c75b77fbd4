"""A 16-year-old in a real browser (근로기준법 §64-§70): the profile asks the birth month, the
search shows only what a minor may take and says why, the apply page names the documents §66
requires. Every page is checked with axe-core (check_page)."""

from __future__ import annotations

import re
from collections.abc import Callable

from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from backend.jobs.models import Application, Posting
from backend.seekers.services import seeker_profile_replace
from tests.browser.conftest import CheckPage
from tests.browser.journeys import log_in
from tests.factories.accounts import PASSWORD, seeker
from tests.factories.seekers import graduate_payload
from tests.taxonomy.ages import birth_for_age
from tests.web.postings import DAEYA


def test_a_16_year_old_searches_applies_and_is_told_what_to_bring(
    page: Page, check_page: CheckPage, open_posting: Callable[..., Posting]
) -> None:
    evening = open_posting(title="저녁 매장 판매원", shifts=["evening"], hours_per_day=4)
    night = open_posting(title="야간 매장 판매원", shifts=["night"], hours_per_day=4)
    user = seeker()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    year, month = birth_for_age(16)
    seeker_profile_replace(
        user=user, fields=graduate_payload(area=DAEYA, birth_year=year, birth_month=month)
    )
    log_in(page, email=user.email, password=PASSWORD)

    page.goto("/me/profile/?step=basics")
    expect(page.get_by_label("태어난 달")).to_have_value(str(month))
    check_page(page, "profile-basics-birth-month")

    page.goto("/jobs/?q=매장")
    expect(page.get_by_text(re.compile("만 18세 미만이라서"))).to_be_visible()
    expect(page.get_by_role("link", name=evening.title)).to_be_visible()
    expect(page.get_by_role("link", name=night.title)).to_have_count(0)
    check_page(page, "search-as-a-minor")

    page.goto(f"/jobs/{night.pk}/")
    expect(page.locator("#minor-barred")).to_be_visible()
    check_page(page, "night-shift-barred")

    page.goto(f"/jobs/{evening.pk}/apply/")
    expect(page.get_by_role("heading", name="만 18세 미만 지원자에게 필요한 서류")).to_be_visible()
    check_page(page, "apply-with-the-section-66-notice")
    page.locator("label[for=id_consent_provision]").click()
    page.get_by_role("button", name="이 공고에 지원하기").click()
    page.wait_for_load_state()
    expect(page.get_by_text(re.compile("가족관계증명서"))).to_be_visible()
    check_page(page, "applications-with-the-notice")
    assert Application.objects.get(posting=evening).applicant_minor
