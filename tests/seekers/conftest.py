from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.accounts.models import User


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Factories set a password per user; PBKDF2 would make these API tests slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    """An API client logged in (by session) as `user`, or anonymous for None."""

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make


def assert_status(response: Any, expected: int) -> None:
    """`expected` per API.md; a 401 also says why (a Korean message)."""
    assert response.status_code == expected, (response.status_code, response.content)
    if expected == 401:
        assert "로그인" in response.json()["detail"]
