"""Recommendations stored before the young workers' rules (근로기준법 §65, §69, §70) may offer
a seeker under 18 night, holiday, long-hours or hazardous work. Forget those of every seeker who
may be under 18 (born within the last 19 years: without a birth month the rules count them as
the youngest they can be); they are computed again, under the rules, on the next read
(`recommendations_ensure`) or the nightly refresh."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import migrations

RECENT_YEARS = 19


def forget(apps: Any, schema_editor: Any) -> None:
    Recommendation = apps.get_model("matching", "Recommendation")
    this_year = datetime.datetime.now(ZoneInfo("Asia/Seoul")).year
    Recommendation.objects.filter(
        seeker__birth_year__gte=this_year - RECENT_YEARS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_alter_matchrun_kind_alter_matchrun_status"),
        ("seekers", "0004_birth_month"),
        ("jobs", "0007_minors_hours_holiday_work"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
