"""The jobs app's background jobs, registered in `JobsConfig.ready()` (see `workers.registry`)."""

from __future__ import annotations

import logging

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


def register() -> None:
    register_job("expire_postings", expire_postings)
