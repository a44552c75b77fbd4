"""Every function of another app that the job-fair pages call, in one place (as
`staff_backend` and `seeker_backend` do for their consoles)."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import User
from backend.core.refs import seeker_ref
from backend.employers.selectors import employer_of_user
from backend.fairs.access import fair_for_employer_or_staff, fair_for_staff, fair_public
from backend.fairs.models import FairPosting, FairRegistration, JobFair
from backend.fairs.selectors import (
    fair_list,
    fair_postings_of,
    fairs_with_postings_of,
    registration_of,
    registrations_of_seeker,
)
from backend.fairs.services import fair_create, fair_registration_set, fair_registration_withdraw
from backend.jobs.access import postings_managed_by
from backend.jobs.models import Posting, PostingStatus
from backend.matching.access import match_run_for_staff
from backend.matching.fair_pdf import PdfUnavailable, schedule_pdf, schedule_rows
from backend.matching.fair_schedule import (
    fair_runs_of,
    fair_schedule_publish,
    published_run_id,
    run_bookings,
    schedule_bookings,
    schedule_for_postings,
    schedule_for_seeker,
)
from backend.matching.models import FairBooking, MatchRun, MatchRunStatus
from backend.matching.services import match_run_create
from backend.seekers.selectors import seeker_profile_of

__all__ = [
    "FairBooking",
    "FairPosting",
    "FairRegistration",
    "JobFair",
    "MatchRun",
    "MatchRunStatus",
    "PdfUnavailable",
    "Posting",
    "employer_of_user",
    "fair_create",
    "fair_for_employer_or_staff",
    "fair_for_staff",
    "fair_list",
    "fair_postings_of",
    "fair_public",
    "fair_registration_set",
    "fair_registration_withdraw",
    "fair_runs_of",
    "fair_schedule_publish",
    "fairs_with_postings_of",
    "match_run_create",
    "match_run_for_staff",
    "published_run_id",
    "registration_of",
    "registrations_of_seeker",
    "run_bookings",
    "schedule_bookings",
    "schedule_for_seeker",
    "schedule_pdf",
    "schedule_rows",
    "seeker_profile_of",
    "seeker_ref",
]


def open_postings_for_fairs() -> QuerySet[Posting]:
    """Open postings staff may add to a fair, by employer then title."""
    return (
        Posting.objects.filter(status=PostingStatus.OPEN)
        .select_related("employer")
        .order_by("employer__name", "title", "pk")
    )


def employer_fairs(user: User) -> QuerySet[JobFair]:
    """The fairs in which one of the caller's employer's postings takes part."""
    return fairs_with_postings_of(postings_managed_by(user).values("pk"))


def employer_schedule(user: User, fair: JobFair) -> QuerySet[FairBooking]:
    """The published interviews at the caller's postings (all, for staff)."""
    return schedule_for_postings(fair, postings_managed_by(user).values("pk"))
