"""`manage.py run_scheduler`: serve `workers/schedule.py` with APScheduler.

The scheduler for Dramatiq (Celery uses `celery beat` on the same table). It only enqueues:
each firing writes a JobRun through `workers.schedule.fire` and the configured engine runs it.
"""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from workers.schedule import fire, schedule

logger = logging.getLogger("workers.scheduler")


def _fire(entry_name: str) -> None:
    close_old_connections()
    try:
        run = fire(entry_name)
        logger.info("schedule %s → job run=%s", entry_name, run.pk)
    except Exception:
        logger.exception("schedule %s could not enqueue", entry_name)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = "Run the job schedule (workers/schedule.py) with APScheduler; for Dramatiq."

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler = BlockingScheduler(timezone="Asia/Seoul")
        for entry in schedule():
            trigger: IntervalTrigger | CronTrigger
            if entry.every_seconds is not None:
                trigger = IntervalTrigger(seconds=entry.every_seconds)
            else:
                assert entry.cron is not None
                trigger = CronTrigger.from_crontab(entry.cron, timezone="Asia/Seoul")
            scheduler.add_job(
                _fire,
                trigger,
                args=[entry.name],
                id=entry.name,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=30,
            )
            self.stdout.write(f"scheduled {entry.name}: {entry.job} ({trigger})")
        self.stdout.flush()
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
