from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxevent",
            name="available_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="재시도 가능 시각"),
        ),
    ]
