"""System checks for configuration that parses but cannot work (ids `sjl.E…`).

Unknown names (`SEARCH_BACKEND=solr`) already fail when settings load; these checks catch
combinations and environments: an Elasticsearch URL that is not http(s), an embedded search
file in a folder that cannot be written, an SQLite without FTS5.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def check_search_backend(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """The Elasticsearch URL must be http(s); the embedded file needs a writable folder + FTS5."""
    errors: list[CheckMessage] = []
    if settings.SEARCH_BACKEND == "elasticsearch":
        # One node, or several separated by commas (a cluster's nodes).
        for url in settings.ELASTICSEARCH_URL.split(","):
            parts = urlsplit(url.strip())
            if parts.scheme not in ("http", "https") or not parts.hostname:
                errors.append(
                    Error(
                        f"ELASTICSEARCH_URL={settings.ELASTICSEARCH_URL!r} is not an http(s) URL"
                        " (or a comma-separated list of them)",
                        hint="e.g. ELASTICSEARCH_URL=http://127.0.0.1:9200",
                        id="sjl.E002",
                    )
                )
                break
        return errors
    folder = settings.SEARCH_EMBEDDED_PATH.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        errors.append(
            Error(
                f"SEARCH_EMBEDDED_PATH folder {folder} cannot be created or written",
                hint="point SEARCH_EMBEDDED_PATH at a writable place",
                id="sjl.E003",
            )
        )
    if not sqlite_has_fts5():
        errors.append(
            Error(
                "this Python's SQLite has no FTS5, which the embedded search backend needs",
                hint="use a Python built with FTS5 or SEARCH_BACKEND=elasticsearch",
                id="sjl.E004",
            )
        )
    return errors


def sqlite_has_fts5() -> bool:
    """True when the sqlite3 module can create an FTS5 table."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(body)")
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()
    return True
