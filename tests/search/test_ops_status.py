"""`manage.py ops_status`: what the runbook's alerts read (docs/operations.md)."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.models import OutboxEvent
from workers.models import JobRun, JobStatus

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def ops_status(*args: str) -> tuple[int, dict[str, object]]:
    out = StringIO()
    code = 0
    try:
        call_command("ops_status", *args, stdout=out)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, json.loads(out.getvalue())


def test_quiet_when_all_is_well() -> None:
    JobRun.objects.all().delete()
    OutboxEvent.objects.all().delete()
    code, status = ops_status()
    assert code == 0
    assert status["alerts"] == []
    assert status["dead_jobs"] == 0
    assert status["outbox_pending"] == 0
    assert status["search"] != "red"


def test_dead_jobs_and_an_old_backlog_raise_their_alerts() -> None:
    JobRun.objects.all().delete()
    OutboxEvent.objects.all().delete()
    JobRun.objects.create(job="sync_search", engine="inline", max_attempts=3, status=JobStatus.DEAD)
    event = OutboxEvent.objects.create(entity="posting", entity_id=7, attempts=4)
    OutboxEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    code, status = ops_status()
    assert code == 2
    assert status["alerts"] == ["dead_jobs", "outbox_backlog"]
    assert status["dead_jobs"] == 1
    assert status["outbox_pending"] == 1
    assert status["outbox_max_attempts"] == 4
    assert float(str(status["outbox_oldest_age_s"])) >= 3500
    # Thresholds are options: a fleet that tolerates them is quiet.
    code, status = ops_status("--max-dead", "1", "--max-outbox-age", "7200")
    assert (code, status["alerts"]) == (0, [])
