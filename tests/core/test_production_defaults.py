"""Production defaults (issue 13, Hardening): mail that cannot leak reset links into logs,
HTTPS and HSTS from env, the client address through the trusted proxy count, a
Content-Security-Policy, no caching of personal data, no browsable API, and `check --deploy`
passing with a production environment."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from backend.accounts.models import AccessLog, User
from backend.accounts.services import access_log
from tests.conftest import PYTHON, REPO, TEST_FIELD_ENCRYPTION_KEY
from tests.factories.accounts import employer_user, mentor_user, staff_user
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, str(REPO / "manage.py"), *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def print_settings(env: dict[str, str], *names: str) -> list[str]:
    code = "from django.conf import settings as s; " + "; ".join(
        f"print(repr(s.{name}))" for name in names
    )
    result = run_manage(env, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-len(names) :]


# --- mail ----------------------------------------------------------------------------------


def test_console_mail_is_refused_in_production(django_subprocess_env: dict[str, str]) -> None:
    env = dict(django_subprocess_env, EMAIL_URL="consolemail://")
    result = run_manage(env, "check")
    assert result.returncode == 2
    assert "EMAIL_URL=consolemail:// writes password-reset links into the logs" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_mail_is_allowed_when_said_explicitly(
    django_subprocess_env: dict[str, str],
) -> None:
    env = dict(django_subprocess_env, EMAIL_URL="consolemail://", EMAIL_CONSOLE_ALLOWED="true")
    assert run_manage(env, "check").returncode == 0
    debug = dict(django_subprocess_env, DEBUG="true")
    debug.pop("EMAIL_URL", None)
    assert run_manage(debug, "check").returncode == 0  # make run prints mails, as before


# --- HTTPS, HSTS, proxies ------------------------------------------------------------------


def test_https_settings_are_production_defaults_and_come_from_env(
    django_subprocess_env: dict[str, str],
) -> None:
    names = (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "ALLAUTH_TRUSTED_PROXY_COUNT",
    )
    production = {
        key: value
        for key, value in django_subprocess_env.items()
        if key not in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")
    }
    assert print_settings(production, *names) == ["True", "31536000", "None", "0"]
    configured = dict(
        django_subprocess_env,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="600",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        TRUSTED_PROXY_COUNT="2",
    )
    assert print_settings(configured, *names) == [
        "False",
        "600",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
        "2",
    ]


@pytest.mark.django_db
def test_plain_http_is_redirected_and_https_pinned(settings: object) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]
    settings.SECURE_HSTS_SECONDS = 31_536_000  # type: ignore[attr-defined]
    response = Client().get("/privacy/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    secure = Client().get("/privacy/", secure=True)
    assert secure.status_code == 200
    assert "max-age=31536000" in secure["Strict-Transport-Security"]


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_reach_the_access_log(settings: object) -> None:
    staff = staff_user()
    subject = graduate_profile().user
    forged: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": "198.51.100.66", "REMOTE_ADDR": "203.0.113.7"}
    client_for(staff).get(f"/staff/seekers/{subject.seeker_profile.pk}/", **forged)
    assert AccessLog.objects.get().ip_address == "203.0.113.7"  # no proxy of ours: the peer


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_access_log_keeps_the_client_address(
    settings: object, rf: object
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1  # type: ignore[attr-defined]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # type: ignore[attr-defined]
    staff = staff_user()
    subject = graduate_profile().user
    # The client wrote the first entry itself; our one proxy appended the real address.
    via_proxy: dict[str, Any] = {
        "HTTP_X_FORWARDED_FOR": "198.51.100.66, 192.0.2.10",
        "REMOTE_ADDR": "10.0.0.2",
    }
    client_for(staff).get(f"/staff/seekers/{subject.seeker_profile.pk}/", **via_proxy)
    assert AccessLog.objects.get().ip_address == "192.0.2.10"
    # A request that bypassed the proxy (no header) is recorded by its peer address.
    request = rf.get("/", REMOTE_ADDR="10.0.0.3")  # type: ignore[attr-defined]
    entry = access_log(actor=staff, subject=subject, what="test", request=request)
    assert entry.ip_address == "10.0.0.3"


# --- Content-Security-Policy ---------------------------------------------------------------


def csp_of(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/jobs/", "/accounts/login/", "/privacy/"])
def test_pages_carry_a_policy_without_inline_script(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    policy = csp_of(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    text = response.content.decode()
    # htmx must not inject its indicator <style>, nor evaluate attributes.
    assert '"includeIndicatorStyles": false' in text
    assert "hx-on" not in text
    for script in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in script or 'type="application/json"' in script, script


@pytest.mark.django_db
def test_the_api_docs_inline_script_runs_under_the_nonce() -> None:
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    nonces = [v for v in csp_of(response)["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    text = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text)
    assert inline, "the Swagger page starts Swagger UI with an inline script"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert f'<style nonce="{nonce}">' in text


# --- no caching of personal data -----------------------------------------------------------


def signed_in_paths() -> list[tuple[Callable[[], User], str]]:
    return [
        (lambda: graduate_profile().user, "/me/"),
        (lambda: graduate_profile().user, "/me/privacy/export/"),
        (lambda: graduate_profile().user, "/api/v1/me/profile/"),
        (lambda: graduate_profile().user, "/accounts/email/"),
        (lambda: graduate_profile().user, "/jobs/"),  # the header names the signed-in person
        (employer_user, "/employer/"),
        (mentor_user, "/mentor/"),
        (staff_user, "/staff/"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("make_user", "path"), signed_in_paths())
def test_pages_of_a_signed_in_person_are_never_stored(
    make_user: Callable[[], User], path: str
) -> None:
    response = client_for(make_user()).get(path)
    assert response.status_code == 200, path
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/", "/api/v1/me/"])
def test_account_pages_are_never_stored_even_anonymous(path: str) -> None:
    assert "no-store" in Client().get(path).get("Cache-Control", "")


@pytest.mark.django_db
def test_public_pages_for_visitors_stay_cacheable() -> None:
    assert "no-store" not in Client().get("/privacy/").get("Cache-Control", "")


# --- the API -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_browsable_api_is_off_in_production() -> None:
    response = Client().get("/api/v1/areas/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")
    assert b"<html" not in response.content


# --- check --deploy ------------------------------------------------------------------------


PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-for-the-deploy-check-0123456789",
    "FIELD_ENCRYPTION_KEY": TEST_FIELD_ENCRYPTION_KEY,
    "ALLOWED_HOSTS": "jobs.siheung.example",
    "EMAIL_URL": "smtp+tls://mailer:secret@mail.siheung.example:587",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "TRUSTED_PROXY_COUNT": "1",
}


def test_check_deploy_passes_with_the_production_environment(
    django_subprocess_env: dict[str, str],
) -> None:
    env = {
        key: value
        for key, value in django_subprocess_env.items()
        if key not in ("SECURE_SSL_REDIRECT", "EMAIL_URL")
    }
    env.update(PRODUCTION_ENV)
    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
