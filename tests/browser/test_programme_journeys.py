"""Programmes in a real browser: staff add a training course and a returner sees it as the
way to the postings one certificate keeps her from; a mentor and a mentee record sessions and,
once the mentor completes the mentoring, both rate it. Every page is checked with axe-core
(check_page) and looked at in its screenshot."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from playwright.sync_api import Page, expect

from backend.accounts.models import AccessLog, User
from backend.mentoring.models import MentoringRating, MentoringSession, RequestStatus
from backend.seekers.models import AssistedEnrolment
from backend.training.models import TrainingCourse
from tests.browser.conftest import CheckPage, NewPage
from tests.browser.journeys import log_in, log_in_staff, tick
from tests.factories.accounts import PASSWORD, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import returner_profile
from tests.web.postings import open_posting

__all__ = ["open_posting"]


@pytest.fixture(autouse=True)
def _inline(settings: Any, embedded_search: None) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.MFA_TOTP_TOLERANCE = 1
    cache.clear()


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_staff_add_a_course_and_a_returner_finds_it_for_her_gap(
    new_page: NewPage, check_page: CheckPage, open_posting: Any
) -> None:
    profile = returner_profile(
        skills=["엑셀", "문서 작성"],
        certificates=[],
        shifts=["morning"],
        employment_types=["part_time"],
    )
    seeker = verified(profile.user)
    for n in range(2):
        open_posting(
            title=f"경리 사무원 {n + 1}",
            description="회계 장부 정리와 전표 입력",
            certificates_required=["전산회계 2급"],
            days_per_week=3,
        )
    staff = verified(staff_user())
    staff_page = new_page()
    log_in_staff(staff_page, staff, password=PASSWORD)
    staff_page.goto("/staff/training/")
    check_page(staff_page, "staff-training-empty")
    staff_page.get_by_role("link", name="새 과정 등록하기").click()
    check_page(staff_page, "staff-training-new")
    staff_page.get_by_label("훈련 기관").fill("시흥여성새로일하기센터")
    staff_page.get_by_label("과정 이름").fill("전산회계 2급 취득반")
    staff_page.get_by_label("취득 자격증").fill("전산회계 2급")
    staff_page.get_by_label("배우는 기술").fill("전표 입력, 회계")
    start = datetime.date.today() + datetime.timedelta(days=10)
    staff_page.get_by_label("시작일").fill(start.isoformat())
    staff_page.get_by_label("종료일").fill((start - datetime.timedelta(days=1)).isoformat())
    staff_page.get_by_role("button", name="과정 저장하기").click()
    expect(staff_page.locator(".error-summary")).to_contain_text("종료일은 시작일과 같거나")
    check_page(staff_page, "staff-training-error")
    staff_page.get_by_label("종료일").fill((start + datetime.timedelta(days=56)).isoformat())
    tick(staff_page, "국민내일배움카드로 들을 수 있어요")
    staff_page.get_by_role("button", name="과정 저장하기").click()
    expect(staff_page.locator("table")).to_contain_text("전산회계 2급 취득반")
    check_page(staff_page, "staff-training-list")
    assert TrainingCourse.objects.get().naeil_card

    page = new_page()
    log_in(page, email=seeker.email, password=PASSWORD)
    page.goto("/me/")
    training = page.locator("section", has=page.get_by_role("heading", name="훈련 추천"))
    expect(training).to_contain_text("전산회계 2급")
    expect(training).to_contain_text("일자리 2곳")
    check_page(page, "seeker-dashboard-training")
    training.get_by_role("link", name="훈련 과정 보기").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("훈련 추천")
    expect(page.locator(".gap-list")).to_contain_text("전산회계 2급 취득반")
    expect(page.locator(".gap-list")).to_contain_text("국민내일배움카드 사용 가능")
    check_page(page, "seeker-training")
    phone = new_page(width=360)
    log_in(phone, email=seeker.email, password=PASSWORD)
    phone.goto("/me/training/")
    check_page(phone, "seeker-training-phone")


def _logged_in(new_page: NewPage, user: User) -> Page:
    page = new_page()
    log_in(page, email=user.email, password=PASSWORD)
    return page


def test_mentor_and_mentee_record_sessions_then_rate_the_mentoring(
    new_page: NewPage, check_page: CheckPage
) -> None:
    mentor = expert_mentor(display_name="김공장장")
    verified(mentor.user)
    seeker = verified(returner_profile().user)
    request = mentoring_request(
        seeker=seeker,
        mentor=mentor,
        status=RequestStatus.ACCEPTED,
        accepted_at=datetime.datetime.now(tz=datetime.UTC),
        topic="용접 자격증 준비",
    )
    today = datetime.date.today().isoformat()

    mentee = _logged_in(new_page, seeker)
    mentee.goto(f"/me/mentoring/{request.pk}/")
    check_page(mentee, "mentee-request")
    mentee.get_by_label("만난 날").fill(today)
    mentee.get_by_label("시간(분)").fill("2")
    mentee.get_by_label("이야기한 주제").fill("실기 시험 준비")
    mentee.get_by_role("button", name="세션 기록하기").click()
    expect(mentee.locator(".error-summary")).to_contain_text("5분 이상으로 적어 주세요.")
    check_page(mentee, "mentee-session-error")
    mentee.get_by_label("시간(분)").fill("60")
    mentee.get_by_role("button", name="세션 기록하기").click()
    expect(mentee.locator("table")).to_contain_text("실기 시험 준비")
    check_page(mentee, "mentee-session-recorded")

    mentor_page = _logged_in(new_page, mentor.user)
    mentor_page.goto(f"/mentor/requests/{request.pk}/")
    expect(mentor_page.locator("table")).to_contain_text("실기 시험 준비")
    mentor_page.get_by_label("만난 날").fill(today)
    mentor_page.get_by_label("시간(분)").fill("90")
    mentor_page.get_by_label("이야기한 주제").fill("용접기능사 필기 정리")
    mentor_page.get_by_role("button", name="세션 기록하기").click()
    expect(mentor_page.get_by_text("지금까지 2번, 모두 150분 만났어요.")).to_be_visible()
    check_page(mentor_page, "mentor-sessions")
    mentor_page.get_by_role(
        "button", name=re.compile("^멘토링 마치기 ?: 용접 자격증 준비$")
    ).click()
    expect(mentor_page.get_by_role("heading", name="멘토링을 평가해 주세요")).to_be_visible()
    check_page(mentor_page, "mentor-asked-to-rate")
    tick(mentor_page, "4점 · 도움이 됐어요")
    mentor_page.get_by_role("button", name="평가 보내기").click()
    expect(mentor_page.get_by_text("내 평가: 4점")).to_be_visible()

    mentee.goto(f"/me/mentoring/{request.pk}/")
    expect(mentee.get_by_role("heading", name="멘토링을 평가해 주세요")).to_be_visible()
    check_page(mentee, "mentee-asked-to-rate")
    tick(mentee, "5점 · 아주 도움이 됐어요")
    mentee.get_by_label("한마디 (선택)").fill("시험 준비 순서를 알게 됐어요.")
    mentee.get_by_role("button", name="평가 보내기").click()
    expect(mentee.get_by_text("내 평가: 5점")).to_be_visible()
    check_page(mentee, "mentee-rated")
    assert MentoringSession.objects.filter(request=request).count() == 2
    assert sorted(MentoringRating.objects.values_list("role", "score")) == [
        ("mentee", 5),
        ("mentor", 4),
    ]


def test_a_counsellor_enrols_a_person_who_then_sets_her_password_from_the_letter(
    new_page: NewPage, check_page: CheckPage
) -> None:
    staff = verified(staff_user())
    staff_page = new_page()
    log_in_staff(staff_page, staff, password=PASSWORD)
    staff_page.goto("/staff/seekers/assisted/")
    check_page(staff_page, "staff-assisted-empty")
    staff_page.get_by_role("link", name="대신 등록하기").click()
    check_page(staff_page, "staff-assisted-new")
    staff_page.get_by_label("동의서 스캔 번호").fill("새일-2026-0153")
    staff_page.get_by_label("동의서 서명일").fill(datetime.date.today().isoformat())
    staff_page.get_by_role("button", name="계정 만들고 안내문 인쇄하기").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("시흥 일자리 잇다 로그인 안내")
    check_page(staff_page, "staff-assisted-letter")
    code = staff_page.locator(".code").inner_text()
    enrolment = AssistedEnrolment.objects.get()
    expect(staff_page.locator(".letter-box")).to_contain_text(enrolment.login_id)
    staff_page.emulate_media(media="print")
    check_page(staff_page, "staff-assisted-letter-print")
    staff_page.emulate_media(media="screen")

    staff_page.get_by_role("link", name="프로필 입력하러 가기").click()
    check_page(staff_page, "staff-assisted-profile")
    tick(staff_page, "일을 쉬었다가 다시 시작하려고 해요 (경력단절여성)")
    staff_page.get_by_label("이름 또는 부를 이름").fill("김순자")
    staff_page.get_by_role("button", name="프로필 저장하기").click()
    expect(staff_page.locator(".error-summary")).to_be_visible()
    check_page(staff_page, "staff-assisted-profile-error")

    person = new_page(width=360)
    person.goto("/accounts/assisted/")
    check_page(person, "person-activate")
    person.get_by_label("로그인 아이디").fill(enrolment.login_id)
    person.get_by_label("일회용 코드").fill(code)
    person.get_by_label("새 비밀번호", exact=True).fill("시흥-새출발-2026!")
    person.get_by_label("새 비밀번호 확인").fill("시흥-새출발-2026!")
    person.get_by_role("button", name="비밀번호 정하고 들어가기").click()
    expect(person).to_have_url(re.compile(r"/me/$"))
    check_page(person, "person-dashboard")
    enrolment.refresh_from_db()
    assert enrolment.activated_at is not None
    assert AccessLog.objects.filter(subject=enrolment.user, what__startswith="대리").exists()
