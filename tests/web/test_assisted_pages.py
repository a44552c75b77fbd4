"""Counsellor-assisted enrolment (상담사 대리 등록) through its pages: staff create the account
with the paper consent and print the letter, fill the profile; the person logs in the first
time with the letter's ID and one-time code and sets a password. The code is hashed, expires,
works once and locks; every staff action is in the access log as done on behalf."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backend.accounts.models import AccessLog, ConsentRecord, User
from backend.notifications.models import Notification, NotificationStatus
from backend.notifications.services import notification_queue
from backend.seekers.assisted import MAX_CODE_FAILURES
from backend.seekers.models import AssistedEnrolment, SeekerProfile
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.web.seeker_helpers import client_for, html

pytestmark = [pytest.mark.django_db]

NEW = "/staff/seekers/assisted/new/"
ACTIVATE = "/accounts/assisted/"
PASSWORD = "시흥-새출발-2026!"
CODE = re.compile(r'<strong class="code">([A-Z2-9]{5}-[A-Z2-9]{5})</strong>')


def enrol(client: Client, **overrides: Any) -> tuple[AssistedEnrolment, str]:
    data = {
        "consent_scan_ref": "새일-2026-0153",
        "consent_signed_on": timezone.localdate().isoformat(),
        "matching_consent": "on",
    }
    data.update(overrides)
    response = client.post(NEW, data)
    assert response.status_code == 200, response.content[:300]
    assert "no-store" in response["Cache-Control"]
    found = CODE.search(response.content.decode())
    assert found is not None
    return AssistedEnrolment.objects.latest("created_at"), found.group(1)


def activate(login_id: str, code: str, password: str = PASSWORD) -> Any:
    return Client().post(
        ACTIVATE,
        {"login_id": login_id, "code": code, "password1": password, "password2": password},
    )


@pytest.mark.parametrize("make_user", [seeker, employer_user, mentor_user])
def test_only_staff_enrol_on_behalf(make_user: Any) -> None:
    client = client_for(make_user())
    assert client.get(NEW).status_code == 403
    data = {"consent_scan_ref": "x", "consent_signed_on": timezone.localdate().isoformat()}
    assert client.post(NEW, data).status_code == 403
    assert AssistedEnrolment.objects.count() == 0


def test_the_letter_holds_a_code_stored_only_hashed_and_the_paper_consent() -> None:
    staff = staff_user()
    enrolment, code = enrol(client_for(staff))
    assert enrolment.login_id.startswith("sh")
    plain = code.replace("-", "")
    assert plain not in enrolment.code_hash
    assert enrolment.code_hash.startswith(("pbkdf2", "md5", "argon2", "bcrypt", "scrypt"))
    assert enrolment.consent_scan_ref == "새일-2026-0153"
    assert enrolment.consent_staff_id == staff.pk
    consents = {r.purpose: (r.granted, r.channel) for r in ConsentRecord.objects.all()}
    assert consents == {"service": (True, "paper"), "matching": (True, "paper")}
    log = AccessLog.objects.get(subject=enrolment.user)
    assert log.actor_id == staff.pk
    assert log.what.startswith("대리 등록")
    # The detail page never shows the code again.
    page = client_for(staff).get(f"/staff/seekers/assisted/{enrolment.pk}/")
    assert code not in page.content.decode()
    assert plain not in page.content.decode()


def test_bad_paper_consent_comes_back_with_the_fields_message() -> None:
    client = client_for(staff_user())
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    response = client.post(NEW, {"consent_scan_ref": "새일-1", "consent_signed_on": future})
    assert response.status_code == 400
    text = html(response)
    assert "오늘이나 지난 날짜를 적어 주세요." in text
    assert 'value="새일-1"' in text
    assert client.post(NEW, {"consent_scan_ref": "", "consent_signed_on": ""}).status_code == 400
    assert User.objects.filter(email__endswith="assisted.invalid").count() == 0


def test_staff_fill_the_profile_on_behalf_and_it_is_logged() -> None:
    staff = staff_user()
    client = client_for(staff)
    enrolment, _ = enrol(client)
    response = client.post(
        f"/staff/seekers/assisted/{enrolment.pk}/",
        {
            "cohort": "returner",
            "display_name": "김순자",
            "birth_year": "1975",
            "area": "4139051000",
            "is_resident": "on",
            "career_break_years": "8",
            "career_break_reason": "childcare",
            "skills": "엑셀, 전화 응대",
            "certificates": "",
            "employment_types": ["part_time"],
            "shifts": ["morning"],
            "max_days_per_week": "3",
            "experience-TOTAL_FORMS": "1",
            "experience-INITIAL_FORMS": "0",
            "experience-MIN_NUM_FORMS": "0",
            "experience-MAX_NUM_FORMS": "30",
            "experience-0-occupation": "경리 사무원",
            "experience-0-years": "4",
        },
    )
    assert response.status_code == 302, html(response)[:2000]
    profile = SeekerProfile.objects.get(user=enrolment.user)
    assert profile.display_name == "김순자"
    assert profile.skills == ["엑셀", "전화 응대"]
    whats = list(AccessLog.objects.filter(subject=enrolment.user).values_list("what", flat=True))
    assert "대리 입력: 프로필" in whats
    bad = client.post(f"/staff/seekers/assisted/{enrolment.pk}/", {"cohort": "returner"})
    assert bad.status_code == 400


def test_first_login_sets_the_password_once_and_the_person_then_logs_in() -> None:
    enrolment, code = enrol(client_for(staff_user()))
    wrong = activate(enrolment.login_id, "AAAAA-AAAAA")
    assert wrong.status_code == 400
    assert "아이디나 일회용 코드가 맞지 않아요" in html(wrong)
    unknown = activate("sh00000000", code)
    assert html(unknown).count("아이디나 일회용 코드가 맞지 않아요") == html(wrong).count(
        "아이디나 일회용 코드가 맞지 않아요"
    )  # the same answer: no hint which IDs exist
    short = activate(enrolment.login_id, code, password="1234")
    assert short.status_code == 400
    client = Client()
    done = client.post(
        ACTIVATE,
        {
            "login_id": enrolment.login_id.upper(),
            "code": code.lower().replace("-", " "),
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert done.status_code == 302
    assert done["Location"] == "/me/"
    assert client.get("/me/").status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.activated_at is not None
    assert enrolment.code_hash == ""
    # Used once: the same letter opens nothing again.
    assert activate(enrolment.login_id, code, password="다른-비밀번호-99!").status_code == 400
    # The ordinary login works with the login ID's address and the new password.
    again = Client()
    assert again.login(email=enrolment.user.email, password=PASSWORD)


def test_an_expired_or_locked_code_opens_nothing_and_a_new_letter_does() -> None:
    staff = staff_user()
    client = client_for(staff)
    enrolment, code = enrol(client)
    AssistedEnrolment.objects.filter(pk=enrolment.pk).update(
        code_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert activate(enrolment.login_id, code).status_code == 400
    reissued = client.post(f"/staff/seekers/assisted/{enrolment.pk}/letter/")
    assert reissued.status_code == 200
    found = CODE.search(reissued.content.decode())
    assert found is not None
    fresh = found.group(1)
    assert fresh != code
    for _ in range(MAX_CODE_FAILURES):
        activate(enrolment.login_id, "ZZZZZ-ZZZZZ")
    assert activate(enrolment.login_id, fresh).status_code == 400  # locked
    enrolment.refresh_from_db()
    assert enrolment.activated_at is None
    whats = AccessLog.objects.filter(subject=enrolment.user).values_list("what", flat=True)
    assert "대리: 일회용 코드 안내문 발급" in list(whats)


def test_no_mail_goes_to_the_login_ids_address() -> None:
    enrolment, _ = enrol(client_for(staff_user()))
    row = notification_queue(
        recipient=enrolment.user, kind="mentoring_completed", obj=enrolment.user
    )
    assert row.status == NotificationStatus.CANCELLED
    assert Notification.objects.filter(status=NotificationStatus.QUEUED).count() == 0
