"""Reads of mentoring data, with the joins their callers render."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from backend.accounts.models import User
from backend.mentoring.models import ACTIVE_STATUSES, MentoringRequest, MentorProfile
from backend.mentoring.ranking import MentorCandidate
from backend.seekers.models import SeekerProfile


def mentor_profile_of(*, user_id: int) -> MentorProfile | None:
    return MentorProfile.objects.filter(user_id=user_id).first()


def mentoring_requests() -> QuerySet[MentoringRequest]:
    """All requests, newest first, with what the API renders joined in."""
    return MentoringRequest.objects.select_related("career_field", "mentor").order_by(
        "-created_at", "-id"
    )


def mentor_candidates(*, excluding_user_id: int) -> list[MentorCandidate]:
    """Every mentor but the given user, with their number of active mentees (one query)."""
    profiles = (
        MentorProfile.objects.exclude(user_id=excluding_user_id)
        .annotate(active=Count("requests", filter=Q(requests__status__in=ACTIVE_STATUSES)))
        .order_by("id")
    )
    return [
        MentorCandidate(
            mentor_id=profile.pk,
            kind=profile.kind,
            career_fields=tuple(profile.career_fields),
            max_mentees=profile.max_mentees,
            active_mentees=profile.active,
        )
        for profile in profiles
    ]


def mentor_profiles_by_id(ids: list[int]) -> dict[int, MentorProfile]:
    return {profile.pk: profile for profile in MentorProfile.objects.filter(pk__in=ids)}


def seeker_cohort(*, user_id: int) -> str | None:
    """The cohort of a seeker's profile, or None when they have none yet."""
    return SeekerProfile.objects.filter(user_id=user_id).values_list("cohort", flat=True).first()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def mentoring_export(user: User) -> dict[str, Any]:
    """The user's mentor profile and the requests they made, as JSON values (/me/export/)."""
    profile = mentor_profile_of(user_id=user.pk)
    return {
        "mentor_profile": None
        if profile is None
        else {
            "id": profile.pk,
            "display_name": profile.display_name,
            "kind": profile.kind,
            "expertise": profile.expertise,
            "career_fields": profile.career_fields,
            "bio": profile.bio,
            "availability": profile.availability,
            "max_mentees": profile.max_mentees,
            "created_at": profile.created_at.isoformat(),
        },
        "requests": [
            {
                "id": request.pk,
                "career_field": request.career_field_id,
                "topic": request.topic,
                "message": request.message,
                "status": request.status,
                "mentor": request.mentor.public_name if request.mentor else None,
                "created_at": request.created_at.isoformat(),
                "accepted_at": _iso(request.accepted_at),
                "closed_at": _iso(request.closed_at),
            }
            for request in mentoring_requests().filter(seeker=user).order_by("created_at", "id")
        ],
    }
