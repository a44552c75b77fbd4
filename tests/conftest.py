"""Shared fixtures: the real servers that `make test` starts, and a clean subprocess env.

A test that needs a server asks for its fixture; when the server's URL is missing the test
fails (never skips): `make test` always provides them, see scripts/servers.py.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.api import ClientFor, make_client

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # PBKDF2 at production strength costs ~0.1 s a user: tests hash with MD5 instead.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # One process runs thousands of requests from one address: the anti-automation budgets
    # are raised (tests/core/test_throttling.py lowers them to test them).
    settings.API_THROTTLE_RATES = dict.fromkeys(settings.API_THROTTLE_RATES, "1000000/min")
    settings.CANDIDATE_VIEWS_PER_DAY = 1_000_000_000


def require_env(name: str) -> str:
    """The URL of a server the suite needs, or a loud failure naming how to get one."""
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the suite with `make test`, which starts the servers")
    return value


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Every test starts in the site's language: a request in English (LocaleMiddleware
    activates the request's language in the thread and leaves it) must not leak into the
    next test's reasons and messages."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _own_search_file(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test gets its own embedded search file (DESIGN.md, Tests)."""
    settings.SEARCH_EMBEDDED_PATH = tmp_path_factory.mktemp("search") / "search.sqlite3"


@pytest.fixture
def client_for() -> ClientFor:
    """A factory of API clients: `client_for(user)` (None: anonymous)."""
    return make_client


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    return require_env("ELASTICSEARCH_URL")


@pytest.fixture(scope="session")
def broker_url() -> str:
    return require_env("BROKER_URL")


@pytest.fixture(scope="session")
def database_url() -> str:
    return require_env("DATABASE_URL")


# A real Fernet key (32 bytes, URL-safe base64) for tests only; scripts/test.sh uses the same.
TEST_FIELD_ENCRYPTION_KEY = "c2psLXRlc3QtZmllbGQta2V5LW5vdC1mb3ItcHJvZCE="


@pytest.fixture
def django_subprocess_env(tmp_path: Path) -> dict[str, str]:
    """An environment for a child Django process with embedded defaults in `tmp_path`."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(REPO),
        VAR_DIR=str(tmp_path / "var"),
        DEBUG="false",
        SECRET_KEY="subprocess-secret",
        FIELD_ENCRYPTION_KEY=TEST_FIELD_ENCRYPTION_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        EMAIL_URL="memorymail://",
        SECURE_SSL_REDIRECT="false",
    )
    return env


PYTHON = sys.executable
