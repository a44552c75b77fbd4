"""Every function of another app that the seeker pages call, in one place.

The pages import other apps only through this module, so that the dependency refactor
(issue 10) re-points one file. Reads that the API does inline (the stored recommendations,
the access log about a person) are written here the same way the API writes them.
"""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import AccessLog, User
from backend.accounts.selectors import (
    consent_expires_at,
    consent_holds,
    consents_in_force,
    has_consent,
    user_export,
)
from backend.accounts.services import consents_record, user_delete
from backend.jobs import access as jobs_access
from backend.jobs import selectors as jobs_selectors
from backend.jobs.hiring import MINOR_NOTICE_FOR_SEEKER, application_withdraw
from backend.jobs.models import OPEN_APPLICATION_STATUSES, Application
from backend.matching import selectors as matching_selectors
from backend.matching.decisions import decision_requests_of
from backend.matching.models import Recommendation
from backend.matching.reasons import render_reasons
from backend.matching.selectors import (
    EligibilityRow,
    recommendations_empty_reason,
    seeker_eligibility,
)
from backend.matching.services import recommendations_ensure
from backend.mentoring import access as mentoring_access
from backend.mentoring.models import MentoringRequest, MentorProfile, RequestStatus
from backend.mentoring.ranking import MentorSuggestion
from backend.mentoring.selectors import mentor_profiles_by_id, ranked_mentors_for
from backend.mentoring.services import mentoring_request_create
from backend.seekers.models import SeekerProfile
from backend.seekers.selectors import seeker_is_minor, seeker_profile_of
from backend.seekers.services import seeker_profile_replace, seeker_profile_update
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.selectors import area_list, career_field_list
from search.backends.base import SearchUnavailableError

__all__ = [
    "MINOR_NOTICE_FOR_SEEKER",
    "OPEN_APPLICATION_STATUSES",
    "AccessLog",
    "Application",
    "Area",
    "CareerField",
    "EligibilityRow",
    "MentorProfile",
    "MentorSuggestion",
    "MentoringRequest",
    "SearchUnavailableError",
    "SeekerProfile",
    "access_log_about",
    "application_for_seeker",
    "application_withdraw",
    "applications_of",
    "applications_with_history_of",
    "area_list",
    "career_field_list",
    "consent_expires_at",
    "consent_holds",
    "consents_in_force",
    "consents_record",
    "decision_requests_of",
    "has_consent",
    "mentoring_request_create",
    "mentoring_requests_of",
    "recommendations_empty_reason",
    "recommendations_of",
    "render_reasons",
    "seeker_eligibility",
    "seeker_is_minor",
    "seeker_profile_of",
    "seeker_profile_replace",
    "seeker_profile_update",
    "suggested_mentors",
    "user_delete",
    "user_export",
]


def recommendations_of(profile: SeekerProfile) -> QuerySet[Recommendation]:
    """The seeker's stored recommendations of open postings, best first — computed on the
    first read as `GET /api/v1/me/recommendations/` does. Raises `SearchUnavailableError`
    when they must be computed and search is down."""
    recommendations_ensure(profile)
    return matching_selectors.recommendations_of(profile)


def applications_of(user: User) -> QuerySet[Application]:
    """The seeker's own applications, newest first (jobs' access rules)."""
    return jobs_access.applications_visible_to(user)


def applications_with_history_of(user: User) -> QuerySet[Application]:
    """The seeker's own applications, newest first, each with its status history prefetched
    (`application.status_changes.all()`, oldest first): one more query for any page size."""
    return jobs_selectors.applications_with_history(jobs_access.applications_visible_to(user))


def application_for_seeker(user: User, application_id: int) -> Application:
    """One of the seeker's applications; `NotFoundError` otherwise."""
    return jobs_access.application_for_seeker(user, application_id)


def mentoring_requests_of(user: User) -> QuerySet[MentoringRequest]:
    """The seeker's own mentoring requests, newest first (mentoring's access rules)."""
    return mentoring_access.requests_for_user(user)


def suggested_mentors(
    mentoring_request: MentoringRequest, *, limit: int = 3
) -> list[tuple[MentorSuggestion, MentorProfile]]:
    """The best mentors with a free place for an open request, as
    `/mentoring-requests/{id}/suggested-mentors/` ranks them."""
    if mentoring_request.status != RequestStatus.OPEN:
        return []
    ranked = ranked_mentors_for(mentoring_request)[:limit]
    profiles = mentor_profiles_by_id([s.candidate.mentor_id for s in ranked])
    return [(s, profiles[s.candidate.mentor_id]) for s in ranked]


def access_log_about(user: User) -> QuerySet[AccessLog]:
    """Who read this person's personal data, newest first, with the reader's organisation."""
    return (
        AccessLog.objects.filter(subject=user)
        .select_related("actor__employer_membership__employer")
        .order_by("-at", "-id")
    )
