"""Keys of the encrypted contact fields: real Fernet keys only, several while rotating (the first
encrypts, all decrypt), and `reencrypt_fields` moving every value to the first key."""

from __future__ import annotations

import io
import subprocess
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from cryptography.fernet import Fernet, InvalidToken
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from backend.seekers.models import SeekerProfile
from tests.conftest import PYTHON, REPO
from tests.factories.accounts import staff_user
from tests.factories.seekers import graduate_profile

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, str(REPO / "manage.py"), "check"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("key", "position"),
    [("t", "1 of 1"), ("test-field-encryption-key", "1 of 1"), (f"{NEW_KEY},short", "2 of 2")],
)
def test_a_key_that_is_not_a_fernet_key_stops_the_start(
    django_subprocess_env: dict[str, str], key: str, position: str
) -> None:
    result = run_check(dict(django_subprocess_env, FIELD_ENCRYPTION_KEY=key))
    assert result.returncode == 2
    assert f"FIELD_ENCRYPTION_KEY: key {position} is not a Fernet key" in result.stderr
    assert "Fernet.generate_key()" in result.stderr  # how to make one
    assert "Traceback" not in result.stderr


def test_several_keys_are_accepted(django_subprocess_env: dict[str, str]) -> None:
    result = run_check(dict(django_subprocess_env, FIELD_ENCRYPTION_KEY=f"{NEW_KEY}, {OLD_KEY}"))
    assert result.returncode == 0, result.stderr


def stored_phone(profile: SeekerProfile) -> str:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(SeekerProfile._meta.db_table)
        cursor.execute(f"SELECT phone FROM {table} WHERE id = %s", [profile.pk])  # noqa: S608
        (token,) = cursor.fetchone()
    return str(token)


def readable_by(key: str, token: str) -> bool:
    try:
        Fernet(key).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


@pytest.mark.django_db
def test_rotation_keeps_old_values_readable_and_reencrypt_moves_them(settings: object) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]  # type: ignore[attr-defined]
    profile = graduate_profile(phone="010-2345-6789")
    blank = graduate_profile(phone="")
    assert readable_by(OLD_KEY, stored_phone(profile))

    # The new key goes first; the old one stays for reading.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]  # type: ignore[attr-defined]
    assert SeekerProfile.objects.get(pk=profile.pk).phone == "010-2345-6789"
    fresh = graduate_profile(phone="010-9876-5432")
    assert readable_by(NEW_KEY, stored_phone(fresh))  # the first key encrypts

    out = io.StringIO()
    call_command("reencrypt_fields", "--dry-run", stdout=out)
    assert "seekers.SeekerProfile.phone: 1 re-encrypted" in out.getvalue()
    assert readable_by(OLD_KEY, stored_phone(profile))  # a dry run writes nothing

    out = io.StringIO()
    call_command("reencrypt_fields", stdout=out)
    assert "seekers.SeekerProfile.phone: 1 re-encrypted" in out.getvalue()
    assert readable_by(NEW_KEY, stored_phone(profile))
    assert not readable_by(OLD_KEY, stored_phone(profile))

    # The old key can go now.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # type: ignore[attr-defined]
    assert SeekerProfile.objects.get(pk=profile.pk).phone == "010-2345-6789"
    assert SeekerProfile.objects.get(pk=blank.pk).phone == ""
    again = io.StringIO()
    call_command("reencrypt_fields", stdout=again)
    assert "0 value(s) re-encrypted" in again.getvalue()


@pytest.mark.django_db
def test_a_value_no_key_can_read_is_a_loud_error(settings: object) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]  # type: ignore[attr-defined]
    profile = graduate_profile(phone="010-2345-6789")
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="still in FIELD_ENCRYPTION_KEY"):
        SeekerProfile.objects.get(pk=profile.pk)
    with pytest.raises(ValueError, match="none of the keys"):
        call_command("reencrypt_fields", stdout=io.StringIO())


@pytest.mark.django_db
def test_staff_totp_secrets_are_encrypted_and_rotate_with_the_keys(settings: object) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]  # type: ignore[attr-defined]
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    totp = TOTP.activate(staff_user(), secret)
    stored = Authenticator.objects.get(pk=totp.instance.pk).data["secret"]
    assert stored != secret  # not in the clear (allauth's default stores it as is)
    assert readable_by(OLD_KEY, stored)

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]  # type: ignore[attr-defined]
    out = io.StringIO()
    call_command("reencrypt_fields", stdout=out)
    assert "mfa.Authenticator.data[secret]: 1 re-encrypted" in out.getvalue()
    stored = Authenticator.objects.get(pk=totp.instance.pk).data["secret"]
    assert readable_by(NEW_KEY, stored)

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # type: ignore[attr-defined]
    # allauth remembers used codes in the cache by authenticator id; another test's code for
    # the same id and 30-second step would read as replayed.
    cache.clear()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(code)
