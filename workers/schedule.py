"""The one schedule table, served by Celery beat or by the APScheduler-based scheduler.

Each entry enqueues its job through `workers.dispatch.enqueue_once` with a key of the entry
and its time slot, so two schedulers (or a scheduler restarted mid-slot) never start the same
slot twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from workers.models import JobRun

# This module is read by Celery beat before Django's apps are loaded: it imports no models
# at module level.


@dataclass(frozen=True)
class ScheduleEntry:
    """Run `job` every `every_seconds`, or at the cron time `cron` (minute hour dom month dow,
    Asia/Seoul); exactly one of the two is set."""

    name: str
    job: str
    every_seconds: int | None = None
    cron: str | None = None
    arguments: dict[str, Any] = field(default_factory=dict)


def schedule() -> list[ScheduleEntry]:
    """The schedule in force (intervals come from settings, so tests can shorten them)."""
    return [
        ScheduleEntry(
            "sweep-stale-runs",
            "sweep_stale_runs",
            every_seconds=settings.JOB_SWEEP_INTERVAL_SECONDS,
        ),
        ScheduleEntry("prune-job-runs", "prune_job_runs", cron="40 3 * * *"),
        ScheduleEntry("expire-postings", "expire_postings", cron="5 0 * * *"),
        # The outbox sweep: drains what a failed sync left (e.g. while the backend was down).
        ScheduleEntry(
            "sync-search", "sync_search", every_seconds=settings.JOB_SWEEP_INTERVAL_SECONDS
        ),
        ScheduleEntry("reconcile-search", "reconcile_search", cron="20 4 * * *"),
        # After the expiry (00:05) and the reconcile (04:20): tonight's open postings.
        ScheduleEntry("refresh-recommendations", "refresh_all_recommendations", cron="50 4 * * *"),
        # Retention (backend/core/retention_policy.yaml): purges at night, the inactive
        # accounts' notices in the morning (people read mail by day), their deletion at night.
        ScheduleEntry("purge-access-log", "purge_access_log", cron="10 3 * * *"),
        ScheduleEntry("purge-search-outbox", "purge_search_outbox", cron="15 3 * * *"),
        ScheduleEntry("purge-notifications", "purge_notifications", cron="20 3 * * *"),
        ScheduleEntry("warn-inactive-accounts", "warn_inactive_accounts", cron="0 10 * * *"),
        ScheduleEntry("delete-inactive-accounts", "delete_inactive_accounts", cron="30 2 * * *"),
        # The hiring survey's invitations and reminders (January to March; the job knows the
        # policy's deadline and mails each member once per kind and year).
        ScheduleEntry("hiring-survey-mails", "hiring_survey_mails", cron="0 9 * 1-3 *"),
        ScheduleEntry("mentoring-followup-mails", "mentoring_followup_mails", cron="10 9 * * *"),
        # Issue 16: saved-search alerts after the night's expiry and reconcile (each search is
        # due daily or weekly since its last check); deadline reminders in office hours.
        ScheduleEntry("saved-search-alerts", "saved_search_alerts", cron="0 8 * * *"),
        ScheduleEntry(
            "posting-deadline-reminders", "posting_deadline_reminders", cron="30 9 * * *"
        ),
        # Retention checkpoints that fell due: their employers are told once, in the morning.
        ScheduleEntry("checkpoint-due-mails", "checkpoint_due_mails", cron="20 9 * * *"),
        # Frozen reports: last month's on the 1st; last year's after the survey deadline.
        ScheduleEntry("report-snapshots-monthly", "report_snapshots_monthly", cron="30 5 1 * *"),
        ScheduleEntry("report-snapshots-yearly", "report_snapshots_yearly", cron="0 6 15 2 *"),
    ]


def entry_named(name: str) -> ScheduleEntry:
    for entry in schedule():
        if entry.name == name:
            return entry
    raise LookupError(f"no schedule entry named {name!r}")


def fire(entry_name: str, *, now: float | None = None) -> JobRun:
    """Enqueue the entry's job for the current slot; a second call in the same slot is a no-op."""
    from workers.dispatch import enqueue_once

    entry = entry_named(entry_name)
    moment = time.time() if now is None else now
    # Interval entries: the slot is the interval number. Cron entries fire at most once a
    # minute, so the minute is the slot.
    period = entry.every_seconds or 60
    slot = int(moment // period)
    return enqueue_once(entry.job, f"schedule:{entry.name}:{slot}", **entry.arguments)
