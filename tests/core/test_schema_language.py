"""The OpenAPI schema's words are Korean first and English through the catalogs, never both
languages in one string (STYLE.md): `/api/schema/` in Korean, `?lang=en` in English."""

from __future__ import annotations

import re

import pytest
import yaml
from django.test import Client

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")
# An English phrase of three words or more inside a Korean text: "…(the version the edit …".
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")


def _texts(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary", "title") and isinstance(value, str):
                found.append(value)
            found.extend(_texts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_texts(item))
    return found


def _schema(query: str = "") -> dict[str, object]:
    response = Client().get(f"/api/schema/{query}")
    assert response.status_code == 200
    schema: dict[str, object] = yaml.safe_load(response.content)
    return schema


def test_no_schema_text_mixes_korean_and_an_english_phrase() -> None:
    mixed = [
        text
        for text in _texts(_schema())
        if HANGUL.search(text) and ENGLISH_PHRASE.search(re.sub(r"`[^`]*`", "", text))
    ]
    assert mixed == []


def test_the_schema_reads_in_english_with_lang_en() -> None:
    texts = _texts(_schema("?lang=en"))
    assert "My recommendations, best first" in texts
    assert "나에게 맞는 공고 추천" in _texts(_schema())
