"""The privacy centre: consents, my data as JSON, deleting my account, who viewed my record."""

from __future__ import annotations

import json

import pytest

from backend.accounts.models import AccessLog, ConsentRecord, User
from backend.accounts.selectors import has_consent
from backend.seekers import access as seekers_access
from backend.seekers.models import SeekerProfile
from tests.factories.accounts import PASSWORD, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, html

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def profile(embedded_search: None) -> SeekerProfile:
    return graduate_profile(open_to_employers=True)


def test_consents_are_granted_and_withdrawn(profile: SeekerProfile) -> None:
    client = client_for(profile.user)
    text = html(client.get("/me/privacy/"))
    assert "기업 추천을 위한 프로필 활용" in text
    assert "채용 소식 안내 받기" in text
    assert "아직 정하지 않았어요" in text
    response = client.post(
        "/me/privacy/consents/", {"purpose": "marketing", "granted": "1"}, follow=True
    )
    assert "'채용 소식 안내 받기'에 동의했어요." in html(response)
    assert has_consent(user=profile.user, purpose="marketing")
    client.post("/me/privacy/consents/", {"purpose": "matching", "granted": "1"})
    response = client.post(
        "/me/privacy/consents/", {"purpose": "matching", "granted": "0"}, follow=True
    )
    assert "동의를 철회했어요" in html(response)
    assert not has_consent(user=profile.user, purpose="matching")
    record = ConsentRecord.objects.filter(user=profile.user, purpose="matching").first()
    assert record is not None
    assert record.channel == "web"
    assert not record.granted
    profile.refresh_from_db()
    assert not profile.open_to_employers  # no employer may find it without the consent


@pytest.mark.parametrize(
    "data",
    [
        {"purpose": "service", "granted": "0"},
        {"purpose": "nope", "granted": "1"},
        {"purpose": "marketing"},
    ],
)
def test_bad_consent_posts_are_a_message(profile: SeekerProfile, data: dict[str, str]) -> None:
    response = client_for(profile.user).post("/me/privacy/consents/", data, follow=True)
    assert response.status_code == 200
    assert 'class="site-message error"' in html(response)
    assert not ConsentRecord.objects.filter(user=profile.user).exists()


def test_export_returns_my_data_as_json(profile: SeekerProfile) -> None:
    response = client_for(profile.user).get("/me/privacy/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == profile.user.email
    assert data["seeker_profile"]["display_name"] == "김하늘"


def test_delete_refuses_a_wrong_password_then_works(profile: SeekerProfile) -> None:
    client = client_for(profile.user)
    response = client.post("/me/privacy/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "비밀번호가 맞지 않아요." in html(response)
    assert 'id="error-password"' in html(response)
    response = client.post("/me/privacy/delete/", {"password": PASSWORD})
    assert "확인란에 체크해" in html(response)
    assert User.objects.filter(pk=profile.user.pk).exists()
    response = client.post(
        "/me/privacy/delete/", {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/goodbye/"
    assert "계정을 지웠어요" in html(response)
    assert not User.objects.filter(pk=profile.user.pk).exists()
    assert not SeekerProfile.objects.filter(pk=profile.pk).exists()
    assert client.get("/me/").status_code == 302  # logged out


def test_access_log_shows_staff_and_employer_views_in_plain_words(profile: SeekerProfile) -> None:
    staff = staff_user()
    seekers_access.profile_for_staff(staff, profile.pk)
    _employer, employer_member = employer_with_user(name="주식회사 시흥정밀 (가상)")
    AccessLog.objects.create(
        actor=employer_member,
        actor_role="employer",
        subject=profile.user,
        subject_ref=f"user:{profile.user.pk}",
        what="지원자 이메일·지원 메시지, 지원 1",
    )
    text = html(client_for(profile.user).get("/me/privacy/"))
    assert "시청 일자리 담당 공무원" in text
    assert "내 프로필 전체 (연락처 포함)" in text
    assert "기업: 주식회사 시흥정밀 (가상)" in text
    assert "내 지원서 (이메일과 지원 메시지)" in text
    assert staff.email not in text  # who, by role, never the staff member's name or email
    assert "<caption>" in text


def test_access_log_is_paginated(profile: SeekerProfile) -> None:
    staff = staff_user()
    for _ in range(12):
        seekers_access.profile_for_staff(staff, profile.pk)
    client = client_for(profile.user)
    assert html(client.get("/me/privacy/")).count("내 프로필 전체") == 10
    assert html(client.get("/me/privacy/?page=2")).count("내 프로필 전체") == 2
