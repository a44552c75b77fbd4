"""Statistical facts for the profiles, placements and mentoring requests that existed before
facts were written (once; see `backend.reports.backfill`)."""

from django.db import migrations

from backend.reports.backfill import backfill_facts


def backfill(apps, schema_editor):
    backfill_facts(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_facts"),
        ("seekers", "0004_seekerprofile_stat_key"),
        ("jobs", "0006_alter_application_status_and_more"),
        ("mentoring", "0004_alter_mentoringrequest_status_and_more"),
        ("matching", "0002_load_default_policy"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
