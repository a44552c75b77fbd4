"""Who may see and act on which mentoring data. Every mentoring view goes through these.

Anything the caller may not see is a 404 (`NotFoundError`), never a hint that it exists:

- a seeker sees their own requests;
- a mentor (a `mentor` user, or a seeker with a mentor profile) sees the requests they were
  chosen for or took, those offered to them in a staged offer they have not declined (in any
  status: an offered mentor who comes too late finds it accepted, a 409 on accept), and open
  requests of their career fields that are open to the field (`backend.mentoring.offers`)
  and that they have not declined — never their own;
- staff see every request.

Only a verified mentor (`MentorStatus.VERIFIED`, vetted by staff) sees offered or open
requests; a mentor pending or refused (or sent back to the queue by an edit) keeps only the
requests they already accepted, so a running mentoring is not cut off. Of an open request a
mentor sees the field and the topic; the message text only once they have accepted it
(`message_shown_to`).

A request's message thread is the seeker's and the accepting mentor's only (`thread_member`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import NotFoundError
from backend.mentoring import selectors
from backend.mentoring.models import MentoringRequest, MentorProfile, RequestStatus
from backend.mentoring.offers import offered_to, waiting_on_offers

REQUEST_NOT_FOUND = gettext_lazy("멘토링 요청을 찾을 수 없습니다.")
MENTOR_PROFILE_MISSING = gettext_lazy("아직 멘토 프로필이 없습니다. 먼저 프로필을 작성해 주세요.")


MENTOR_NOT_FOUND = gettext_lazy("멘토를 찾을 수 없습니다.")


def mentor_profile_for_staff(user: User, profile_id: int) -> MentorProfile:
    """Any mentor profile, for staff (the verification queue); 404 for anyone else."""
    profile = (
        selectors.mentor_profile_for_staff(profile_id=profile_id)
        if user.role == Role.STAFF
        else None
    )
    if profile is None:
        raise NotFoundError(MENTOR_NOT_FOUND)
    return profile


def own_mentor_profile(user: User) -> MentorProfile:
    """The caller's mentor profile; 404 with a Korean message before it is created."""
    profile = selectors.mentor_profile_of(user_id=user.pk)
    if profile is None:
        raise NotFoundError(MENTOR_PROFILE_MISSING, code="mentor_profile_missing")
    return profile


def _visible_to_mentor(profile: MentorProfile) -> Q:
    if not profile.verified:
        # Unvetted: nothing offered, nothing open; only what they took before (history).
        return Q(mentor=profile, accepted_at__isnull=False) & ~Q(seeker_id=profile.user_id)
    chosen_or_taken = Q(mentor=profile)
    offered = offered_to(profile.pk, declined=False)
    open_in_field = (
        Q(
            status=RequestStatus.OPEN,
            mentor__isnull=True,
            career_field_id__in=list(profile.career_fields),
        )
        & ~waiting_on_offers()
        # A mentor who declined an offer is not shown the same request again when it opens
        # to the field: they have answered it.
        & ~offered_to(profile.pk, declined=True)
    )
    return (chosen_or_taken | offered | open_in_field) & ~Q(seeker_id=profile.user_id)


def requests_for_user(user: User) -> QuerySet[MentoringRequest]:
    """The requests `user` may list (see the module docstring); staff get each request's
    offers as well."""
    if user.role == Role.STAFF:
        return selectors.mentoring_requests(with_offers=True)
    if user.role not in (Role.SEEKER, Role.MENTOR):
        return selectors.mentoring_requests().none()
    visible = Q(seeker=user) if user.role == Role.SEEKER else Q(pk__in=[])
    profile = selectors.mentor_profile_of(user_id=user.pk)
    if profile is not None:
        visible |= _visible_to_mentor(profile)
    requests = selectors.mentoring_requests(viewer_mentor_id=profile.pk if profile else None)
    return requests.filter(visible)


def request_for_mentor(user: User, request_id: int) -> tuple[MentoringRequest, MentorProfile]:
    """A request the caller may act on as a mentor, with their mentor profile."""
    profile = selectors.mentor_profile_of(user_id=user.pk)
    if profile is None:
        raise NotFoundError(REQUEST_NOT_FOUND)
    mentoring_request = (
        selectors.mentoring_requests(viewer_mentor_id=profile.pk)
        .filter(_visible_to_mentor(profile), pk=request_id)
        .first()
    )
    if mentoring_request is None:
        raise NotFoundError(REQUEST_NOT_FOUND)
    return mentoring_request, profile


def request_after_mentor_action(profile: MentorProfile, request_id: int) -> MentoringRequest:
    """The request a mentor has just acted on (found with `request_for_mentor`), as it is now.

    Not filtered again: declining a staged offer takes the request out of the mentor's sight,
    yet they may see the outcome of their own answer once, in the response to it.
    """
    return selectors.mentoring_requests(viewer_mentor_id=profile.pk).get(pk=request_id)


def request_for_seeker(user: User, request_id: int) -> MentoringRequest:
    """One of the caller's own requests."""
    mentoring_request = selectors.mentoring_requests().filter(seeker=user, pk=request_id).first()
    if mentoring_request is None:
        raise NotFoundError(REQUEST_NOT_FOUND)
    return mentoring_request


def request_for_seeker_or_staff(user: User, request_id: int) -> MentoringRequest:
    """The seeker's own request, or any request for staff."""
    requests = selectors.mentoring_requests()
    if user.role != Role.STAFF:
        requests = requests.filter(seeker=user)
    mentoring_request = requests.filter(pk=request_id).first()
    if mentoring_request is None:
        raise NotFoundError(REQUEST_NOT_FOUND)
    return mentoring_request


def thread_member(mentoring_request: MentoringRequest, user: User) -> bool:
    """Whether `user` takes part in the request's message thread: the seeker who asked, or
    the mentor who accepted it (while it runs or after it ended; never a mentor who was only
    offered it)."""
    if mentoring_request.seeker_id == user.pk:
        return True
    mentor = mentoring_request.mentor
    return (
        mentor is not None
        and mentor.user_id == user.pk
        and mentoring_request.accepted_at is not None
    )


def message_shown_to(mentoring_request: MentoringRequest, user: User) -> bool:
    """Whether `user` reads the request's message text: its seeker, staff, or the mentor who
    accepted it. A mentor deciding whether to accept sees the field and the topic only."""
    if user.role == Role.STAFF:
        return True
    return thread_member(mentoring_request, user)


def mentee_shown_to(profile: MentorProfile, mentoring_request: MentoringRequest) -> bool:
    """Whether the mentor sees who the mentee is (display name, the contact they shared):
    only the mentor who accepted the request, while it runs or once completed."""
    return mentoring_request.mentor_id == profile.pk and mentoring_request.status in (
        RequestStatus.ACCEPTED,
        RequestStatus.COMPLETED,
    )


def request_for_thread(user: User, request_id: int) -> MentoringRequest:
    """A request whose sessions and ratings `user` may read: its seeker, the mentor who
    accepted it, or staff (a mentor who was only offered it reads none: 404)."""
    mentoring_request = requests_for_user(user).filter(pk=request_id).first()
    if mentoring_request is None or not (
        user.role == Role.STAFF or thread_member(mentoring_request, user)
    ):
        raise NotFoundError(REQUEST_NOT_FOUND)
    return mentoring_request
