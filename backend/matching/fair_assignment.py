"""Job-fair interview scheduling (채용박람회 면접 배정): seekers to interview slots.

Pure Python + scipy (HiGHS through `scipy.optimize.milp`); no ORM. `solve_fair` is the entry
point; `backend.matching.fair_runs` builds its input from a fair and stores its output.

It extends the city-wide assignment (`backend.matching.assignment`, "one slot per seeker") for
fairs: a seeker ranks up to K of the fair's postings and may get up to K interviews.

Problem. Slots s (a posting j(s) and a time interval [a_s, b_s)); choices (i, j, r): seeker i
ranked posting j r-th (r = 1 is the first choice). x_is ∈ {0, 1} for each slot s of a posting
i ranked, and a shortfall u_e ∈ {0, …, q_e} per covered employer e with q_e > 0:

    Σ_i x_is ≤ 1                          every slot (one seeker per slot: never double-booked)
    Σ_{s of j} x_is ≤ 1                   every seeker i and ranked posting j (one interview each)
    Σ_{s ∋ t} x_is ≤ 1                    every seeker i and start time t of a slot i could get
                                          (no two overlapping interviews: the maximal cliques of
                                          an interval graph are the intervals holding a start)
    Σ_s x_is ≤ K                          every seeker (K = the fair's max choices)
    Σ_{i ∈ G_e, s of P_e} x_is + u_e ≥ q_e  every covered employer e (the ordinance quota)

with G_e the eligible local graduates (고졸 지역인재), P_e the employer's fair postings and
q_e = ⌈t_e · |slots of P_e| − 1e-9⌉ — the quota of today's assignment with slots as openings.

Objective, lexicographic, each level solved exactly (one HiGHS solve per level, the optimum of
each level kept as a constraint of the next):
    0. least total quota shortfall U = Σ u_e (as the city-wide assignment: the quota is soft only
       where the registrations make it impossible);
    1..K. most interviews at rank 1, then most at rank 2, …, then at rank K — "higher-ranked
       choices first" (a rank-maximal schedule: no seeker's first choice is given up for anyone's
       second);
    K+1. greatest total match score Σ s_ij x_is (ties between equally ranked schedules go to the
       better-matched seekers; scores are in [0, 1]).
Levels 0..K have integer objectives, so their optima are exact and the next level keeps them
with no tolerance.

Conventions: input order does not matter (slots and choices are sorted first). A duplicate
slot id, a choice for a posting without slots, a seeker ranking one posting twice or giving one
rank twice, more than K choices, a rank outside 1..K, an interval that is empty, and a score
outside [0, 1] raise ValueError.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from backend.matching.assignment import (
    HIGHS_OPTIONS,
    NO_CANDIDATES,
    OUTCOMPETED,
    SHARE_EPSILON,
    AssignmentError,
    Quota,
)

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Slot:
    """One interview slot of a fair posting: [starts, ends) in any comparable unit (minutes)."""

    slot_id: int
    posting_id: int
    starts: int
    ends: int


@dataclass(frozen=True, slots=True)
class Choice:
    """Seeker `seeker_id` ranked `posting_id` at `rank` (1 = first choice); `score` is the match
    score in [0, 1] (the last tie-break)."""

    seeker_id: int
    posting_id: int
    rank: int
    score: float = 0.0


@dataclass(frozen=True)
class FairProblem:
    """`seeker_ids` (optional) names registered seekers with no usable choice, so that they
    are reported as "no_candidates"."""

    slots: tuple[Slot, ...]
    choices: tuple[Choice, ...]
    max_choices: int
    quotas: tuple[Quota, ...] = ()
    seeker_ids: frozenset[int] = frozenset()
    time_limit_s: float = 300.0


@dataclass(frozen=True, slots=True)
class Booking:
    """One interview: a seeker in a slot of a posting they ranked `rank`."""

    seeker_id: int
    slot_id: int
    posting_id: int
    rank: int
    score: float


@dataclass(frozen=True)
class FairQuotaOutcome:
    employer_id: int
    slots: int
    required: int
    achieved: int
    assigned: int
    met: bool


@dataclass(frozen=True)
class FairResult:
    bookings: tuple[Booking, ...]  # in (seeker, slot start, slot id) order
    rank_counts: tuple[int, ...]  # interviews at rank 1, 2, …, K
    shortfall: int
    total_score: float
    quotas: tuple[FairQuotaOutcome, ...]
    unassigned: Mapping[int, str]  # seekers with no interview → NO_CANDIDATES | OUTCOMPETED
    status: str  # "optimal" | "time_limit"
    solve_seconds: float
    levels: int


def _validate(problem: FairProblem) -> dict[int, Slot]:
    if problem.max_choices < 1:
        raise ValueError(f"max_choices must be ≥ 1: {problem.max_choices}")
    slots: dict[int, Slot] = {}
    for slot in problem.slots:
        if slot.slot_id in slots:
            raise ValueError(f"duplicate slot: {slot.slot_id}")
        if not slot.starts < slot.ends:
            raise ValueError(f"empty slot interval: {slot}")
        slots[slot.slot_id] = slot
    postings = {slot.posting_id for slot in problem.slots}
    seen: set[tuple[int, int]] = set()
    ranks: set[tuple[int, int]] = set()
    per_seeker: dict[int, int] = {}
    for choice in problem.choices:
        if choice.posting_id not in postings:
            raise ValueError(f"posting without slots: {choice}")
        if not 1 <= choice.rank <= problem.max_choices:
            raise ValueError(f"rank outside 1..{problem.max_choices}: {choice}")
        if not 0.0 <= choice.score <= 1.0:  # NaN fails too
            raise ValueError(f"score must be in [0, 1]: {choice}")
        if (choice.seeker_id, choice.posting_id) in seen:
            raise ValueError(f"posting ranked twice: {choice}")
        if (choice.seeker_id, choice.rank) in ranks:
            raise ValueError(f"rank given twice: {choice}")
        seen.add((choice.seeker_id, choice.posting_id))
        ranks.add((choice.seeker_id, choice.rank))
        per_seeker[choice.seeker_id] = per_seeker.get(choice.seeker_id, 0) + 1
        if per_seeker[choice.seeker_id] > problem.max_choices:
            raise ValueError(f"more than {problem.max_choices} choices: {choice.seeker_id}")
    owners: set[int] = set()
    quota_postings: set[int] = set()
    for quota in problem.quotas:
        if quota.employer_id in owners:
            raise ValueError(f"repeated employer: {quota.employer_id}")
        if not 0.0 <= quota.target_share <= 1.0:
            raise ValueError(f"target_share must be in [0, 1]: {quota}")
        if quota_postings.intersection(quota.posting_ids):
            raise ValueError(f"posting in two quotas: {quota}")
        owners.add(quota.employer_id)
        quota_postings.update(quota.posting_ids)
    return slots


@dataclass
class _Model:
    edges: list[tuple[Choice, Slot]]
    rows: list[list[int]]  # each row: the variable indices with coefficient 1, upper bound
    upper: list[float]
    quota_rows: list[tuple[list[int], int, int]]  # (edge indices, u index, q_e)
    n_vars: int
    u_bounds: list[int]


def _model(problem: FairProblem, slots: Mapping[int, Slot]) -> _Model:
    by_posting: dict[int, list[Slot]] = {}
    for slot in sorted(slots.values(), key=lambda s: (s.posting_id, s.starts, s.slot_id)):
        by_posting.setdefault(slot.posting_id, []).append(slot)
    choices = sorted(problem.choices, key=lambda c: (c.seeker_id, c.rank))
    edges = [(c, s) for c in choices for s in by_posting[c.posting_id]]
    rows: list[list[int]] = []
    upper: list[float] = []
    by_slot: dict[int, list[int]] = {}
    by_seeker: dict[int, list[int]] = {}
    by_pair: dict[tuple[int, int], list[int]] = {}
    for k, (choice, slot) in enumerate(edges):
        by_slot.setdefault(slot.slot_id, []).append(k)
        by_seeker.setdefault(choice.seeker_id, []).append(k)
        by_pair.setdefault((choice.seeker_id, choice.posting_id), []).append(k)
    for group in (*by_slot.values(), *by_pair.values()):
        if len(group) > 1:
            rows.append(group)
            upper.append(1)
    for mine in by_seeker.values():
        starts = sorted({edges[k][1].starts for k in mine})
        cliques = {
            tuple(k for k in mine if edges[k][1].starts <= t < edges[k][1].ends) for t in starts
        }
        for clique in sorted(cliques):
            # A clique inside one posting is already a per-posting row.
            if len({edges[k][0].posting_id for k in clique}) > 1:
                rows.append(list(clique))
                upper.append(1)
        if len(mine) > problem.max_choices:
            rows.append(mine)
            upper.append(problem.max_choices)
    n = len(edges)
    quota_rows: list[tuple[list[int], int, int]] = []
    u_bounds: list[int] = []
    slots_of = {p: len(ss) for p, ss in by_posting.items()}
    for quota in problem.quotas:
        total = sum(slots_of.get(p, 0) for p in quota.posting_ids)
        need = math.ceil(quota.target_share * total - SHARE_EPSILON)
        if need <= 0:
            continue
        mine_postings = set(quota.posting_ids)
        counting = [
            k
            for k, (choice, slot) in enumerate(edges)
            if slot.posting_id in mine_postings and choice.seeker_id in quota.eligible_seeker_ids
        ]
        quota_rows.append((counting, n + len(u_bounds), need))
        u_bounds.append(need)
    return _Model(edges, rows, upper, quota_rows, n + len(u_bounds), u_bounds)


def _constraints(model: _Model, extra: list[tuple[FloatArray, float, float]]) -> LinearConstraint:
    data: list[float] = []
    row_index: list[int] = []
    col_index: list[int] = []
    lower: list[float] = []
    upper: list[float] = []
    r = 0
    for row, bound in zip(model.rows, model.upper, strict=True):
        row_index += [r] * len(row)
        col_index += row
        data += [1.0] * len(row)
        lower.append(0.0)
        upper.append(bound)
        r += 1
    for counting, u, need in model.quota_rows:  # Σ counting x + u ≥ q_e
        row_index += [r] * (len(counting) + 1)
        col_index += [*counting, u]
        data += [1.0] * (len(counting) + 1)
        lower.append(need)
        upper.append(math.inf)
        r += 1
    for coefficients, low, high in extra:
        nonzero = np.flatnonzero(coefficients)
        row_index += [r] * nonzero.size
        col_index += nonzero.tolist()
        data += coefficients[nonzero].tolist()
        lower.append(low)
        upper.append(high)
        r += 1
    matrix = coo_array(
        (np.array(data, dtype=np.float64), (np.array(row_index), np.array(col_index))),
        shape=(max(r, 1), model.n_vars),
    ).tocsr()
    if r == 0:
        return LinearConstraint(matrix, np.zeros(1), np.zeros(1))
    return LinearConstraint(matrix, np.array(lower), np.array(upper))


def _maximise(
    model: _Model,
    objective: FloatArray,
    extra: list[tuple[FloatArray, float, float]],
    deadline: float,
) -> tuple[FloatArray, bool]:
    """argmax objective·z under the model and `extra` rows; (z, proved optimal)."""
    bounds = Bounds(0, np.array([1.0] * len(model.edges) + [float(b) for b in model.u_bounds]))
    options: dict[str, Any] = {
        **HIGHS_OPTIONS,
        "time_limit": max(deadline - time.perf_counter(), 1.0),
    }
    with warnings.catch_warnings():  # scipy warns that it passes mip_detect_symmetry verbatim
        warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
        result = milp(
            c=-objective,
            constraints=_constraints(model, extra),
            bounds=bounds,
            integrality=np.ones(model.n_vars, dtype=np.uint8),
            options=options,
        )
    if result.status not in (0, 1) or result.x is None:
        raise AssignmentError(f"no fair schedule: {result.message}")
    solution: FloatArray = np.asarray(result.x, dtype=np.float64).round()
    return solution, bool(result.status == 0)


def solve_fair(problem: FairProblem) -> FairResult:
    """The lexicographic optimum of `problem` (module docstring): least quota shortfall, then
    most first choices, …, most K-th choices, then greatest total score. Raises ValueError for
    an invalid problem and AssignmentError when HiGHS finds no solution."""
    slots = _validate(problem)
    model = _model(problem, slots)
    started = time.perf_counter()
    deadline = started + problem.time_limit_s
    n = len(model.edges)
    extra: list[tuple[FloatArray, float, float]] = []
    optimal = True
    z = np.zeros(model.n_vars)
    levels = 0
    if n:
        objectives: list[tuple[FloatArray, bool]] = []  # (to maximise, integral)
        if model.u_bounds:
            shortfall = np.zeros(model.n_vars)
            shortfall[n:] = -1.0
            objectives.append((shortfall, True))
        for rank in range(1, problem.max_choices + 1):
            at_rank = np.zeros(model.n_vars)
            at_rank[[k for k, (c, _) in enumerate(model.edges) if c.rank == rank]] = 1.0
            if at_rank.any():
                objectives.append((at_rank, True))
        scores = np.zeros(model.n_vars)
        scores[:n] = [c.score for c, _ in model.edges]
        if scores.any():
            objectives.append((scores, False))
        for objective, integral in objectives:
            z, proved = _maximise(model, objective, extra, deadline)
            optimal = optimal and proved
            levels += 1
            if integral:  # keep this level's optimum exactly at the next levels
                extra.append((objective, float(objective @ z), math.inf))
    chosen = [model.edges[k] for k in range(n) if z[k] > 0.5]
    bookings = tuple(
        Booking(c.seeker_id, s.slot_id, s.posting_id, c.rank, c.score)
        for c, s in sorted(chosen, key=lambda e: (e[0].seeker_id, e[1].starts, e[1].slot_id))
    )
    rank_counts = tuple(
        sum(1 for b in bookings if b.rank == r) for r in range(1, problem.max_choices + 1)
    )
    outcomes = []
    slots_per_posting: dict[int, int] = {}
    for slot in slots.values():
        slots_per_posting[slot.posting_id] = slots_per_posting.get(slot.posting_id, 0) + 1
    shortfall_total = 0
    for quota in problem.quotas:
        mine = set(quota.posting_ids)
        total = sum(slots_per_posting.get(p, 0) for p in mine)
        need = max(0, math.ceil(quota.target_share * total - SHARE_EPSILON))
        here = [b for b in bookings if b.posting_id in mine]
        achieved = sum(1 for b in here if b.seeker_id in quota.eligible_seeker_ids)
        shortfall_total += max(0, need - achieved)
        outcomes.append(
            FairQuotaOutcome(quota.employer_id, total, need, achieved, len(here), achieved >= need)
        )
    placed = {b.seeker_id for b in bookings}
    with_candidates = {c.seeker_id for c, _ in model.edges}
    everyone = with_candidates | {c.seeker_id for c in problem.choices} | problem.seeker_ids
    unassigned = {
        seeker: OUTCOMPETED if seeker in with_candidates else NO_CANDIDATES
        for seeker in sorted(everyone - placed)
    }
    return FairResult(
        bookings=bookings,
        rank_counts=rank_counts,
        shortfall=shortfall_total,
        total_score=math.fsum(b.score for b in bookings),
        quotas=tuple(outcomes),
        unassigned=unassigned,
        status="optimal" if optimal else "time_limit",
        solve_seconds=time.perf_counter() - started,
        levels=levels,
    )
