"""Helpers for API tests: a client per caller and status assertions per API.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.test import APIClient

from backend.accounts.models import User

ClientFor = Callable[[User | None], APIClient]


def make_client(user: User | None) -> APIClient:
    """An API client authenticated as `user`, or anonymous for None. (Authentication itself is
    tested end to end in tests/accounts and tests/test_access_matrix.py, with real sessions.)"""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def assert_status(response: Any, expected: int) -> None:
    """The status API.md gives (401 anonymous, 403 a role that may never, 404 not yours);
    a 401 also says why, in Korean."""
    assert response.status_code == expected, (response.status_code, response.content)
    if expected == 401:
        assert "로그인" in response.json()["detail"]
