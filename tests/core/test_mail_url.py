"""`EMAIL_URL=filemail:///path` (README) writes mails into that absolute directory, whatever
the working directory: django-environ alone made it relative to the working directory."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import PYTHON, REPO

SEND = (
    "from django.core.mail import send_mail; from django.conf import settings as s; "
    "print(s.EMAIL_FILE_PATH); send_mail('제목', '본문', None, ['a@example.kr'])"
)


def send_from(cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [PYTHON, str(REPO / "manage.py"), "shell", "--no-imports", "-c", SEND],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_an_absolute_filemail_path_stays_absolute(
    tmp_path: Path, django_subprocess_env: dict[str, str]
) -> None:
    outbox = tmp_path / "outbox"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(django_subprocess_env, EMAIL_URL=f"filemail://{outbox}")
    assert send_from(elsewhere, env) == str(outbox)
    files = list(outbox.iterdir())
    assert len(files) == 1
    assert "a@example.kr" in files[0].read_text()
    # Nothing was written under the working directory.
    assert list(elsewhere.iterdir()) == []


def test_a_relative_filemail_path_is_the_projects_and_a_bare_one_var_mail(
    tmp_path: Path, django_subprocess_env: dict[str, str]
) -> None:
    relative = REPO / "var" / "test-mail-url-outbox"
    env = dict(django_subprocess_env, EMAIL_URL=f"filemail://{relative.relative_to(REPO)}")
    try:
        assert send_from(tmp_path, env) == str(relative)
        assert len(list(relative.iterdir())) == 1
    finally:
        shutil.rmtree(relative, ignore_errors=True)
    bare = dict(django_subprocess_env, EMAIL_URL="filemail://")
    assert send_from(tmp_path, bare) == str(tmp_path / "var" / "mail")
    assert len(list((tmp_path / "var" / "mail").iterdir())) == 1
