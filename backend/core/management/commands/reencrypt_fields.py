"""`manage.py reencrypt_fields`: rewrite every encrypted value (the encrypted model fields and
staff's TOTP secrets) with the first key.

Key rotation: put the new key first in FIELD_ENCRYPTION_KEY (`new,old`), deploy, run this,
then drop the old key. Values already under the first key are left alone, so a second run (or
one interrupted half-way and started again) does only what is left.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction
from django.db.models.functions import Cast

from backend.core.fields import encrypted_fields, encrypted_with_current_key, rotate

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEY."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be rewritten, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model, fields in encrypted_fields():
            for field in fields:
                count = self._rotate(model, field.attname, dry_run=options["dry_run"])
                total += count
                self.stdout.write(f"{model._meta.label}.{field.name}: {count} re-encrypted")
        count = self._rotate_totp_secrets(dry_run=options["dry_run"])
        total += count
        self.stdout.write(f"mfa.Authenticator.data[secret]: {count} re-encrypted")
        verb = "would be re-encrypted" if options["dry_run"] else "re-encrypted"
        self.stdout.write(self.style.SUCCESS(f"{total} value(s) {verb}"))

    def _rotate_totp_secrets(self, *, dry_run: bool) -> int:
        """allauth.mfa's TOTP secrets, which the MFA adapter encrypts with the same keys."""
        authenticator = apps.get_model("mfa", "Authenticator")
        rotated = 0
        with transaction.atomic():
            for pk, data in (
                authenticator.objects.select_for_update()
                .filter(type="totp")
                .values_list("pk", "data")
            ):
                token = data.get("secret") if isinstance(data, dict) else None
                if not token or encrypted_with_current_key(token):
                    continue
                rotated += 1
                if not dry_run:
                    authenticator.objects.filter(pk=pk).update(
                        data={**data, "secret": rotate(token)}
                    )
        return rotated

    def _rotate(self, model: type[models.Model], column: str, *, dry_run: bool) -> int:
        manager = model._default_manager
        # Cast to plain text: the stored token as it is, without the field's decryption.
        stored = manager.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True})
        pks = list(stored.order_by("pk").values_list("pk", flat=True))
        rotated = 0
        for start in range(0, len(pks), BATCH):
            batch = pks[start : start + BATCH]
            # Locked while rewritten, so that a profile saved meanwhile is not overwritten
            # with its old value (SQLite: the IMMEDIATE transaction holds the write lock).
            with transaction.atomic():
                rows = (
                    manager.select_for_update()
                    .filter(pk__in=batch)
                    .annotate(_token=Cast(column, output_field=models.TextField()))
                    .values_list("pk", "_token")
                )
                for pk, token in rows:
                    if not token or encrypted_with_current_key(token):
                        continue
                    rotated += 1
                    if not dry_run:
                        manager.filter(pk=pk).update(
                            **{column: models.Value(rotate(token), output_field=models.TextField())}
                        )
        return rotated
