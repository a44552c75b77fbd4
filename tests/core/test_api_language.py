"""The API's messages come from the gettext catalogs in the request's language (Accept-Language,
through LocaleMiddleware): Korean msgids, never a "한국어 (English)" pair in one string."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.api import ClientFor

pytestmark = [pytest.mark.django_db]

NOT_FOUND = "채용공고를 찾을 수 없습니다."


@pytest.fixture(autouse=True)
def _korean_afterwards() -> object:
    with translation.override("ko"):
        yield


def test_a_404_says_korean_for_accept_language_ko(client_for: ClientFor) -> None:
    response = client_for(None).get("/api/v1/postings/999999/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 404
    assert response.json() == {"detail": NOT_FOUND, "code": "not_found"}


def test_a_404_follows_accept_language_en_through_the_catalog(client_for: ClientFor) -> None:
    response = client_for(None).get("/api/v1/postings/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    with translation.override("en"):
        english = gettext(NOT_FOUND)  # the msgid itself until the catalog has its English
    assert response.json() == {"detail": english, "code": "not_found"}
    assert response["Content-Language"] == "en"


def test_a_400_query_error_follows_accept_language(client_for: ClientFor) -> None:
    client = client_for(None)
    korean = client.get("/api/v1/postings/search/?page=0", HTTP_ACCEPT_LANGUAGE="ko")
    english = client.get("/api/v1/postings/search/?page=0", HTTP_ACCEPT_LANGUAGE="en")
    assert korean.status_code == english.status_code == 400
    assert korean.json() == {"page": ["page는 1 이상입니다."]}
    with translation.override("en"):
        assert english.json() == {"page": [gettext("page는 1 이상입니다.")]}
