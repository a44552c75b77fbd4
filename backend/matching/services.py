"""Use cases that write matching data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from backend.accounts.models import User
from backend.matching.models import OrdinancePolicy
from backend.matching.policy import validate_policy


@transaction.atomic
def ordinance_policy_publish(
    *, document: dict[str, Any], actor: User | None, note: str = ""
) -> OrdinancePolicy:
    """Insert `document` as the next policy version (versions are never overwritten).

    Raises `ValidationError({"document.<path>": [message]})` for an invalid document.
    """
    errors = validate_policy(document)
    if errors:
        raise ValidationError(
            {
                f"document.{path}" if path != "document" else path: messages
                for path, messages in errors.items()
            }
        )
    # Two staff publishing at once: lock the current newest row so the second waits, then
    # read the maximum again (READ COMMITTED sees the first one's commit) — the second gets
    # the next number instead of failing on the unique constraint.
    list(OrdinancePolicy.objects.select_for_update().order_by("-version")[:1])
    latest = OrdinancePolicy.objects.aggregate(latest=Max("version"))["latest"] or 0
    return OrdinancePolicy.objects.create(
        version=latest + 1, document=document, created_by=actor, note=note
    )
