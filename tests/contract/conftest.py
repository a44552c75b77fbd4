"""Fixtures shared by the contract suites that run against both search backends."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings

from search.backends import get_backend
from search.backends.base import SearchBackend


@pytest.fixture(params=["embedded", "elasticsearch"])
def backend(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[SearchBackend]:
    """The configured search backend of each kind, fresh: the embedded one in this test's own
    file, Elasticsearch (the real node `make test` starts) under a prefix of its own that is
    dropped afterwards. Writes are visible at once and jobs run inline."""
    overrides: dict[str, Any] = {
        "SEARCH_BACKEND": request.param,
        "SEARCH_EMBEDDED_PATH": tmp_path / "search.sqlite3",
        "SEARCH_INDEX_PREFIX": f"t{uuid.uuid4().hex[:10]}",
        "SEARCH_REFRESH_ON_WRITE": True,
        "WORKER_ENGINE": "inline",
    }
    if request.param == "elasticsearch":
        overrides["ELASTICSEARCH_URL"] = request.getfixturevalue("elasticsearch_url")
    with override_settings(**overrides):
        search = get_backend()
        search.reset()
        yield search
        search.drop()
