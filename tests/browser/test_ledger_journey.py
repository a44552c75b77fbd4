"""A covered institution files its hiring survey and reads its ledger row; staff see the
survey status and the ledger (axe-core on every page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from backend.employers.models import HiringSurvey
from backend.jobs.models import seoul_today
from backend.reports.models import MentoringFact, MentoringFollowUp, SnapshotKind
from backend.reports.snapshots import snapshot_publish, snapshots_yearly
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import log_in, log_in_staff, tick
from tests.browser.test_console_journeys import verified
from tests.factories.accounts import PASSWORD, seeker, staff_user
from tests.factories.employers import employer_with_user


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any, embedded_search: None) -> None:
    cache.clear()


def test_institution_files_its_survey_and_staff_read_the_ledger(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    employer, user = employer_with_user(is_city_funded=True, staff_count=40)
    verified(user)
    page = new_page()
    log_in(page, email=user.email, password=PASSWORD)
    page.goto(f"{live_server.url}/employer/hiring-surveys/")
    expect(page.get_by_role("heading", name="고졸 지역인재는 이런 분이에요")).to_be_visible()
    check_page(page, "surveys-form")

    page.get_by_label("신규 채용 인원 (전체)").fill("30")
    page.get_by_label("그중 고졸 지역인재").fill("40")
    page.get_by_label("그중 경력단절여성").fill("2")
    page.get_by_label("그중 신중년 전문인력 (50~60대)").fill("1")
    page.get_by_role("button", name="제출하기").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "surveys-error")

    page.get_by_label("그중 고졸 지역인재").fill("6")
    page.get_by_role("button", name="제출하기").click()
    expect(page.get_by_role("region", name="연도별 제출 내용")).to_contain_text("반영 중")
    check_page(page, "surveys-filed")
    survey = HiringSurvey.objects.get(employer=employer)
    assert (survey.new_hires_total, survey.local_graduate_hires) == (30, 6)

    page.get_by_role("link", name="우리 기관의 고졸 지역인재 채용 실적 보기").click()
    expect(page.locator(".summary-list")).to_contain_text("20.0%")
    check_page(page, "ordinance-own-row")

    staff = verified(staff_user())
    page = new_page()
    log_in_staff(page, staff, password=PASSWORD)
    page.goto(f"{live_server.url}/staff/hiring-surveys/")
    expect(page.get_by_text("아직 내지 않은 기관이 0곳이에요.", exact=False)).to_be_visible()
    check_page(page, "staff-surveys")
    page.goto(f"{live_server.url}/staff/reports/ordinance/?year={survey.year}")
    expect(page.get_by_role("region", name="기관별 실적")).to_contain_text(employer.name)
    check_page(page, "staff-ledger")


def test_public_reports_page(new_page: NewPage, check_page: CheckPage, live_server: Any) -> None:
    employer_with_user(is_city_funded=True, staff_count=40)
    today = seoul_today()
    for snapshot in snapshots_yearly(today):
        snapshot_publish(snapshot=snapshot)
    page = new_page()
    page.goto(f"{live_server.url}/reports/")
    expect(page.get_by_role("link", name=f"CSV — {SnapshotKind.ORDINANCE.label}")).to_be_visible()
    check_page(page, "public-reports")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"CSV — {SnapshotKind.PLACEMENTS.label}").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_staff_snapshots_page(new_page: NewPage, check_page: CheckPage, live_server: Any) -> None:
    employer_with_user(is_city_funded=True, staff_count=40)
    snapshots_yearly(seoul_today())
    staff = verified(staff_user())
    page = new_page()
    log_in_staff(page, staff, password=PASSWORD)
    page.goto(f"{live_server.url}/staff/reports/snapshots/")
    check_page(page, "staff-snapshots")
    page.get_by_role("button", name="공개하기").first.click()
    expect(page.get_by_text("공개 보고서 페이지에 올렸어요.")).to_be_visible()
    check_page(page, "staff-snapshots-published")


def test_mentee_answers_the_follow_up(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    user = verified(seeker())
    fact = MentoringFact.objects.create(
        career_field="engineering",
        mentor_kind="college_student",
        requested_at=timezone.now(),
        requested_on=seoul_today(),
        outcome="completed",
        finished_on=seoul_today(),
    )
    followup = MentoringFollowUp.objects.create(
        fact=fact, seeker=user, month=6, due_on=seoul_today()
    )
    page = new_page()
    log_in(page, email=user.email, password=PASSWORD)
    page.goto(f"{live_server.url}/me/mentoring/follow-up/{followup.pk}/")
    check_page(page, "followup-question")
    page.get_by_role("button", name="답하기").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "followup-error")
    tick(page, "다른 전공으로 바꿨어요")
    page.get_by_role("button", name="답하기").click()
    expect(page.get_by_text("답해 주셔서 고마워요.")).to_be_visible()
    fact.refresh_from_db()
    assert fact.followup_6 == "changed_major"
