"""The consoles in a real browser: an employer registers its organisation, staff verify it
(in a second browser), the employer posts, staff approve the posting by keyboard alone, a
seeker finds it and applies, the employer moves her to hired with a hire date six weeks back,
records the one-month checkpoint and corrects it (the employer's browser in Korean, then in
English); a mentor accepts a request and both write on its
thread; staff run an `assign` match run and read its quota table; a seeker opening the staff
and employer consoles gets the 403 page. Every page is checked with axe-core (check_page)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.employers.models import Employer
from backend.jobs.models import Application, Placement, Posting, seoul_today
from backend.matching.models import MatchRun
from backend.mentoring.models import MentoringRequest
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import enrol_authenticator, enter_code, focus_by_tab, log_in, tick
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.factories.accounts import PASSWORD, employer_user, staff_user
from tests.factories.employers import business_number
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import returner_profile
from tests.web.postings import DAEYA

FORBIDDEN = "이 페이지는 볼 수 없어요"
ORGANISATION = "주식회사 대야경리 (가상)"
TITLE = "오전 경리 사무원 (주 3일)"
STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, known to the test


@pytest.fixture(autouse=True)
def _inline_mail_no_rate_limits(settings: Any, embedded_search: None) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MFA_TOTP_TOLERANCE = 1  # a code of the next 30 s step is taken as well
    settings.WORKER_ENGINE = "inline"  # mails, indexing and match runs run at once
    cache.clear()


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def logged_in(new_page: NewPage, user: User) -> Page:
    """A browser of its own (own cookies) with `user` logged in."""
    page = new_page()
    log_in(page, email=user.email, password=PASSWORD)
    return page


def heading(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


# The employer's headings in each language the journey runs in (the English catalog's).
EMPLOYER_HEADINGS = {
    "ko": {
        "organisation": "기업 등록하기",
        "posting": "새 공고 쓰기",
        "placements": "채용한 분과 고용 유지 확인",
    },
    "en": {
        "organisation": "Register your company",
        "posting": "Write a new posting",
        "placements": "People you've hired and retention checks",
    },
}
LOCALES = {"ko": "ko-KR", "en": "en-US"}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_an_employer_from_its_organisation_to_a_corrected_checkpoint(
    new_page: NewPage, check_page: CheckPage, live_server: Any, language: str
) -> None:
    """The whole hiring journey; the employer's browser speaks `language` (staff and the
    seeker stay in Korean), and its pages' labels are the catalog's for that language."""

    def t(text: str) -> str:
        with translation.override(language):
            return gettext(text)

    headings = EMPLOYER_HEADINGS[language]
    boss = verified(employer_user(email="boss@daeya.example.kr"))
    officer = verified(staff_user(email="officer@siheung.example.kr"))
    seeker = verified(returner_profile().user)

    # The employer registers its organisation.
    employer_page = new_page(locale=LOCALES[language])
    log_in(employer_page, email=boss.email, password=PASSWORD, check_page=check_page)
    employer_page.goto("/employer/organisation/")
    heading(employer_page).to_have_text(headings["organisation"])
    check_page(employer_page, "organisation-new")
    employer_page.get_by_label(t("기업 이름")).fill(ORGANISATION)
    employer_page.get_by_label(t("사업자등록번호")).fill(business_number(4242))
    employer_page.get_by_label(t("사업장이 있는 동")).select_option(DAEYA)
    employer_page.get_by_label(t("상시 근로자 수")).fill("12")
    employer_page.get_by_role("button", name=t("등록하기")).click()
    employer_page.wait_for_load_state()
    employer = Employer.objects.get(name=ORGANISATION)
    assert employer.verified_at is None
    check_page(employer_page, "organisation-registered")

    # Staff verify it, in their own browser.
    # Staff have two-factor authentication: the first login enrols the authenticator app.
    staff_page = logged_in(new_page, officer)
    enrol_authenticator(staff_page, check_page, password=PASSWORD)
    expect(staff_page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/|/staff/"))
    staff_page.goto("/staff/employers/")
    heading(staff_page).to_have_text("기업 인증")
    check_page(staff_page, "staff-employers")
    staff_page.get_by_role("button", name=f"'{ORGANISATION}' 인증", exact=True).click()
    staff_page.wait_for_load_state()
    expect(staff_page.get_by_role("heading", name=ORGANISATION)).to_have_count(0)
    check_page(staff_page, "staff-employers-verified")
    employer.refresh_from_db()
    assert employer.verified_at is not None

    # The employer writes a posting and asks for review.
    employer_page.goto("/employer/postings/new/")
    heading(employer_page).to_have_text(headings["posting"])
    check_page(employer_page, "posting-new")
    employer_page.get_by_label(t("공고 제목")).fill(TITLE)
    employer_page.get_by_label(t("하는 일과 근무 조건")).fill(
        "전표 정리와 전화 응대를 합니다. 엑셀을 씁니다."
    )
    employer_page.get_by_label(t("계열")).select_option("business")
    employer_page.get_by_label(t("고용 형태")).select_option("part_time")
    employer_page.get_by_label(t("일주일에 며칠 일하나요")).fill("3")
    tick(employer_page, t("오전"))
    employer_page.get_by_label(t("시급 (원)")).fill("11000")
    employer_page.get_by_label(t("일하는 곳이 있는 동")).select_option(DAEYA)
    employer_page.get_by_label(t("마감일")).fill(
        (seoul_today() + datetime.timedelta(days=30)).isoformat()
    )
    employer_page.get_by_label(t("꼭 필요한 기술 (선택)")).fill("엑셀, 전화 응대")
    employer_page.get_by_role("button", name=t("저장하기 (아직 게시되지 않아요)")).click()
    posting = Posting.objects.get(title=TITLE)
    expect(employer_page).to_have_url(f"{live_server.url}/employer/postings/{posting.pk}/edit/")
    check_page(employer_page, "posting-draft")
    employer_page.get_by_role("button", name=t("검토 요청하기")).click()
    employer_page.wait_for_load_state()
    posting.refresh_from_db()
    assert posting.status == "pending"
    check_page(employer_page, "posting-pending")

    # Staff approve it by keyboard alone: Tab to its approve button, Enter.
    staff_page.goto("/staff/postings/")
    heading(staff_page).to_have_text("공고 검토")
    check_page(staff_page, "staff-postings")
    staff_page.locator("body").focus()
    focus_by_tab(staff_page, f"#posting-{posting.pk} form[action$='/approve/'] button")
    outline = staff_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused approve button shows no focus ring"
    staff_page.keyboard.press("Enter")
    expect(staff_page.locator(f"#posting-{posting.pk}")).to_have_count(0)
    check_page(staff_page, "staff-postings-approved")
    posting.refresh_from_db()
    assert posting.status == "open"

    # A seeker finds it and applies.
    seeker_page = logged_in(new_page, seeker)
    seeker_page.goto("/jobs/?q=경리")
    check_page(seeker_page, "search")
    seeker_page.get_by_role("link", name=TITLE).click()
    expect(seeker_page).to_have_url(f"{live_server.url}/jobs/{posting.pk}/")
    seeker_page.get_by_role("main").get_by_role("link", name="지원하기", exact=True).click()
    tick(seeker_page, "위 기업에 내 개인정보를 제공하는 데 동의해요 (필수)")
    seeker_page.get_by_role("button", name="이 공고에 지원하기").click()
    expect(seeker_page).to_have_url(f"{live_server.url}/me/applications/")
    application = Application.objects.get(posting=posting, seeker=seeker)

    # The employer moves her step by step to hired, six weeks back.
    employer_page.goto(f"/employer/postings/{posting.pk}/applications/")
    check_page(employer_page, "applications")
    card = employer_page.locator(f"#application-{application.pk}")
    hired_on = seoul_today() - datetime.timedelta(days=42)
    for status, label in [
        ("reviewing", "서류 검토 중"),
        ("interview", "면접"),
        ("offered", "채용 제안"),
        ("hired", "채용 확정"),
    ]:
        tick(employer_page, t(label))
        if status == "hired":
            card.get_by_label(t("채용일 (채용 확정일 때)")).fill(hired_on.isoformat())
            card.get_by_label(t("지원자에게 보낼 말 (선택)")).fill("다음 주 월요일 9시에 뵈어요.")
        card.get_by_role("button", name=re.compile("^" + re.escape(t("단계 옮기기")))).click()
        employer_page.wait_for_load_state()
        card = employer_page.locator(f"#application-{application.pk}")
        expect(card).to_contain_text(f"{t('단계')}: {t(label)}")
        application.refresh_from_db()
        assert application.status == status
        check_page(employer_page, f"applications-{status}")
    placement = Placement.objects.get(application=application)
    assert placement.hired_on == hired_on

    # The one-month checkpoint is due: recorded as retained.
    employer_page.goto("/employer/placements/")
    heading(employer_page).to_have_text(headings["placements"])
    check_page(employer_page, "placements")
    month_one = r" ?:.*\b1\b"
    tick(employer_page, t("일하고 있어요"))
    employer_page.get_by_role(
        "button", name=re.compile("^" + re.escape(t("기록")) + month_one)
    ).click()
    employer_page.wait_for_load_state()
    checkpoint = placement.checkpoints.get(month=1)
    assert checkpoint.status == "retained"
    correct = employer_page.get_by_role(
        "button", name=re.compile("^" + re.escape(t("고치기")) + month_one)
    )
    expect(correct).to_be_visible()
    check_page(employer_page, "placements-recorded")

    # A slip: she had in fact left. Corrected within the 14 days, with the history kept.
    form = employer_page.locator(
        f"form[action^='/employer/placements/{placement.pk}/checkpoints/1/']"
    )
    form.locator("label[for$='-left']").click()
    expect(form.locator("input[value=left]")).to_be_checked()
    correct.click()
    employer_page.wait_for_load_state()
    checkpoint.refresh_from_db()
    assert checkpoint.status == "left"
    assert list(checkpoint.changes.values_list("from_status", "to_status")) == [
        ("pending", "retained"),
        ("retained", "left"),
    ]
    history = employer_page.locator("details.checkpoint-history").first
    history.locator("summary").click()
    expect(history).to_contain_text(f"{boss.email}: {t('일하고 있어요')} → {t('그만뒀어요')}")
    check_page(employer_page, "placements-corrected")


def test_a_mentor_accepts_a_request_and_both_write_on_its_thread(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    mentor = expert_mentor(display_name="김공장장")
    verified(mentor.user)
    seeker = verified(returner_profile().user)
    request = mentoring_request(seeker=seeker, topic="용접 자격증 준비")

    mentor_page = logged_in(new_page, mentor.user)
    mentor_page.goto("/mentor/")
    heading(mentor_page).to_have_text("받은 멘토링 요청")
    check_page(mentor_page, "mentor-dashboard")
    mentor_page.get_by_role("button", name=re.compile("^수락하기 ?: 용접 자격증 준비$")).click()
    mentor_page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == "accepted"
    check_page(mentor_page, "mentor-dashboard-accepted")

    mentor_page.goto(f"/mentor/requests/{request.pk}/")
    check_page(mentor_page, "mentor-request")
    mentor_page.get_by_role("textbox", name="메시지", exact=True).fill(
        "안녕하세요, 용접기능사부터 보시죠."
    )
    mentor_page.get_by_role("button", name="메시지 보내기").click()
    expect(mentor_page.locator(".message-thread")).to_contain_text("용접기능사부터")
    check_page(mentor_page, "mentor-request-message")

    seeker_page = logged_in(new_page, seeker)
    seeker_page.goto(f"/me/mentoring/{request.pk}/")
    heading(seeker_page).to_have_text("용접 자격증 준비")
    expect(seeker_page.locator(".message-thread")).to_contain_text("용접기능사부터")
    check_page(seeker_page, "seeker-request")
    seeker_page.get_by_role("textbox", name="메시지", exact=True).fill(
        "감사합니다. 실기 준비는 어떻게 하나요?"
    )
    seeker_page.get_by_role("button", name="메시지 보내기").click()
    expect(seeker_page.locator(".message-thread")).to_contain_text("실기 준비")
    check_page(seeker_page, "seeker-request-message")

    mentor_page.reload()
    expect(mentor_page.locator(".message-thread")).to_contain_text("실기 준비")
    assert MentoringRequest.objects.get(pk=request.pk).status == "accepted"


def test_staff_run_an_assign_match_run_and_read_its_quota_table(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    employer, _ = covered_employer()
    forklift_posting(employer)
    seeker_with()
    seeker_with()
    index_all()
    officer = verified(staff_user())
    TOTP.activate(officer, STAFF_SECRET)  # enrolled before: the login asks for the code

    page = logged_in(new_page, officer)
    enter_code(page, check_page, secret=STAFF_SECRET)
    expect(page).to_have_url(f"{live_server.url}/staff/")
    page.goto("/staff/match-runs/")
    heading(page).to_have_text("매칭 실행")
    check_page(page, "match-runs")
    tick(page, "일괄 배정")
    page.get_by_role("button", name="실행 시작").click()
    run = MatchRun.objects.get()
    expect(page).to_have_url(f"{live_server.url}/staff/match-runs/{run.pk}/")
    run.refresh_from_db()
    assert run.kind == "assign"
    assert run.status == "done", run.error
    table = page.locator(
        "table", has=page.locator("caption", has_text="기업마다 목표 비율과 배정 결과")
    )
    expect(table).to_be_visible()
    row = table.locator("tbody tr", has=page.get_by_role("rowheader", name=employer.name))
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_have_text(re.compile(r"\d"))
    check_page(page, "match-run")


@pytest.mark.parametrize("path", ["/staff/", "/employer/"])
def test_a_seeker_opening_a_console_gets_the_403_page(
    new_page: NewPage, check_page: CheckPage, path: str
) -> None:
    page = logged_in(new_page, verified(returner_profile().user))
    response = page.goto(path)
    assert response is not None
    assert response.status == 403
    heading(page).to_have_text(FORBIDDEN)
    check_page(page, "forbidden")
