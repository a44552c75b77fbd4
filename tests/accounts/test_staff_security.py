"""Staff accounts: TOTP two-factor authentication before any staff page or the admin opens
(enrolment, login with a code, a session that never showed one), and the 30-minute idle
timeout. The TOTP codes are computed with allauth's own helpers from a known secret."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    hotp_value,
)
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from backend.accounts.models import User
from backend.accounts.staff_security import LAST_ACTIVITY_KEY
from tests.factories.accounts import PASSWORD, log_in, seeker, staff_user

pytestmark = [pytest.mark.django_db]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, known to the test


@pytest.fixture(autouse=True)
def _fresh_cache(settings: Any) -> None:
    cache.clear()  # rate limits and allauth's used-code markers
    settings.MFA_TOTP_TOLERANCE = 1  # two codes in one test without waiting 30 s


def code(secret: str = SECRET, step: int = 0) -> str:
    counter = int(time.time()) // 30 + step
    return str(format_hotp_value(hotp_value(secret, counter)))


def enrolled_staff() -> User:
    staff = staff_user()
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)
    # Enrolled yesterday, not in the session a test opens.
    Authenticator.objects.filter(user=staff).update(created_at=timezone.now() - timedelta(days=1))
    return staff


@pytest.mark.parametrize("path", ["/staff/", "/staff/employers/", "/admin/"])
def test_staff_without_an_authenticator_are_sent_to_enrol(path: str) -> None:
    client = Client()
    client.force_login(staff_user())  # a password login, no second factor
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_the_api_with_a_staff_browser_session_needs_the_second_factor_too() -> None:
    client = Client()
    client.force_login(staff_user())
    response = client.get("/api/v1/employers/")
    assert response.status_code == 403
    assert "2단계 인증" in response.json()["detail"]


def test_a_password_login_leads_to_enrolling_and_a_code_opens_the_console() -> None:
    client = Client()
    staff = staff_user()
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    sent = client.get("/staff/")
    assert sent["Location"] == "/accounts/2fa/totp/activate/?next=%2Fstaff%2F"
    # allauth asks for the password once more before adding an authenticator.
    asked = client.get(sent["Location"])
    assert asked["Location"].startswith("/accounts/reauthenticate/")
    client.post(asked["Location"], {"password": PASSWORD})
    page = client.get(sent["Location"])
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.content.decode()  # shown for typing into the app by hand
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200  # the form again
    assert not Authenticator.objects.filter(user=staff).exists()
    client.post("/accounts/2fa/totp/activate/", {"code": code(secret)})
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert client.get("/staff/").status_code == 200


def test_an_enrolled_staff_logs_in_with_password_and_code() -> None:
    staff = enrolled_staff()
    client = Client()
    response = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/staff/").status_code == 302  # not logged in yet
    refused = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert refused.status_code == 200
    done = client.post("/accounts/2fa/authenticate/", {"code": code()})
    assert done.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_session_that_never_showed_a_code_is_asked_for_one() -> None:
    staff = enrolled_staff()
    client = Client()
    client.force_login(staff)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    client.post("/accounts/2fa/reauthenticate/", {"code": code(step=1)})
    assert client.get("/staff/").status_code == 200


def test_without_the_requirement_the_demo_staff_login_needs_no_code(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False  # what DEBUG (make run) gives
    client = Client()
    client.force_login(staff_user())
    assert client.get("/staff/").status_code == 200


def test_other_roles_need_no_second_factor() -> None:
    client = Client()
    client.force_login(seeker())
    assert client.get("/me/").status_code == 200


# --- idle timeout ----------------------------------------------------------------------------


def idle_for(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_a_staff_session_idle_for_over_30_minutes_is_logged_out() -> None:
    client = log_in(Client(), staff_user())
    assert client.get("/staff/").status_code == 200
    idle_for(client, 31 * 60)
    response = client.get("/staff/employers/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fstaff%2Femployers%2F"
    again = client.get("/staff/")  # the session is gone, not just this request refused
    assert again.status_code == 302
    assert again["Location"].startswith("/accounts/login/")
    login = client.get(response["Location"])
    assert "30분 동안 아무 활동이 없어" in login.content.decode()


def test_activity_within_30_minutes_keeps_the_session() -> None:
    client = log_in(Client(), staff_user())
    idle_for(client, 29 * 60)
    assert client.get("/staff/").status_code == 200
    idle_for(client, 29 * 60)  # counted from the last request, not from the login
    assert client.get("/staff/").status_code == 200


def test_the_api_answers_401_after_the_idle_timeout() -> None:
    client = log_in(Client(), staff_user())
    idle_for(client, 31 * 60)
    response = client.get("/api/v1/employers/")
    assert response.status_code == 401


def test_the_idle_timeout_is_for_staff_only() -> None:
    client = log_in(Client(), seeker())
    idle_for(client, 3 * 60 * 60)
    assert client.get("/me/").status_code == 200


# --- the API with an allauth headless session token ------------------------------------------

APP = "/_allauth/app/v1"


def headless(client: Client, path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers: dict[str, Any] = {"HTTP_X_SESSION_TOKEN": token} if token else {}
    return client.post(
        f"{APP}{path}", data=json.dumps(body), content_type="application/json", **headers
    )


def test_a_staff_token_without_the_second_factor_is_refused() -> None:
    staff = staff_user()
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    client = Client()
    login = headless(client, "/auth/login", {"email": staff.email, "password": PASSWORD})
    token = login.json()["meta"]["session_token"]
    response = Client().get("/api/v1/employers/", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 403
    assert "2단계 인증" in response.json()["detail"]


def test_an_enrolled_staff_token_works_after_the_code() -> None:
    staff = enrolled_staff()
    client = Client()
    login = headless(client, "/auth/login", {"email": staff.email, "password": PASSWORD})
    assert login.status_code == 401  # a pending flow: the code
    flows = {flow["id"]: flow for flow in login.json()["data"]["flows"]}
    assert flows["mfa_authenticate"].get("is_pending")
    token = login.json()["meta"]["session_token"]
    done = headless(client, "/auth/2fa/authenticate", {"code": code()}, token=token)
    assert done.status_code == 200, done.content
    token = done.json()["meta"]["session_token"]
    assert Client().get("/api/v1/employers/", HTTP_X_SESSION_TOKEN=token).status_code == 200


def test_a_staff_token_idle_for_over_30_minutes_is_logged_out() -> None:
    staff = enrolled_staff()
    client = Client()
    login = headless(client, "/auth/login", {"email": staff.email, "password": PASSWORD})
    token = login.json()["meta"]["session_token"]
    token = headless(client, "/auth/2fa/authenticate", {"code": code()}, token=token).json()[
        "meta"
    ]["session_token"]
    session = SessionStore(session_key=token)
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = Client().get("/api/v1/employers/", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code in (401, 403)
    assert Client().get("/api/v1/employers/", HTTP_X_SESSION_TOKEN=token).status_code == 401
