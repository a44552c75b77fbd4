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
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
QUOTED = re.compile(r"`[^`]*`")
# What a text may carry in Latin letters without being English prose: drf-spectacular's enum
# listing where the label is the value itself (`* `skill` - skill`), a list of values
# (`optimal | time_limit`), a snake_case name, a media type (`application/pdf`).
MACHINE_WORDS = (
    re.compile(r"^\* `([^`]*)` - \1$", re.MULTILINE),
    re.compile(r"[\w.-]+(?: \| [\w.-]+)+"),
    re.compile(r"\b[A-Za-z]\w*_\w+\b"),
    re.compile(r"\b[a-z]+/[a-z0-9.+-]+\b"),
)


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


def _english_words(text: str) -> list[str]:
    """The English words of a text outside backticks and machine names."""
    for pattern in MACHINE_WORDS:
        text = pattern.sub(" ", text)
    return ENGLISH_WORD.findall(QUOTED.sub(" ", text))


def _sample(schema: dict[str, object], keys: tuple[str, ...]) -> str:
    node: object = schema
    for key in keys:
        if isinstance(node, list):
            node = node[int(key)]
        else:
            assert isinstance(node, dict), keys
            node = node[key]
    assert isinstance(node, str), keys
    return node


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


def test_no_korean_schema_text_is_english_only() -> None:
    """Docstrings are the code's documentation: a view's or a serializer's docstring, a bare
    `help_text` or `summary` in English would show up here as an English-only text."""
    schema = _schema()
    english_only = [
        text
        for text in _texts(schema)
        if not HANGUL.search(text) and len(_english_words(text)) >= 3
    ]
    assert english_only == []
    assert HANGUL.search(_sample(schema, ("info", "title")))
    assert HANGUL.search(_sample(schema, ("info", "description")))
    # A machine name stays English: client generators name packages by it.
    assert _sample(schema, ("info", "x-machine-name")) == "siheung-jobs-link"


def test_the_machine_word_rule_still_catches_english() -> None:
    assert len(_english_words("Staff verify a mentor (409 if they already are).")) >= 3
    assert len(_english_words("the proved bound (= objective)")) >= 3
    assert _english_words("* `skill` - skill\n* `certificate` - certificate") == []
    assert _english_words("optimal | time_limit") == []
    assert _english_words("LAT,LON") == ["LAT", "LON"]
    assert _english_words("application/pdf") == []
    assert _english_words("`GET /postings/{id}/` 참고") == []


# Texts of every kind the schema translates: the info block, the shared error responses and the
# answer without a body (backend/core/schema.py), an operation's description, a summary, a
# query parameter, a serializer's description and a field's help text.
SAMPLES = [
    ("info", "title"),
    ("info", "description"),
    ("components", "schemas", "Error", "description"),
    ("components", "schemas", "ValidationError", "description"),
    ("components", "securitySchemes", "sessionToken", "description"),
    ("paths", "/api/v1/postings/{id}/", "get", "responses", "404", "description"),
    ("paths", "/api/v1/postings/{id}/submit/", "post", "responses", "409", "description"),
    ("paths", "/api/v1/fairs/{id}/registration/", "delete", "responses", "204", "description"),
    ("paths", "/api/v1/postings/{id}/submit/", "post", "description"),
    ("paths", "/api/v1/me/recommendations/", "get", "description"),
    ("paths", "/api/v1/me/applications/", "get", "description"),
    ("paths", "/api/v1/me/export/", "get", "summary"),
    ("paths", "/api/v1/postings/search/", "get", "summary"),
    ("paths", "/api/v1/training-courses/", "get", "parameters", "0", "description"),
    ("components", "schemas", "ApplicationOutput", "description"),
    ("components", "schemas", "PatchedSeekerProfileInput", "description"),
    ("components", "schemas", "SummaryOutput", "properties", "optimum", "description"),
    ("components", "schemas", "SavedSearchOutput", "properties", "query", "description"),
]


def test_the_changed_texts_are_korean_and_english_with_lang_en() -> None:
    """Every kind of text the schema translates reads in English through the catalog
    (`scripts/schema_language.py` lists whatever is left in either language)."""
    korean_schema, english_schema = _schema(), _schema("?lang=en")
    wrong = []
    for keys in SAMPLES:
        korean, english = _sample(korean_schema, keys), _sample(english_schema, keys)
        if not HANGUL.search(QUOTED.sub("", korean)) or HANGUL.search(QUOTED.sub("", english)):
            wrong.append(("/".join(keys), korean, english))
    assert wrong == []
