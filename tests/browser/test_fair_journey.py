"""A job fair in a real browser: staff create a fair with two employers' postings, a seeker
(on a 360 px phone) ranks two postings, staff run the interview assignment and publish it,
the seeker sees her interview times and the employer its schedule, which it prints as a PDF.
Every page is checked with axe-core (check_page)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.fairs.models import FairRegistration, JobFair
from backend.jobs.models import PostingStatus
from backend.matching.models import FairBooking, FairSchedule
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import assert_fits, log_in, log_in_staff, tick
from tests.factories.accounts import PASSWORD, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.factories.seekers import graduate_profile

FAIR = "시흥 청년 일자리 박람회 (가상)"


@pytest.fixture(autouse=True)
def _inline_jobs(settings: Any, embedded_search: None) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MFA_TOTP_TOLERANCE = 1
    settings.WORKER_ENGINE = "inline"  # the match run runs at once
    cache.clear()


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def heading(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def test_staff_create_a_fair_a_seeker_ranks_staff_assign_the_employer_prints(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    employer, boss = employer_with_user(name="시흥정밀 (가상)", verified_name="시흥정밀 (가상)")
    other, _ = employer_with_user(name="정왕물류 (가상)", verified_name="정왕물류 (가상)")
    verified(boss)
    office = posting_in(PostingStatus.OPEN, employer=employer, title="사무 보조 (오전)")
    posting_in(PostingStatus.OPEN, employer=employer, title="품질 검사원")
    driver = posting_in(PostingStatus.OPEN, employer=other, title="배송 기사")
    officer = verified(staff_user(email="officer@siheung.example.kr"))
    seeker = graduate_profile(display_name="김하늘")
    verified(seeker.user)

    # Staff create the fair.
    staff_page = new_page()
    log_in_staff(staff_page, officer, password=PASSWORD)
    staff_page.goto("/staff/fairs/")
    heading(staff_page).to_have_text("채용박람회")
    check_page(staff_page, "staff-fairs-empty")
    staff_page.get_by_role("link", name="새 박람회 만들기").click()
    check_page(staff_page, "staff-fair-new")
    day = timezone.localdate() + datetime.timedelta(days=14)
    closes = timezone.localtime() + datetime.timedelta(days=7)
    staff_page.get_by_label("박람회 이름").fill(FAIR)
    staff_page.get_by_label("날짜", exact=True).fill(day.isoformat())
    staff_page.get_by_label("시작 시각").fill("10:00")
    staff_page.get_by_label("끝나는 시각").fill("09:00")  # wrong on purpose
    staff_page.get_by_label("장소").fill("시흥시청 늘모두홀")
    staff_page.get_by_label("면접 한 번의 길이(분)").fill("30")
    staff_page.get_by_label("구직자가 지망할 수 있는 공고 수").fill("2")
    staff_page.get_by_label("참가 신청 마감").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    tick(staff_page, "시흥정밀 (가상) · 사무 보조 (오전)")
    tick(staff_page, "정왕물류 (가상) · 배송 기사")
    staff_page.get_by_role("button", name="박람회 만들기").click()
    staff_page.wait_for_load_state()
    expect(staff_page.locator("#error-summary")).to_contain_text(
        "끝나는 시각은 시작 시각보다 늦어야 해요."
    )
    expect(staff_page.get_by_label("박람회 이름")).to_have_value(FAIR)
    check_page(staff_page, "staff-fair-new-error")
    staff_page.get_by_label("끝나는 시각").fill("11:00")
    staff_page.get_by_role("button", name="박람회 만들기").click()
    staff_page.wait_for_load_state()
    heading(staff_page).to_have_text(FAIR)
    fair = JobFair.objects.get(title=FAIR)
    expect(staff_page.get_by_role("cell", name="30분씩 2번").first).to_be_visible()
    check_page(staff_page, "staff-fair-created")

    # A seeker on a phone finds it and ranks two postings.
    phone = new_page(width=360)
    log_in(phone, email=seeker.user.email, password=PASSWORD)
    phone.goto("/fairs/")
    heading(phone).to_have_text("채용박람회")
    check_page(phone, "fairs-list")
    phone.get_by_role("link", name=FAIR).click()
    heading(phone).to_have_text(FAIR)
    check_page(phone, "fair-detail")
    phone.get_by_label("1지망").select_option(str(driver.pk))
    phone.get_by_label("2지망").select_option(str(driver.pk))  # the same one twice
    phone.get_by_role("button", name="참가 신청하기").click()
    phone.wait_for_load_state()
    expect(phone.locator("#error-choices")).to_have_text("같은 공고를 두 번 고를 수 없어요.")
    check_page(phone, "fair-rank-error")
    phone.get_by_label("1지망").select_option(str(office.pk))
    phone.get_by_role("button", name="참가 신청하기").click()
    phone.wait_for_load_state()
    expect(phone.get_by_text("박람회 참가 신청을 저장했어요.")).to_be_visible()
    assert_fits(phone, 360)
    check_page(phone, "fair-ranked")
    registration = FairRegistration.objects.get(fair=fair, seeker=seeker)
    ranked = registration.choices.order_by("rank")
    assert [c.fair_posting.posting_id for c in ranked] == [office.pk, driver.pk]

    # Staff run the assignment and publish it.
    staff_page.goto(f"/staff/fairs/{fair.pk}/")
    staff_page.get_by_role("button", name="면접 배정 실행하기").click()
    staff_page.wait_for_load_state()
    expect(
        staff_page.get_by_role("button", name="이 배정을 면접 일정으로 공개하기")
    ).to_be_visible()
    check_page(staff_page, "staff-fair-assigned")
    staff_page.get_by_role("button", name="이 배정을 면접 일정으로 공개하기").click()
    staff_page.wait_for_load_state()
    expect(staff_page.get_by_text("이 배정이 공개된 면접 일정이에요.")).to_be_visible()
    check_page(staff_page, "staff-fair-published")
    schedule = FairSchedule.objects.get(fair=fair)
    bookings = list(FairBooking.objects.filter(match_run=schedule.match_run))
    assert {b.slot.fair_posting.posting_id for b in bookings} == {office.pk, driver.pk}

    # The seeker sees her two interview times, which do not overlap.
    phone.goto("/me/fairs/")
    heading(phone).to_have_text("내 채용박람회")
    expect(phone.get_by_role("cell", name="시흥정밀 (가상) · 사무 보조 (오전)")).to_be_visible()
    expect(phone.get_by_role("cell", name="정왕물류 (가상) · 배송 기사")).to_be_visible()
    check_page(phone, "me-fairs")

    # The employer sees its schedule and prints it.
    employer_page = new_page()
    log_in(employer_page, email=boss.email, password=PASSWORD)
    employer_page.goto("/employer/fairs/")
    check_page(employer_page, "employer-fairs")
    employer_page.get_by_role("link", name=FAIR).click()
    heading(employer_page).to_contain_text(FAIR)
    expect(employer_page.get_by_role("cell", name="김하늘")).to_be_visible()
    expect(employer_page.get_by_text("배송 기사")).to_have_count(0)
    check_page(employer_page, "employer-fair-schedule")
    link = employer_page.get_by_role("link", name="인쇄용 일정표 (PDF)")
    response = employer_page.request.get(link.get_attribute("href") or "")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
