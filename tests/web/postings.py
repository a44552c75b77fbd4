"""Fixtures of the page tests (imported by tests/web and tests/browser conftests): a search
backend of this test's own, postings written the way the services write them and indexed."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import override_settings

from backend.jobs.models import Posting
from search.backends import get_backend
from search.indexing import push_postings
from tests.contract.test_search_backends import make_posting
from tests.factories.employers import employer_with_user

DAEYA = "4139051000"  # 대야동
JEONGWANG1 = "4139059100"  # 정왕1동, ~13 km from 대야동


@pytest.fixture
def embedded_search(tmp_path: Any) -> Iterator[None]:
    with override_settings(
        SEARCH_BACKEND="embedded",
        SEARCH_EMBEDDED_PATH=tmp_path / "search.sqlite3",
        SEARCH_INDEX_PREFIX=f"t{uuid.uuid4().hex[:10]}",
        SEARCH_REFRESH_ON_WRITE=True,
        WORKER_ENGINE="inline",
    ):
        backend = get_backend()
        backend.reset()
        yield
        backend.drop()


@pytest.fixture
def open_posting(db: Any, embedded_search: None) -> Callable[..., Posting]:
    """`open_posting(title=…, …)`: an open, indexed posting of a verified employer."""
    employer, _ = employer_with_user(name="주식회사 시흥정밀 (가상)")

    def make(**fields: Any) -> Posting:
        # Written as the services write it (terms on the row): the contract suite's helper.
        posting = make_posting(employer, **fields)
        if posting.status == "open":
            push_postings([posting.pk])
        return posting

    return make
