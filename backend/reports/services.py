"""Use cases that write statistical facts (subscribed to the hooks of the apps below in
`ReportsConfig.ready()`, so every fact is written in the event's transaction), and the log of
report downloads. Never imports DRF."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from backend.accounts.models import User
from backend.accounts.services import download_log
from backend.jobs.models import Placement, PlacementCheckpoint, seoul_today
from backend.matching.models import OrdinancePolicy
from backend.mentoring.models import (
    MentoringRating,
    MentoringRequest,
    MentoringSession,
    RaterRole,
    RequestStatus,
)
from backend.reports.derive import (
    eligible_programmes,
    employer_type,
    hours_between,
    primary_career_field,
    seoul_day,
)
from backend.reports.models import (
    MentoringFact,
    PlacementFact,
    ProfileFact,
    SpellEnd,
    SpellStart,
)
from backend.seekers.models import SeekerProfile


def _policy_document() -> dict[str, Any] | None:
    """The policy in force now (the newest version), or None on a database without one."""
    policy = OrdinancePolicy.objects.order_by("-version").only("document").first()
    return policy.document if policy is not None else None


def _open_spell(profile: SeekerProfile, *, on: datetime.date, start_event: str) -> ProfileFact:
    return ProfileFact.objects.create(
        person_key=profile.stat_key,
        cohort=profile.cohort,
        programmes=eligible_programmes(profile, _policy_document(), on=on),
        area=profile.area_id or "",
        career_field=primary_career_field(profile),
        started_on=on,
        start_event=start_event,
    )


def _close_spells(person_key: uuid.UUID, *, on: datetime.date, end_event: str) -> int:
    return ProfileFact.objects.filter(person_key=person_key, ended_on__isnull=True).update(
        ended_on=on, end_event=end_event
    )


def profile_fact_on_saved(*, profile: SeekerProfile, created: bool) -> None:
    """`seekers.hooks.profile_saved`: a new profile opens its first spell (`created`). A
    saved profile without any fact (made before facts existed and missed by the backfill)
    gets one from its creation day, so it is never left out of `participants`."""
    if created:
        _open_spell(profile, on=seoul_today(), start_event=SpellStart.CREATED)
    elif not ProfileFact.objects.filter(person_key=profile.stat_key).exists():
        _open_spell(profile, on=seoul_day(profile.created_at), start_event=SpellStart.CREATED)


def profile_fact_on_cohort_changed(*, profile: SeekerProfile, previous_cohort: str) -> None:
    """`seekers.hooks.cohort_changed`: the spell in the old cohort ends today and one in the
    new cohort starts today (the person counts in both on that day)."""
    today = seoul_today()
    _close_spells(profile.stat_key, on=today, end_event=SpellEnd.COHORT_CHANGED)
    _open_spell(profile, on=today, start_event=SpellStart.COHORT_CHANGED)


def profile_fact_on_account_deleting(*, user: User) -> None:
    """`accounts.hooks.account_deleting`: the person's open spell ends today (`ended`); every
    fact stays, and the key goes with the profile, so the facts lead back to no one."""
    key = SeekerProfile.objects.filter(user=user).values_list("stat_key", flat=True).first()
    if key is not None:
        _close_spells(key, on=seoul_today(), end_event=SpellEnd.ENDED)


def placement_fact_on_made(*, placement: Placement, actor: User) -> None:
    """`jobs.hooks.placement_made`: the placement's fact, with the checkpoints' due dates."""
    posting = placement.posting
    profile = SeekerProfile.objects.filter(user_id=placement.seeker_id).first()
    checkpoints = {
        row.month: row.due_on
        for row in PlacementCheckpoint.objects.filter(placement=placement).only("month", "due_on")
    }
    policy = _policy_document()
    created_on = seoul_day(profile.created_at) if profile is not None else None
    PlacementFact.objects.create(
        placement=placement,
        # A hire of someone without a profile (only possible through the admin) counts as
        # a person of its own.
        person_key=profile.stat_key if profile is not None else uuid.uuid4(),
        cohort=profile.cohort if profile is not None else "",
        programmes=(eligible_programmes(profile, policy, on=placement.hired_on) if profile else []),
        area=profile.area_id if profile is not None else "",
        career_field=posting.career_field_id or "",
        employment_type=posting.employment_type,
        employer_type=employer_type(posting.employer, policy),
        employer_id=posting.employer_id,
        hired_on=placement.hired_on,
        profile_created_on=created_on,
        days_to_placement=(
            (placement.hired_on - created_on).days if created_on is not None else None
        ),
        due_1=checkpoints[1],
        due_3=checkpoints[3],
        due_6=checkpoints[6],
        due_12=checkpoints[12],
    )


def placement_fact_on_checkpoint(
    *,
    checkpoint: PlacementCheckpoint,
    changed: Sequence[PlacementCheckpoint],
    actor: User,
) -> None:
    """`jobs.hooks.checkpoint_recorded`: each changed checkpoint's outcome and its day."""
    updates: dict[str, Any] = {}
    for row in changed:
        updates[f"status_{row.month}"] = row.status
        updates[f"recorded_{row.month}"] = seoul_day(row.recorded_at) if row.recorded_at else None
    if updates:
        PlacementFact.objects.filter(placement_id=checkpoint.placement_id).update(**updates)


def _mentee_key(mentoring_request: MentoringRequest) -> tuple[uuid.UUID | None, str]:
    row = (
        SeekerProfile.objects.filter(user_id=mentoring_request.seeker_id)
        .values_list("stat_key", "cohort")
        .first()
    )
    return (row[0], row[1]) if row is not None else (None, "")


def _mentor_kind(mentoring_request: MentoringRequest) -> str:
    mentor = mentoring_request.mentor
    return mentor.kind if mentor is not None else ""


def mentoring_fact_on_created(*, mentoring_request: MentoringRequest) -> None:
    """`mentoring.hooks.mentoring_request_created`."""
    key, cohort = _mentee_key(mentoring_request)
    MentoringFact.objects.create(
        mentoring_request=mentoring_request,
        person_key=key,
        cohort=cohort,
        career_field=mentoring_request.career_field_id,
        mentor_kind=_mentor_kind(mentoring_request),
        requested_at=mentoring_request.created_at,
        requested_on=seoul_day(mentoring_request.created_at),
        outcome=mentoring_request.status,
    )


def _mentoring_fact(mentoring_request: MentoringRequest) -> MentoringFact:
    fact = MentoringFact.objects.filter(mentoring_request=mentoring_request).first()
    if fact is None:  # a request made before facts existed and missed by the backfill
        mentoring_fact_on_created(mentoring_request=mentoring_request)
        fact = MentoringFact.objects.get(mentoring_request=mentoring_request)
    return fact


def mentoring_fact_on_accepted(*, mentoring_request: MentoringRequest) -> None:
    """`mentoring.hooks.mentoring_request_accepted`: the mentor's kind and the hours it took
    (the first acceptance counts: a request reopened when its mentor left keeps it)."""
    fact = _mentoring_fact(mentoring_request)
    fact.mentor_kind = _mentor_kind(mentoring_request)
    fact.outcome = RequestStatus.ACCEPTED
    if fact.accepted_at is None and mentoring_request.accepted_at is not None:
        fact.accepted_at = mentoring_request.accepted_at
        fact.hours_to_acceptance = hours_between(fact.requested_at, fact.accepted_at)
    fact.save(update_fields=["mentor_kind", "outcome", "accepted_at", "hours_to_acceptance"])


def mentoring_fact_on_finished(*, mentoring_request: MentoringRequest) -> None:
    """`mentoring.hooks.mentoring_request_finished`: how it ended, and on which day."""
    fact = _mentoring_fact(mentoring_request)
    if mentoring_request.mentor_id is not None:
        fact.mentor_kind = _mentor_kind(mentoring_request)
    fact.outcome = mentoring_request.status
    fact.finished_on = seoul_day(mentoring_request.closed_at or mentoring_request.updated_at)
    fact.save(update_fields=["mentor_kind", "outcome", "finished_on"])


def mentoring_fact_on_session(*, session: MentoringSession) -> None:
    """`mentoring.hooks.mentoring_session_recorded`: one more session and its minutes."""
    fact = _mentoring_fact(session.request)
    MentoringFact.objects.filter(pk=fact.pk).update(
        sessions=F("sessions") + 1, session_minutes=F("session_minutes") + session.minutes
    )


def mentoring_fact_on_rated(*, rating: MentoringRating) -> None:
    """`mentoring.hooks.mentoring_rated`: the side's score (never its comment)."""
    fact = _mentoring_fact(rating.request)
    column = "mentee_rating" if rating.role == RaterRole.MENTEE else "mentor_rating"
    MentoringFact.objects.filter(pk=fact.pk).update(**{column: rating.score})


@transaction.atomic
def report_download_log(
    *, actor: User, report: str, file_format: str, params: Mapping[str, str], request: HttpRequest
) -> None:
    """Write an export to the access log as a download with its parameters, saying it holds
    no personal data (exports are always small-cell suppressed)."""
    described = " ".join(f"{name}={value}" for name, value in params.items() if value)
    download_log(
        actor=actor,
        what=f"통계 보고서 내려받기 {report}.{file_format} ({described}) — 개인정보 없음",
        request=request,
    )
