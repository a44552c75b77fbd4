"""Issue 16: allauth's mails in the site's words. allauth's own Korean glued a particle onto
the link ("…%(activate_url)s을 클릭하세요"); the site's overrides put every link on a line of
its own, in Korean and English, with an HTML part whose link is an <a>."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import RequestFactory
from django.utils import translation

from tests.factories.accounts import seeker

pytestmark = pytest.mark.django_db

LINK = "https://jobs.example/accounts/x/MQ:1abc:def/"
# Every account mail the site sends (ACCOUNT_EMAIL_NOTIFICATIONS is off, codes are off).
MAILS = {
    "account/email/email_confirmation_signup": {"activate_url": LINK},
    "account/email/email_confirmation": {"activate_url": LINK},
    "account/email/password_reset_key": {"password_reset_url": LINK},
    "account/email/unknown_account": {"signup_url": LINK},
    "account/email/account_already_exists": {"password_reset_url": LINK},
}
GLUED = ("을 클릭", "를 클릭", "(으)", "이(가)", "을(를)")


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("prefix", sorted(MAILS))
def test_account_mails_put_the_link_on_its_own_line(prefix: str, language: str) -> None:
    person = seeker()
    request = RequestFactory().get("/")
    with translation.override(language):
        get_adapter(request).send_mail(
            prefix, person.email, {"user": person, "email": person.email, **MAILS[prefix]}
        )
    [message] = mail.outbox
    body = str(message.body)
    assert LINK in body.splitlines(), body  # the whole line, nothing glued on
    assert [line for line in body.splitlines() if LINK in line] == [LINK]
    for glued in GLUED:
        assert glued not in body
        assert glued not in message.subject
    assert isinstance(message, EmailMultiAlternatives)
    assert f'href="{LINK}"' in str(message.alternatives[0][0])
    assert "/notifications/unsubscribe/" not in body  # a transaction: no unsubscribe link
