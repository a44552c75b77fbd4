"""A fair's `assign` match run (`scope.fair_id`): the interview schedule of a job fair.

`backend.matching.runs.execute_match_run` hands a run whose scope names a fair here. It reads
the fair's open postings and their slots, the registered seekers' ranked choices and the
ordinance quota of each covered employer at the fair, solves the schedule
(`backend.matching.fair_assignment.solve_fair`: each seeker at most K non-overlapping slots
among their ranked postings, one seeker per slot, higher-ranked choices first, the quotas as in
the city-wide assignment) and stores one `FairBooking` per interview, plus an `Assignment` row
with the reason for every registered seeker left without one (so `/match-runs/{id}/assignments/
?unassigned=true` answers for fairs too).

Registering for a fair is the seeker asking to be interviewed by the fair's employers, so the
run takes every registered seeker (not only those with the `matching` consent, which governs
being *shown* to employers who were not asked).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction

from backend.fairs.models import FairPosting, FairRegistration, FairSlot, JobFair
from backend.jobs.models import PostingStatus
from backend.matching.assignment import Quota
from backend.matching.eligibility import evaluate_eligibility, facts_of
from backend.matching.facts import today
from backend.matching.fair_assignment import Choice, FairProblem, FairResult, Slot, solve_fair
from backend.matching.models import Assignment, FairBooking, MatchRun, OrdinancePolicy
from backend.matching.posting_checks import employer_status


def fair_problem(fair: JobFair, policy: OrdinancePolicy) -> FairProblem:
    """The solver's input for `fair`: slots of its open postings (minutes since the epoch),
    the registered seekers' choices, and a quota per covered employer."""
    fair_postings = list(
        FairPosting.objects.filter(fair=fair, posting__status=PostingStatus.OPEN).select_related(
            "posting__employer"
        )
    )
    open_ids = {fp.pk: fp.posting_id for fp in fair_postings}
    slots = tuple(
        Slot(
            slot_id=slot.pk,
            posting_id=open_ids[slot.fair_posting_id],
            starts=int(slot.starts_at.timestamp() // 60),
            ends=int(slot.ends_at.timestamp() // 60),
        )
        for slot in FairSlot.objects.filter(fair_posting_id__in=open_ids).order_by("pk")
    )
    with_slots = {slot.posting_id for slot in slots}
    registrations = list(
        FairRegistration.objects.filter(fair=fair)
        .select_related("seeker")
        .prefetch_related("choices__fair_posting")
        .order_by("pk")
    )
    choices = tuple(
        Choice(seeker_id=r.seeker_id, posting_id=c.fair_posting.posting_id, rank=c.rank)
        for r in registrations
        for c in r.choices.all()
        if c.fair_posting.posting_id in with_slots and c.rank <= fair.max_choices
    )
    year = today().year
    graduates = frozenset(
        r.seeker_id
        for r in registrations
        if any(
            d.eligible and d.programme == "local_graduate"
            for d in evaluate_eligibility(facts_of(r.seeker), policy.document, this_year=year)
        )
    )
    by_employer: dict[int, list[int]] = {}
    covered: set[int] = set()
    for fp in fair_postings:
        employer = fp.posting.employer
        by_employer.setdefault(employer.pk, []).append(fp.posting_id)
        status = employer_status(
            is_city_funded=employer.vouched_city_funded,
            staff_count=employer.staff_count,
            partner_pledge=employer.vouched_partner_pledge,
            policy=policy.document,
            is_city_contracted=employer.is_city_contracted,
            authorised_headcount=employer.authorised_headcount,
        )
        if status == "covered":
            covered.add(employer.pk)
    share = float(policy.document["target_share"])
    quotas = tuple(
        Quota(
            employer_id=employer_id,
            posting_ids=tuple(sorted(by_employer[employer_id])),
            target_share=share,
            eligible_seeker_ids=graduates,
        )
        for employer_id in sorted(covered)
    )
    return FairProblem(
        slots=slots,
        choices=choices,
        max_choices=fair.max_choices,
        quotas=quotas,
        seeker_ids=frozenset(r.seeker_id for r in registrations),
    )


def _digest(problem: FairProblem) -> str:
    canonical = {
        "slots": sorted((s.slot_id, s.posting_id, s.starts, s.ends) for s in problem.slots),
        "choices": sorted((c.seeker_id, c.posting_id, c.rank) for c in problem.choices),
        "k": problem.max_choices,
        "quotas": sorted(
            (q.employer_id, sorted(q.posting_ids), q.target_share, sorted(q.eligible_seeker_ids))
            for q in problem.quotas
        ),
    }
    return hashlib.sha256(json.dumps(canonical).encode()).hexdigest()


def fair_schedule_store(run: MatchRun, result: FairResult) -> int:
    """Replace the run's bookings (and its rows of the seekers left out)."""
    with transaction.atomic():
        FairBooking.objects.filter(match_run=run).delete()
        Assignment.objects.filter(match_run=run).delete()
        FairBooking.objects.bulk_create(
            FairBooking(
                match_run=run,
                slot_id=b.slot_id,
                seeker_id=b.seeker_id,
                rank=b.rank,
                score=b.score,
            )
            for b in result.bookings
        )
        Assignment.objects.bulk_create(
            Assignment(match_run=run, seeker_id=seeker_id, unassigned_reason=code)
            for seeker_id, code in result.unassigned.items()
        )
    return len(result.bookings)


def run_fair_assign(run: MatchRun, policy: OrdinancePolicy) -> dict[str, Any]:
    """Solve and store the schedule of the fair `run.scope["fair_id"]`; the run's summary."""
    fair = JobFair.objects.get(pk=run.scope["fair_id"])
    problem = fair_problem(fair, policy)
    result = solve_fair(problem)
    fair_schedule_store(run, result)
    MatchRun.objects.filter(pk=run.pk).update(inputs_digest=_digest(problem))
    seekers = len(problem.seeker_ids)
    placed = len({b.seeker_id for b in result.bookings})
    slots_of: dict[int, int] = {}
    for slot in problem.slots:
        slots_of[slot.posting_id] = slots_of.get(slot.posting_id, 0) + 1
    return {
        "seekers": seekers,
        "postings": len({s.posting_id for s in problem.slots}),
        "recommendations": 0,
        "assigned": placed,
        "unassigned": seekers - placed,
        "objective": float(len(result.bookings)),
        "fair_id": fair.pk,
        "interviews": len(result.bookings),
        "slots": len(problem.slots),
        "rank_counts": list(result.rank_counts),
        "shortfall": result.shortfall,
        "status": result.status,
        "formulation": "fair_lexicographic",
        "edges": sum(slots_of.get(c.posting_id, 0) for c in problem.choices),
        "solve_seconds": round(result.solve_seconds, 3),
        "quota": [
            {
                "employer_id": q.employer_id,
                "target_share": float(policy.document["target_share"]),
                "achieved_share": round(q.achieved / q.assigned, 4) if q.assigned else 0.0,
                "met": q.met,
                "required": q.required,
                "achieved": q.achieved,
                "slots": q.slots,
            }
            for q in result.quotas
        ],
    }
