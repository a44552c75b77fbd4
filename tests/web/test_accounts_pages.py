"""allauth's pages inside the site: every page renders with one h1 and labelled inputs,
signup with each role and the consents, login to each role's dashboard, the mails' links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import NoReverseMatch, reverse

from backend.accounts.models import ConsentRecord, Role, User
from backend.notifications.models import Notification, NotificationStatus
from tests.factories.accounts import PASSWORD, UserFactory, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NEW_PASSWORD = "a-long-enough-pass-2026"


@pytest.fixture(autouse=True)
def _mail_and_cache(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    from django.core.cache import cache

    cache.clear()  # allauth's rate-limit counters


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.inputs: list[dict[str, str | None]] = []
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag in ("input", "select", "textarea") and values.get("type") not in (
            "hidden",
            "submit",
        ):
            self.inputs.append(values)
        elif tag == "label" and values.get("for"):
            self.labels.add(str(values["for"]))


def assert_page(response: Any) -> str:
    """200, one h1, every visible input with a <label for>, in the site's frame."""
    assert response.status_code == 200, response
    html: str = response.content.decode()
    page = _Page()
    page.feed(html)
    assert page.h1 == 1, html
    for control in page.inputs:
        assert control.get("id") in page.labels, control
    assert 'id="main"' in html
    assert "site-header" in html
    return html


def verified_user(role: str = Role.SEEKER, **kwargs: Any) -> User:
    user = UserFactory.create(role=role, **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def html_of(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def link_lines(body: str) -> list[str]:
    """The lines of a plain-text mail that are links: a whole line, nothing glued on."""
    return [line for line in body.splitlines() if line.startswith("http")]


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def signup_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "email": "new-person@example.kr",
        "password1": NEW_PASSWORD,
        "role": "seeker",
        "consent_service": "on",
    }
    data.update(overrides)
    return data


# --- every page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_entrance_pages_render_in_the_site(
    client: Client, path: str, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        html = assert_page(client.get(path))
    assert "krds-input" in html


def test_signup_page_explains_roles_and_consents(client: Client) -> None:
    html = assert_page(client.get("/accounts/signup/"))
    for role in ("seeker", "employer", "mentor"):
        assert f'value="{role}"' in html
        assert f'id="role-help-{role}"' in html
    assert 'value="staff"' not in html
    for purpose in ("service", "matching", "marketing"):
        assert f'name="consent_{purpose}"' in html
        assert f"/privacy/#purpose-{purpose}" in html
    assert "(English)" not in html
    assert "(Submitted)" not in html


def test_signed_in_pages_render(client: Client, django_assert_max_num_queries: Any) -> None:
    user = verified_user()
    log_in(client, user)
    for path in ("/accounts/email/", "/accounts/password/change/", "/accounts/logout/"):
        with django_assert_max_num_queries(8):
            assert_page(client.get(path))


def test_password_reset_done_and_verification_sent_pages(client: Client) -> None:
    assert_page(client.get("/accounts/password/reset/done/"))
    assert_page(client.get("/accounts/confirm-email/"))
    assert_page(client.get("/accounts/password/reset/key/done/"))
    html = assert_page(client.get("/accounts/confirm-email/not-a-key/"))
    assert "/accounts/email/" in html  # the page says how to get a new link


# --- signup ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER, Role.MENTOR])
def test_signup_with_each_role_records_role_consents_and_language(
    client: Client, role: str
) -> None:
    email = f"new-{role}@example.kr"
    response = client.post(
        "/accounts/signup/", signup_data(email=email, role=role, consent_marketing="on")
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email=email)
    assert user.role == role
    assert not user.is_staff
    assert user.language == "ko"
    decisions = {row.purpose: row.granted for row in ConsentRecord.objects.filter(user=user)}
    assert decisions == {"service": True, "matching": False, "marketing": True}
    assert ConsentRecord.objects.filter(user=user, channel="web").count() == 3


def test_signup_in_english_keeps_english_for_the_mails(client: Client) -> None:
    client.post("/accounts/signup/", signup_data(), HTTP_ACCEPT_LANGUAGE="en")
    user = User.objects.get(email="new-person@example.kr")
    assert user.language == "en"
    row = Notification.objects.get(recipient=user)
    assert row.language == "en"


def test_signup_without_the_service_consent_rerenders_with_the_error(client: Client) -> None:
    data = signup_data()
    del data["consent_service"]
    response = client.post("/accounts/signup/", data)
    html = assert_page(response)
    assert 'id="error-summary"' in html
    assert 'id="error-consent_service"' in html
    assert 'value="new-person@example.kr"' in html  # the input is kept
    assert 'value="seeker" id="id_role_0" aria-describedby="role-help-seeker" checked' in html
    assert not User.objects.filter(email="new-person@example.kr").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"role": "staff"}, "role"),
        ({"role": ""}, "role"),
        ({"email": "not-an-address"}, "email"),
        ({"password1": "short"}, "password1"),
    ],
)
def test_signup_bad_input_rerenders(client: Client, overrides: dict[str, str], field: str) -> None:
    html = assert_page(client.post("/accounts/signup/", signup_data(**overrides)))
    assert f'id="error-{field}"' in html
    assert User.objects.count() == 0


# --- login -----------------------------------------------------------------------------------


def _dashboard_or_home(name: str | None) -> str:
    if name is None:
        return "/"
    try:
        return reverse(name)
    except NoReverseMatch:  # the seeker dashboard lands on another branch
        return "/"


@pytest.mark.parametrize(
    ("role", "dashboard"),
    [
        (Role.SEEKER, "web:me"),
        (Role.EMPLOYER, "web:employer"),
        (Role.MENTOR, "web:mentor"),
        (Role.STAFF, "web:staff"),
    ],
)
def test_login_redirects_each_role_to_its_dashboard(
    client: Client, role: str, dashboard: str | None
) -> None:
    user = verified_user(role=role)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == _dashboard_or_home(dashboard)


def test_login_uses_the_role_dashboard_of_navigation(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import backend.web.navigation as navigation

    monkeypatch.setitem(navigation.DASHBOARDS, Role.EMPLOYER, "web:jobs")
    user = verified_user(role=Role.EMPLOYER)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/jobs/"


def test_login_follows_a_safe_next_and_ignores_an_outside_one(client: Client) -> None:
    user = verified_user()
    response = client.post(
        "/accounts/login/?next=/jobs/%3Fq%3D1", {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == "/jobs/?q=1"
    client.logout()
    response = client.post(
        "/accounts/login/?next=https://evil.example/", {"login": user.email, "password": PASSWORD}
    )
    assert "evil.example" not in response["Location"]


def test_wrong_password_rerenders_with_the_error_and_the_email(client: Client) -> None:
    user = verified_user()
    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-one"})
    html = assert_page(response)
    assert 'id="error-summary"' in html
    assert f'value="{user.email}"' in html


# --- mails -----------------------------------------------------------------------------------


def test_verification_mail_link_is_a_whole_line_and_works(client: Client) -> None:
    client.post("/accounts/signup/", signup_data())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[시흥 일자리 잇다]")
    links = link_lines(str(message.body))
    confirm = [link for link in links if "/accounts/confirm-email/" in link]
    assert len(confirm) == 1
    html_body = html_of(message)
    assert f'href="{confirm[0]}"' in str(html_body)
    page = client.get(path_of(confirm[0]))
    assert_page(page)
    done = client.post(path_of(confirm[0]))
    assert done.status_code == 302
    address = EmailAddress.objects.get(email="new-person@example.kr")
    assert address.verified
    row = Notification.objects.get(recipient=address.user)
    assert row.kind == "account_email"
    assert row.key.startswith("account/email/email_confirmation_signup:")
    assert row.status == NotificationStatus.SENT
    assert row.context == {"template_prefix": "account/email/email_confirmation_signup"}


def test_password_reset_journey_through_the_mail(client: Client) -> None:
    user = verified_user()
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    (link,) = [line for line in link_lines(str(mail.outbox[0].body)) if "/reset/key/" in line]
    assert f'href="{link}"' in str(html_of(mail.outbox[0]))
    step = client.get(path_of(link))
    assert step.status_code == 302  # allauth moves the key into the session
    form_page = client.get(step["Location"])
    assert_page(form_page)
    done = client.post(step["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert_page(client.get(done["Location"]))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # A second request is a new mail and a new row.
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(recipient=user, kind="account_email").count() == 2


def test_password_reset_for_an_unknown_address_bad_input(client: Client) -> None:
    html = assert_page(client.post("/accounts/password/reset/", {"email": "nope"}))
    assert 'id="error-email"' in html


# --- language ----------------------------------------------------------------------------------


def test_language_switch_keeps_the_choice_on_the_account(client: Client) -> None:
    user = verified_user()
    log_in(client, user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/jobs/"})
    assert response.status_code == 302
    assert response["Location"] == "/jobs/"
    user.refresh_from_db()
    assert user.language == "en"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"


def test_language_switch_works_signed_out(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
    assert client.get("/i18n/setlang/").status_code == 405
