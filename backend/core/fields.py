"""`EncryptedTextField`: contact data encrypted at rest (Fernet, keys from settings).

The keys are `settings.FIELD_ENCRYPTION_KEYS` (env `FIELD_ENCRYPTION_KEY`, comma-separated
Fernet keys): the first encrypts, every one decrypts (MultiFernet), so a new key can be put
first while values written with the old one stay readable until `manage.py reencrypt_fields`
has rewritten them. Encrypted values cannot be searched or filtered in SQL, which is the point.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.db import models


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _current() -> MultiFernet:
    keys: Sequence[str] = settings.FIELD_ENCRYPTION_KEYS
    return _fernet(tuple(keys))


def encrypt(plain: str) -> str:
    """`plain` encrypted with the first key."""
    return _current().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    """`token` decrypted with whichever configured key wrote it."""
    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken:
        # A wrong key must be loud: returning the ciphertext would show garbage as a phone.
        raise ValueError(
            "cannot decrypt a field: is the key it was written with still in FIELD_ENCRYPTION_KEY?"
        ) from None


def encrypted_with_current_key(token: str) -> bool:
    """True when the first (current) key alone can decrypt `token`."""
    keys: Sequence[str] = settings.FIELD_ENCRYPTION_KEYS
    try:
        Fernet(keys[0]).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """`token` re-encrypted with the first key (MultiFernet.rotate: decrypt with any key)."""
    try:
        return _current().rotate(token.encode()).decode()
    except InvalidToken:
        raise ValueError(
            "cannot re-encrypt a field: none of the keys in FIELD_ENCRYPTION_KEY decrypts it"
        ) from None


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored encrypted; '' stays '' so blank optional fields cost nothing."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        return decrypt(value)


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    """Every installed model with its encrypted fields (the models of every app)."""
    for model in apps.get_models():
        fields = [
            field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)
        ]
        if fields:
            yield model, fields
