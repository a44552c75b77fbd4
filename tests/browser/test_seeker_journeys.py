"""Seeker journeys in a real browser: a returner from signing up on the web to deleting her
account, a graduate through the login page with a bad year on the way, one profile step by
keyboard alone, the pages on a 360 px phone, and /me/ in English. Every page is checked with
axe-core (check_page)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.jobs.models import Application, Posting
from backend.seekers.models import SeekerProfile
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import (
    assert_fits,
    confirmation_link,
    focus_by_tab,
    log_in,
    sign_up,
    tick,
)
from tests.factories.accounts import PASSWORD, seeker
from tests.factories.seekers import returner_profile
from tests.web.postings import DAEYA

RETURNER_EMAIL = "jihyun.park@example.kr"
RETURNER_PASSWORD = "mornings-only-2026"


@pytest.fixture(autouse=True)
def _mail_inline_no_rate_limits(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"  # the verification mail goes out through the jobs
    cache.clear()  # allauth's rate-limit counters live in the cache


def verified_seeker(**kwargs: Any) -> User:
    user = seeker(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def save_step(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^저장하고 (다음으로|마치기)$")).click()


def test_a_returner_from_signup_to_deleting_her_account(
    page: Page,
    check_page: CheckPage,
    open_posting: Callable[..., Posting],
    live_server: Any,
    tmp_path: Path,
) -> None:
    fits = open_posting(
        title="오전 경리 사무원",
        description="장부 정리와 전표 입력을 합니다. 엑셀을 씁니다.",
        skills_required=["엑셀"],
        employment_type="part_time",
        shifts=["morning"],
        days_per_week=3,
    )
    night = open_posting(title="야간 물류 상하차", shifts=["night"], employment_type="full_time")

    # Signup, then the verification mail opened later (a new session): its link is a line of
    # its own, confirming needs no login, and then she logs in.
    sign_up(page, check_page, email=RETURNER_EMAIL, password=RETURNER_PASSWORD)
    link = confirmation_link(RETURNER_EMAIL)
    page.context.clear_cookies()
    page.goto(link)
    check_page(page, "confirm-email")
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert EmailAddress.objects.get(email=RETURNER_EMAIL).verified
    log_in(page, email=RETURNER_EMAIL, password=RETURNER_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("내 페이지")
    check_page(page, "dashboard-new")

    # The profile, step by step.
    page.get_by_role("link", name="프로필 만들기").click()
    expect(page).to_have_url(re.compile(r"/me/profile/"))
    check_page(page, "profile-basics")
    tick(page, "일을 쉬었다가 다시 시작하려고 해요 (경력단절여성)")
    page.get_by_label("이름 또는 부를 이름").fill("박지현")
    page.get_by_label("태어난 해").fill("1981")
    page.get_by_label("사는 동").select_option(DAEYA)
    tick(page, "시흥시에 살고 있어요")
    save_step(page)

    expect(page).to_have_url(re.compile(r"step=career"))
    check_page(page, "profile-career")
    page.get_by_label("일을 쉰 기간 (년)").fill("8")
    page.get_by_label("일을 쉰 이유").select_option("childcare")
    page.get_by_label("했던 일 (직종)").fill("경리 사무원")
    page.get_by_label("기간 (년)", exact=True).fill("6")
    save_step(page)

    expect(page).to_have_url(re.compile(r"step=wishes"))
    expect(page.get_by_role("status")).to_contain_text("'경력'을(를) 저장했어요.")
    check_page(page, "profile-wishes")
    tick(page, "경영·경제·회계")
    tick(page, "시간제")
    tick(page, "오전")
    page.get_by_label("일주일에 최대 며칠").fill("3")
    save_step(page)

    expect(page).to_have_url(re.compile(r"step=skills"))
    check_page(page, "profile-skills")
    page.get_by_label("할 줄 아는 것 (기술)").fill("엑셀, 더존 회계, 전화 응대")
    page.get_by_label("가진 자격증").fill("전산회계 2급")
    save_step(page)

    expect(page).to_have_url(re.compile(r"step=visibility"))
    check_page(page, "profile-visibility")
    tick(page, "기업이 나를 후보로 찾을 수 있게 할게요")
    tick(page, "기업 추천을 위해 내 프로필을 쓰는 데 동의해요 (선택)")
    save_step(page)
    expect(page).to_have_url(f"{live_server.url}/me/")

    profile = SeekerProfile.objects.get(user__email=RETURNER_EMAIL)
    assert profile.cohort == "returner"
    assert profile.career_break_years == 8
    assert profile.career_break_reason == "childcare"
    assert profile.employment_types == ["part_time"]
    assert profile.shifts == ["morning"]
    assert profile.max_days_per_week == 3
    assert profile.skills == ["엑셀", "더존 회계", "전화 응대"]
    assert profile.open_to_employers
    expect(page.get_by_role("heading", level=1)).to_have_text("박지현님, 반가워요")
    check_page(page, "dashboard-done")

    # Eligibility: the career returner programme, with its reasons.
    page.get_by_role("navigation", name="내 페이지 메뉴").get_by_role(
        "link", name="지원 대상 여부"
    ).click()
    returner = page.locator(
        "section", has=page.get_by_role("heading", name="경력단절여성 재취업 지원")
    )
    expect(returner).to_contain_text("대상이에요")
    expect(returner).to_contain_text("경력 단절 8년")
    expect(returner).to_contain_text("육아")
    check_page(page, "eligibility")

    # Recommendations: computed on this first read, the fitting posting with its reasons,
    # not the night shift.
    page.get_by_role("navigation", name="내 페이지 메뉴").get_by_role(
        "link", name="추천 일자리"
    ).click()
    card = page.locator(".posting-card", has=page.get_by_role("link", name=fits.title))
    expect(card).to_be_visible()
    expect(card.locator(".reasons li").first).to_be_visible()
    expect(card).to_contain_text("나와 맞는 정도")
    expect(page.get_by_role("link", name=night.title)).to_have_count(0)
    check_page(page, "recommendations")

    # Apply from the posting's page, then withdraw.
    card.get_by_role("link", name=fits.title).click()
    expect(page).to_have_url(f"{live_server.url}/jobs/{fits.pk}/")
    check_page(page, "posting")
    page.get_by_role("main").get_by_role("link", name="지원하기", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/jobs/{fits.pk}/apply/")
    check_page(page, "apply-confirm")
    page.get_by_role("button", name="이 공고에 지원하기").click()  # without the consent
    expect(page.locator("#consent_provision-error, .form-hint-invalid").first).to_be_visible()
    # KRDS draws the box on the label, so a person (and the test) clicks the label.
    page.locator("label[for=id_consent_provision]").click()
    expect(page.get_by_label(re.compile("개인정보를 제공하는 데 동의해요"))).to_be_checked()
    page.get_by_role("button", name="이 공고에 지원하기").click()
    expect(page).to_have_url(f"{live_server.url}/me/applications/")
    application = page.locator(".application-card", has_text=fits.title)
    expect(application).to_contain_text("지금 상태: 지원 완료")
    expect(application).not_to_contain_text("바뀜")  # nothing has changed yet
    check_page(page, "applications")
    application.get_by_role("button", name=re.compile(f"^지원 취소하기 ?: {fits.title}$")).click()
    expect(page.locator(".application-card", has_text=fits.title)).to_contain_text(
        "지금 상태: 지원 취소"
    )
    check_page(page, "applications-withdrawn")
    assert Application.objects.get(posting=fits).status == "withdrawn"

    # Her data as JSON, then her account deleted after her password.
    page.get_by_role("navigation", name="내 페이지 메뉴").get_by_role(
        "link", name="개인정보 센터"
    ).click()
    check_page(page, "privacy")
    with page.expect_download() as download:
        page.get_by_role("link", name="내 정보 내려받기 (JSON)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["account"]["email"] == RETURNER_EMAIL
    assert data["seeker_profile"]["career_break_years"] == 8
    assert [row["status"] for row in data["applications"]] == ["withdrawn"]
    assert {row["purpose"] for row in data["consents"] if row["granted"]} >= {
        "service",
        "matching",
    }

    page.get_by_label("비밀번호", exact=True).fill("not-my-password")
    tick(page, "계정과 내 정보가 모두 지워지고 되돌릴 수 없다는 것을 알아요")
    page.get_by_role("button", name="계정 지우기").click()
    expect(page.locator("#error-password")).to_contain_text("비밀번호가 맞지 않아요")
    check_page(page, "delete-wrong-password")
    page.get_by_label("비밀번호", exact=True).fill(RETURNER_PASSWORD)
    if not page.get_by_label(
        "계정과 내 정보가 모두 지워지고 되돌릴 수 없다는 것을 알아요"
    ).is_checked():
        tick(page, "계정과 내 정보가 모두 지워지고 되돌릴 수 없다는 것을 알아요")
    page.get_by_role("button", name="계정 지우기").click()
    expect(page).to_have_url(f"{live_server.url}/goodbye/")
    check_page(page, "goodbye")
    assert not User.objects.filter(email=RETURNER_EMAIL).exists()
    assert not SeekerProfile.objects.filter(pk=profile.pk).exists()


def test_a_graduate_builds_her_profile_and_a_bad_year_comes_back_beside_the_field(
    page: Page, check_page: CheckPage, live_server: Any
) -> None:
    user = verified_seeker(email="haneul.kim@example.kr")
    log_in(page, email=user.email, password=PASSWORD, check_page=check_page)
    expect(page).to_have_url(f"{live_server.url}/me/")

    page.goto("/me/profile/")
    tick(page, "고등학교를 졸업했거나 곧 졸업해요 (지역 고교 졸업생)")
    page.get_by_label("이름 또는 부를 이름").fill("김하늘")
    page.get_by_label("사는 동").select_option(DAEYA)
    tick(page, "시흥시에 살고 있어요")
    save_step(page)

    expect(page).to_have_url(re.compile(r"step=school"))
    check_page(page, "profile-school")
    page.get_by_label("졸업한(또는 다니는) 고등학교").fill("시흥전자고등학교")
    tick(page, "시흥시에 있는 학교예요")
    page.get_by_label("졸업 연도").fill("1800")
    save_step(page)

    # The services refuse the year: the message beside the field and in the summary, which
    # links to the field; everything typed is still there.
    expect(page).to_have_url(re.compile(r"step=school"))
    beside = page.locator("#error-graduation_year")
    expect(beside).to_be_visible()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("졸업 연도")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_graduation_year")
    assert beside.inner_text().strip() in summary.inner_text()
    year = page.get_by_label("졸업 연도")
    expect(year).to_have_value("1800")
    expect(year).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("졸업한(또는 다니는) 고등학교")).to_have_value("시흥전자고등학교")
    expect(page.get_by_label("시흥시에 있는 학교예요")).to_be_checked()
    check_page(page, "profile-school-bad-year")
    assert not SeekerProfile.objects.filter(user=user).exists()

    this_year = str(datetime.date.today().year)
    year.fill(this_year)
    save_step(page)
    expect(page).to_have_url(re.compile(r"step=wishes"))
    profile = SeekerProfile.objects.get(user=user)
    assert (profile.cohort, profile.school_name, profile.graduation_year) == (
        "graduate",
        "시흥전자고등학교",
        int(this_year),
    )

    page.goto("/me/eligibility/")
    graduate = page.locator(
        "section", has=page.get_by_role("heading", name="지역 고교 졸업생 우선 채용")
    )
    expect(graduate).to_contain_text("대상이에요")
    expect(graduate).to_contain_text("시내 고등학교 졸업")
    expect(graduate).to_contain_text("대학 미진학")
    check_page(page, "eligibility")


def test_a_profile_step_by_keyboard_alone(
    page: Page, check_page: CheckPage, live_server: Any
) -> None:
    profile = returner_profile(shifts=[], max_days_per_week=None)
    EmailAddress.objects.create(
        user=profile.user, email=profile.user.email, verified=True, primary=True
    )
    log_in(page, email=profile.user.email, password=PASSWORD)
    page.goto("/me/profile/?step=wishes")
    page.locator("body").focus()

    # Tab to the shifts, Space ticks 오전 and (after one Tab) 오후; Shift+Tab back, Space
    # unticks 오후 again; then the days, and Enter on the button submits the step.
    focus_by_tab(page, "input[name=shifts][value=morning]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("input[name=shifts][value=afternoon]")).to_be_checked()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("input[name=shifts][value=afternoon]")).not_to_be_checked()
    focus_by_tab(page, "input[name=max_days_per_week]")
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    focus_by_tab(page, "button[type=submit]")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused button shows no focus ring"
    check_page(page, "wishes-by-keyboard")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"step=skills"))
    profile.refresh_from_db()
    assert profile.shifts == ["morning"]
    assert profile.max_days_per_week == 4
    check_page(page, "next-step")


def test_the_dashboard_and_a_step_on_a_360px_phone(
    new_page: NewPage, check_page: CheckPage, open_posting: Callable[..., Posting]
) -> None:
    open_posting(title="오전 경리 사무원", skills_required=["엑셀"], days_per_week=3)
    profile = returner_profile()
    EmailAddress.objects.create(
        user=profile.user, email=profile.user.email, verified=True, primary=True
    )
    page = new_page(width=360)
    log_in(page, email=profile.user.email, password=PASSWORD)
    page.goto("/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("박지현님, 반가워요")
    expect(page.get_by_role("link", name="오전 경리 사무원")).to_be_visible()
    assert_fits(page, 360)
    check_page(page, "dashboard")
    page.goto("/me/profile/?step=wishes")
    assert_fits(page, 360)
    check_page(page, "profile-wishes")
    page.goto("/me/profile/?step=career")
    assert_fits(page, 360)
    check_page(page, "profile-career")


def test_the_dashboard_in_english(new_page: NewPage, check_page: CheckPage) -> None:
    profile = returner_profile()
    EmailAddress.objects.create(
        user=profile.user, email=profile.user.email, verified=True, primary=True
    )
    page = new_page(locale="en-US")
    log_in(page, email=profile.user.email, password=PASSWORD)
    page.goto("/me/")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, 박지현")
    menu = page.get_by_role("navigation", name="My page menu")
    expect(menu.get_by_role("link", name="Overview")).to_be_visible()
    expect(page.get_by_role("heading", name="To do")).to_be_visible()
    hangul = page.locator("main").evaluate(
        "main => [...main.innerText.matchAll(/[가-힣]+/g)].map(m => m[0])"
    )
    assert set(hangul) <= {"박지현"}, f"Korean left on the English page: {hangul}"
    check_page(page, "dashboard-english")
