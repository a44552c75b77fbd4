"""An upper bound on the assignment's objective that does not come from the solver.

`assignment.solve_assignment` reports objective = S − p·U of its lexicographic optimum (most
quotas met, then least shortfall, then most score). This module re-derives a bound from the
problem alone, with formulations of its own (scipy `milp`/`linprog`, HiGHS), sharing no matrix,
phase or answer with the solver; the solver's pairs are only *counted* here:

1. The levels, proved here. Z* (the most quotas met together, over the quotas with q_e > 0) and
   H* (the most counted hires, each quota's capped at q_e, among assignments meeting Z*) are the
   optimum of one small MILP over the *counting* edges only (an eligible graduate → a posting
   of the quota that counts them; every other edge only uses capacity, so leaving it out loses
   nothing): max K·Σ z_e + Σ x over x ∈ [0, 1] (continuous), z_e ∈ {0, 1}, with one slot per
   seeker, the capacities, counted_e ≤ q_e and counted_e ≥ q_e·z_e, K = Σ q_e + 1. For fixed z
   the rest is a flow with bounds on the quota arcs (source → graduate → posting → quota →
   sink), whose LP has integral vertices, so only z needs to be integral; K makes it
   lexicographic because H* ≤ Σ q_e < K. U* = Σ q_e − H* is the least shortfall at Z*.
2. The solver's pairs, counted here: Z, U and S (the result's own numbers are not used). If
   Z < Z*, or Z = Z* and U > U*, the lexicographic optimum is missed: gap = +inf.
3. The optimum meets Z* quotas with shortfall U*, so it is feasible for the relaxation
   S_z = max Σ s_ij x_ij over x ∈ [0, 1] and u_e ∈ [0, q_e] continuous, z_e ∈ {0, 1}, of: one
   slot per seeker, capacities, counted_e + u_e ≥ q_e, counted_e ≥ q_e·z_e,
   u_e ≤ q_e·(1 − z_e) (a met quota has no shortfall), Σ z_e ≥ Z*, Σ u_e ≤ U*: S* ≤ S_z.
   Only the "met" choice is kept integral (the pure LP relaxation, z ∈ [0, 1], spreads the
   graduates over fractional quotas and was 2-3% loose with 20 competing quotas); the bound
   taken is HiGHS's dual bound of this MILP, valid even if it stops at its time limit.

bound = S_z − p·U* ≥ S* − p·U* (the optimum's objective), whatever the pairs, and gap =
(bound − objective) / max(|bound|, 1) with objective = S − p·U of the pairs. The bound is
honest: a feasible assignment that gives up score shows it as a gap (tests feed one). It is
not always tight (with z fixed, the quota rows still cross the posting rows, so x may be
fractional), so a gap slightly above 0 does not prove the solver wrong; a gap of 0 proves it
right.
`levels_optimal`: Z = Z* and U = U*. `jointly_feasible`: Z* equals the number of quotas with
q_e > 0 that are feasible on their own (each a capped flow over its own counting edges,
computed here), i.e. they can all be met together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array, csr_array

from backend.matching.assignment import AssignmentProblem, AssignmentResult

SHARE_EPSILON = 1e-9
SCORE_TIME_LIMIT_S = 600.0  # the score bound: a dual bound is valid even if HiGHS stops early
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Bound:
    """The independent bound on one assignment: the best score any assignment meeting Z*
    quotas with shortfall U* can reach (`bound`), and the solver's pairs' relative distance
    below it (`gap`; +inf when the pairs miss Z* or U*)."""

    bound: float
    gap: float
    least_shortfall: int  # U*: the least shortfall among assignments meeting Z* quotas
    quotas_met: int  # Z of the solver's pairs, counted here
    jointly_feasible: bool
    feasible_quotas_met: bool  # every quota feasible alone is met (where jointly feasible)
    levels_optimal: bool  # Z = Z* and U = U* (both proved here)
    most_quotas_met: int = 0  # Z*


@dataclass(frozen=True)
class _Edges:
    """The usable edges (capacity > 0) as arrays: seeker row, posting row, score, the quota
    each counts for (−1: none), and the postings' capacities."""

    seeker: IntArray
    posting: IntArray
    score: FloatArray
    quota: IntArray
    capacity: FloatArray
    n_seekers: int


def _required(problem: AssignmentProblem) -> IntArray:
    caps = problem.capacities
    return np.array(
        [
            math.ceil(q.target_share * sum(caps[p] for p in q.posting_ids) - SHARE_EPSILON)
            for q in problem.quotas
        ],
        dtype=np.int64,
    )


def _edges(problem: AssignmentProblem) -> _Edges:
    owner = {p: e for e, q in enumerate(problem.quotas) for p in q.posting_ids}
    usable = [e for e in problem.edges if problem.capacities.get(e.posting_id, 0) > 0]
    seekers = {s: i for i, s in enumerate(sorted({e.seeker_id for e in usable}))}
    postings = {p: i for i, p in enumerate(sorted({e.posting_id for e in usable}))}
    quota = []
    for edge in usable:
        e = owner.get(edge.posting_id, -1)
        quota.append(
            e if e >= 0 and edge.seeker_id in problem.quotas[e].eligible_seeker_ids else -1
        )
    return _Edges(
        seeker=np.array([seekers[e.seeker_id] for e in usable], dtype=np.int64),
        posting=np.array([postings[e.posting_id] for e in usable], dtype=np.int64),
        score=np.array([e.score for e in usable], dtype=np.float64),
        quota=np.array(quota, dtype=np.int64),
        capacity=np.array([float(problem.capacities[p]) for p in postings], dtype=np.float64),
        n_seekers=len(seekers),
    )


def _assignment_rows(graph: _Edges, keep: IntArray) -> tuple[IntArray, IntArray, FloatArray]:
    """Row indices (seekers first, then postings), columns and the rows' upper bounds of the
    b-matching over the edges `keep` (columns 0..len(keep)−1)."""
    columns = np.arange(keep.size)
    rows = np.concatenate([graph.seeker[keep], graph.n_seekers + graph.posting[keep]])
    upper = np.concatenate([np.ones(graph.n_seekers), graph.capacity])
    return rows, np.concatenate([columns, columns]), upper


def _levels(graph: _Edges, required: IntArray) -> tuple[int, int]:
    """(Z*, H*) of step 1 of the module docstring, proved optimal by HiGHS."""
    active = np.flatnonzero(required > 0)
    keep = np.flatnonzero(graph.quota >= 0)
    keep = keep[required[graph.quota[keep]] > 0]
    n, m = keep.size, active.size
    if m == 0:
        return 0, 0
    index = np.full(required.size, -1, dtype=np.int64)
    index[active] = np.arange(m)
    counted = index[graph.quota[keep]]
    rows, cols, upper = _assignment_rows(graph, keep)
    first = upper.size  # then: counted_e ≤ q_e (m rows), counted_e − q_e·z_e ≥ 0 (m rows)
    q = required[active].astype(np.float64)
    rows = np.concatenate([rows, first + counted, first + m + counted, first + m + np.arange(m)])
    cols = np.concatenate([cols, np.arange(n), np.arange(n), n + np.arange(m)])
    data = np.concatenate([np.ones(2 * n), np.ones(n), np.ones(n), -q])
    lower = np.concatenate([np.full(upper.size, -np.inf), np.full(m, -np.inf), np.zeros(m)])
    upper = np.concatenate([upper, q, np.full(m, np.inf)])
    matrix = coo_array((data, (rows, cols)), shape=(first + 2 * m, n + m)).tocsr()
    weight = float(q.sum()) + 1.0
    result = milp(
        c=np.concatenate([-np.ones(n), np.full(m, -weight)]),
        constraints=LinearConstraint(matrix, lower, upper),
        bounds=Bounds(0.0, 1.0),
        integrality=np.concatenate([np.zeros(n), np.ones(m)]).astype(np.uint8),
        options={"mip_rel_gap": 0.0},
    )
    if result.status != 0 or result.x is None:
        raise RuntimeError(f"levels MILP failed: {result.message}")
    met = round(float(result.x[n:].sum()))
    return met, round(-float(result.fun) - weight * met)


def _feasible_alone(graph: _Edges, required: IntArray) -> list[bool]:
    """Per quota: its own counting edges (no other quota competing) can fill q_e."""
    feasible = []
    for e, need in enumerate(required.tolist()):
        keep = np.flatnonzero(graph.quota == e)
        if need <= 0 or keep.size < need:
            feasible.append(need <= 0)
            continue
        rows, cols, upper = _assignment_rows(graph, keep)
        matrix = csr_array((np.ones(cols.size), (rows, cols)), shape=(upper.size, keep.size))
        result = linprog(
            -np.ones(keep.size), A_ub=matrix, b_ub=upper, bounds=(0.0, 1.0), method="highs"
        )
        if result.status != 0:
            raise RuntimeError(f"feasibility LP failed: {result.message}")
        feasible.append(round(-float(result.fun)) >= need)  # a flow: the LP is integral
    return feasible


def _score_bound(graph: _Edges, required: IntArray, most_met: int, least_shortfall: int) -> float:
    """S_z of step 3 of the module docstring (HiGHS's dual bound)."""
    n = graph.score.size
    active = np.flatnonzero(required > 0)
    m = active.size
    index = np.full(required.size + 1, -1, dtype=np.int64)  # [-1] (no quota) → −1
    index[active] = np.arange(m)
    counting = np.flatnonzero(index[graph.quota] >= 0)
    counted = index[graph.quota[counting]]
    rows, cols, upper = _assignment_rows(graph, np.arange(n))
    q = required[active].astype(np.float64)
    z, u = n + np.arange(m), n + m + np.arange(m)
    first = upper.size
    # −counted_e − u_e ≤ −q_e;  q_e·z_e − counted_e ≤ 0;  u_e + q_e·z_e ≤ q_e;  −Σz ≤ −Z*;  Σu ≤ U*
    rows = np.concatenate(
        [
            rows,
            first + counted,
            first + np.arange(m),
            first + m + counted,
            first + m + np.arange(m),
            first + 2 * m + np.arange(m),
            first + 2 * m + np.arange(m),
            np.full(m, first + 3 * m),
            np.full(m, first + 3 * m + 1),
        ]
    )
    cols = np.concatenate([cols, counting, u, counting, z, u, z, z, u])
    data = np.concatenate(
        [
            np.ones(2 * n),
            -np.ones(counting.size),
            -np.ones(m),
            -np.ones(counting.size),
            q,
            np.ones(m),
            q,
            -np.ones(m),
            np.ones(m),
        ]
    )
    upper = np.concatenate([upper, -q, np.zeros(m), q, [-float(most_met), float(least_shortfall)]])
    matrix = coo_array((data, (rows, cols)), shape=(first + 3 * m + 2, n + 2 * m)).tocsr()
    result = milp(
        c=np.concatenate([-graph.score, np.zeros(2 * m)]),
        constraints=LinearConstraint(matrix, -np.inf, upper),
        bounds=Bounds(0.0, np.concatenate([np.ones(n + m), q])),
        integrality=np.concatenate([np.zeros(n), np.ones(m), np.zeros(m)]).astype(np.uint8),
        options={"mip_rel_gap": 0.0, "time_limit": SCORE_TIME_LIMIT_S},
    )
    if result.status not in (0, 1) or result.mip_dual_bound is None:
        raise RuntimeError(f"score bound failed: {result.message}")
    return -float(result.mip_dual_bound)  # proved, whether or not HiGHS finished


def independent_bound(problem: AssignmentProblem, result: AssignmentResult) -> Bound:
    """The bound and gap of the module docstring for the solver's `result` on `problem`."""
    required = _required(problem)
    penalty = problem.shortfall_penalty
    # What the solver's pairs achieve, counted here.
    owner = {p: e for e, q in enumerate(problem.quotas) for p in q.posting_ids}
    achieved = np.zeros(required.size, dtype=np.int64)
    for pair in result.pairs:
        e = owner.get(pair.posting_id, -1)
        if e >= 0 and pair.seeker_id in problem.quotas[e].eligible_seeker_ids:
            achieved[e] += 1
    met = int(((required > 0) & (achieved >= required)).sum())
    shortfall = int(np.maximum(required - achieved, 0).sum())
    objective = math.fsum(pair.score for pair in result.pairs) - penalty * shortfall
    graph = _edges(problem)
    most_met, most_hires = _levels(graph, required)
    least_shortfall = int(required.sum()) - most_hires
    alone = _feasible_alone(graph, required)
    active_alone = sum(ok and need > 0 for ok, need in zip(alone, required.tolist(), strict=True))
    jointly = most_met == active_alone
    feasible_met = all(achieved[e] >= need for e, need in enumerate(required.tolist()) if alone[e])
    levels_optimal = met == most_met and shortfall == least_shortfall
    # A bound on the optimum whatever the pairs (met > Z* or shortfall < U* at Z* would
    # contradict the MILP's proof).
    bound = _score_bound(graph, required, most_met, least_shortfall) - penalty * least_shortfall
    gap = (bound - objective) / max(abs(bound), 1.0)
    if met < most_met or (met == most_met and shortfall > least_shortfall):
        gap = math.inf  # the pairs miss the lexicographic levels
    return Bound(
        bound=bound,
        gap=gap,
        least_shortfall=least_shortfall,
        quotas_met=met,
        jointly_feasible=jointly,
        feasible_quotas_met=feasible_met or not jointly,
        levels_optimal=levels_optimal,
        most_quotas_met=most_met,
    )
