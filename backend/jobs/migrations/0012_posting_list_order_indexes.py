# The lists' order, newest first: `GET /api/v1/postings/` and its review queue (bench/README B4).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0011_saved_searches_and_renewals"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="posting",
            index=models.Index(fields=["-created_at", "-id"], name="posting_newest"),
        ),
        migrations.AddIndex(
            model_name="posting",
            index=models.Index(
                fields=["status", "-created_at", "-id"], name="posting_status_newest"
            ),
        ),
    ]
