"""A person's data across apps: export (개인정보 열람·이동) and erasure (삭제), per PIPA.

Each app that stores personal data registers, in its `AppConfig.ready()`:
- an exporter: `register_exporter("seeker_profile", fn)` where `fn(user)` returns JSON values;
- optionally an eraser: `register_eraser(fn)`, run inside the deletion transaction before the
  user row goes, for what a cascade does not remove (files, search documents via the outbox).

`accounts.services.user_delete` and `accounts.selectors.user_export` use this registry, so a
new app cannot forget the export without it showing in the export test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Each is called with an `accounts.User`; core sits below accounts and does not name it.
Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_EXPORTERS: dict[str, Exporter] = {}
_ERASERS: list[Eraser] = []


def register_exporter(section: str, exporter: Exporter) -> None:
    """Add `section` to every export; `exporter(user)` returns JSON-serialisable data."""
    _EXPORTERS[section] = exporter


def register_eraser(eraser: Eraser) -> None:
    """Run `eraser(user)` when the user is deleted, before the row and its cascade go."""
    if eraser not in _ERASERS:
        _ERASERS.append(eraser)


def exporters() -> dict[str, Exporter]:
    return dict(_EXPORTERS)


def erasers() -> list[Eraser]:
    return list(_ERASERS)
