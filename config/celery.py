"""The Celery app. Start a worker with `make worker ENGINE=celery` (see README).

Configuration comes from the CELERY_* names in `config/settings.py`; the beat schedule from
`workers/schedule.py`. The app object holds no connection until it first sends or consumes.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sjl")


def beat_schedule() -> dict[str, dict[str, Any]]:
    """Celery beat's view of `workers.schedule`: each entry sends `sjl.fire_scheduled`."""
    from workers.schedule import schedule

    entries: dict[str, dict[str, Any]] = {}
    for entry in schedule():
        if entry.every_seconds is not None:
            when: Any = timedelta(seconds=entry.every_seconds)
        else:
            assert entry.cron is not None
            minute, hour, day_of_month, month_of_year, day_of_week = entry.cron.split()
            when = crontab(
                minute=minute,
                hour=hour,
                day_of_month=day_of_month,
                month_of_year=month_of_year,
                day_of_week=day_of_week,
            )
        entries[entry.name] = {"task": "sjl.fire_scheduled", "schedule": when, "args": [entry.name]}
    return entries


@app.on_after_configure.connect
def _install_beat_schedule(sender: Celery, **kwargs: Any) -> None:
    sender.conf.beat_schedule = beat_schedule()


# After the handler above is connected: reading the configuration fires on_after_configure.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(lambda: ["workers"], related_name="celery_tasks")
