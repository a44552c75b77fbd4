"""Matching's background jobs, registered in `MatchingConfig.ready()` (see `workers.registry`)."""

from __future__ import annotations

import datetime

from backend.matching.nightly import nightly_chunk_execute, nightly_start
from backend.matching.recommend import seekers_affected_by
from backend.matching.runs import execute_match_run
from backend.matching.services import recommendations_refresh
from workers.registry import register_job


def refresh_recommendations(
    profile_ids: list[int] | None = None, posting_ids: list[int] | None = None
) -> dict[str, int]:
    """Recompute the stored recommendations of these profiles and of the seekers a change of
    these postings may affect (queued after the search sync indexed the changes)."""
    wanted = set(profile_ids or [])
    if posting_ids:
        wanted |= seekers_affected_by(posting_ids)
    if not wanted:
        return {"seekers": 0, "recommendations": 0}
    outcome = recommendations_refresh(sorted(wanted))
    return {"seekers": outcome.seekers, "recommendations": outcome.recommendations}


def refresh_all_recommendations(
    day: str | None = None, chunk_size: int | None = None, assign: bool | None = None
) -> dict[str, object]:
    """The nightly refresh: every seeker's recommendations against tonight's postings, split
    into chunks run in parallel by the fleet, then the assignment (`backend.matching.nightly`).
    Run again for the same day (ISO date; default today in Seoul), it resumes: only the chunks
    not done are sent."""
    refresh = nightly_start(
        datetime.date.fromisoformat(day) if day else None, chunk_size=chunk_size, assign=assign
    )
    return {"nightly_refresh": refresh.pk, "day": refresh.day.isoformat()}


def refresh_recommendations_chunk(chunk_id: int) -> dict[str, int]:
    """One chunk of the nightly refresh (resumes at the chunk's cursor after a kill)."""
    return nightly_chunk_execute(chunk_id)


def run_match(match_run_id: int) -> dict[str, object]:
    """Execute a staff-started match run; its `MatchRun` row records the outcome."""
    return execute_match_run(match_run_id)


def register() -> None:
    register_job("refresh_recommendations", refresh_recommendations)
    register_job("refresh_all_recommendations", refresh_all_recommendations, max_attempts=2)
    register_job("refresh_recommendations_chunk", refresh_recommendations_chunk)
    register_job("run_match", run_match)
