"""The settings refuse bad configuration with one clear line, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import PYTHON, REPO


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, str(REPO / "manage.py"), *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_defaults_are_the_embedded_ones(django_subprocess_env: dict[str, str]) -> None:
    result = run_manage(
        django_subprocess_env,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.SEARCH_BACKEND, s.WORKER_ENGINE, "
        "s.SEARCH_EMBEDDED_PATH.name)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "embedded",
        "inline",
        "search.sqlite3",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is required when DEBUG is off"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is required when DEBUG is off"),
        ({"FIELD_ENCRYPTION_KEY": ""}, "FIELD_ENCRYPTION_KEY is required when DEBUG is off"),
        (
            {"SEARCH_BACKEND": "solr"},
            "SEARCH_BACKEND='solr' is not one of: embedded, elasticsearch",
        ),
        ({"WORKER_ENGINE": "rq"}, "WORKER_ENGINE='rq' is not one of: inline, celery, dramatiq"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL is not a database URL"),
        ({"BROKER_TIMEOUT": "soon"}, "BROKER_TIMEOUT='soon' is not a number"),
        ({"BROKER_URL": "amqp://127.0.0.1//"}, "BROKER_URL must be a redis:// or rediss:// URL"),
    ],
)
def test_bad_configuration_is_refused_clearly(
    django_subprocess_env: dict[str, str], change: dict[str, str], message: str
) -> None:
    env = {key: value for key, value in django_subprocess_env.items() if key not in change}
    env.update({key: value for key, value in change.items() if value})
    result = run_manage(env, "check")
    assert result.returncode == 2
    assert f"configuration error: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_mode_needs_no_secrets(django_subprocess_env: dict[str, str]) -> None:
    env = dict(django_subprocess_env, DEBUG="true")
    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS"):
        env.pop(name)
    result = run_manage(env, "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env_change", "check_id"),
    [
        ({"JOB_TIME_LIMIT_SECONDS": "100", "JOB_LEASE_SECONDS": "50"}, "sjl.E101"),
        ({"JOB_TIME_LIMIT_SECONDS": "100", "CELERY_VISIBILITY_TIMEOUT_SECONDS": "90"}, "sjl.E102"),
        (
            {"SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": "127.0.0.1:9200"},
            "sjl.E002",
        ),
    ],
)
def test_unworkable_combinations_are_system_check_errors(
    django_subprocess_env: dict[str, str], env_change: dict[str, str], check_id: str
) -> None:
    result = run_manage(dict(django_subprocess_env, **env_change), "check")
    assert result.returncode != 0
    assert check_id in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_embedded_search_folder_is_a_check_error(
    django_subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    # A regular file where a folder should be: no user, root included, can create it.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    env = dict(django_subprocess_env, SEARCH_EMBEDDED_PATH=str(blocker / "sub" / "s.sqlite3"))
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "sjl.E003" in result.stderr


def test_kakao_and_naver_logins_are_configured_from_env(
    django_subprocess_env: dict[str, str],
) -> None:
    code = "from django.conf import settings as s; print(sorted(s.SOCIALACCOUNT_PROVIDERS))"
    off = run_manage(django_subprocess_env, "shell", "--no-imports", "-c", code)
    assert off.stdout.split("\n")[-2] == "[]"
    env = dict(
        django_subprocess_env,
        KAKAO_CLIENT_ID="kakao-id",
        KAKAO_SECRET="kakao-secret",
        NAVER_CLIENT_ID="naver-id",
        NAVER_SECRET="naver-secret",
    )
    on = run_manage(env, "shell", "--no-imports", "-c", code)
    assert on.stdout.split("\n")[-2] == "['kakao', 'naver']"
