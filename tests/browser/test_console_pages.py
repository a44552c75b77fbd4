"""axe-core on the pages no journey passes through: the privacy notice, the seeker's mentoring
page, the mentor's profile, the employer's postings list and shortlist, the staff dashboard,
dead jobs, overdue checkpoints, a seeker's record, the placements and one placement's
checkpoints with their history, and allauth's signed-in pages. Each is opened with rows to
show (an empty page hides most of its markup) and checked with check_page."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.jobs.checkpoints import placement_checkpoint_record
from backend.jobs.models import Application
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import log_in, log_in_staff
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.factories.accounts import PASSWORD, staff_user
from tests.factories.jobs import placement_for
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import returner_profile


@pytest.fixture(autouse=True)
def _inline(settings: Any, embedded_search: None) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    cache.clear()


def logged_in(new_page: NewPage, user: User) -> Page:
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    page = new_page()
    if user.role == "staff":
        log_in_staff(page, user, password=PASSWORD)
    else:
        log_in(page, email=user.email, password=PASSWORD)
    return page


def visit(page: Page, check_page: CheckPage, path: str, name: str, heading: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, (path, response.status)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    check_page(page, name)


def test_the_pages_no_journey_opens_pass_axe(
    new_page: NewPage, check_page: CheckPage, live_server: Any
) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    seeker_with()
    index_all()
    returner = returner_profile()
    mentoring_request(seeker=returner.user, topic="용접 자격증 준비")
    mentor = expert_mentor(display_name="김공장장")
    application = Application.objects.create(posting=posting, seeker=returner.user)
    placement = placement_for(application)
    placement_checkpoint_record(
        checkpoint=placement.checkpoints.get(month=1), actor=boss, status="left"
    )
    placement_checkpoint_record(
        checkpoint=placement.checkpoints.get(month=1), actor=boss, status="retained"
    )

    anonymous = new_page()
    visit(anonymous, check_page, "/privacy/", "privacy-notice", "개인정보 처리방침")

    seeker = logged_in(new_page, returner.user)
    visit(seeker, check_page, "/me/mentoring/", "seeker-mentoring", "멘토링")
    visit(seeker, check_page, "/accounts/email/", "account-email", "")
    visit(seeker, check_page, "/accounts/password/change/", "account-password", "")

    mentor_page = logged_in(new_page, mentor.user)
    visit(mentor_page, check_page, "/mentor/profile/", "mentor-profile", "멘토 프로필")

    employer_page = logged_in(new_page, boss)
    visit(employer_page, check_page, "/employer/postings/", "employer-postings", "채용공고")
    visit(
        employer_page,
        check_page,
        f"/employer/postings/{posting.pk}/candidates/",
        "employer-candidates",
        posting.title,
    )

    staff = logged_in(new_page, staff_user())
    visit(staff, check_page, "/staff/", "staff-dashboard", "담당자 할 일")
    visit(staff, check_page, "/staff/jobs/", "staff-dead-jobs", "멈춘 작업")
    visit(staff, check_page, "/staff/checkpoints/", "staff-checkpoints", "고용 유지 확인")
    visit(staff, check_page, f"/staff/seekers/{returner.pk}/", "staff-seeker", "기록")
    visit(staff, check_page, "/staff/placements/", "staff-placements", "취업 연계")
    visit(
        staff,
        check_page,
        f"/staff/placements/{placement.pk}/",
        "staff-placement",
        "고용 유지 확인",
    )
    expect(staff.locator("#checkpoint-1")).to_contain_text("그만뒀어요 → 일하고 있어요")
    visit(staff, check_page, "/accounts/logout/", "account-logout", "")
