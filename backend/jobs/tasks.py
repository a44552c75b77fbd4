"""The jobs app's background jobs, registered in `JobsConfig.ready()` (see `workers.registry`)."""

from __future__ import annotations

import datetime
import logging

from backend.jobs import renewal, saved_searches
from backend.jobs.checkpoint_mails import checkpoint_due_mails
from backend.jobs.models import seoul_today
from backend.jobs.services import postings_expire
from workers.registry import register_job

logger = logging.getLogger("workers.jobs")


def expire_postings() -> dict[str, int]:
    """Mark open postings whose deadline (a Seoul calendar day) has passed `expired`.

    One conditional UPDATE (`status='open' AND deadline < today`), bumping each posting's
    version: a second run, or a run racing a close, changes nothing more.
    """
    expired = postings_expire()
    if expired:
        logger.info("expired %s postings", expired)
    return {"expired": expired}


def posting_deadline_reminders(today: str | None = None) -> dict[str, int]:
    """Every morning: remind employers of open postings whose deadline is near (once per
    member and deadline), with a signed link to extend it (`backend.jobs.renewal`)."""
    day = datetime.date.fromisoformat(today) if today else seoul_today()
    return {"reminded": renewal.deadline_reminders(day)}


def checkpoint_due_mails_job(today: str | None = None) -> dict[str, int]:
    """Every morning: mail the employers whose hires' retention checkpoints fell due (once
    per member and checkpoint; `today` an ISO date, default today in Seoul)."""
    day = datetime.date.fromisoformat(today) if today else None
    return {"queued": checkpoint_due_mails(day)}


def register() -> None:
    register_job("expire_postings", expire_postings)
    register_job("posting_deadline_reminders", posting_deadline_reminders)
    register_job("saved_search_alerts", saved_searches.saved_search_alerts)
    register_job("checkpoint_due_mails", checkpoint_due_mails_job)
