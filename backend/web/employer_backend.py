"""Every function of another app that the employer pages call, in one place.

The pages import other apps only through this module (as the seeker pages do through
`seeker_backend`). Reads that the API does inline (the applicant access-log rows, the
shortlist's reference) are written here the same way the API writes them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest

from backend.accounts.models import User
from backend.accounts.services import access_log
from backend.core.refs import candidate_ref
from backend.employers.access import invitation_of_employer, member_of_employer, own_employer
from backend.employers.members import (
    invitation_accept,
    invitation_by_token,
    invitation_cancel,
    invitation_create,
    member_remove,
)
from backend.employers.models import Employer, EmployerInvitation, EmployerMember
from backend.employers.selectors import employer_of_user, invitations_pending, members_of
from backend.employers.services import VERIFIED_FIELDS, employer_create, employer_update
from backend.jobs import access as jobs_access
from backend.jobs import revisions as jobs_revisions
from backend.jobs import selectors as jobs_selectors
from backend.jobs.access import seekers_with_contact_for
from backend.jobs.checkpoints import (
    EMPLOYER_CORRECTION_DAYS,
    correction_deadline,
    placement_checkpoint_record,
)
from backend.jobs.hiring import (
    EMPLOYER_NEXT_STATUS,
    HIRED_ON_MAX_DAYS_BACK,
    MINOR_NOTICE_FOR_EMPLOYER,
    application_set_status,
)
from backend.jobs.models import (
    OPEN_APPLICATION_STATUSES,
    Application,
    ApplicationStatus,
    CheckpointChange,
    CheckpointStatus,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingReviewFlag,
    PostingStatus,
    seoul_today,
)
from backend.jobs.moderation import PostingRevision, RevisionStatus
from backend.jobs.services import (
    EDITABLE_STATUSES,
    posting_close,
    posting_create,
    posting_submit,
    posting_update,
)
from backend.matching import access as matching_access
from backend.matching import recommend
from backend.matching import selectors as matching_selectors
from backend.matching.reasons import render_reasons, stored_reasons
from backend.matching.services import candidate_contacts_reveal
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.selectors import area_list, career_field_list
from search.backends.base import SearchUnavailableError

__all__ = [
    "EDITABLE_STATUSES",
    "EMPLOYER_CORRECTION_DAYS",
    "EMPLOYER_NEXT_STATUS",
    "HIRED_ON_MAX_DAYS_BACK",
    "MINOR_NOTICE_FOR_EMPLOYER",
    "OPEN_APPLICATION_STATUSES",
    "VERIFIED_FIELDS",
    "Application",
    "ApplicationStatus",
    "Area",
    "CareerField",
    "CheckpointStatus",
    "Employer",
    "EmployerInvitation",
    "EmployerMember",
    "Placement",
    "PlacementCheckpoint",
    "Posting",
    "PostingStatus",
    "SearchUnavailableError",
    "ShortlistRow",
    "application_for_employer",
    "application_set_status",
    "applications_of_posting",
    "area_list",
    "career_field_list",
    "checkpoint_for_employer",
    "checkpoints_due",
    "correction_deadline",
    "employer_create",
    "employer_of_user",
    "employer_update",
    "invitation_accept",
    "invitation_by_token",
    "invitation_cancel",
    "invitation_create",
    "invitation_of_employer",
    "invitations_pending",
    "log_applicants",
    "member_of_employer",
    "member_remove",
    "members_of",
    "new_applications",
    "own_employer",
    "placement_checkpoint_record",
    "placements_of",
    "posting_close",
    "posting_counts",
    "posting_create",
    "posting_for_employer",
    "posting_submit",
    "posting_update",
    "postings_of",
    "seekers_with_contact_for",
    "seoul_today",
    "shortlist",
]


# --- postings -------------------------------------------------------------------------------


def postings_of(user: User) -> QuerySet[Posting]:
    """The caller's organisation's postings, newest first, with their review flags (one
    query more, whatever the rows) and how many applications each has."""
    postings = jobs_access.postings_managed_by(user).select_related("career_field")
    return jobs_selectors.postings_with_review_flags(postings).annotate(
        application_count=Count("applications", distinct=True),
        open_application_count=Count(
            "applications",
            filter=Q(applications__status__in=sorted(OPEN_APPLICATION_STATUSES)),
            distinct=True,
        ),
    )


def posting_counts(user: User) -> dict[str, int]:
    """How many of the organisation's postings are in each status (one query)."""
    rows = (
        jobs_access.postings_managed_by(user)
        .order_by()
        .values("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    counts = dict.fromkeys(PostingStatus.values, 0)
    counts.update(dict(rows))
    return counts


def posting_for_employer(user: User, posting_id: int) -> Posting:
    """One posting of the caller's organisation, with its review flags; `NotFoundError`
    otherwise (another employer's posting is a 404)."""
    posting = jobs_access.posting_for_employer(user, posting_id)
    flags = PostingReviewFlag.objects.filter(posting=posting).order_by("created_at", "id")
    posting.open_flags = [flag for flag in flags if flag.reviewed_at is None]  # type: ignore[attr-defined]
    posting.all_flags = list(flags)  # type: ignore[attr-defined]
    # An open posting's material edit waiting for staff, and the newest rejected one's reason
    # (one query: the newest revision, read as the prefetch would hold it).
    posting.revision_list = list(  # type: ignore[attr-defined]
        PostingRevision.objects.filter(posting=posting)
        .exclude(status=RevisionStatus.CANCELLED)
        .order_by("-created_at", "-id")[:1]
    )
    posting.pending_revision = jobs_revisions.pending_revision_of(posting)  # type: ignore[attr-defined]
    posting.revision_rejection = jobs_revisions.revision_rejection_of(posting)  # type: ignore[attr-defined]
    return posting


# --- applications ---------------------------------------------------------------------------


def applications_of_posting(user: User, posting: Posting) -> QuerySet[Application]:
    """The applicants of one of the caller's postings, with their profiles' display names
    (jobs' access rules; the caller has the posting already)."""
    return (
        jobs_access.applications_visible_to(user)
        .filter(posting=posting)
        .select_related("seeker__seeker_profile")
    )


def application_for_employer(user: User, application_id: int) -> Application:
    """An application to one of the employer's postings (jobs' access rules; `NotFoundError`
    otherwise)."""
    return jobs_access.application_for_employer(user, application_id)


def new_applications(user: User) -> QuerySet[Application]:
    """Applications to the organisation's postings nobody has looked at yet (`submitted`)."""
    return jobs_access.applications_visible_to(user).filter(status=ApplicationStatus.SUBMITTED)


def log_applicants(user: User, applications: Iterable[Application], request: HttpRequest) -> None:
    """One access-log row per applicant shown (their name and message are personal data), as
    `GET /postings/{id}/applications/` writes them."""
    for application in applications:
        access_log(
            actor=user,
            subject=application.seeker,
            what=f"지원자 이메일·지원 메시지, 지원 {application.pk}",
            request=request,
        )


# --- placements -----------------------------------------------------------------------------


def placements_of(user: User) -> QuerySet[Placement]:
    """The organisation's placements, the newest hire first, with their checkpoints and
    each checkpoint's history (who recorded or corrected what, when)."""
    return (
        jobs_access.placements_visible_to(user)
        .select_related("seeker__seeker_profile")
        .prefetch_related(
            Prefetch(
                "checkpoints__changes",
                queryset=CheckpointChange.objects.select_related("changed_by").order_by(
                    "changed_at", "id"
                ),
            )
        )
    )


def checkpoints_due(user: User, *, on: datetime.date | None = None) -> QuerySet[Placement]:
    """Placements with a checkpoint due (on or before `on`) and not recorded yet."""
    on = on or seoul_today()
    due = PlacementCheckpoint.objects.filter(
        placement=OuterRef("pk"), status=CheckpointStatus.PENDING, due_on__lte=on
    )
    return jobs_access.placements_visible_to(user).filter(Exists(due))


def checkpoint_for_employer(user: User, placement_id: int, month: int) -> PlacementCheckpoint:
    """A checkpoint of one of the employer's placements (`NotFoundError` otherwise)."""
    return jobs_access.checkpoint_for_employer_or_staff(user, placement_id, month)


# --- the shortlist --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShortlistRow:
    """One anonymous candidate of the employer shortlist page (contact only once revealed)."""

    ref: str
    cohort: str
    score: float
    components: dict[str, float]
    reasons: list[str]
    skills: list[str]
    certificates: list[str]
    area: Area
    contact: dict[str, Any] | None


def shortlist(
    user: User, posting: Posting, *, start: int, size: int, request: HttpRequest
) -> tuple[int, list[ShortlistRow]]:
    """One page of the posting's anonymous shortlist, as `GET /postings/{id}/candidates/`
    builds it: the total and the rows from `start`; the contact of a candidate who applied
    here is revealed (and access-logged) by matching's service. Raises
    `SearchUnavailableError` when search is down."""
    posting = matching_access.posting_for_candidates(user, posting.pk)
    found = recommend.candidates_for_posting(posting, matching_selectors.ordinance_policy_current())
    page = found[start : start + size]
    revealed = candidate_contacts_reveal(
        actor=user, posting=posting, candidates=page, request=request
    )
    rows = []
    for candidate in page:
        profile = candidate.profile
        contact = None
        if profile.user_id in revealed:
            contact = {
                "display_name": profile.display_name,
                "email": profile.user.email,
                "phone": profile.phone or "",
            }
        rows.append(
            ShortlistRow(
                ref=candidate_ref(posting.employer_id, profile.pk),
                cohort=profile.cohort,
                score=candidate.match.score,
                components=dict(candidate.match.components),
                reasons=render_reasons(stored_reasons(candidate.match.reasons)),
                skills=list(profile.skills),
                certificates=list(profile.certificates),
                area=profile.area,
                contact=contact,
            )
        )
    return len(found), rows
