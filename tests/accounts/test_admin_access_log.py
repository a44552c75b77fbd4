"""Issue 13, 'Admin reads are not logged': staff reading a seeker, a user's email or a
decrypted phone in the Django admin write access-log rows (who, whom, what, when, client IP);
lists that do not need personal columns show references instead."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import AccessLog, User
from backend.accounts.services import staff_user_create
from backend.matching.models import Recommendation
from backend.notifications.services import notification_queue
from tests.factories.accounts import log_in, seeker
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import graduate_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return staff_user_create(email="officer@siheung.go.kr", password="a-long-password-1")


@pytest.fixture
def admin_client(staff: User) -> Client:
    client = Client(REMOTE_ADDR="203.0.113.7")
    log_in(client, staff, backend="django.contrib.auth.backends.ModelBackend")
    return client


def rows_about(user: User) -> list[AccessLog]:
    return list(AccessLog.objects.filter(subject=user).order_by("id"))


def test_seeker_change_page_with_decrypted_phone_is_logged(
    admin_client: Client, staff: User
) -> None:
    profile = graduate_profile(phone="010-2345-6789")
    url = reverse("admin:seekers_seekerprofile_change", args=[profile.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "010-2345-6789" in response.content.decode()
    [row] = rows_about(profile.user)
    assert row.actor == staff
    assert row.actor_role == "staff"
    assert row.subject_ref == f"user:{profile.user_id}"
    assert "구직자" in row.what
    assert "열람" in row.what
    assert row.ip_address == "203.0.113.7"
    assert row.path == url
    assert row.at is not None


def test_seeker_list_with_names_logs_each_listed_seeker(admin_client: Client) -> None:
    profiles = [graduate_profile(display_name=name) for name in ("김하늘", "이바다")]
    response = admin_client.get(reverse("admin:seekers_seekerprofile_changelist"))
    assert response.status_code == 200
    assert "이바다" in response.content.decode()
    for profile in profiles:
        [row] = rows_about(profile.user)
        assert "목록" in row.what


def test_user_email_change_page_and_list_are_logged(admin_client: Client) -> None:
    person = seeker(email="someone@example.kr")
    admin_client.get(reverse("admin:accounts_user_changelist"))
    admin_client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    whats = [row.what for row in rows_about(person)]
    assert len(whats) == 2
    assert "목록" in whats[0]
    assert "이메일" in whats[1]


def test_a_change_in_the_admin_is_logged_as_a_change(admin_client: Client, staff: User) -> None:
    staff.is_superuser = True
    staff.save()
    person = seeker(email="before@example.kr")
    url = reverse("admin:accounts_user_change", args=[person.pk])
    admin_client.post(
        url,
        {
            "email": "after@example.kr",
            "role": "seeker",
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-02",
            "date_joined_1": "10:00:00",
        },
    )
    person.refresh_from_db()
    assert person.email == "after@example.kr"
    assert any("변경" in row.what for row in rows_about(person))


def _notification_for(user: User) -> Any:
    return notification_queue(recipient=user, kind="application_received", obj=user)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("admin:employers_employer_change", lambda: employer_with_user()),
        ("admin:mentoring_mentorprofile_change", lambda: expert_mentor()),
        ("admin:mentoring_mentoringrequest_change", lambda: mentoring_request()),
        ("admin:accounts_consentrecord_change", lambda: seeker()),
        ("admin:notifications_notification_change", lambda: seeker()),
    ],
)
def test_every_change_page_with_personal_data_is_logged(
    admin_client: Client, staff: User, name: str, make: Any
) -> None:
    staff.is_superuser = True
    staff.save()
    made = make()
    if name.startswith("admin:employers"):
        obj, person = made
    elif name.endswith("mentorprofile_change"):
        obj, person = made, made.user
    elif name.endswith("mentoringrequest_change"):
        obj, person = made, made.seeker
    elif name.endswith("consentrecord_change"):
        from backend.accounts.services import consents_record

        person = made
        obj = consents_record(user=person, decisions={"service": True})[0]
    else:
        person = made
        obj = notification_queue(
            recipient=person, kind="account_email", obj=None, context={"template_prefix": "x"}
        )
    response = admin_client.get(reverse(name, args=[obj.pk]))
    assert response.status_code == 200
    assert len(rows_about(person)) == 1


def test_lists_without_a_need_for_personal_columns_show_references(
    admin_client: Client, staff: User
) -> None:
    staff.is_superuser = True
    staff.save()
    profile = graduate_profile(display_name="최은밀")
    posting = posting_in("open")
    Recommendation.objects.create(
        seeker=profile,
        posting=posting,
        rank=1,
        score=0.5,
        components={},
        reasons=[],
        policy_version=1,
        computed_at=timezone.now(),
    )
    person = seeker(email="hidden-address@example.kr")
    notification_queue(
        recipient=person, kind="account_email", obj=None, context={"template_prefix": "x"}
    )
    for name in (
        "admin:matching_recommendation_changelist",
        "admin:notifications_notification_changelist",
        "admin:accounts_consentrecord_changelist",
    ):
        body = admin_client.get(reverse(name)).content.decode()
        assert "최은밀" not in body
        assert "hidden-address@example.kr" not in body
    assert rows_about(person) == []
