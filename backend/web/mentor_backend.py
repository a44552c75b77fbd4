"""Every function of another app that the mentor pages (and the seeker's request page) call.

Like `seeker_backend`, the pages import the mentoring app only through this module.
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, IntegerField, QuerySet, Value, When

from backend.accounts.models import User
from backend.mentoring import access as mentoring_access
from backend.mentoring import selectors as mentoring_selectors
from backend.mentoring.access import (
    mentee_shown_to,
    message_shown_to,
    request_for_mentor,
    request_for_seeker,
)
from backend.mentoring.models import (
    MAX_MENTEES_LIMIT,
    MentoringMessage,
    MentoringOffer,
    MentoringRequest,
    MentorKind,
    MentorProfile,
    MentorStatus,
    RequestStatus,
)
from backend.mentoring.services import (
    mentor_profile_put,
    mentoring_message_post,
    mentoring_request_accept,
    mentoring_request_complete,
    mentoring_request_decline,
)
from backend.mentoring.sessions import (
    mentoring_rating_give,
    mentoring_session_record,
    rating_asked,
    rating_of,
    request_sessions,
    role_in,
)
from backend.taxonomy.models import CareerField
from backend.taxonomy.selectors import career_field_list

__all__ = [
    "MAX_MENTEES_LIMIT",
    "CareerField",
    "MentorKind",
    "MentorProfile",
    "MentorStatus",
    "MentoringMessage",
    "MentoringOffer",
    "MentoringRequest",
    "RequestStatus",
    "career_field_list",
    "mentee_name",
    "mentee_shown_to",
    "mentor_profile_of",
    "mentor_profile_put",
    "mentor_requests",
    "mentoring_message_post",
    "mentoring_rating_give",
    "mentoring_request_accept",
    "mentoring_request_complete",
    "mentoring_request_decline",
    "mentoring_session_record",
    "message_shown_to",
    "offer_of",
    "rating_asked",
    "rating_of",
    "request_for_mentor",
    "request_for_seeker",
    "request_messages",
    "request_sessions",
    "role_in",
    "thread_member",
]

thread_member = mentoring_access.thread_member


def mentor_profile_of(user: User) -> MentorProfile | None:
    """The mentor profile of `user`, or None before the mentor has written one."""
    return mentoring_selectors.mentor_profile_of(user_id=user.pk)


def mentor_requests(user: User) -> QuerySet[MentoringRequest]:
    """The requests a mentor may see (mentoring's access rules): those offered to them first,
    then the ones they mentor, then the rest of their fields' open requests, then the ended
    ones; newest first within each."""
    requests = mentoring_access.requests_for_user(user)
    return requests.annotate(
        mine_running=Case(
            When(status=RequestStatus.ACCEPTED, mentor__user_id=user.pk, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        still_open=Case(
            When(status=RequestStatus.OPEN, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).order_by("-offered_to_me", "-mine_running", "-still_open", "-created_at", "-id")


def mentee_name(mentoring_request: MentoringRequest) -> str:
    """The display name of the request's seeker (shown once the mentor has accepted)."""
    return mentoring_selectors.seeker_display_name(user_id=mentoring_request.seeker_id)


def request_messages(mentoring_request: MentoringRequest) -> QuerySet[MentoringMessage]:
    """The request's message thread, oldest first."""
    return mentoring_selectors.request_messages(request_id=mentoring_request.pk)


def offer_of(mentoring_request: MentoringRequest, profile: MentorProfile) -> MentoringOffer | None:
    """The offer of this request made to `profile`'s mentor, or None."""
    return mentoring_selectors.request_offer_of(
        request_id=mentoring_request.pk, mentor_id=profile.pk
    )
