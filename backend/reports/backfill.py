"""Facts for rows written before facts existed: run once by the data migration
`0002_backfill_facts` (on historical models) and by `seed_demo` after it seeds (on the real
ones). Idempotent: a profile with a spell, a placement or a request with a fact is skipped.

What the past did not record is taken as it is now: a profile's one spell in its current
cohort from its creation day (cohort changes before facts existed are unknown), programmes
and employer types under the newest policy.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from backend.reports.derive import (
    eligible_programmes,
    employer_type,
    hours_between,
    primary_career_field,
    seoul_day,
)

GetModel = Callable[[str, str], Any]
FINISHED = ("completed", "declined", "cancelled")


def backfill_facts(get_model: GetModel) -> dict[str, int]:
    """Write the missing facts; returns how many of each kind were written."""
    seeker_profile = get_model("seekers", "SeekerProfile")
    placement_model = get_model("jobs", "Placement")
    checkpoint_model = get_model("jobs", "PlacementCheckpoint")
    request_model = get_model("mentoring", "MentoringRequest")
    policy_model = get_model("matching", "OrdinancePolicy")
    profile_fact = get_model("reports", "ProfileFact")
    placement_fact = get_model("reports", "PlacementFact")
    mentoring_fact = get_model("reports", "MentoringFact")

    newest = policy_model.objects.order_by("-version").first()
    policy = newest.document if newest is not None else None
    written = {"profiles": 0, "placements": 0, "mentoring_requests": 0}

    known_keys = set(profile_fact.objects.values_list("person_key", flat=True).distinct())
    spells = []
    profiles = {}
    for profile in seeker_profile.objects.all().iterator():
        profiles[profile.user_id] = profile
        if profile.stat_key in known_keys:
            continue
        started = seoul_day(profile.created_at)
        spells.append(
            profile_fact(
                person_key=profile.stat_key,
                cohort=profile.cohort,
                programmes=eligible_programmes(profile, policy, on=started),
                area=profile.area_id or "",
                career_field=primary_career_field(profile),
                started_on=started,
                start_event="created",
            )
        )
    profile_fact.objects.bulk_create(spells, batch_size=1000)
    written["profiles"] = len(spells)

    done = set(
        placement_fact.objects.filter(placement__isnull=False).values_list(
            "placement_id", flat=True
        )
    )
    checkpoints: dict[int, dict[int, Any]] = {}
    for row in checkpoint_model.objects.all().iterator():
        checkpoints.setdefault(row.placement_id, {})[row.month] = row
    facts = []
    placements = placement_model.objects.select_related("posting__employer").iterator()
    for placement in placements:
        if placement.pk in done:
            continue
        profile = profiles.get(placement.seeker_id)
        created_on = seoul_day(profile.created_at) if profile is not None else None
        rows = checkpoints.get(placement.pk, {})
        fields: dict[str, Any] = {}
        for month in (1, 3, 6, 12):
            row = rows.get(month)
            fields[f"due_{month}"] = row.due_on if row is not None else placement.hired_on
            if row is not None and row.status != "pending" and row.recorded_at is not None:
                fields[f"status_{month}"] = row.status
                fields[f"recorded_{month}"] = seoul_day(row.recorded_at)
        posting = placement.posting
        facts.append(
            placement_fact(
                placement_id=placement.pk,
                person_key=profile.stat_key if profile is not None else uuid.uuid4(),
                cohort=profile.cohort if profile is not None else "",
                programmes=(
                    eligible_programmes(profile, policy, on=placement.hired_on) if profile else []
                ),
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
                **fields,
            )
        )
    placement_fact.objects.bulk_create(facts, batch_size=1000)
    written["placements"] = len(facts)

    asked = set(
        mentoring_fact.objects.filter(mentoring_request__isnull=False).values_list(
            "mentoring_request_id", flat=True
        )
    )
    mentoring = []
    for request in request_model.objects.select_related("mentor").iterator():
        if request.pk in asked:
            continue
        profile = profiles.get(request.seeker_id)
        mentoring.append(
            mentoring_fact(
                mentoring_request_id=request.pk,
                person_key=profile.stat_key if profile is not None else None,
                cohort=profile.cohort if profile is not None else "",
                career_field=request.career_field_id,
                mentor_kind=request.mentor.kind if request.mentor is not None else "",
                requested_at=request.created_at,
                requested_on=seoul_day(request.created_at),
                accepted_at=request.accepted_at,
                hours_to_acceptance=(
                    hours_between(request.created_at, request.accepted_at)
                    if request.accepted_at is not None
                    else None
                ),
                outcome=request.status,
                finished_on=(
                    seoul_day(request.closed_at)
                    if request.status in FINISHED and request.closed_at is not None
                    else None
                ),
            )
        )
    mentoring_fact.objects.bulk_create(mentoring, batch_size=1000)
    written["mentoring_requests"] = len(mentoring)
    return written
