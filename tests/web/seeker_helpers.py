"""Helpers of the seeker page tests: a logged-in client and query counting."""

from __future__ import annotations

import html as html_module
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from backend.accounts.models import User
from tests.factories.accounts import log_in


def client_for(user: User | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    if user is not None:
        log_in(client, user)
    return client


def count_queries(action: Callable[[], Any]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        result = action()
    return len(queries), result


def html(response: Any) -> str:
    """The page with entities decoded (`&#x27;` → `'`), for assertions on its text."""
    text: str = response.content.decode()
    return html_module.unescape(text)
