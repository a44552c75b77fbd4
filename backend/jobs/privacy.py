"""The seeker's applications and placements in a PIPA export (see backend/core/privacy.py).

Deletion needs no eraser here: applications and placements go with the user's cascade.
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.jobs.models import Application, DataProvision, Placement, SavedSearch, SavedSearchHit
from backend.jobs.selectors import applications_with_history


def applications_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "posting_id": application.posting_id,
            "posting_title": application.posting.title,
            "employer_name": application.posting.employer.public_name,
            "status": application.status,
            "message": application.message,
            "applied_at": application.created_at.isoformat(),
            "updated_at": application.updated_at.isoformat(),
            "history": [
                {
                    "from_status": change.from_status,
                    "to_status": change.to_status,
                    "changed_by_role": change.changed_by_role,
                    "at": change.created_at.isoformat(),
                    "backfilled": change.backfilled,
                }
                for change in application.status_changes.all()
            ],
        }
        for application in applications_with_history(
            Application.objects.filter(seeker=user)
            .select_related("posting__employer")
            .order_by("created_at", "pk")
        )
    ]


def placements_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "posting_id": placement.posting_id,
            "posting_title": placement.posting.title,
            "hired_on": placement.hired_on.isoformat(),
            "checkpoints": [
                {"month": c.month, "due_on": c.due_on.isoformat(), "status": c.status}
                for c in sorted(placement.checkpoints.all(), key=lambda c: c.month)
            ],
        }
        for placement in Placement.objects.filter(seeker=user)
        .select_related("posting")
        .prefetch_related("checkpoints")
        .order_by("hired_on", "pk")
    ]


def provisions_export(user: User) -> list[dict[str, Any]]:
    """Which employers received the seeker's data, when, and under which notice (PIPA §17
    제공 기록): one row per application consented to."""
    return [
        {
            "employer_id": provision.employer_id,
            "employer_name": provision.employer_name,
            "posting_title": provision.posting_title,
            "items": list(provision.items),
            "notice_version": provision.notice_version,
            "provided_at": provision.consented_at.isoformat(),
        }
        for provision in DataProvision.objects.filter(seeker=user).order_by("consented_at", "pk")
    ]


def saved_searches_export(user: User) -> list[dict[str, Any]]:
    """The seeker's saved searches with the postings their alerts mailed (issue 16); they go
    with the user's cascade on deletion."""
    hits: dict[int, list[dict[str, Any]]] = {}
    for hit in SavedSearchHit.objects.filter(saved_search__user=user).order_by("sent_at", "pk"):
        hits.setdefault(hit.saved_search_id, []).append(
            {"posting_id": hit.posting_id, "sent_at": hit.sent_at.isoformat()}
        )
    return [
        {
            "name": saved.name,
            "frequency": saved.frequency,
            "query": saved.query,
            "created_at": saved.created_at.isoformat(),
            "alerted_at": saved.alerted_at.isoformat() if saved.alerted_at else None,
            "alerted_postings": hits.get(saved.pk, []),
        }
        for saved in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
    ]
