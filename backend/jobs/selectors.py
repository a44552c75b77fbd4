"""Reads of postings, applications and placements, with the joins their responses need."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from backend.jobs.models import (
    Application,
    ApplicationStatusChange,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingReviewFlag,
    PostingRevision,
    PostingStatus,
    RevisionStatus,
    seoul_today,
)


def posting_list() -> QuerySet[Posting]:
    return Posting.objects.select_related("employer", "area").order_by("-created_at", "-id")


def postings_with_review_flags(postings: QuerySet[Posting]) -> QuerySet[Posting]:
    """`postings` with their review flags prefetched (oldest first) and their revisions
    (newest first, as `revision_list`), for the representation staff and the posting's
    employer see: two more queries, however many rows."""
    return postings.prefetch_related(
        Prefetch("review_flags", queryset=PostingReviewFlag.objects.order_by("created_at", "id")),
        Prefetch(
            "revisions",
            queryset=PostingRevision.objects.exclude(status=RevisionStatus.CANCELLED).order_by(
                "-created_at", "-id"
            ),
            to_attr="revision_list",
        ),
    )


def postings_with_pending_revision(
    postings: QuerySet[Posting], *, pending: bool
) -> QuerySet[Posting]:
    """Those of `postings` that have (`pending=True`) or have not a revision waiting for
    staff."""
    waiting = PostingRevision.objects.filter(posting=OuterRef("pk"), status=RevisionStatus.PENDING)
    return postings.filter(Exists(waiting)) if pending else postings.filter(~Exists(waiting))


def postings_flagged(postings: QuerySet[Posting], *, flagged: bool) -> QuerySet[Posting]:
    """Those of `postings` that have (`flagged=True`) or have not an open review flag — one
    no staff member has reviewed yet. Flags reviewed in an earlier round do not count."""
    open_flag = PostingReviewFlag.objects.filter(posting=OuterRef("pk"), reviewed_at__isnull=True)
    return postings.filter(Exists(open_flag)) if flagged else postings.filter(~Exists(open_flag))


def application_list() -> QuerySet[Application]:
    return Application.objects.select_related(
        "posting", "posting__employer", "posting__area", "seeker", "seeker__seeker_profile"
    ).order_by("-created_at", "-id")


def applications_with_history(applications: QuerySet[Application]) -> QuerySet[Application]:
    """`applications` with their status history prefetched, oldest change first, as
    `application.status_changes.all()`: one more query however many rows are shown."""
    return applications.prefetch_related(
        Prefetch(
            "status_changes",
            queryset=ApplicationStatusChange.objects.order_by("created_at", "id"),
        )
    )


def placement_list() -> QuerySet[Placement]:
    return (
        Placement.objects.select_related("posting", "posting__employer", "seeker__seeker_profile")
        .prefetch_related(
            Prefetch("checkpoints", queryset=PlacementCheckpoint.objects.order_by("month"))
        )
        .order_by("-hired_on", "-id")
    )


def postings_open_newest(*, limit: int) -> list[Posting]:
    """The newest open postings whose deadline has not passed (the home page's list)."""
    return list(
        Posting.objects.select_related("employer", "area", "career_field")
        .filter(status=PostingStatus.OPEN, deadline__gte=seoul_today())
        .order_by("-published_at", "-id")[:limit]
    )


def postings_open_closing_soon(*, limit: int) -> list[Posting]:
    """Open postings by deadline, the nearest first (the home page's "closing soon")."""
    return list(
        Posting.objects.select_related("employer", "area", "career_field")
        .filter(status=PostingStatus.OPEN, deadline__gte=seoul_today())
        .order_by("deadline", "-published_at", "-id")[:limit]
    )
