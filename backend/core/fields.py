"""`EncryptedTextField`: contact data encrypted at rest (Fernet, key from settings).

The key is `FIELD_ENCRYPTION_KEY` (any string; a Fernet key is derived from it with
SHA-256). Encrypted values cannot be searched or filtered in SQL, which is the point.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


@functools.cache
def _fernet(key: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))


def encrypt(plain: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken:
        # A wrong key must be loud: returning the ciphertext would show garbage as a phone.
        raise ValueError(
            "cannot decrypt a field: is FIELD_ENCRYPTION_KEY the one it was written with?"
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
