"""`manage.py ops_status`: the three figures the runbook alerts on, as one JSON line.

- dead job runs (attempts used up) and failed ones waiting for a retry;
- the search outbox backlog: pending events, the age of the oldest, the most attempts;
- the search backend's health (Elasticsearch cluster status).

Exit status 0 when every figure is within its threshold, 2 when one is not (the JSON's
`alerts` names which), so cron or any monitor can run it. docs/operations.md, runbook.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Max, Min
from django.utils import timezone

from search.backends import get_backend
from search.backends.base import SearchUnavailableError
from search.models import OutboxEvent
from workers.models import JobRun, JobStatus


class Command(BaseCommand):
    help = "Dead jobs, search outbox backlog and search health as JSON; exit 2 on an alert."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-dead", type=int, default=0, help="dead runs tolerated")
        parser.add_argument(
            "--max-outbox-age",
            type=float,
            default=900.0,
            help="seconds the oldest pending outbox event may wait",
        )
        parser.add_argument(
            "--max-outbox-pending", type=int, default=10000, help="pending events tolerated"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        pending = OutboxEvent.objects.filter(processed_at__isnull=True)
        backlog = pending.aggregate(oldest=Min("created_at"), attempts=Max("attempts"))
        oldest = backlog["oldest"]
        status: dict[str, Any] = {
            "dead_jobs": JobRun.objects.filter(status=JobStatus.DEAD).count(),
            "failed_jobs": JobRun.objects.filter(status=JobStatus.FAILED).count(),
            "outbox_pending": pending.count(),
            "outbox_oldest_age_s": round((now - oldest).total_seconds(), 1) if oldest else 0.0,
            "outbox_max_attempts": backlog["attempts"] or 0,
        }
        try:
            health = get_backend().health()
            status["search"] = health.get("cluster_status", "ok")
        except SearchUnavailableError as error:
            status["search"] = "unreachable"
            status["search_error"] = str(error)[:300]
        alerts = []
        if status["dead_jobs"] > options["max_dead"]:
            alerts.append("dead_jobs")
        if (
            status["outbox_oldest_age_s"] > options["max_outbox_age"]
            or status["outbox_pending"] > options["max_outbox_pending"]
        ):
            alerts.append("outbox_backlog")
        if status["search"] in ("red", "unreachable"):
            alerts.append("search_red")
        status["alerts"] = alerts
        self.stdout.write(json.dumps(status, ensure_ascii=False))
        if alerts:
            sys.exit(2)
