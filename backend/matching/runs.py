"""Match runs (매칭 실행): staff start one; a worker executes it; the `MatchRun` row says how
it went.

`kind=recommend` recomputes the stored recommendations of the seekers in scope. `kind=assign`
builds the candidate graph (each seeker's best `ASSIGN_CANDIDATES` postings in scope, scored as
recommendations are), solves the city-wide assignment (`backend.matching.assignment`: one slot
per seeker, openings as capacities, the ordinance quota of each covered employer) and stores
every seeker's outcome: the posting with its score and reasons, or why they were left out.

The assign run that the nightly refresh starts (`backend.matching.nightly`) does not retrieve
and score everyone again: the chunks kept each consenting seeker's candidates as this module
would build them (`NightlyCandidates`: the same `recommend`, `keep`, exclusions and day), and
the run takes those, builds its own only for seekers without (a profile created after its
chunk ran, or candidates kept under another policy version or day), and deletes them once it
has stored the assignment. The same inputs give the same `inputs_digest` either way
(tests/matching/test_nightly.py).

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
from dataclasses import dataclass
from typing import Any, Protocol

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
    NightlyCandidates,
    NightlyRefresh,
    OrdinancePolicy,
)
from backend.matching.posting_checks import employer_status
from backend.matching.reasons import stored_reasons
from backend.matching.recommend import ASSIGN_CANDIDATES, recommend
from backend.matching.scoring import Match
from backend.matching.selectors import applied_posting_ids
from backend.matching.services import recommendations_store
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.backends.base import SearchUnavailableError

logger = logging.getLogger("backend.matching")


class Scored(Protocol):
    """A candidate edge: a posting and the pair's score (a `Match`, or a `StoredCandidate`)."""

    @property
    def posting_id(self) -> int: ...
    @property
    def score(self) -> float: ...


@dataclass(frozen=True)
class StoredCandidate:
    """A candidate the nightly refresh kept for the assignment (`NightlyCandidates`)."""

    posting_id: int
    score: float


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
    found: Mapping[int, Sequence[Scored]],
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
    refresh = _nightly_of(run)
    kept = _nightly_candidates(refresh, run.as_of, profiles) if refresh is not None else {}
    missing = [profile for profile in profiles if profile.pk not in kept]
    matches = _candidates(run, policy, missing, keep=ASSIGN_CANDIDATES) if missing else {}
    found: dict[int, Sequence[Scored]] = {**kept, **matches}
    problem = assignment_problem(profiles, found, policy, as_of=run.as_of)
    result = solve_assignment(problem)
    chosen = {(edge.seeker_id, edge.posting_id) for edge in result.pairs}
    reasons = {
        (profile_id, m.posting_id): stored_reasons(m.reasons)
        for profile_id, items in matches.items()
        for m in items
        if (profile_id, m.posting_id) in chosen
    }
    if refresh is not None:
        reasons.update(_nightly_reasons(refresh, chosen, kept))
    assignment_rows_store(run, profiles, result, reasons)
    if refresh is not None:  # used: the night's candidates are not kept past their run
        NightlyCandidates.objects.filter(refresh=refresh).delete()
    summary = _empty_summary(len(profiles))
    summary.update(
        nightly_candidates=len(kept),
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


def _nightly_of(run: MatchRun) -> NightlyRefresh | None:
    """The nightly refresh whose candidates this run may use: the one that started it, with
    the same policy version, when the run covers everyone (the night keeps no other scope)."""
    if any(run.scope.get(key) for key in ("areas", "career_fields", "posting_ids", "fair_id")):
        return None
    refresh = NightlyRefresh.objects.filter(match_run=run).first()
    if refresh is None or refresh.policy_version != run.policy_version:
        return None
    return refresh


def _nightly_candidates(
    refresh: NightlyRefresh, as_of: datetime.date, profiles: Sequence[SeekerProfile]
) -> dict[int, list[Scored]]:
    """profile id → the candidates its chunk kept, for the `profiles` that have them as of the
    run's day (a profile created after its chunk ran, or kept on another day, has none: the
    run builds those itself)."""
    wanted = {profile.pk for profile in profiles}
    rows = NightlyCandidates.objects.filter(refresh=refresh, as_of=as_of).values_list(
        "seeker_id", "edges"
    )
    return {
        seeker_id: [StoredCandidate(posting_id=int(p), score=float(s)) for p, s in edges]
        for seeker_id, edges in rows.iterator(chunk_size=2000)
        if seeker_id in wanted
    }


def _nightly_reasons(
    refresh: NightlyRefresh, chosen: set[tuple[int, int]], kept: Mapping[int, object]
) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """The stored reasons of the `chosen` (seeker, posting) pairs of the seekers whose
    candidates were `kept` from the night (read after the solve: one pair a seeker, not
    fifty)."""
    seekers = sorted({seeker_id for seeker_id, _ in chosen if seeker_id in kept})
    found: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for start in range(0, len(seekers), 1000):
        rows = NightlyCandidates.objects.filter(
            refresh=refresh, seeker_id__in=seekers[start : start + 1000]
        ).values_list("seeker_id", "edges", "reasons")
        for seeker_id, edges, reasons in rows:
            for (posting_id, _), stored in zip(edges, reasons, strict=True):
                if (seeker_id, int(posting_id)) in chosen:
                    found[(seeker_id, int(posting_id))] = stored
    return found


def candidates_json(matches: Sequence[Match]) -> tuple[list[list[Any]], list[Any]]:
    """A seeker's candidates as `NightlyCandidates` keeps them: the edges `[posting_id,
    score]` and, aligned, each one's reasons in their stored form."""
    edges = [[m.posting_id, m.score] for m in matches]
    return edges, [stored_reasons(m.reasons) for m in matches]


def assignment_store(
    run: MatchRun,
    profiles: Sequence[SeekerProfile],
    found: Mapping[int, list[Match]],
    result: AssignmentResult,
) -> int:
    """Replace the run's stored assignments: one row per seeker in scope."""
    reasons = {
        (profile_id, m.posting_id): stored_reasons(m.reasons)
        for profile_id, matches in found.items()
        for m in matches
    }
    return assignment_rows_store(run, profiles, result, reasons)


def assignment_rows_store(
    run: MatchRun,
    profiles: Sequence[SeekerProfile],
    result: AssignmentResult,
    reasons: Mapping[tuple[int, int], list[dict[str, Any]]],
) -> int:
    """`assignment_store` with the reasons of the assigned pairs given ((seeker, posting) →
    stored reasons)."""
    chosen = {edge.seeker_id: edge for edge in result.pairs}
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
