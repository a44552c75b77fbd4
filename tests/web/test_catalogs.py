"""The translation catalogs: English complete, Korean complete, the committed .mo files
compiled from the committed .po files (`make messages`), and the page follows the language."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.test import Client

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def catalog(language: str) -> list[Any]:
    """The messages of a catalog (babel's Message objects; their fields are loosely typed)."""
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        parsed: Catalog = read_po(po, locale=language)
    return list(parsed)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_message_is_translated(language: str) -> None:
    missing = [
        message.id
        for message in catalog(language)
        if message.id
        and (
            message.fuzzy
            or not (message.string if isinstance(message.string, str) else all(message.string))
        )
    ]
    assert missing == [], f"{len(missing)} untranslated in {language}: {missing[:10]}"


@pytest.mark.parametrize("language", ["ko", "en"])
def test_compiled_catalog_matches_its_source(language: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for message in catalog(language):
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            got = compiled.ngettext(message.id[0], message.id[1], 1)
            want = message.string[0]
        else:
            key = f"{message.context}\x04{message.id}" if message.context else message.id
            got = compiled.gettext(key)
            want = message.string
        if want and got != want:
            stale.append(message.id)
    assert stale == [], f"run `make messages`: {len(stale)} stale in {language}: {stale[:5]}"


@pytest.mark.django_db
@pytest.mark.embedded
def test_language_follows_the_switch_then_accept_language_then_korean() -> None:
    assert '<html lang="ko">' in Client().get("/privacy/").content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/privacy/").content.decode()
    assert '<html lang="en">' in english
    assert "Privacy" in english
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/privacy/"})
    assert response.status_code == 302
    assert '<html lang="ko">' in client.get("/privacy/").content.decode()
