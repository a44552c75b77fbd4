"""An upper bound on the assignment's objective that does not come from the solver.

`assignment.solve_assignment` reports objective = S − p·U of its lexicographic optimum (most
quotas met, then least shortfall, then most score). This module re-derives a bound from the
problem alone, with its own LP relaxations (scipy `linprog`, HiGHS), sharing no matrix or
phase with the solver:

- U_min = Σ q_e − (the most counted hires with each quota capped at q_e): a flow, so its LP
  relaxation is integral; every assignment has shortfall ≥ U_min;
- Z*, the most quotas met together: the largest subset of the quotas feasible on their own
  whose capped flow meets them all (enumerated, largest first, up to `MAX_ENUMERATED`);
- Z and U of the solver's pairs, counted here. If Z < Z*, the lexicographic optimum is missed:
  gap = +inf. If Z = Z*, the optimum meets Z* quotas with shortfall U* ≤ U (the pairs show
  one way), so it is feasible for S_LP = max Σ s_ij x_ij over the relaxation x ∈ [0, 1] of:
  one slot per seeker, capacities, Σ_e z_e ≥ Z with counted_e ≥ q_e·z_e, z_e ∈ [0, 1], and
  Σ_e max(0, q_e − counted_e) ≤ U (with u_e ∈ [0, q_e]): S* ≤ S_LP. (Z* not enumerated: the
  U row is left out, which keeps the bound valid but loose.)

bound = S_LP − p·U_min ≥ S* − p·U* (the optimum's objective), and gap = (bound − objective) /
max(|bound|, 1). `levels_optimal`: Z = Z* and U = U_min. `jointly_feasible` says whether all
the quotas feasible on their own can be met
together (the same capped flow, over those quotas only).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array

from backend.matching.assignment import AssignmentProblem, AssignmentResult

SHARE_EPSILON = 1e-9
MAX_ENUMERATED = 12  # quotas feasible alone, beyond which Z* is not enumerated


@dataclass(frozen=True)
class Bound:
    bound: float
    gap: float
    least_shortfall: int
    quotas_met: int
    jointly_feasible: bool
    feasible_quotas_met: bool  # every quota feasible alone is met (where jointly feasible)
    levels_optimal: bool  # Z and U of the pairs proved optimal here (Z* by enumeration)


def _required(problem: AssignmentProblem) -> list[int]:
    caps = problem.capacities
    return [
        math.ceil(q.target_share * sum(caps[p] for p in q.posting_ids) - SHARE_EPSILON)
        for q in problem.quotas
    ]


def _counted(problem: AssignmentProblem) -> list[int]:
    """Per edge, the quota it counts for, or -1."""
    owner = {p: e for e, q in enumerate(problem.quotas) for p in q.posting_ids}
    result = []
    for edge in problem.edges:
        e = owner.get(edge.posting_id, -1)
        counts = e >= 0 and edge.seeker_id in problem.quotas[e].eligible_seeker_ids
        result.append(e if counts else -1)
    return result


def _lp(
    problem: AssignmentProblem,
    objective: np.ndarray,
    quota_cap: list[float] | None,
    met_at_least: int | None,
    required: list[int],
    shortfall_at_most: int | None = None,
) -> float:
    """max objective·x (+ nothing for z) over the relaxation; see the module docstring."""
    edges = [e for e in problem.edges if problem.capacities.get(e.posting_id, 0) > 0]
    keep = [i for i, e in enumerate(problem.edges) if problem.capacities.get(e.posting_id, 0) > 0]
    counted = _counted(problem)
    n, m = len(edges), len(problem.quotas)
    if n == 0:
        return 0.0
    seekers = {s: i for i, s in enumerate(sorted({e.seeker_id for e in edges}))}
    postings = {p: i for i, p in enumerate(sorted({e.posting_id for e in edges}))}
    rows, cols, data, upper = [], [], [], []
    for col, edge in enumerate(edges):
        rows += [seekers[edge.seeker_id], len(seekers) + postings[edge.posting_id]]
        cols += [col, col]
        data += [1.0, 1.0]
    upper += [1.0] * len(seekers) + [float(problem.capacities[p]) for p in sorted(postings)]
    row = len(upper)
    z_cols = n + np.arange(m)
    if quota_cap is not None:  # Σ counted_e ≤ cap_e
        for e in range(m):
            for col, original in enumerate(keep):
                if counted[original] == e:
                    rows.append(row)
                    cols.append(col)
                    data.append(1.0)
            upper.append(quota_cap[e])
            row += 1
    if met_at_least is not None:  # q_e·z_e − counted_e ≤ 0, −Σ z ≤ −Z
        for e in range(m):
            for col, original in enumerate(keep):
                if counted[original] == e:
                    rows.append(row)
                    cols.append(col)
                    data.append(-1.0)
            rows.append(row)
            cols.append(int(z_cols[e]))
            data.append(float(required[e]))
            upper.append(0.0)
            row += 1
        rows += [row] * m
        cols += [int(c) for c in z_cols]
        data += [-1.0] * m
        upper.append(-float(met_at_least))
        row += 1
    u_cols = n + m + np.arange(m)
    if shortfall_at_most is not None:  # −counted_e − u_e ≤ −q_e, Σ u ≤ U
        for e in range(m):
            for col, original in enumerate(keep):
                if counted[original] == e:
                    rows.append(row)
                    cols.append(col)
                    data.append(-1.0)
            rows.append(row)
            cols.append(int(u_cols[e]))
            data.append(-1.0)
            upper.append(-float(required[e]))
            row += 1
        rows += [row] * m
        cols += [int(c) for c in u_cols]
        data += [1.0] * m
        upper.append(float(shortfall_at_most))
        row += 1
    matrix = coo_array((data, (rows, cols)), shape=(row, n + 2 * m)).tocsr()
    cost = np.concatenate([-objective[keep], np.zeros(2 * m)])
    z_upper = [1.0 if required[e] > 0 else 0.0 for e in range(m)]
    result = linprog(
        cost,
        A_ub=matrix,
        b_ub=np.array(upper),
        bounds=[(0.0, 1.0)] * n + [(0.0, u) for u in z_upper] + [(0.0, float(q)) for q in required],
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(f"LP relaxation failed: {result.message}")
    return float(-result.fun)


def _most_met(problem: AssignmentProblem, required: list[int], alone: list[bool]) -> int | None:
    """Z*, the most quotas met together, by capped flows (integral LPs) over subsets of the
    quotas feasible on their own, largest first; None when they are too many to enumerate."""
    ones = np.array([1.0 if c >= 0 else 0.0 for c in _counted(problem)])
    candidates = [e for e, ok in enumerate(alone) if ok and required[e] > 0]
    if len(candidates) > MAX_ENUMERATED:
        return None
    for size in range(len(candidates), 0, -1):
        for subset in combinations(candidates, size):
            caps = [float(q) if e in subset else 0.0 for e, q in enumerate(required)]
            if round(_lp(problem, ones, caps, None, required)) >= sum(required[e] for e in subset):
                return size
    return 0


def independent_bound(problem: AssignmentProblem, result: AssignmentResult) -> Bound:
    """The bound and gap of the module docstring for the solver's `result` on `problem`."""
    required = _required(problem)
    counted = _counted(problem)
    ones = np.array([1.0 if c >= 0 else 0.0 for c in counted])
    scores = np.array([e.score for e in problem.edges])
    if not problem.edges:
        return Bound(0.0, 0.0 - result.objective, sum(required), 0, True, True, True)
    most_counted = _lp(problem, ones, [float(q) for q in required], None, required)
    least_shortfall = sum(required) - round(most_counted)
    # What the solver's pairs achieve, counted here.
    pair_quota = {
        (e.seeker_id, e.posting_id): c for e, c in zip(problem.edges, counted, strict=True)
    }
    achieved = [0] * len(required)
    for pair in result.pairs:
        e = pair_quota[(pair.seeker_id, pair.posting_id)]
        if e >= 0:
            achieved[e] += 1
    met = sum(q > 0 and a >= q for q, a in zip(required, achieved, strict=True))
    shortfall = sum(max(0, q - a) for q, a in zip(required, achieved, strict=True))
    alone = [q.feasible for q in result.quotas]
    most = _most_met(problem, required, alone)
    levels_optimal = most is not None and met >= most and shortfall == least_shortfall
    if most is not None and met >= most:
        # The optimum meets Z* = met quotas with a shortfall no larger than these pairs'.
        best_score = _lp(problem, scores, None, met, required, shortfall_at_most=shortfall)
    else:  # Z* unknown, or the pairs meet fewer quotas than possible: only Σ z ≥ met holds
        best_score = _lp(problem, scores, None, met, required)
    bound = best_score - problem.shortfall_penalty * least_shortfall
    # Jointly feasible: the quotas feasible on their own, all met at once.
    caps = [float(q) if alone[e] else 0.0 for e, q in enumerate(required)]
    together = _lp(problem, ones, caps, None, required)
    jointly = round(together) >= sum(q for e, q in enumerate(required) if alone[e])
    feasible_met = all(
        a >= q for e, (q, a) in enumerate(zip(required, achieved, strict=True)) if alone[e]
    )
    gap = (bound - result.objective) / max(abs(bound), 1.0)
    if most is not None and met < most:
        gap = math.inf  # fewer quotas met than possible: the lexicographic optimum is missed
    return Bound(
        bound=bound,
        gap=gap,
        least_shortfall=least_shortfall,
        quotas_met=met,
        jointly_feasible=jointly,
        feasible_quotas_met=feasible_met or not jointly,
        levels_optimal=levels_optimal,
    )
