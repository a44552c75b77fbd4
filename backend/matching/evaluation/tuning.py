"""Tuning the policy's score weights on the tuning seeds only (`evaluate_matching --tune 1-3`).

For each tuning seed the pipeline runs once (`runner`); the scorer's components of every
retrieved posting that passes the hard filters are kept, and weight vectors are compared by the
mean NDCG@10 they give over the seeds (the retrieval is the pipeline's and does not depend on
the weights). The `ordinance` weight is the city's priority, not a quality knob: it stays at
the policy's value and the other eight share the rest. Search: the current weights, then
random points of the simplex (Dirichlet, seeded), then coordinate steps from the best. The
held-out seeds (11-15) are never read here.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from backend.matching.evaluation.controls import candidates
from backend.matching.evaluation.generator import generate_world
from backend.matching.evaluation.metrics import ndcg_at_k
from backend.matching.evaluation.runner import run_pipeline
from backend.matching.evaluation.world_model import seeker_grades
from backend.matching.facts import today as seoul_today
from backend.matching.models import OrdinancePolicy
from backend.matching.recommend import KEEP
from backend.matching.scoring import COMPONENTS

FIXED = "ordinance"
SAMPLES = 400
STEP = 0.02


@dataclass
class _Seeker:
    components: np.ndarray  # candidates × components
    distance: np.ndarray
    grades: np.ndarray  # of the candidates
    all_grades: list[int]


def _collect(
    seed: int, seekers: int, postings: int, policy: OrdinancePolicy, progress: Callable[[str], None]
) -> list[_Seeker]:
    today = seoul_today()
    world = generate_world(seed=seed, seekers=seekers, postings=postings, today=today)
    grades = [seeker_grades(s, world.postings, today) for s in world.seekers]
    output = run_pipeline(world, policy, progress)
    scored = candidates(world, output, policy)
    rows = []
    for seeker in world.seekers:
        matches = scored[seeker.key]
        mine = grades[seeker.key]
        if not mine:
            continue
        rows.append(
            _Seeker(
                components=np.array(
                    [[m.components[c] for c in COMPONENTS] for m in matches], dtype=float
                ).reshape(len(matches), len(COMPONENTS)),
                distance=np.array([m.distance_km for m in matches], dtype=float),
                grades=np.array(
                    [mine.get(output.posting_key[m.posting_id], 0) for m in matches], dtype=int
                ),
                all_grades=list(mine.values()),
            )
        )
    return rows


def _ndcg(rows: list[_Seeker], weights: np.ndarray) -> float:
    values = []
    for row in rows:
        if row.grades.size == 0:
            values.append(0.0)
            continue
        score = np.round(row.components @ weights, 4)
        order = np.lexsort((row.distance, -score))[:KEEP]
        value = ndcg_at_k(row.grades[order].tolist(), row.all_grades, 10)
        values.append(value or 0.0)
    return float(np.mean(values)) if values else 0.0


def tune(
    *,
    seeds: list[int],
    seekers: int,
    postings: int,
    policy: OrdinancePolicy,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """The best weights found on `seeds` (module docstring), with the NDCG before and after."""
    if any(seed >= 11 for seed in seeds):
        raise ValueError("tuning reads the tuning seeds only (below 11)")
    rows = [r for seed in seeds for r in _collect(seed, seekers, postings, policy, progress)]
    current = {c: float(policy.document["score_weights"][c]) for c in COMPONENTS}
    fixed = current[FIXED]
    free = [c for c in COMPONENTS if c != FIXED]
    fixed_index = list(COMPONENTS).index(FIXED)

    def vector(shares: dict[str, float]) -> np.ndarray:
        total = sum(shares[c] for c in free) or 1.0
        return np.array(
            [fixed if c == FIXED else (1.0 - fixed) * shares[c] / total for c in COMPONENTS]
        )

    best = vector(current)
    best_value = start_value = _ndcg(rows, best)
    rng = random.Random("tuning")  # noqa: S311 - not security
    for number in range(SAMPLES):
        shares = {c: rng.gammavariate(1.0, 1.0) for c in free}
        candidate = vector(shares)
        value = _ndcg(rows, candidate)
        if value > best_value:
            best, best_value = candidate, value
        if number % 100 == 99:
            progress(f"tuning: {number + 1} samples, best NDCG@10 {best_value:.4f}")
    improved = True
    while improved:
        improved = False
        for i in range(len(COMPONENTS)):
            for j in range(len(COMPONENTS)):
                if i == j or fixed_index in (i, j) or best[j] < STEP:
                    continue
                candidate = best.copy()
                candidate[i] += STEP
                candidate[j] -= STEP
                value = _ndcg(rows, candidate)
                if value > best_value + 1e-5:
                    best, best_value, improved = candidate, value, True
    weights = {c: round(float(w), 2) for c, w in zip(COMPONENTS, best, strict=True)}
    drift = round(1.0 - sum(weights.values()), 2)  # rounding: put it on the largest free weight
    if drift:
        top = max(free, key=lambda c: weights[c])
        weights[top] = round(weights[top] + drift, 2)
    assert math.isclose(sum(weights.values()), 1.0, abs_tol=1e-9)
    return {
        "seeds": seeds,
        "ndcg_at_10_before": round(start_value, 4),
        "ndcg_at_10_after": round(_ndcg(rows, np.array([weights[c] for c in COMPONENTS])), 4),
        "weights": weights,
    }
