"""A fair's interview schedule: staff publish a finished `assign` run of the fair; seekers read
their own interviews and employers those of their postings (the published run only).

`fair_schedule_publish` writes; the rest read (kept together: one idea, a few functions)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import User
from backend.core.errors import ConflictError
from backend.fairs.models import JobFair
from backend.matching.models import (
    FairBooking,
    FairSchedule,
    MatchRun,
    MatchRunKind,
    MatchRunStatus,
)


@transaction.atomic
def fair_schedule_publish(*, actor: User, fair: JobFair, run: MatchRun) -> FairSchedule:
    """Make `run` the fair's published schedule (replacing an earlier one). 409 unless it is a
    finished `assign` run of this fair."""
    if (
        run.kind != MatchRunKind.ASSIGN
        or run.status != MatchRunStatus.DONE
        or run.scope.get("fair_id") != fair.pk
    ):
        raise ConflictError(
            gettext("이 박람회의 끝난 배정 실행만 일정으로 공개할 수 있어요."),
            code="not_a_finished_fair_run",
        )
    schedule, _ = FairSchedule.objects.update_or_create(
        fair=fair,
        defaults={"match_run": run, "published_at": timezone.now(), "published_by": actor},
    )
    return schedule


def fair_runs_of(fair: JobFair) -> QuerySet[MatchRun]:
    """The fair's `assign` runs, newest first."""
    return MatchRun.objects.filter(kind=MatchRunKind.ASSIGN, scope__fair_id=fair.pk).order_by(
        "-created_at", "-id"
    )


def published_run_id(fair: JobFair) -> int | None:
    schedule = FairSchedule.objects.filter(fair=fair).first()
    return schedule.match_run_id if schedule else None


def run_bookings(run_id: int) -> QuerySet[FairBooking]:
    """Every interview of a run by time, with slot, posting, employer and seeker."""
    return (
        FairBooking.objects.filter(match_run_id=run_id)
        .select_related("slot__fair_posting__posting__employer", "seeker")
        .order_by("slot__starts_at", "slot__fair_posting_id", "id")
    )


def schedule_bookings(fair: JobFair) -> QuerySet[FairBooking]:
    """The published schedule's interviews (none before staff publish one)."""
    run_id = published_run_id(fair)
    if run_id is None:
        return FairBooking.objects.none()
    return run_bookings(run_id)


def schedule_for_seeker(seeker_id: int) -> QuerySet[FairBooking]:
    """A seeker's interviews in every fair's published schedule, by time."""
    published = FairSchedule.objects.values("match_run_id")
    return (
        FairBooking.objects.filter(seeker_id=seeker_id, match_run_id__in=published)
        .select_related("slot__fair_posting__posting__employer", "slot__fair_posting__fair")
        .order_by("slot__starts_at", "id")
    )


def schedule_for_postings(fair: JobFair, posting_ids: QuerySet[Any]) -> QuerySet[FairBooking]:
    """The published schedule's interviews at `posting_ids` (an employer's postings)."""
    return schedule_bookings(fair).filter(slot__fair_posting__posting_id__in=posting_ids)
