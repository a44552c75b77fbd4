"""Reference data as lookups (certificate codes, career field and occupation names), cached per
process and invalidated when staff edit it.

Staff edit certificates, career fields and occupations in the admin, so a per-process cache
that lives forever would keep matching on yesterday's aliases. The lookups are rebuilt when:

- this process saved or deleted a row (`post_save` / `post_delete`, connected in
  `TaxonomyConfig.ready`): the cache is dropped at once and the shared version key in Django's
  cache (`VERSION_KEY`) is bumped;
- another process bumped the shared version: each process reads the key at most once every
  `CHECK_SECONDS` (a lookup is called per posting, up to 200 times per recommendation, so it
  must not cost a cache round trip each time).
"""

from __future__ import annotations

import re
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from backend.taxonomy.normalize import normalize_term

VERSION_KEY = "taxonomy:reference-version"
CHECK_SECONDS = 2.0


@dataclass(frozen=True, eq=False)
class Reference:
    """One snapshot of the reference data (hashed by identity: a cache key per snapshot)."""

    certificate_codes: dict[str, str]  # normalized name or alias → code
    certificate_fields: dict[str, str]  # code → career field code
    career_fields: dict[str, tuple[str, str]]  # code → (Korean name, English name or "")
    occupations: dict[str, str]  # occupation code → Korean name
    occupation_names: dict[str, str]  # normalized Korean name → Korean name


_lock = threading.Lock()
_state: dict[str, Any] = {"reference": None, "version": None, "checked": 0.0}


def _load() -> Reference:
    from backend.taxonomy.models import CareerField, Certificate, Occupation

    codes: dict[str, str] = {}
    fields: dict[str, str] = {}
    for code, name, names, field in Certificate.objects.values_list(
        "code", "name", "aliases", "career_field_id"
    ):
        codes[normalize_term(name)] = code
        for alias in names or []:
            codes.setdefault(normalize_term(str(alias)), code)
        if field:
            fields[code] = field
    career = {
        code: (name, name_en or "")
        for code, name, name_en in CareerField.objects.values_list("code", "name", "name_en")
    }
    occupations = dict(Occupation.objects.values_list("code", "name"))
    return Reference(
        certificate_codes=codes,
        certificate_fields=fields,
        career_fields=career,
        occupations=occupations,
        occupation_names={normalize_term(name): name for name in occupations.values()},
    )


def _shared_version() -> Any:
    try:
        return cache.get(VERSION_KEY)
    except Exception:
        return _state["version"]


def reference() -> Reference:
    """The current snapshot (rebuilt after an edit here, or within `CHECK_SECONDS` of one
    elsewhere)."""
    now = time.monotonic()
    current: Reference | None = _state["reference"]
    if current is not None and now - _state["checked"] < CHECK_SECONDS:
        return current
    version = _shared_version()
    with _lock:
        _state["checked"] = now
        if current is None or version != _state["version"]:
            _state["reference"] = current = _load()
            _state["version"] = version
    assert current is not None
    return current


def invalidate() -> None:
    """Forget the snapshot here and tell the other processes (bump the shared version)."""
    with _lock:
        _state["reference"] = None
        _state["checked"] = 0.0
    # A cache outage: other processes then refresh on their next restart.
    with suppress(Exception):
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def on_reference_changed(**_: Any) -> None:
    """The `post_save` / `post_delete` receiver of the reference models."""
    invalidate()


def certificate_code(name: str) -> str:
    """The certificate code of a name as people type it (or an alias), or its normalized text
    when unknown."""
    key = normalize_term(name)
    return reference().certificate_codes.get(key, key)


def certificate_codes(names: Any) -> tuple[str, ...]:
    """The distinct codes of certificate names, in order (blank names left out)."""
    return tuple(dict.fromkeys(certificate_code(str(n)) for n in names if str(n).strip()))


_CODE = re.compile(r"[a-z][a-z0-9_]*")


def occupation_name(value: str) -> str:
    """The Korean name of an occupation code ("nursing_assistant" → "간호조무사"); a name as
    typed stays as it is (and is never looked up: only a code-shaped value reads the data)."""
    if not _CODE.fullmatch(value):
        return value
    return reference().occupations.get(value, value)
