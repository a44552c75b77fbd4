"""List the OpenAPI schema's texts that are in the wrong language, by their place in the schema.

    DEBUG=true .venv/bin/python scripts/schema_language.py

Korean schema (`/api/schema/`): a description, summary or title without Hangul that holds three
English words or more outside backticks and machine names (a docstring or a bare English string
that reached the schema). English schema (`?lang=en`): a text with Hangul outside backticks (a
msgid the English catalog does not translate yet). Run it after `make messages`,
`scripts/en_catalog.py locale/en/LC_MESSAGES/django.po <translations>.tsv` and compilemessages;
tests/core/test_schema_language.py holds the same rules. Exits 1 when the Korean schema has an
English-only text; the English list is informative (a model choice whose label skips gettext
shows up there).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HANGUL = re.compile("[가-힣]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
QUOTED = re.compile(r"`[^`]*`")
MACHINE_WORDS = (
    re.compile(r"^\* `([^`]*)` - \1$", re.MULTILINE),
    re.compile(r"[\w.-]+(?: \| [\w.-]+)+"),
    re.compile(r"\b[A-Za-z]\w*_\w+\b"),
    re.compile(r"\b[a-z]+/[a-z0-9.+-]+\b"),
)


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary", "title") and isinstance(value, str):
                yield f"{path}/{key}", value
            yield from _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{path}/{index}")


def _english_words(text: str) -> list[str]:
    for pattern in MACHINE_WORDS:
        text = pattern.sub(" ", text)
    return ENGLISH_WORD.findall(QUOTED.sub(" ", text))


def _schema(language: str) -> dict[str, Any]:
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    with translation.override(language):
        generator = SchemaGenerator()  # type: ignore[no-untyped-call]
        schema: dict[str, Any] = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    return schema


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    english_only = [
        (path, text)
        for path, text in _texts(_schema("ko"))
        if not HANGUL.search(text) and len(_english_words(text)) >= 3
    ]
    untranslated = [
        (path, text) for path, text in _texts(_schema("en")) if HANGUL.search(QUOTED.sub("", text))
    ]
    for path, text in english_only:
        print(f"English-only in the Korean schema: {path}: {text!r}")
    for path, text in untranslated:
        print(f"Hangul in the English schema: {path}: {text!r}")
    print(f"{len(english_only)} English-only, {len(untranslated)} untranslated")
    return 1 if english_only else 0


if __name__ == "__main__":
    sys.exit(main())
