"""Reads of mentoring data, with the joins their callers render."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from backend.accounts.models import User
from backend.mentoring.models import (
    ACTIVE_STATUSES,
    MentoringMessage,
    MentoringOffer,
    MentoringRating,
    MentoringRequest,
    MentorProfile,
    MentorStatus,
    RequestStatus,
)
from backend.mentoring.offers import offered_to, waiting_on_offers
from backend.mentoring.ranking import MentorCandidate, MentorSuggestion, rank_mentors
from backend.seekers.models import SeekerProfile


def mentor_profile_of(*, user_id: int) -> MentorProfile | None:
    return MentorProfile.objects.filter(user_id=user_id).first()


def _flag(condition: Q) -> Case:
    """`condition` as a true/false column. Not a bare boolean expression: `mentor_id = 5` is
    NULL in SQL where `mentor_id` is NULL, and NULL would reach the API as null, not false."""
    return Case(When(condition, then=Value(True)), default=Value(False))


def mentoring_requests(
    *, viewer_mentor_id: int | None = None, with_offers: bool = False
) -> QuerySet[MentoringRequest]:
    """All requests, newest first, with what the API renders joined in or annotated (no query
    per row):

    - `offered_to_count`: how many mentors it has been offered to (declined offers included);
    - `open_to_field`: open, with no chosen mentor, and no longer waiting on its offers, so
      every mentor of its field sees it (`backend.mentoring.offers`);
    - `offered_to_me`: open and awaiting the answer of the viewing mentor
      (`viewer_mentor_id`) — they are its chosen mentor or hold a live offer of it;
    - with `with_offers`, the offers themselves in `offers` (prefetched, in rank order: one
      more query for the page, for staff).
    """
    offer_count = (
        MentoringOffer.objects.filter(request=OuterRef("pk"))
        .order_by()
        .values("request")
        .annotate(total=Count("pk"))
        .values("total")
    )
    open_unassigned = Q(status=RequestStatus.OPEN, mentor__isnull=True)
    offered_to_me: Case | Value = Value(False)
    if viewer_mentor_id is not None:
        offered_to_me = _flag(
            Q(status=RequestStatus.OPEN)
            & (Q(mentor_id=viewer_mentor_id) | offered_to(viewer_mentor_id, declined=False))
        )
    requests = (
        MentoringRequest.objects.select_related("career_field", "mentor")
        .annotate(
            offered_to_count=Coalesce(Subquery(offer_count, output_field=IntegerField()), Value(0)),
            open_to_field=_flag(open_unassigned & ~waiting_on_offers()),
            offered_to_me=offered_to_me,
        )
        .order_by("-created_at", "-id")
    )
    if with_offers:
        requests = requests.prefetch_related(
            Prefetch("offers", queryset=MentoringOffer.objects.order_by("rank"))
        )
    return requests


def mentor_candidates(*, excluding_user_id: int) -> list[MentorCandidate]:
    """Every verified mentor but the given user, with their number of active mentees (one
    query). Mentors staff have not verified are never ranked, offered or suggested."""
    profiles = (
        MentorProfile.objects.filter(status=MentorStatus.VERIFIED)
        .exclude(user_id=excluding_user_id)
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
            availability=profile.availability,
        )
        for profile in profiles
    ]


def ranked_mentors_for(
    mentoring_request: MentoringRequest,
    *,
    field_only: bool = False,
    excluding_mentor_ids: frozenset[int] = frozenset(),
) -> list[MentorSuggestion]:
    """Mentors with a free place for this request, best first (`ranking.rank_mentors`),
    never the seeker themself; with `field_only`, only mentors of the request's field."""
    candidates = [
        candidate
        for candidate in mentor_candidates(excluding_user_id=mentoring_request.seeker_id)
        if candidate.mentor_id not in excluding_mentor_ids
        and (not field_only or mentoring_request.career_field_id in candidate.career_fields)
    ]
    return rank_mentors(
        career_field=mentoring_request.career_field_id,
        cohort=seeker_cohort(user_id=mentoring_request.seeker_id),
        candidates=candidates,
        request_text=f"{mentoring_request.topic}\n{mentoring_request.message}",
    )


def mentors_to_verify(*, status: str = MentorStatus.PENDING) -> QuerySet[MentorProfile]:
    """The staff's mentor queue: profiles in `status` (pending by default), oldest change
    first, with their user (the email staff check) joined in."""
    return (
        MentorProfile.objects.filter(status=status)
        .select_related("user")
        .order_by("updated_at", "id")
    )


def mentor_profile_for_staff(*, profile_id: int) -> MentorProfile | None:
    return MentorProfile.objects.select_related("user").filter(pk=profile_id).first()


def mentor_profiles_by_id(ids: list[int]) -> dict[int, MentorProfile]:
    return {profile.pk: profile for profile in MentorProfile.objects.filter(pk__in=ids)}


def seeker_cohort(*, user_id: int) -> str | None:
    """The cohort of a seeker's profile, or None when they have none yet."""
    return SeekerProfile.objects.filter(user_id=user_id).values_list("cohort", flat=True).first()


def seeker_display_name(*, user_id: int) -> str:
    """The name a seeker chose to show (their profile's display name), or ''."""
    name = (
        SeekerProfile.objects.filter(user_id=user_id).values_list("display_name", flat=True).first()
    )
    return name or ""


def request_messages(*, request_id: int) -> QuerySet[MentoringMessage]:
    """A request's message thread, oldest first (one query; authors are told apart by
    `author_id`, so no join)."""
    return MentoringMessage.objects.filter(request_id=request_id).order_by("created_at", "id")


def request_offer_of(*, request_id: int, mentor_id: int) -> MentoringOffer | None:
    """The staged offer of a request to one mentor, if it was offered to them."""
    return MentoringOffer.objects.filter(request_id=request_id, mentor_id=mentor_id).first()


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
                "shared_contact": request.shared_contact,
                "status": request.status,
                "mentor": request.mentor.public_name if request.mentor else None,
                "created_at": request.created_at.isoformat(),
                "accepted_at": _iso(request.accepted_at),
                "closed_at": _iso(request.closed_at),
                "sessions": [
                    {
                        "held_on": session.held_on.isoformat(),
                        "minutes": session.minutes,
                        "topic": session.topic,
                    }
                    for session in request.sessions.all()
                ],
            }
            for request in mentoring_requests()
            .filter(seeker=user)
            .prefetch_related("sessions")
            .order_by("created_at", "id")
        ],
        # The ratings this user gave (as mentee or as mentor), never the other side's.
        "ratings_given": [
            {
                "request": rating.request_id,
                "role": rating.role,
                "score": rating.score,
                "comment": rating.comment,
                "created_at": rating.created_at.isoformat(),
            }
            for rating in MentoringRating.objects.filter(rater=user).order_by("created_at", "id")
        ],
    }
