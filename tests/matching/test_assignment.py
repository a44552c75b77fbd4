"""The city-wide assignment solver against brute force, an independent assignment solver, and
its own contract (properties, edge cases, validation). Pure: no database, no server."""

from __future__ import annotations

import math
import pickle
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, linear_sum_assignment, milp

from backend.matching import bounded_milp
from backend.matching.assignment import (
    HIGHS_OPTIONS,
    NO_CANDIDATES,
    OUTCOMPETED,
    AssignmentError,
    AssignmentProblem,
    AssignmentResult,
    Edge,
    Formulation,
    Quota,
    QuotaOutcome,
    prepare_assignment,
    solve_assignment,
)

pytestmark = pytest.mark.embedded

FORMULATIONS: tuple[Formulation, ...] = ("two_phase", "big_penalty")


def required(quota: Quota, capacities: dict[int, int]) -> int:
    slots = sum(capacities[p] for p in quota.posting_ids)
    return math.ceil(quota.target_share * slots - 1e-9)


def brute_force(problem: AssignmentProblem) -> tuple[int, float, list[int]]:
    """(least total shortfall, best score among those, per quota the most eligible hires it can
    get on its own), by enumerating every assignment that respects seats and capacities, in the
    solver's lexicographic order: most quotas met (q_e > 0), then least total shortfall, then
    best score."""
    capacities = dict(problem.capacities)
    by_seeker: dict[int, list[Edge]] = {}
    for edge in problem.edges:
        by_seeker.setdefault(edge.seeker_id, []).append(edge)
    seekers = sorted(by_seeker)
    needs = [required(q, capacities) for q in problem.quotas]
    owner = {p: e for e, q in enumerate(problem.quotas) for p in q.posting_ids}
    leaves: list[tuple[list[int], float]] = []
    remaining = dict(capacities)
    chosen: list[Edge] = []

    def leaf() -> None:
        achieved = [0] * len(problem.quotas)
        for edge in chosen:
            e = owner.get(edge.posting_id)
            if e is not None and edge.seeker_id in problem.quotas[e].eligible_seeker_ids:
                achieved[e] += 1
        leaves.append((achieved, math.fsum(edge.score for edge in chosen)))

    def visit(index: int) -> None:
        if index == len(seekers):
            leaf()
            return
        visit(index + 1)  # this seeker stays unassigned
        for edge in by_seeker[seekers[index]]:
            if remaining[edge.posting_id] > 0:
                remaining[edge.posting_id] -= 1
                chosen.append(edge)
                visit(index + 1)
                chosen.pop()
                remaining[edge.posting_id] += 1

    visit(0)
    alone = [max(achieved[e] for achieved, _ in leaves) for e in range(len(needs))]

    def key(item: tuple[list[int], float]) -> tuple[int, int, float]:
        missing = [max(0, need - got) for need, got in zip(needs, item[0], strict=True)]
        met = sum(need > 0 and got >= need for need, got in zip(needs, item[0], strict=True))
        return -met, sum(missing), -item[1]

    best = min(leaves, key=key)
    return key(best)[1], best[1], alone


def random_problem(rng: random.Random) -> AssignmentProblem:
    seekers = list(range(1, rng.randint(1, 7) + 1))
    postings = list(range(100, 100 + rng.randint(1, 4)))
    capacities = {p: rng.randint(0, 3) for p in postings}
    density = rng.choice((0.4, 0.6, 0.9))
    edges = tuple(
        Edge(s, p, rng.choice((0.0, 1.0)) if rng.random() < 0.1 else round(rng.random(), 3))
        for s in seekers
        for p in postings
        if rng.random() < density
    )
    shuffled = rng.sample(postings, len(postings))
    quotas: list[Quota] = []
    for employer in range(rng.randint(1, 2)):
        owned = shuffled[employer::2] if employer else shuffled[: max(1, len(shuffled) // 2)]
        if not owned or (employer and set(owned) & set(quotas[0].posting_ids)):
            continue
        eligible = frozenset(s for s in [*seekers, 99] if rng.random() < 0.4)
        share = rng.choice((0.2, 0.34, 0.5, 1.0))
        quotas.append(Quota(employer + 1, tuple(owned), share, eligible))
    return AssignmentProblem(
        edges=edges,
        capacities=capacities,
        quotas=tuple(quotas),
        shortfall_penalty=rng.choice((0.5, 2.0)),
        time_limit_s=30,
    )


def check_properties(problem: AssignmentProblem, result: AssignmentResult) -> None:
    """What every result must satisfy, whatever the optimum."""
    assert set(result.pairs) <= set(problem.edges)
    per_seeker = Counter(edge.seeker_id for edge in result.pairs)
    assert all(count == 1 for count in per_seeker.values())
    per_posting = Counter(edge.posting_id for edge in result.pairs)
    assert all(per_posting[p] <= cap for p, cap in problem.capacities.items())
    assert math.isclose(result.total_score, math.fsum(e.score for e in result.pairs), abs_tol=1e-9)
    assert math.isclose(
        result.objective,
        result.total_score - problem.shortfall_penalty * result.shortfall,
        abs_tol=1e-9,
    )
    assert result.optimum >= result.objective - 1e-6  # HiGHS's own dual bound
    shortfall = 0
    for quota, outcome in zip(problem.quotas, result.quotas, strict=True):
        mine = [e for e in result.pairs if e.posting_id in quota.posting_ids]
        achieved = sum(e.seeker_id in quota.eligible_seeker_ids for e in mine)
        assert outcome.employer_id == quota.employer_id
        assert outcome.slots == sum(problem.capacities[p] for p in quota.posting_ids)
        assert outcome.required == required(quota, dict(problem.capacities))
        assert (outcome.achieved, outcome.assigned) == (achieved, len(mine))
        assert outcome.met == (achieved >= outcome.required)
        assert outcome.feasible or not outcome.met
        shortfall += max(0, outcome.required - achieved)
    assert result.shortfall == shortfall
    usable = {e.seeker_id for e in problem.edges if problem.capacities[e.posting_id] > 0}
    everyone = {e.seeker_id for e in problem.edges} | problem.seeker_ids
    assert set(result.unassigned) == everyone - set(per_seeker)
    for seeker, reason in result.unassigned.items():
        assert reason == (OUTCOMPETED if seeker in usable else NO_CANDIDATES)


@pytest.mark.parametrize("formulation", FORMULATIONS)
def test_matches_brute_force_on_random_small_instances(formulation: Formulation) -> None:
    rng = random.Random(20260501)
    binding = infeasible = 0
    for _ in range(150):
        problem = random_problem(rng)
        least, best, alone = brute_force(problem)
        result = solve_assignment(problem, formulation=formulation)
        check_properties(problem, result)
        assert result.status == "optimal"
        assert result.shortfall == least
        assert result.total_score == pytest.approx(best, abs=1e-6)
        assert result.optimum == pytest.approx(result.objective, abs=1e-6)
        for outcome, most in zip(result.quotas, alone, strict=True):
            assert outcome.feasible == (most >= outcome.required)
        without = solve_assignment(replace(problem, quotas=()), formulation=formulation)
        binding += without.total_score > result.total_score + 1e-9
        infeasible += result.shortfall > 0
    # The seeded instances do exercise both regimes.
    assert binding >= 10
    assert infeasible >= 10


@pytest.mark.parametrize("formulation", FORMULATIONS)
def test_quota_forces_a_lower_scoring_graduate(formulation: Formulation) -> None:
    # One slot at a covered employer: 20% of 1 slot requires 1 graduate. The graduate scores
    # 0.6 less than the other seeker: more than the 0.5 penalty, and still the graduate is hired
    # (a plain max of score − 0.5 × shortfall would hire the other seeker).
    problem = AssignmentProblem(
        edges=(Edge(1, 10, 0.9), Edge(2, 10, 0.3)),
        capacities={10: 1},
        quotas=(Quota(7, (10,), 0.2, frozenset({2})),),
    )
    result = solve_assignment(problem, formulation=formulation)
    assert result.pairs == (Edge(2, 10, 0.3),)
    assert result.shortfall == 0
    assert result.objective == pytest.approx(0.3)
    assert result.quotas[0] == QuotaOutcome(7, 1, 1, 1, 1, met=True, feasible=True)
    assert result.unassigned == {1: OUTCOMPETED}


@pytest.mark.parametrize("formulation", FORMULATIONS)
def test_infeasible_quota_reports_shortfall_and_still_assigns(formulation: Formulation) -> None:
    # Employer 7 must hire 2 graduates (40% of 5 slots) but only one graduate applied to it.
    problem = AssignmentProblem(
        edges=(Edge(1, 10, 0.8), Edge(2, 10, 0.4), Edge(3, 11, 0.7), Edge(2, 11, 0.9)),
        capacities={10: 3, 11: 2},
        quotas=(Quota(7, (10,), 0.4, frozenset({2, 3})), Quota(8, (11,), 0.0, frozenset())),
        shortfall_penalty=0.5,
    )
    result = solve_assignment(problem, formulation=formulation)
    check_properties(problem, result)
    assert result.status == "optimal"
    seven, eight = result.quotas
    assert (seven.required, seven.achieved, seven.met, seven.feasible) == (2, 1, False, False)
    assert (eight.required, eight.met, eight.feasible) == (0, True, True)
    assert result.shortfall == 1
    # Graduate 2 goes to employer 7 (0.4, not 0.9 at 11): the one hire of its quota that exists.
    assert set(result.pairs) == {Edge(1, 10, 0.8), Edge(2, 10, 0.4), Edge(3, 11, 0.7)}
    assert result.objective == pytest.approx(1.9 - 0.5)


def test_competing_quotas_leave_a_feasible_quota_unmet() -> None:
    # One graduate, eligible at two covered employers that each need one: each quota is
    # feasible on its own, together one must fall short.
    problem = AssignmentProblem(
        edges=(Edge(1, 10, 0.5), Edge(1, 20, 0.6)),
        capacities={10: 1, 20: 1},
        quotas=(Quota(7, (10,), 0.2, frozenset({1})), Quota(8, (20,), 0.2, frozenset({1}))),
    )
    result = solve_assignment(problem)
    assert result.pairs == (Edge(1, 20, 0.6),)
    assert result.shortfall == 1
    assert [(q.met, q.feasible) for q in result.quotas] == [(False, True), (True, True)]


@pytest.mark.parametrize("formulation", FORMULATIONS)
def test_most_quotas_met_before_least_shortfall_and_score(formulation: Formulation) -> None:
    # Three graduates, three covered employers. Employer 7 needs 3 (its 3 slots at share 1.0),
    # employers 8 and 9 need 1 each. Every split leaves a total shortfall of 2; the scores
    # favour filling employer 7 (0.9 each), which meets one quota. Meeting two (8 and 9, and
    # one hire at 7) scores less but is what the first level asks.
    graduates = frozenset({1, 2, 3})
    problem = AssignmentProblem(
        edges=(
            *(Edge(s, 10, 0.9) for s in (1, 2, 3)),
            *(Edge(s, 20, 0.1) for s in (1, 2, 3)),
            *(Edge(s, 30, 0.1) for s in (1, 2, 3)),
        ),
        capacities={10: 3, 20: 1, 30: 1},
        quotas=(
            Quota(7, (10,), 1.0, graduates),
            Quota(8, (20,), 1.0, graduates),
            Quota(9, (30,), 1.0, graduates),
        ),
    )
    least, best, _ = brute_force(problem)
    result = solve_assignment(problem, formulation=formulation)
    check_properties(problem, result)
    assert [q.met for q in result.quotas] == [False, True, True]
    assert (result.shortfall, least) == (2, 2)
    assert result.total_score == pytest.approx(best) == pytest.approx(1.1)


@pytest.mark.parametrize("formulation", FORMULATIONS)
def test_matches_brute_force_with_three_competing_quotas(formulation: Formulation) -> None:
    rng = random.Random(20261201)
    fewer_met_by_shortfall = 0
    for _ in range(60):
        seekers = list(range(1, rng.randint(2, 6) + 1))
        postings = [10, 20, 30]
        capacities = {p: rng.randint(1, 3) for p in postings}
        edges = tuple(
            Edge(s, p, round(rng.random(), 3))
            for s in seekers
            for p in postings
            if rng.random() < 0.7
        )
        eligible = frozenset(s for s in seekers if rng.random() < 0.6)
        quotas = tuple(
            Quota(7 + i, (p,), rng.choice((0.34, 0.67, 1.0)), eligible)
            for i, p in enumerate(postings)
        )
        problem = AssignmentProblem(edges=edges, capacities=capacities, quotas=quotas)
        least, best, _ = brute_force(problem)
        result = solve_assignment(problem, formulation=formulation)
        check_properties(problem, result)
        assert result.shortfall == least
        assert result.total_score == pytest.approx(best, abs=1e-6)
        needs = [q.required for q in result.quotas]
        met = sum(q.met for q in result.quotas if q.required > 0)
        # Least shortfall alone (the old order) would sometimes meet fewer quotas.
        old = brute_force_least_shortfall_met(problem, needs)
        fewer_met_by_shortfall += old < met
    assert fewer_met_by_shortfall >= 1


def brute_force_least_shortfall_met(problem: AssignmentProblem, needs: list[int]) -> int:
    """The fewest quotas met among the assignments of least total shortfall (any score)."""
    owner = {p: e for e, q in enumerate(problem.quotas) for p in q.posting_ids}
    seekers = sorted({e.seeker_id for e in problem.edges})
    remaining = dict(problem.capacities)
    outcomes: list[tuple[int, int]] = []
    got = [0] * len(needs)

    def visit(index: int) -> None:
        if index == len(seekers):
            missing = sum(max(0, n - g) for n, g in zip(needs, got, strict=True))
            met = sum(n > 0 and g >= n for n, g in zip(needs, got, strict=True))
            outcomes.append((missing, met))
            return
        visit(index + 1)
        for edge in (e for e in problem.edges if e.seeker_id == seekers[index]):
            if remaining[edge.posting_id] > 0:
                counted = (
                    edge.seeker_id in problem.quotas[owner[edge.posting_id]].eligible_seeker_ids
                )
                remaining[edge.posting_id] -= 1
                got[owner[edge.posting_id]] += counted
                visit(index + 1)
                got[owner[edge.posting_id]] -= counted
                remaining[edge.posting_id] += 1

    visit(0)
    least = min(m for m, _ in outcomes)
    return min(met for m, met in outcomes if m == least)


@pytest.mark.parametrize("formulation", FORMULATIONS)
def test_shortfall_falls_on_the_quota_that_could_not_be_met_anyway(
    formulation: Formulation,
) -> None:
    # One graduate (1), scoring higher at employer 8. Employer 7 needs 1 and can get it;
    # employer 8 needs 2 (20% of 6 slots) but only one graduate exists: it cannot be met.
    # Either way the total shortfall is 2; the feasible quota is met first.
    problem = AssignmentProblem(
        edges=(Edge(1, 10, 0.3), Edge(1, 20, 0.9), Edge(2, 20, 0.8)),
        capacities={10: 1, 20: 6},
        quotas=(Quota(7, (10,), 0.2, frozenset({1})), Quota(8, (20,), 0.2, frozenset({1}))),
    )
    result = solve_assignment(problem, formulation=formulation)
    assert result.pairs == (Edge(1, 10, 0.3), Edge(2, 20, 0.8))
    assert result.shortfall == 2
    assert [(q.required, q.met, q.feasible) for q in result.quotas] == [
        (1, True, True),
        (2, False, False),
    ]


@pytest.mark.parametrize("formulation", FORMULATIONS)
def test_edge_cases(formulation: Formulation) -> None:
    empty = solve_assignment(AssignmentProblem(edges=(), capacities={}), formulation=formulation)
    assert (empty.pairs, empty.objective, empty.status, empty.unassigned) == (
        (),
        0.0,
        "optimal",
        {},
    )

    problem = AssignmentProblem(
        edges=(Edge(1, 10, 0.9), Edge(2, 11, 0.8)),
        capacities={10: 0, 11: 1, 12: 5},
        # 20% of 5 slots is 1.0000000000000002 in floating point: 1 hire, not 2.
        quotas=(Quota(7, (12,), 0.2, frozenset({1})), Quota(8, (10,), 1.0, frozenset({1}))),
        seeker_ids=frozenset({3}),
    )
    result = solve_assignment(problem, formulation=formulation)
    check_properties(problem, result)
    assert result.pairs == (Edge(2, 11, 0.8),)
    # Seeker 1's only posting has no opening; seeker 3 has no edge at all.
    assert result.unassigned == {1: NO_CANDIDATES, 3: NO_CANDIDATES}
    assert [(q.slots, q.required, q.feasible) for q in result.quotas] == [
        (5, 1, False),
        (0, 0, True),
    ]
    assert result.shortfall == 1

    no_edges = AssignmentProblem(
        edges=(), capacities={5: 3}, quotas=(Quota(1, (5,), 0.5, frozenset({1})),)
    )
    result = solve_assignment(no_edges, formulation=formulation)
    assert (result.shortfall, result.objective, result.status) == (2, -1.0, "optimal")


def test_deterministic_and_independent_of_edge_order() -> None:
    rng = random.Random(7)
    edges = tuple(
        Edge(s, p, round(rng.random(), 1))  # rounded: many ties between equal optima
        for s in range(40)
        for p in rng.sample(range(10), 5)
    )
    problem = AssignmentProblem(
        edges=edges,
        capacities={p: 2 for p in range(10)},
        quotas=(Quota(1, (0, 1, 2), 0.5, frozenset(range(0, 40, 3))),),
    )
    first, again = solve_assignment(problem), solve_assignment(problem)
    shuffled = solve_assignment(replace(problem, edges=tuple(rng.sample(edges, len(edges)))))
    for other in (again, shuffled):
        assert other.pairs == first.pairs
        assert (other.objective, other.quotas, other.unassigned) == (
            first.objective,
            first.quotas,
            first.unassigned,
        )


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (AssignmentProblem(edges=(Edge(1, 10, 1.5),), capacities={10: 1}), "score"),
        (AssignmentProblem(edges=(Edge(1, 10, -0.1),), capacities={10: 1}), "score"),
        (AssignmentProblem(edges=(Edge(1, 10, math.nan),), capacities={10: 1}), "score"),
        (AssignmentProblem(edges=(Edge(1, 11, 0.5),), capacities={10: 1}), "not in capacities"),
        (
            AssignmentProblem(edges=(Edge(1, 10, 0.5), Edge(1, 10, 0.7)), capacities={10: 1}),
            "duplicate edge",
        ),
        (AssignmentProblem(edges=(), capacities={10: -1}), "capacity must be"),
        (
            AssignmentProblem(
                edges=(), capacities={10: 1}, quotas=(Quota(1, (11,), 0.2, frozenset()),)
            ),
            "not in capacities",
        ),
        (
            AssignmentProblem(
                edges=(),
                capacities={10: 1, 11: 1},
                quotas=(Quota(1, (10,), 0.2, frozenset()), Quota(2, (10, 11), 0.2, frozenset())),
            ),
            "posting in two quotas",
        ),
        (
            AssignmentProblem(
                edges=(),
                capacities={10: 1, 11: 1},
                quotas=(Quota(1, (10,), 0.2, frozenset()), Quota(1, (11,), 0.2, frozenset())),
            ),
            "repeated employer",
        ),
        (
            AssignmentProblem(
                edges=(), capacities={10: 1}, quotas=(Quota(1, (10,), 1.2, frozenset()),)
            ),
            "target_share",
        ),
    ],
)
def test_invalid_problems_raise_value_error(problem: AssignmentProblem, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        solve_assignment(problem)


def test_solver_status_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("backend.matching.assignment.FLOW_FIRST", False)  # HiGHS's statuses
    problem = AssignmentProblem(edges=(Edge(1, 10, 0.9), Edge(2, 10, 0.3)), capacities={10: 1})

    solved = bounded_milp._milp  # the real solve, its answer then altered

    def stopped_early(model: dict[str, Any], options: dict[str, Any]) -> OptimizeResult:
        result = solved(model, options)
        return OptimizeResult({**result, "status": 1, "mip_dual_bound": -1.5, "mip_gap": 0.4})

    monkeypatch.setattr("backend.matching.bounded_milp._milp", stopped_early)
    result = solve_assignment(problem)
    assert (result.status, result.objective, result.optimum) == ("time_limit", 0.9, 1.5)

    def no_solution(model: dict[str, Any], options: dict[str, Any]) -> OptimizeResult:
        return OptimizeResult(status=1, x=None, message="Time limit reached", mip_dual_bound=None)

    monkeypatch.setattr("backend.matching.bounded_milp._milp", no_solution)
    with pytest.raises(AssignmentError, match="no solution"):
        solve_assignment(problem)


def market_split(seed: int) -> dict[str, Any]:
    """A market split instance (Cornuéjols and Dawande): 5 equalities over 40 binaries with
    weights in 0..99, each side half its row's sum. Branch and bound needs far more than a
    few seconds on it: a solve that has to be stopped."""
    rng = np.random.default_rng(seed)
    weights = rng.integers(0, 100, (5, 40)).astype(np.float64)
    half = np.floor(weights.sum(axis=1) / 2)
    return {
        "c": np.zeros(40),
        "constraints": LinearConstraint(weights, half, half),
        "integrality": np.ones(40),
        "bounds": Bounds(0, 1),
    }


def test_a_solve_still_running_at_its_deadline_is_stopped() -> None:
    # HiGHS can run past its own time limit (bounded_milp's docstring); the child process is
    # killed at the deadline whatever the solver is doing: here its limit is far away.
    started = time.perf_counter()
    with pytest.raises(bounded_milp.MilpOverrun, match="still running after 2 s"):
        bounded_milp.solve_in_child(
            market_split(1), {"time_limit": 300.0, "presolve": False}, kill_after=2.0
        )
    assert time.perf_counter() - started < 10


def test_a_solve_in_a_child_process_gives_the_solve_in_process() -> None:
    problem = medium_problem(5, quotas=True)
    prepared = prepare_assignment(problem)
    options = {**HIGHS_OPTIONS, "time_limit": 60.0}
    here = bounded_milp.solve(prepared.model, options, in_child=False)
    there = bounded_milp.solve(prepared.model, options, in_child=True)
    assert (there.status, there.fun) == (here.status, pytest.approx(here.fun, abs=1e-9))
    assert np.array_equal(np.rint(there.x), np.rint(here.x))


def test_an_assignment_whose_solver_is_stopped_fails_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every model in a child, killed at once: the run fails with the reason instead of hanging.
    monkeypatch.setattr("backend.matching.bounded_milp.CHILD_COLUMNS", 0)
    monkeypatch.setattr("backend.matching.bounded_milp.KILL_GRACE_S", -0.99)
    problem = AssignmentProblem(
        edges=(Edge(1, 10, 0.9), Edge(2, 10, 0.3), Edge(2, 20, 0.2)),
        capacities={10: 1, 20: 1},
        quotas=(Quota(7, (10,), 0.5, frozenset({2})), Quota(8, (20,), 0.5, frozenset({2}))),
        time_limit_s=1.0,  # each solve is given 1 s at least; the child is killed 0.99 s before
    )
    with pytest.raises(AssignmentError, match="most_quotas_met: HiGHS was still running"):
        solve_assignment(problem)


def medium_problem(seed: int, *, quotas: bool) -> AssignmentProblem:
    """2,000 seekers × 300 postings, 20 edges a seeker, capacities 1..7."""
    rng = np.random.default_rng(seed)
    popularity = rng.lognormal(0, 0.7, 300)
    edges: list[Edge] = []
    for seeker in range(2000):
        postings = rng.choice(300, 20, replace=False, p=popularity / popularity.sum())
        scores = rng.beta(2, 3, 20)
        edges.extend(Edge(seeker, int(p), float(s)) for p, s in zip(postings, scores, strict=True))
    capacities = {p: int(c) for p, c in enumerate(rng.integers(1, 8, 300))}
    graduates = frozenset(rng.choice(2000, 300, replace=False).tolist())
    covered = (
        tuple(Quota(e, tuple(range(e * 10, e * 10 + 10)), 0.2, graduates) for e in range(9))
        if quotas
        else ()
    )
    return AssignmentProblem(edges=tuple(edges), capacities=capacities, quotas=covered)


def test_medium_instance_without_quotas_matches_linear_sum_assignment() -> None:
    problem = medium_problem(3, quotas=False)
    result = solve_assignment(problem)
    check_properties(problem, result)
    assert result.status == "optimal"
    # Independent check: one column per slot, the plain assignment problem (no edge = score 0,
    # the same as staying unassigned since every score is ≥ 0).
    slot_posting = np.repeat(list(problem.capacities), list(problem.capacities.values()))
    first_slot = np.searchsorted(slot_posting, list(problem.capacities))
    columns = {
        p: range(first_slot[i], first_slot[i] + c)
        for i, (p, c) in enumerate(problem.capacities.items())
    }
    matrix = np.zeros((2000, slot_posting.size))
    for edge in problem.edges:
        matrix[edge.seeker_id, columns[edge.posting_id]] = edge.score
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    assert result.total_score == pytest.approx(matrix[rows, cols].sum(), abs=1e-6)
    assert result.solve_seconds < 20


def test_medium_instance_with_quotas_is_optimal() -> None:
    problem = medium_problem(4, quotas=True)
    result = solve_assignment(problem)
    check_properties(problem, result)
    assert result.status == "optimal"
    assert result.solve_seconds < 20
    other = solve_assignment(problem, formulation="big_penalty")
    assert other.shortfall == result.shortfall
    assert other.total_score == pytest.approx(result.total_score, abs=1e-6)


@pytest.mark.parametrize("swap", [False, True])
def test_two_quotas_competing_for_one_graduate_match_brute_force(swap: bool) -> None:
    # Graduate 1 can meet quota 7 (posting 10) or quota 8 (posting 20), not both: one quota
    # is met (most quotas met), and which one is decided by the score of the others.
    high, low = (0.9, 0.3) if not swap else (0.3, 0.9)
    problem = AssignmentProblem(
        edges=(
            Edge(1, 10, high),
            Edge(1, 20, low),
            Edge(2, 10, 0.8),
            Edge(2, 20, 0.2),
            Edge(3, 20, 0.6),
        ),
        capacities={10: 1, 20: 1},
        quotas=(
            Quota(7, (10,), 1.0, frozenset({1})),
            Quota(8, (20,), 1.0, frozenset({1})),
        ),
    )
    result = solve_assignment(problem)
    check_properties(problem, result)
    least_shortfall, best_score, _ = brute_force(problem)
    assert result.status == "optimal"
    assert sum(q.met for q in result.quotas) == 1
    assert result.shortfall == least_shortfall == 1
    assert result.total_score == pytest.approx(best_score, abs=1e-9)
    assert result.optimum >= result.objective - 1e-6


def test_when_every_quota_can_be_met_phase_two_has_no_met_binaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The "met" choice is forced (all of them): a min-cost flow with quota prices proves the
    # optimum, and without it phase 2 is one HiGHS solve with the binaries fixed — no search
    # over which quotas to meet (the B8 regression). Both agree with big_penalty.
    problem = medium_problem(4, quotas=True)
    result = solve_assignment(problem)
    check_properties(problem, result)
    assert result.status == "optimal"
    assert all(q.met for q in result.quotas if q.required)
    assert [s.phase for s in result.solves] == ["most_quotas_met", "flow"]
    monkeypatch.setattr("backend.matching.assignment.FLOW_FIRST", False)
    milp_only = solve_assignment(problem)
    assert [s.phase for s in milp_only.solves] == ["most_quotas_met", "max_score"]
    assert milp_only.solves[-1].nodes <= 1
    other = solve_assignment(problem, formulation="big_penalty")
    for check in (milp_only, other):
        assert check.status == "optimal"
        assert check.total_score == pytest.approx(result.total_score, abs=1e-6)
        assert check.shortfall == result.shortfall == 0


def test_without_quotas_the_flow_is_the_solve() -> None:
    problem = medium_problem(3, quotas=False)
    result = solve_assignment(problem)
    assert [s.phase for s in result.solves] == ["flow"]
    assert result.optimum >= result.objective
    assert result.optimum - result.objective < 1e-5


def test_scarce_graduates_many_quotas_proved_optimal_against_brute_force_levels() -> None:
    # 6 graduates for 4 quotas of 2-3 each: only some quotas can be met. The levels (quotas
    # met, shortfall) equal an enumeration over subsets of quotas with a flow each, and
    # HiGHS proves the result.
    rng = random.Random(3)
    capacities = {p: 2 for p in range(8)}
    graduates = frozenset(range(6))
    edges = tuple(
        Edge(s, p, round(rng.random(), 3)) for s in range(14) for p in rng.sample(range(8), 4)
    )
    quotas = tuple(
        Quota(e, (2 * e, 2 * e + 1), share, graduates)
        for e, share in enumerate((0.5, 0.75, 0.5, 0.75))
    )
    problem = AssignmentProblem(edges=edges, capacities=capacities, quotas=quotas)
    result = solve_assignment(problem)
    check_properties(problem, result)
    assert result.status == "optimal"
    best = None
    needs = [required(q, capacities) for q in quotas]
    for mask in range(1 << len(quotas)):
        chosen = [e for e in range(len(quotas)) if mask >> e & 1]
        # Max graduates into the chosen quotas, each capped at its need: a flow via milp.
        cols = [
            i
            for i, edge in enumerate(edges)
            if edge.seeker_id in graduates and edge.posting_id // 2 in chosen
        ]
        if not chosen:
            continue
        a = np.zeros((14 + 8 + len(chosen), len(cols)))
        for c, i in enumerate(cols):
            a[edges[i].seeker_id, c] = a[14 + edges[i].posting_id, c] = 1
            a[22 + chosen.index(edges[i].posting_id // 2), c] = 1
        caps = [1] * 14 + [2] * 8 + [needs[e] for e in chosen]
        got = milp(
            -np.ones(len(cols)),
            constraints=[(a, -np.inf, caps)],
            integrality=np.ones(len(cols)),
            bounds=(0, 1),
        )
        if round(-got.fun) == sum(needs[e] for e in chosen):
            best = max(best or 0, len(chosen))
    assert best is not None
    assert 0 < best < len(quotas)  # the quotas do compete
    assert sum(q.met for q in result.quotas) == best


@pytest.mark.parametrize("formulation", FORMULATIONS)
@pytest.mark.parametrize("unmet", [(7, 8), (7, 9), (7, 10), (8, 9), (8, 10), (9, 10)])
def test_several_equally_good_choices_of_quotas_only_one_scores_best(
    formulation: Formulation, unmet: tuple[int, int]
) -> None:
    # Four covered employers need one graduate each (posting 10·e, one slot, share 1.0); two
    # graduates, eligible everywhere. Any two quotas can be met: six choices, each with 2 met
    # and a shortfall of 2 (levels 1 and 2 tie). The two non-graduates score high only at the
    # postings of the pair `unmet`, so exactly one choice gives the best score: the solver has
    # to find it whichever choice phase 1 happens to return, and prove it.
    graduates = frozenset({1, 2})
    employers = (7, 8, 9, 10)
    edges = [
        *(Edge(g, 10 * e, 0.40 + 0.01 * g + 0.002 * e) for g in graduates for e in employers),
        *(
            Edge(s, 10 * e, 0.9 if e == unmet[i] else 0.2)
            for i, s in enumerate((3, 4))
            for e in employers
        ),
    ]
    problem = AssignmentProblem(
        edges=tuple(edges),
        capacities={10 * e: 1 for e in employers},
        quotas=tuple(Quota(e, (10 * e,), 1.0, graduates) for e in employers),
    )
    least, best, _ = brute_force(problem)
    result = solve_assignment(problem, formulation=formulation)
    check_properties(problem, result)
    assert result.status == "optimal"
    assert result.shortfall == least == 2
    assert result.total_score == pytest.approx(best, abs=1e-9)
    assert [q.employer_id for q in result.quotas if not q.met] == list(unmet)
    assert result.optimum >= result.objective - 1e-6
    assert result.optimum - result.objective < 1e-5  # the bound is reached: proved


def test_a_solver_process_left_behind_by_its_parent_ends_by_itself() -> None:
    # The parent (a worker) can be killed before it kills the child (a job's hard time limit):
    # the child's own alarm ends it a few seconds after the parent's deadline.
    child = subprocess.Popen(
        [sys.executable, "-I", bounded_milp.__file__],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.perf_counter()
    payload = (market_split(2), {"time_limit": 300.0, "presolve": False}, 1.0)
    child.communicate(pickle.dumps(payload), timeout=30)
    assert child.returncode == -signal.SIGALRM
    assert time.perf_counter() - started < 10
