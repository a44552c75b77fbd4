"""Rendered fragments kept in this process's memory, for parts of a page that are the same for
everyone who asks with the same inputs (never a user's own data).

A fragment's key names every input of its rendering: the language, the values submitted for
its fields, the reference data it shows (`digest`); a new deploy starts new processes, so a
changed template or label is never served from an old entry. At most `MAX_ENTRIES` fragments
are kept, the least recently used leave first.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable

from django.utils.safestring import SafeString, mark_safe

MAX_ENTRIES = 512

_entries: OrderedDict[Hashable, str] = OrderedDict()
_lock = threading.Lock()


def digest(values: Iterable[object]) -> str:
    """A short fingerprint of reference data a fragment shows (codes and names)."""
    return hashlib.blake2b(repr(tuple(values)).encode(), digest_size=12).hexdigest()


def fragment(key: Hashable, render: Callable[[], str]) -> SafeString:
    """The fragment of `key`, rendered by `render()` the first time."""
    with _lock:
        html = _entries.get(key)
        if html is not None:
            _entries.move_to_end(key)
            return mark_safe(html)  # noqa: S308 — rendered by the template engine
    html = str(render())
    with _lock:
        _entries[key] = html
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return mark_safe(html)  # noqa: S308 — rendered by the template engine


def clear() -> None:
    """Forget every fragment (tests)."""
    with _lock:
        _entries.clear()
