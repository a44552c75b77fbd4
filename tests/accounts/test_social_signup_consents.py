"""Issue 13: Kakao/Naver signups record the consents like email signups. A fake Kakao login
(the provider's own parsing of a Kakao-shaped profile response, then allauth's social login
flow) must land on the social signup form, which asks the role and the consents; only its
submission creates the account, with the decisions recorded."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.core import context
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory, override_settings

from backend.accounts.models import ConsentRecord, User

pytestmark = pytest.mark.django_db

KAKAO = {"kakao": {"APPS": [{"client_id": "test-client", "secret": "test-secret"}]}}
KAKAO_PROFILE = {
    "id": 4242,
    "kakao_account": {
        "email": "haneul@kakao.example",
        "is_email_valid": True,
        "is_email_verified": True,
        "profile": {"nickname": "하늘"},
    },
}


def fake_kakao_login(client: Client) -> Any:
    """What allauth does when Kakao's callback returns this profile, in `client`'s session."""
    request = RequestFactory().get("/accounts/kakao/login/callback/")
    request.session = client.session
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    with context.request_context(request):  # as allauth's middleware sets it
        provider = get_adapter().get_provider(request, "kakao")
        sociallogin = provider.sociallogin_from_response(request, KAKAO_PROFILE)
        response = complete_social_login(request, sociallogin)
    request.session.save()
    return response


@override_settings(SOCIALACCOUNT_PROVIDERS=KAKAO)
def test_a_kakao_signup_asks_and_records_the_consents() -> None:
    client = Client()
    response = fake_kakao_login(client)
    # No account yet: the person must see the signup form first.
    assert not User.objects.filter(email="haneul@kakao.example").exists()
    assert response.status_code == 302
    assert response["Location"] == "/accounts/3rdparty/signup/"

    form = client.get("/accounts/3rdparty/signup/")
    assert form.status_code == 200
    html = form.content.decode()
    for name in ("role", "consent_service", "consent_matching", "consent_marketing"):
        assert f'name="{name}"' in html

    refused = client.post(
        "/accounts/3rdparty/signup/", {"email": "haneul@kakao.example", "role": "seeker"}
    )
    assert refused.status_code == 200  # the service consent is required
    assert not User.objects.filter(email="haneul@kakao.example").exists()

    done = client.post(
        "/accounts/3rdparty/signup/",
        {
            "email": "haneul@kakao.example",
            "role": "seeker",
            "consent_service": "on",
            "consent_matching": "on",
        },
    )
    assert done.status_code == 302
    user = User.objects.get(email="haneul@kakao.example")
    assert user.role == "seeker"
    decisions = {
        record.purpose: (record.granted, record.channel)
        for record in ConsentRecord.objects.filter(user=user)
    }
    assert decisions == {
        "service": (True, "kakao"),
        "matching": (True, "kakao"),
        "marketing": (False, "kakao"),
    }
