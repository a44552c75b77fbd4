"""Every function of another app that the staff console calls, in one place.

As `seeker_backend` does for the seeker pages: the staff views import other apps only through
this module. Reads the API makes inline (the queue counts, the dead jobs) are written here the
same way.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from backend.accounts.models import AccessLog, User
from backend.accounts.selectors import (
    ReviewMonth,
    access_log_entries,
    access_log_months_unreviewed,
    access_log_review_months,
    staff_members,
)
from backend.accounts.services import access_log_reading, access_log_review_record
from backend.core.errors import NotFoundError
from backend.employers.access import employer_for_staff
from backend.employers.models import Employer
from backend.employers.selectors import employers_to_verify
from backend.employers.services import employer_refuse, employer_verify, employers_verify_bulk
from backend.jobs import access as jobs_access
from backend.jobs.checkpoints import (
    EMPLOYER_CORRECTION_DAYS,
    correction_deadline,
    placement_checkpoint_record,
)
from backend.jobs.models import (
    CheckpointChange,
    CheckpointStatus,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingReport,
    PostingStatus,
    ReportStatus,
    seoul_today,
)
from backend.jobs.reports import posting_report_act, posting_report_dismiss
from backend.jobs.revisions import pending_revision_of
from backend.jobs.selectors import postings_with_pending_revision, postings_with_review_flags
from backend.jobs.services import (
    posting_approve,
    posting_reject,
    posting_revision_approve,
    posting_revision_reject,
    postings_approve_bulk,
)
from backend.matching.access import match_run_for_staff
from backend.matching.decisions import decision_requests_for_staff
from backend.matching.models import (
    Assignment,
    DecisionRequestStatus,
    MatchRun,
    MatchRunKind,
    MatchRunStatus,
    OrdinancePolicy,
)
from backend.matching.policy import CAREER_BREAK_REASONS
from backend.matching.policy_diff import PolicyChange, policy_diff, policy_fields, policy_set
from backend.matching.selectors import (
    match_run_assignments,
    match_runs,
    ordinance_policy_current,
    ordinance_policy_successor_times,
    ordinance_policy_version,
    ordinance_policy_versions,
    seeker_eligibility,
)
from backend.matching.services import match_run_create, ordinance_policy_publish
from backend.mentoring.access import mentor_profile_for_staff
from backend.mentoring.models import MentorProfile
from backend.mentoring.selectors import mentors_to_verify
from backend.mentoring.services import mentor_refuse, mentor_verify
from backend.seekers.access import profile_for_staff
from backend.seekers.models import SeekerProfile
from backend.taxonomy.selectors import area_list, career_field_list
from workers.dispatch import retry_run
from workers.models import JobRun, JobStatus

__all__ = [
    "CAREER_BREAK_REASONS",
    "EMPLOYER_CORRECTION_DAYS",
    "AccessLog",
    "Assignment",
    "Employer",
    "JobRun",
    "MatchRun",
    "MatchRunKind",
    "MatchRunStatus",
    "MentorProfile",
    "OrdinancePolicy",
    "Placement",
    "PlacementCheckpoint",
    "PolicyChange",
    "Posting",
    "PostingReport",
    "ReviewMonth",
    "SeekerProfile",
    "access_log_reading",
    "access_log_review_months",
    "access_log_review_record",
    "access_log_rows",
    "access_log_subjects",
    "area_list",
    "career_field_list",
    "checkpoint_for_staff",
    "checkpoints_overdue",
    "correction_deadline",
    "dead_job_runs",
    "employer_for_staff",
    "employer_names",
    "employer_refuse",
    "employer_verify",
    "employers_to_verify",
    "employers_verify_bulk",
    "match_run_assignments",
    "match_run_create",
    "match_run_for_staff",
    "match_runs",
    "mentor_profile_for_staff",
    "mentor_refuse",
    "mentor_verify",
    "mentors_to_verify",
    "ordinance_policy_current",
    "ordinance_policy_publish",
    "ordinance_policy_successor_times",
    "ordinance_policy_version",
    "ordinance_policy_versions",
    "pending_revision_of",
    "placement_checkpoint_record",
    "placement_for_staff",
    "placements_for_staff",
    "policy_diff",
    "policy_fields",
    "policy_set",
    "posting_approve",
    "posting_for_staff",
    "posting_reject",
    "posting_report_act",
    "posting_report_dismiss",
    "posting_report_for_staff",
    "posting_reports_open",
    "posting_revision_approve",
    "posting_revision_reject",
    "postings_approve_bulk",
    "postings_to_review",
    "profile_for_staff",
    "queue_counts",
    "retry_run",
    "revisions_to_review",
    "seeker_eligibility",
    "staff_members",
]


def postings_to_review(user: User) -> QuerySet[Posting]:
    """The review queue (`GET /postings/?status=pending`): oldest first, with the review flags
    (one more query, however many rows)."""
    pending = jobs_access.postings_managed_by(user).filter(status=PostingStatus.PENDING)
    return postings_with_review_flags(
        pending.select_related("career_field").order_by("updated_at", "id")
    )


def revisions_to_review(user: User) -> QuerySet[Posting]:
    """Open postings with a material edit waiting for staff (`GET /postings/?status=open&
    revision=pending`), the oldest edit first, with their revisions and flags prefetched."""
    waiting = postings_with_pending_revision(
        jobs_access.postings_managed_by(user).filter(status=PostingStatus.OPEN), pending=True
    )
    return postings_with_review_flags(
        waiting.select_related("career_field").order_by("updated_at", "id")
    )


def posting_reports_open(user: User) -> QuerySet[PostingReport]:
    """The reports queue (`GET /posting-reports/?status=open`), oldest first, with how many
    open reports each posting has (one query)."""
    return jobs_access.posting_reports_for_staff(user).filter(status=ReportStatus.OPEN)


def posting_report_for_staff(user: User, report_id: int) -> PostingReport:
    return jobs_access.posting_report_for_staff(user, report_id)


def posting_for_staff(user: User, posting_id: int) -> Posting:
    """One posting for staff (`NotFoundError` for anyone else or a missing posting)."""
    return jobs_access.posting_for_staff(user, posting_id)


def dead_job_runs() -> QuerySet[JobRun]:
    """Background job runs whose attempts are exhausted, the newest failure first."""
    return JobRun.objects.filter(status=JobStatus.DEAD).order_by("-finished_at", "-id")


def checkpoints_overdue() -> QuerySet[PlacementCheckpoint]:
    """Placement checkpoints past their date and not recorded yet, the oldest first."""
    return (
        PlacementCheckpoint.objects.filter(
            status=CheckpointStatus.PENDING, due_on__lt=seoul_today()
        )
        .select_related("placement__posting__employer")
        .order_by("due_on", "id")
    )


def queue_counts(user: User) -> dict[str, int]:
    """The staff dashboard's queues and how many items wait in each: each count is of the
    very queryset its page lists, so the number and the page never disagree."""
    return {
        "employers": employers_to_verify().count(),
        "mentors": mentors_to_verify().count(),
        "postings": postings_to_review(user).count(),
        "revisions": revisions_to_review(user).count(),
        "reports": posting_reports_open(user).count(),
        "dead_jobs": dead_job_runs().count(),
        "checkpoints": checkpoints_overdue().count(),
        "access_log_months": access_log_months_unreviewed(),
        "decision_requests": decision_requests_for_staff(status=DecisionRequestStatus.OPEN).count(),
    }


def access_log_subjects(subject: str) -> list[User]:
    """The people an access-log `subject` filter names (one query): the seeker with that
    number (`/staff/seekers/<id>/`), or the account with that email."""
    if "@" in subject:
        return list(User.objects.filter(email__iexact=subject))
    return list(User.objects.filter(seeker_profile__pk=int(subject)))


def access_log_rows(
    *,
    actor_id: int | None,
    subjects: list[User] | None,
    since: Any,
    until: Any,
) -> QuerySet[AccessLog]:
    """The access log filtered, newest first, with the reader and the subject's seeker
    number (so the page makes no query per row)."""
    return access_log_entries(
        actor_id=actor_id,
        subject_ids=None if subjects is None else [user.pk for user in subjects],
        since=since,
        until=until,
    ).select_related("subject__seeker_profile")


def employer_names(employer_ids: list[int]) -> dict[int, str]:
    """employer id → name, for the quota table of a run (one query)."""
    return dict(Employer.objects.filter(pk__in=employer_ids).values_list("pk", "name"))


# --- placements and their checkpoints (staff correct any record, at any time) ----------------


def placements_for_staff(user: User, *, employer_name: str = "") -> QuerySet[Placement]:
    """Every placement, the newest hire first, optionally of employers whose name contains
    `employer_name`; with the posting, its employer and the checkpoints."""
    placements = jobs_access.placements_visible_to(user)
    if employer_name:
        placements = placements.filter(posting__employer__name__icontains=employer_name)
    return placements


def placement_for_staff(user: User, placement_id: int) -> Placement:
    """One placement with its checkpoints and their history (`NotFoundError` otherwise)."""
    placement = (
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
        .filter(pk=placement_id)
        .first()
    )
    if placement is None or user.role != "staff":
        raise NotFoundError(gettext("취업 연계 기록을 찾을 수 없습니다."))
    return placement


def checkpoint_for_staff(user: User, placement_id: int, month: int) -> PlacementCheckpoint:
    """A placement's checkpoint for staff (jobs' access rules; `NotFoundError` otherwise)."""
    return jobs_access.checkpoint_for_employer_or_staff(user, placement_id, month)
