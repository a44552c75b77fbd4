"""Fixtures of the page tests (imported by tests/web and tests/browser conftests): a search
backend of this test's own, postings written the way the services write them and indexed."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from backend.jobs.models import Posting
from search.backends import get_backend
from search.indexing import posting_terms, push_postings
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
        defaults: dict[str, Any] = {
            "title": "사무 보조원",
            "description": "문서 정리와 전화 응대를 합니다.",
            "career_field_id": "business",
            "occupation": "사무보조원",
            "skills_required": [],
            "skills_preferred": [],
            "certificates_required": [],
            "min_experience_years": 0,
            "employment_type": "part_time",
            "days_per_week": 5,
            "shifts": ["morning"],
            "hourly_wage": 10500,
            "area_id": DAEYA,
            "address": "경기도 시흥시",
            "openings": 2,
            "deadline": timezone.localdate() + datetime.timedelta(days=30),
            "cohorts_welcome": [],
            "status": "open",
            "published_at": timezone.now(),
        }
        defaults.update(fields)
        posting = Posting(employer=employer, **defaults)
        posting.title_terms, posting.body_terms = posting_terms(
            title=posting.title,
            description=posting.description,
            occupation=posting.occupation,
            skills=[*posting.skills_required, *posting.skills_preferred],
            certificates=posting.certificates_required,
        )
        posting.save()
        if posting.status == "open":
            push_postings([posting.pk])
        return posting

    return make
