"""Staff in a real browser: the ordinance policy editor (a bad value is named beside its
field and kept, a good one makes a new version, the difference shows the change), the
access-log review (filter by a seeker, mark last month reviewed) and a bulk approval. Every
page is checked with axe-core (check_page)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from backend.accounts.models import AccessLog, AccessLogReview, User
from backend.accounts.services import access_log
from backend.jobs.models import Posting, PostingStatus
from backend.matching.models import OrdinancePolicy
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import enter_code, log_in, tick
from tests.factories.accounts import PASSWORD, staff_user
from tests.factories.jobs import posting_in
from tests.factories.seekers import graduate_profile


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.MFA_TOTP_TOLERANCE = 1  # a code of the next 30 s step is taken as well
    cache.clear()


STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, known to the test


def officer() -> User:
    user = staff_user(email="policy@siheung.example.kr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, STAFF_SECRET)  # staff have two-factor authentication
    return user


def heading(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def test_staff_edit_the_policy_and_read_the_difference(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    staff = officer()
    page = new_page()
    log_in(page, email=staff.email, password=PASSWORD)
    enter_code(page, check_page, secret=STAFF_SECRET)

    page.goto("/staff/policy/")
    heading(page).to_have_text("조례 정책")
    expect(page.get_by_text("적용 중")).to_be_visible()
    check_page(page, "policy-versions")

    page.get_by_role("link", name="새 판 만들기").click()
    heading(page).to_have_text("조례 정책 새 판 만들기")
    check_page(page, "policy-edit")
    share = page.locator('[name="target_share"]')
    expect(share).to_have_value("0.2")

    # A share above 1: the error names the field, beside it and in the summary; kept.
    share.fill("1.5")
    page.get_by_label("무엇을 왜 바꾸나요").fill("2027년 조례 개정: 목표 25%")
    page.get_by_role("button", name="새 판으로 저장").click()
    expect(page.locator("#error-summary")).to_contain_text("target_share: 0~1 사이여야 합니다.")
    expect(page.locator("#error-target_share")).to_contain_text("target_share")
    expect(share).to_have_value("1.5")
    expect(share).to_have_attribute("aria-invalid", "true")
    check_page(page, "policy-edit-error")
    assert OrdinancePolicy.objects.count() == 1

    # A good one makes version 2 and lands on the difference.
    share.fill("0.25")
    page.get_by_role("button", name="새 판으로 저장").click()
    heading(page).to_have_text("조례 정책 1판 → 2판")
    row = page.locator('[id="change-target_share"]')
    expect(row).to_contain_text("0.2 (20%)")
    expect(row).to_contain_text("0.25 (25%)")
    expect(page.get_by_text("바뀐 항목 1개")).to_be_visible()
    check_page(page, "policy-diff")
    assert OrdinancePolicy.objects.get(version=2).document["target_share"] == 0.25

    page.goto("/staff/policy/2/")
    heading(page).to_have_text("조례 정책 2판")
    check_page(page, "policy-version")

    # A bad comparison is a 400 page with the field's error, still checked by axe.
    page.goto("/staff/policy/diff/?old=1&new=9")
    expect(page.locator("#error-new")).to_contain_text("9판은 없어요")
    check_page(page, "policy-diff-error")


def test_staff_filter_the_access_log_and_mark_last_month_reviewed(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    staff = officer()
    other = staff_user(email="colleague@siheung.example.kr")
    watched, unrelated = graduate_profile(), graduate_profile()
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    entry = access_log(actor=other, subject=watched.user, what="seeker profile")
    AccessLog.objects.filter(pk=entry.pk).update(
        at=timezone.make_aware(datetime.datetime(last_month.year, last_month.month, 12, 22, 0))
    )
    access_log(actor=staff, subject=unrelated.user, what="seeker profile")

    page = new_page()
    log_in(page, email=staff.email, password=PASSWORD)
    enter_code(page, check_page, secret=STAFF_SECRET)
    page.goto("/staff/")
    expect(page.get_by_text("점검하지 않은 달의 개인정보 열람 기록")).to_be_visible()
    page.get_by_role("link", name="열람 기록 점검하기").click()
    heading(page).to_have_text("열람 기록 월별 점검")
    page.get_by_role("link", name="열람 기록 보기").click()
    heading(page).to_have_text("개인정보 열람 기록")
    check_page(page, "access-log")

    page.get_by_label("열람한 담당자").select_option(label=other.email)
    page.get_by_label("열람된 사람 (구직자 번호 또는 이메일)").fill(str(watched.pk))
    page.get_by_role("button", name="찾기").click()
    table = page.locator("table")
    expect(table).to_contain_text(f"구직자 {watched.pk}번")
    expect(table).not_to_contain_text(f"구직자 {unrelated.pk}번")
    check_page(page, "access-log-filtered")

    page.get_by_label("이날부터").fill("2026-12-31")
    page.get_by_label("이날까지").fill("2026-12-01")
    page.get_by_role("button", name="찾기").click()
    expect(page.locator("#error-to")).to_contain_text("끝 날짜가 시작 날짜보다 앞서요")
    check_page(page, "access-log-error")

    page.goto("/staff/access-log/reviews/")
    page.get_by_role("button", name="점검 완료로 남기기").click()  # nothing chosen
    expect(page.locator("#error-month")).to_be_visible()
    page.get_by_label("점검한 달").select_option(f"{last_month:%Y-%m}")
    page.get_by_label("점검 결과", exact=True).fill("야간 열람 1건: 민원 처리로 확인함.")
    page.get_by_role("button", name="점검 완료로 남기기").click()
    month_row = page.locator(f'[id="month-{last_month:%Y-%m}"]')
    expect(month_row).to_contain_text("점검함")
    expect(month_row).to_contain_text(staff.email)
    check_page(page, "access-log-reviews")
    assert AccessLogReview.objects.get().reviewed_by == staff
    # Every reading of the log was itself logged.
    assert AccessLog.objects.filter(actor=staff, path="/staff/access-log/").count() >= 2


def test_staff_approve_two_postings_at_once(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    staff = officer()
    first = posting_in(PostingStatus.PENDING, title="오전 경리 (가상)")
    second = posting_in(PostingStatus.PENDING, title="주말 포장 (가상)")
    page = new_page()
    log_in(page, email=staff.email, password=PASSWORD)
    enter_code(page, check_page, secret=STAFF_SECRET)
    page.goto("/staff/postings/")
    check_page(page, "postings-bulk")
    tick(page, "'오전 경리 (가상)' 한꺼번에 승인할 공고로 고르기")
    tick(page, "'주말 포장 (가상)' 한꺼번에 승인할 공고로 고르기")
    page.get_by_role("button", name="고른 공고 모두 승인").click()
    expect(page.get_by_text("'오전 경리 (가상)' 공고를 승인했어요.")).to_be_visible()
    expect(page.get_by_text("'주말 포장 (가상)' 공고를 승인했어요.")).to_be_visible()
    check_page(page, "postings-bulk-done")
    statuses = set(
        Posting.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == {PostingStatus.OPEN}
