"""Load default_policy.yaml as ordinance policy version 1, so that every database has it."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from backend.matching.policy import load_default_policy, validate_policy


def load_version_1(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    OrdinancePolicy = apps.get_model("matching", "OrdinancePolicy")
    document = load_default_policy()
    errors = validate_policy(document)
    if errors:
        raise ValueError(f"default_policy.yaml is invalid: {errors}")
    OrdinancePolicy.objects.get_or_create(
        version=1, defaults={"document": document, "note": "기본 정책 (default_policy.yaml)"}
    )


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_version_1, migrations.RunPython.noop),
    ]
