"""Signup, verification and login through allauth's headless API; consents; lockout."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from backend.accounts.models import AccessLog, ConsentRecord, Role, User
from tests.factories.accounts import PASSWORD, UserFactory, log_in, staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

APP = "/_allauth/app/v1"


@pytest.fixture(autouse=True)
def _mail_and_cache(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.cache import cache

    cache.clear()  # rate-limit counters live in the cache


def post(client: Client, path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers: dict[str, Any] = {"HTTP_X_SESSION_TOKEN": token} if token else {}
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def signup(client: Client, email: str, role: str, **extra: Any) -> Any:
    body = {"email": email, "password": "a-long-enough-pass", "role": role, "consent_service": True}
    body.update(extra)
    return post(client, f"{APP}/auth/signup", body)


def verify_latest_email(client: Client, token: str) -> Any:
    key = re.search(r"confirm-email/([^/\s]+)/", str(mail.outbox[-1].body))
    assert key, mail.outbox[-1].body
    return post(client, f"{APP}/auth/email/verify", {"key": key.group(1)}, token)


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER, Role.MENTOR])
def test_signup_verify_and_use_the_api_with_a_session_token(client: Client, role: str) -> None:
    response = signup(client, f"new-{role}@example.kr", role, consent_marketing=True)
    assert response.status_code == 401  # verification pending
    body = response.json()
    assert {"id": "verify_email", "is_pending": True} in body["data"]["flows"]
    token = body["meta"]["session_token"]
    verified = verify_latest_email(client, token)
    assert verified.status_code == 200, verified.content
    token = verified.json()["meta"].get("session_token", token)
    me = Client().get("/api/v1/me/", HTTP_X_SESSION_TOKEN=token)
    assert me.status_code == 200
    assert me.json()["role"] == role
    user = User.objects.get(email=f"new-{role}@example.kr")
    assert user.role == role
    assert not user.is_staff
    decisions = {
        record.purpose: record.granted for record in ConsentRecord.objects.filter(user=user)
    }
    assert decisions == {"service": True, "matching": False, "marketing": True}


def test_signup_never_makes_staff(client: Client) -> None:
    response = signup(client, "sneaky@example.kr", Role.STAFF)
    assert response.status_code == 400
    assert "role" in json.dumps(response.json())
    assert not User.objects.filter(email="sneaky@example.kr").exists()


def test_signup_needs_the_required_consent_and_a_good_password(client: Client) -> None:
    response = signup(client, "noconsent@example.kr", Role.SEEKER, consent_service=False)
    assert response.status_code == 400
    weak = post(
        client,
        f"{APP}/auth/signup",
        {
            "email": "weak@example.kr",
            "password": "short",
            "role": "seeker",
            "consent_service": True,
        },
    )
    assert weak.status_code == 400
    assert not User.objects.filter(email__in=["noconsent@example.kr", "weak@example.kr"]).exists()


def test_optional_consents_can_be_refused_and_the_required_one_cannot(client: Client) -> None:
    user = UserFactory.create(role=Role.SEEKER)
    client.force_login(user)
    given = client.post(
        "/api/v1/me/consents/",
        {"decisions": {"service": True, "marketing": True}},
        content_type="application/json",
    )
    assert given.status_code == 200
    refused = client.post(
        "/api/v1/me/consents/", {"decisions": {"marketing": False}}, content_type="application/json"
    )
    assert refused.status_code == 200
    rows = {row["purpose"]: row for row in refused.json()}
    assert rows["marketing"]["granted"] is False
    assert rows["service"]["granted"] is True
    assert rows["service"]["mandatory"] is True
    withdrawn = client.post(
        "/api/v1/me/consents/", {"decisions": {"service": False}}, content_type="application/json"
    )
    assert withdrawn.status_code == 400
    assert withdrawn.json()["code"] == "required_consent"
    unknown = client.post(
        "/api/v1/me/consents/", {"decisions": {"spam": True}}, content_type="application/json"
    )
    assert unknown.status_code == 400
    assert "decisions" in unknown.json()
    # The history is kept: every decision is its own record.
    assert ConsentRecord.objects.filter(user=user, purpose="marketing").count() == 2


def test_login_locks_out_after_repeated_failures(client: Client) -> None:
    user = UserFactory.create(role=Role.SEEKER, email="locked@example.kr")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _ in range(5):
        failed = post(
            client, f"{APP}/auth/login", {"email": user.email, "password": "wrong-password!"}
        )
        assert failed.status_code == 400
    # Even the right password is refused while the account is locked out.
    blocked = post(client, f"{APP}/auth/login", {"email": user.email, "password": PASSWORD})
    assert blocked.status_code == 400
    assert blocked.json()["errors"][0]["code"] == "too_many_login_attempts"
    assert not blocked.json().get("meta", {}).get("is_authenticated")


def test_admin_login_goes_through_allauth_and_its_lockout(client: Client) -> None:
    staff = staff_user(email="staff@example.kr")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    for _ in range(5):
        client.post("/accounts/login/", {"login": staff.email, "password": "wrong-password!"})
    blocked = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert "너무 많은 로그인 실패" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still not in


def test_me_requires_login(client: Client) -> None:
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "X-Session-Token"
    assert not AccessLog.objects.exists()


def test_export_and_delete_my_account(client: Client) -> None:
    user = UserFactory.create(role=Role.SEEKER, email="leaving@example.kr")
    staff = staff_user()
    from backend.accounts.services import access_log, consents_record

    consents_record(user=user, decisions={"service": True, "marketing": False})
    access_log(actor=staff, subject=user, what="seeker profile")
    client.force_login(user)
    export = client.get("/api/v1/me/export/")
    assert export.status_code == 200
    data = export.json()
    assert data["account"]["email"] == "leaving@example.kr"
    assert {row["purpose"] for row in data["consents"]} == {"service", "marketing"}
    assert data["accessed_by"] == [
        {"actor_role": "staff", "what": "seeker profile", "at": data["accessed_by"][0]["at"]}
    ]
    deleted = client.delete("/api/v1/me/")
    assert deleted.status_code == 204
    assert not User.objects.filter(email="leaving@example.kr").exists()
    assert not ConsentRecord.objects.filter(user_id=user.pk).exists()
    # The city's record of who looked stays, without the person.
    entry = AccessLog.objects.get()
    assert entry.subject_id is None
    assert entry.subject_ref == f"user:{user.pk}"


def test_password_reset_by_email(client: Client) -> None:
    UserFactory.create(role=Role.SEEKER, email="forgot@example.kr")
    requested = post(client, f"{APP}/auth/password/request", {"email": "forgot@example.kr"})
    assert requested.status_code == 200
    assert mail.outbox[-1].to == ["forgot@example.kr"]
    key = re.search(r"password/reset/key/([^/\s]+)/", str(mail.outbox[-1].body))
    assert key, mail.outbox[-1].body
    reset = post(
        client, f"{APP}/auth/password/reset", {"key": key.group(1), "password": "another-long-pass"}
    )
    assert reset.status_code in (200, 401), reset.content  # 401: reset done, login next
    login = post(
        client, f"{APP}/auth/login", {"email": "forgot@example.kr", "password": "another-long-pass"}
    )
    assert login.status_code in (200, 401)
    assert User.objects.get(email="forgot@example.kr").check_password("another-long-pass")


def test_staff_accounts_by_command_can_use_the_admin(client: Client) -> None:
    from django.core.management import call_command

    call_command("create_staff", "officer@siheung.example", password="a-long-enough-pass")
    officer = User.objects.get(email="officer@siheung.example")
    assert officer.role == Role.STAFF
    assert officer.is_staff
    assert not officer.is_superuser
    log_in(client, officer)
    assert client.get("/admin/employers/employer/").status_code == 200
    assert client.get("/admin/workers/jobrun/").status_code == 200
    assert client.get("/admin/accounts/accesslog/").status_code == 200
    assert client.get("/admin/auth/group/").status_code == 403  # not an administrator
