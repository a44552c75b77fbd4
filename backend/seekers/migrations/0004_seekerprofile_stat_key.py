"""The random per-person key of the statistical facts (REPORTS.md): added empty, filled with a
fresh random UUID per existing profile, then made unique and required."""

import uuid

from django.db import migrations, models


def fill_keys(apps, schema_editor):
    SeekerProfile = apps.get_model("seekers", "SeekerProfile")
    for profile in SeekerProfile.objects.filter(stat_key__isnull=True).only("pk"):
        SeekerProfile.objects.filter(pk=profile.pk).update(stat_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("seekers", "0003_alter_seekerprofile_career_break_reason_and_more")]

    operations = [
        migrations.AddField(
            model_name="seekerprofile",
            name="stat_key",
            field=models.UUIDField(editable=False, null=True, verbose_name="통계 키"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="seekerprofile",
            name="stat_key",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="통계 키"
            ),
        ),
    ]
