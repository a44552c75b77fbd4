"""A seeker's recommendations and match-run outcomes in a PIPA export (backend/core/privacy.py).

Deletion needs no eraser: recommendations and assignments go with the profile's cascade.
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.matching.models import Assignment, Recommendation
from backend.matching.reasons import render_reasons, render_unassigned


def recommendations_export(user: User) -> list[dict[str, Any]]:
    """The seeker's stored recommendations, best first, with what explains each."""
    return [
        {
            "posting_id": item.posting_id,
            "posting_title": item.posting.title,
            "rank": item.rank,
            "score": item.score,
            "components": item.components,
            "reasons": render_reasons(item.reasons),
            "policy_version": item.policy_version,
            "computed_at": item.computed_at.isoformat(),
        }
        for item in Recommendation.objects.filter(seeker__user=user)
        .select_related("posting")
        .order_by("rank")
    ]


def assignments_export(user: User) -> list[dict[str, Any]]:
    """The seeker's outcome in each assign run (a posting, or why not)."""
    return [
        {
            "match_run_id": item.match_run_id,
            "posting_id": item.posting_id,
            "score": item.score,
            "reasons": render_reasons(item.reasons),
            "unassigned_reason": render_unassigned(item.unassigned_reason),
        }
        for item in Assignment.objects.filter(seeker__user=user).order_by("match_run_id")
    ]
