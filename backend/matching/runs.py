"""Match runs (매칭 실행): staff start one; a worker executes it; the `MatchRun` row says how
it went.

`kind=recommend` recomputes the stored recommendations of the seekers in scope. `kind=assign`
builds the candidate graph (each seeker's best `ASSIGN_CANDIDATES` postings in scope, scored as
recommendations are), solves the city-wide assignment (`backend.matching.assignment`: one slot
per seeker, openings as capacities, the ordinance quota of each covered employer) and stores
every seeker's outcome: the posting with its score and reasons, or why they were left out.

A run is reproducible from its inputs: the policy version and the as-of date are fixed when it
is created, candidates are ranked deterministically, and `inputs_digest` (SHA-256 of the edges,
capacities and quotas given to the solver) shows whether two runs solved the same problem —
the solver is deterministic, so the same digest gives the same assignment.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import ConsentPurpose
from backend.accounts.selectors import users_with_consent
from backend.core.errors import NotFoundError
from backend.jobs.models import Posting, PostingStatus
from backend.matching.assignment import (
    NO_CANDIDATES,
    AssignmentProblem,
    AssignmentResult,
    Edge,
    Quota,
    solve_assignment,
)
from backend.matching.eligibility import evaluate_eligibility, facts_of
from backend.matching.facts import today
from backend.matching.fair_runs import run_fair_assign
from backend.matching.models import (
    Assignment,
    MatchRun,
    MatchRunKind,
    MatchRunStatus,
    OrdinancePolicy,
)
from backend.matching.posting_checks import employer_status
from backend.matching.reasons import stored_reasons
from backend.matching.recommend import recommend
from backend.matching.scoring import Match
from backend.matching.selectors import applied_posting_ids
from backend.matching.services import recommendations_store
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.backends.base import SearchUnavailableError

logger = logging.getLogger("backend.matching")

ASSIGN_CANDIDATES = 50  # candidate postings per seeker in the assignment graph


def _claim(run_id: int) -> MatchRun | None:
    """Mark the run running (None when it is finished already: a duplicate delivery)."""
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise NotFoundError(gettext("매칭 실행 #%(id)s이 없습니다.") % {"id": run_id})
        if run.status == MatchRunStatus.DONE:
            return None
        run.status = MatchRunStatus.RUNNING
        run.started_at = timezone.now()
        run.error = ""
        run.save(update_fields=["status", "started_at", "error"])
        return run


def execute_match_run(run_id: int) -> dict[str, Any]:
    """The `run_match` job: execute the run and record its outcome on the row.

    Safe to deliver twice (a finished run is left alone; a re-run replaces what a crashed
    attempt stored). A search outage leaves the run `queued` and raises, so the job is retried;
    any other error marks it `failed` with the message.
    """
    run = _claim(run_id)
    if run is None:
        return {"skipped": "done"}
    policy = OrdinancePolicy.objects.get(version=run.policy_version)
    started = time.perf_counter()
    try:
        if run.kind == MatchRunKind.RECOMMEND:
            summary = _run_recommend(run, policy)
        elif run.scope.get("fair_id"):  # a job fair's interview schedule (fair_runs)
            summary = run_fair_assign(run, policy)
        else:
            summary = _run_assign(run, policy)
    except SearchUnavailableError as error:
        MatchRun.objects.filter(pk=run.pk).update(
            status=MatchRunStatus.QUEUED, error=f"검색 서버 연결 실패, 재시도 예정: {error}"[:2000]
        )
        raise
    except Exception as error:
        logger.exception("match run %s failed", run.pk)
        MatchRun.objects.filter(pk=run.pk).update(
            status=MatchRunStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:2000],
        )
        return {"failed": run.pk}
    summary["seconds"] = round(time.perf_counter() - started, 3)
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRunStatus.DONE, finished_at=timezone.now(), summary=summary
    )
    return {"done": run.pk}


def _seekers_in_scope(
    scope: Mapping[str, list[Any]], *, consented_only: bool = False
) -> list[SeekerProfile]:
    """The profiles a run covers. An assign run hands seekers to employers' slots, so it
    takes only those with the `matching` consent (`consented_only`); a recommend run only
    refreshes what seekers see themselves (the service consent covers it)."""
    profiles = SeekerProfile.objects.select_related("area").order_by("pk")
    if consented_only:
        profiles = profiles.filter(user_id__in=users_with_consent(ConsentPurpose.MATCHING))
    if scope["areas"]:
        profiles = profiles.filter(area_id__in=scope["areas"])
    rows = list(profiles)
    if scope["career_fields"]:
        wanted = set(scope["career_fields"])
        rows = [p for p in rows if wanted.intersection(p.career_fields)]
    return rows


def _empty_summary(seekers: int) -> dict[str, Any]:
    return {
        "seekers": seekers,
        "postings": 0,
        "recommendations": 0,
        "assigned": 0,
        "unassigned": 0,
        "objective": None,
        "quota": [],
    }


def _candidates(
    run: MatchRun, policy: OrdinancePolicy, profiles: Sequence[SeekerProfile], keep: int
) -> dict[int, list[Match]]:
    """profile id → its best `keep` matches within the run's scope."""
    scope = run.scope
    only = frozenset(scope["posting_ids"]) if scope["posting_ids"] else None
    backend = get_backend()
    applied = applied_posting_ids([p.pk for p in profiles])
    return {
        profile.pk: recommend(
            profile,
            policy,
            backend=backend,
            exclude=applied[profile.pk],
            keep=keep,
            career_fields=scope["career_fields"],
            areas=scope["areas"],
            only=only,
            on=run.as_of,  # deadlines, ages and eligibility as of the run's day: reruns agree
        )
        for profile in profiles
    }


def _run_recommend(run: MatchRun, policy: OrdinancePolicy) -> dict[str, Any]:
    profiles = _seekers_in_scope(run.scope)
    found = _candidates(run, policy, profiles, keep=30)
    summary = _empty_summary(len(profiles))
    postings: set[int] = set()
    for profile in profiles:
        matches = found[profile.pk]
        summary["recommendations"] += recommendations_store(
            profile, matches, policy.version, match_run=run
        )
        postings.update(m.posting_id for m in matches)
    summary["postings"] = len(postings)
    return summary


def _digest(problem: AssignmentProblem) -> str:
    canonical = {
        "edges": sorted((e.seeker_id, e.posting_id, round(e.score, 6)) for e in problem.edges),
        "capacities": sorted(problem.capacities.items()),
        "quotas": sorted(
            (q.employer_id, sorted(q.posting_ids), q.target_share, sorted(q.eligible_seeker_ids))
            for q in problem.quotas
        ),
        "penalty": problem.shortfall_penalty,
    }
    return hashlib.sha256(json.dumps(canonical).encode()).hexdigest()


def assignment_problem(
    profiles: Sequence[SeekerProfile],
    found: Mapping[int, list[Match]],
    policy: OrdinancePolicy,
    as_of: datetime.date | None = None,
) -> AssignmentProblem:
    """The solver's input: candidate edges, remaining openings, and a quota per covered
    employer with postings in the graph (its eligible local graduates counted, in the year
    of `as_of`, default today)."""
    edges = tuple(
        Edge(seeker_id=profile.pk, posting_id=m.posting_id, score=m.score)
        for profile in profiles
        for m in found[profile.pk]
    )
    posting_ids = sorted({e.posting_id for e in edges})
    rows = Posting.objects.filter(pk__in=posting_ids, status=PostingStatus.OPEN).select_related(
        "employer"
    )
    # A posting closed or filled since it was indexed keeps capacity 0 (the solver drops it).
    capacities: dict[int, int] = dict.fromkeys(posting_ids, 0)
    by_employer: dict[int, list[int]] = {}
    covered: set[int] = set()
    for posting in rows:
        capacities[posting.pk] = max(0, posting.openings - posting.hires)
        by_employer.setdefault(posting.employer_id, []).append(posting.pk)
        employer = posting.employer
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
    year = (as_of or today()).year
    graduates = frozenset(
        profile.pk
        for profile in profiles
        if any(
            d.eligible and d.programme == "local_graduate"
            for d in evaluate_eligibility(facts_of(profile), policy.document, this_year=year)
        )
    )
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
    return AssignmentProblem(
        edges=edges,
        capacities=capacities,
        quotas=quotas,
        shortfall_penalty=float(policy.document["quota"]["shortfall_penalty"]),
        seeker_ids=frozenset(p.pk for p in profiles),
    )


def _run_assign(run: MatchRun, policy: OrdinancePolicy) -> dict[str, Any]:
    profiles = _seekers_in_scope(run.scope, consented_only=True)
    found = _candidates(run, policy, profiles, keep=ASSIGN_CANDIDATES)
    problem = assignment_problem(profiles, found, policy, as_of=run.as_of)
    result = solve_assignment(problem)
    assignment_store(run, profiles, found, result)
    summary = _empty_summary(len(profiles))
    summary.update(
        postings=len([c for c in problem.capacities.values() if c > 0]),
        assigned=len(result.pairs),
        unassigned=len(profiles) - len(result.pairs),
        objective=round(result.objective, 6),
        optimum=round(result.optimum, 6),
        total_score=round(result.total_score, 6),
        shortfall=result.shortfall,
        status=result.status,
        formulation=result.formulation,
        edges=len(problem.edges),
        build_seconds=round(result.build_seconds, 3),
        solve_seconds=round(result.solve_seconds, 3),
        quota=[
            {
                "employer_id": q.employer_id,
                "target_share": float(policy.document["target_share"]),
                "achieved_share": round(q.achieved / q.assigned, 4) if q.assigned else 0.0,
                "met": q.met,
                "required": q.required,
                "achieved": q.achieved,
                "slots": q.slots,
                "feasible": q.feasible,
            }
            for q in result.quotas
        ],
    )
    MatchRun.objects.filter(pk=run.pk).update(inputs_digest=_digest(problem))
    return summary


def assignment_store(
    run: MatchRun,
    profiles: Sequence[SeekerProfile],
    found: Mapping[int, list[Match]],
    result: AssignmentResult,
) -> int:
    """Replace the run's stored assignments: one row per seeker in scope."""
    chosen = {edge.seeker_id: edge for edge in result.pairs}
    reasons = {
        (profile_id, m.posting_id): stored_reasons(m.reasons)
        for profile_id, matches in found.items()
        for m in matches
    }
    rows = []
    for profile in profiles:
        edge = chosen.get(profile.pk)
        if edge is not None:
            rows.append(
                Assignment(
                    match_run=run,
                    seeker=profile,
                    posting_id=edge.posting_id,
                    score=edge.score,
                    reasons=reasons.get((profile.pk, edge.posting_id), []),
                )
            )
        else:
            code = result.unassigned.get(profile.pk, NO_CANDIDATES)
            rows.append(
                Assignment(
                    match_run=run,
                    seeker=profile,
                    unassigned_reason=code,  # rendered when read (reasons.UNASSIGNED)
                )
            )
    with transaction.atomic():
        # A seeker who withdrew the `matching` consent while the run was solving is left out
        # (`assignments_forget_seeker` removed what was stored; this catches the rest).
        consented = set(
            SeekerProfile.objects.filter(
                pk__in=[row.seeker_id for row in rows],
                user_id__in=users_with_consent(ConsentPurpose.MATCHING),
            ).values_list("pk", flat=True)
        )
        rows = [row for row in rows if row.seeker_id in consented]
        Assignment.objects.filter(match_run=run).delete()
        Assignment.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
