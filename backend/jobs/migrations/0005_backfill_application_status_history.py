"""Backfill: one history row per application that exists before the history did.

Approximate by necessity — the steps in between were never recorded. Each row says the
application reached its current status at its `updated_at` (its `created_at` when never
updated), from an unknown earlier status (empty `from_status`), by no recorded user; the
actor's role is inferred from the status (submitted and withdrawn are the seeker's moves, every
other status the employer's). The rows are marked `backfilled`. Reversing deletes them.
"""

from typing import Any

from django.db import migrations

BATCH = 1000
SEEKER_STATUSES = ("submitted", "withdrawn")


def backfill(apps: Any, schema_editor: Any) -> None:
    Application = apps.get_model("jobs", "Application")
    Change = apps.get_model("jobs", "ApplicationStatusChange")
    have = set(Change.objects.values_list("application_id", flat=True).distinct())
    rows = []
    for application_id, status, created_at, updated_at in (
        Application.objects.order_by("pk")
        .values_list("pk", "status", "created_at", "updated_at")
        .iterator(chunk_size=BATCH)
    ):
        if application_id in have:
            continue
        rows.append(
            Change(
                application_id=application_id,
                from_status="",
                to_status=status,
                changed_by=None,
                changed_by_role="seeker" if status in SEEKER_STATUSES else "employer",
                created_at=updated_at or created_at,
                backfilled=True,
            )
        )
        if len(rows) >= BATCH:
            Change.objects.bulk_create(rows)
            rows = []
    Change.objects.bulk_create(rows)


def unbackfill(apps: Any, schema_editor: Any) -> None:
    apps.get_model("jobs", "ApplicationStatusChange").objects.filter(backfilled=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0004_application_status_change"),
    ]

    operations = [migrations.RunPython(backfill, unbackfill, elidable=False)]
