"""Fixtures for the employers and jobs API tests: clients per role and a small world."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.accounts.models import User

ClientFor = Callable[[User | None], APIClient]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Users are made by the dozen here; the production hasher's cost buys these tests nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_for() -> ClientFor:
    """An API client logged in as `user` (None: anonymous)."""

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def posting_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "title": "물류센터 지게차 운전원",
        "description": "시화산단 물류센터에서 오전 근무할 지게차 운전원을 모집합니다.",
        "career_field": "engineering",
        "occupation": "지게차 운전원",
        "skills_required": ["지게차 운전"],
        "skills_preferred": ["재고 관리"],
        "certificates_required": ["지게차운전기능사"],
        "min_experience_years": 1,
        "employment_type": "part_time",
        "days_per_week": 5,
        "shifts": ["morning", "afternoon"],
        "hourly_wage": 12_000,
        "area": "4139051000",
        "location": {"lat": 37.45, "lon": 126.8},
        "address": "경기도 시흥시 대야동 1",
        "openings": 2,
        "deadline": "2099-12-31",
        "cohorts_welcome": ["senior", "returner"],
    }
    payload.update(overrides)
    return payload


def assert_status(response: Any, expected: int) -> None:
    """The response has the status API.md gives (401 anonymous, 403 role, 404 not yours)."""
    assert response.status_code == expected, (response.status_code, response.content)
