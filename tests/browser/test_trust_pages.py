"""The trust pages of issue 13 in a real browser, checked with axe-core: a visitor reports a
posting without an account; staff see the report, a mentor waiting for verification and an
open posting's revision on their queues and decide each."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.jobs.models import PostingReport, PostingRevision, PostingStatus, RevisionStatus
from backend.mentoring.models import MentorProfile, MentorStatus
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import enter_code, log_in, tick
from tests.factories.accounts import PASSWORD, staff_user
from tests.factories.jobs import posting_in
from tests.factories.mentoring import expert_mentor

STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, known to the test


@pytest.fixture(autouse=True)
def _inline(settings: Any, embedded_search: None) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MFA_TOTP_TOLERANCE = 1  # a code of the next 30 s step is taken as well
    settings.WORKER_ENGINE = "inline"
    cache.clear()


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def heading(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def test_a_visitor_reports_and_staff_work_the_trust_queues(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    scam = posting_in(PostingStatus.OPEN, title="고수익 재택 부업")
    edited = posting_in(PostingStatus.OPEN, title="오전 경리 사무원")
    PostingRevision.objects.create(posting=edited, proposed={"title": "오후 경리 사무원"})
    waiting = expert_mentor(status=MentorStatus.PENDING, display_name="대기 멘토")

    visitor = new_page()
    visitor.goto(f"/jobs/{scam.pk}/")
    visitor.get_by_role("link", name="이 공고가 이상한가요? 신고하기").click()
    heading(visitor).to_have_text("공고 신고하기")
    check_page(visitor, "report-form")
    visitor.get_by_role("button", name="신고하기").click()
    expect(visitor.locator(".form-hint-invalid").first).to_be_visible()
    check_page(visitor, "report-form-error")
    tick(visitor, "사기·금전 요구 (보증금, 신분증·통장 사본 요구 등)")
    visitor.get_by_label("자세한 내용 (선택)").fill("보증금 30만 원을 먼저 내래요")
    visitor.get_by_role("button", name="신고하기").click()
    expect(visitor.get_by_text("신고했어요")).to_be_visible()
    assert PostingReport.objects.get().posting_id == scam.pk

    officer = verified(staff_user(email="officer@siheung.example.kr"))
    TOTP.activate(officer, STAFF_SECRET)  # staff have two-factor authentication
    staff = new_page()
    log_in(staff, email=officer.email, password=PASSWORD)
    enter_code(staff, check_page, secret=STAFF_SECRET)
    staff.goto("/staff/")
    check_page(staff, "staff-dashboard")

    staff.goto("/staff/reports-of-postings/")
    heading(staff).to_have_text("공고 신고")
    check_page(staff, "staff-reports-of-postings")
    staff.get_by_label("공고를 마감하는 사유 (기업이 읽어요)").fill("보증금 요구: 불법 모집")
    staff.get_by_role("button", name="'고수익 재택 부업' 공고 마감").click()
    expect(staff.get_by_text("확인을 기다리는 신고가 없어요.")).to_be_visible()
    scam.refresh_from_db()
    assert scam.status == PostingStatus.CLOSED

    staff.goto("/staff/mentors/")
    heading(staff).to_have_text("멘토 인증")
    check_page(staff, "staff-mentors")
    staff.get_by_role("button", name="'대기 멘토' 멘토 인증", exact=True).click()
    expect(staff.get_by_text("인증을 기다리는 멘토가 없어요.")).to_be_visible()
    assert MentorProfile.objects.get(pk=waiting.pk).status == MentorStatus.VERIFIED

    staff.goto("/staff/postings/")
    check_page(staff, "staff-postings-with-revision")
    staff.get_by_role("button", name="'오전 경리 사무원' 수정 승인").click()
    expect(staff.get_by_text("검토를 기다리는 수정 내용이 없어요.")).to_be_visible()
    assert PostingRevision.objects.get().status == RevisionStatus.APPROVED
