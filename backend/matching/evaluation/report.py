"""`evaluate`: generate, run the pipeline, and measure it against the truth (one JSON-able dict).

Report keys (all figures rounded to 4 places):

- `backend`, `seed`, `seekers`, `postings`, `policy_version`, `as_of`;
- `ndcg_at_10`, `recall_at_30`: means over the seekers for whom they are defined (`evaluated`
  says how many); the recommendations are the first `recommend.KEEP` (30) matches;
- `hard_filter_violations`: recommended pairs that break a planted hard constraint (must be
  0), and `violations_by_constraint`;
- `cohort_ndcg`, `cohort_recall_at_30` per cohort, `cohort_parity` = min/max of `cohort_ndcg`;
- `hard_cases`: the same figures for the seekers of each planted hard case, and `planted`: how
  many planted far-away good postings (grade ≥ 2) reached their seeker's top 30 and how many
  planted near-by bad ones reached the top 10;
- `assignment`: `objective`, `optimum` (the solver's proved bound), `quotas_met` (every quota
  that is feasible on its own is met), `quotas_feasible` (every quota is feasible), and the
  true grades of the assigned pairs;
- `seconds` per phase; `diagnostics` with `--diagnostics` (see `diagnostics`).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from backend.matching.evaluation import diagnostics as diagnosis
from backend.matching.evaluation.generator import HARD_CASES, World, generate_world
from backend.matching.evaluation.metrics import mean, ndcg_at_k, parity, recall_at_k
from backend.matching.evaluation.runner import PipelineOutput, run_pipeline
from backend.matching.evaluation.truth import IDEAL_GRADE, hard_failures, seeker_grades
from backend.matching.facts import today as seoul_today
from backend.matching.models import OrdinancePolicy
from backend.matching.recommend import KEEP
from backend.matching.selectors import ordinance_policy_current

COHORTS = ("graduate", "returner", "senior")
NDCG_K = 10
RECALL_K = 30


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def ranked_keys(world: World, output: PipelineOutput, key: int, limit: int = KEEP) -> list[int]:
    """The posting keys recommended to seeker `key`, best first."""
    return [output.posting_key[m.posting_id] for m in output.recommended[key][:limit]]


def seeker_metrics(
    ranked: Sequence[int], grades: dict[int, int]
) -> tuple[float | None, float | None]:
    """(NDCG@10, recall@30) of one seeker's ranked posting keys."""
    ideal = {p for p, g in grades.items() if g >= IDEAL_GRADE}
    return (
        ndcg_at_k([grades.get(p, 0) for p in ranked], grades.values(), NDCG_K),
        recall_at_k(ranked, ideal, RECALL_K),
    )


def _assignment(
    world: World, grades: list[dict[int, int]], output: PipelineOutput
) -> dict[str, Any]:
    result = output.assignment
    pair_grades = []
    violations = 0
    for edge in result.pairs:
        seeker, posting = output.seeker_key[edge.seeker_id], output.posting_key[edge.posting_id]
        pair_grades.append(grades[seeker].get(posting, 0))
        violations += bool(
            hard_failures(world.seekers[seeker], world.postings[posting], world.today)
        )
    return {
        "objective": _round(result.objective),
        "optimum": _round(result.optimum),
        "quotas_met": all(q.met for q in result.quotas if q.feasible),
        "quotas_feasible": all(q.feasible for q in result.quotas),
        "status": result.status,
        "quotas": len(result.quotas),
        "quotas_met_count": sum(q.met for q in result.quotas),
        "quotas_feasible_count": sum(q.feasible for q in result.quotas),
        # A quota feasible on its own may still go unmet when graduates are shared with other
        # quotas: the solver minimizes the total shortfall first (`assignment` docstring).
        "feasible_quotas_unmet": sum(q.feasible and not q.met for q in result.quotas),
        "shortfall": result.shortfall,
        "required": sum(q.required for q in result.quotas),
        "seekers": len(world.seekers),
        "assigned": len(result.pairs),
        "mean_grade_assigned": _round(mean(float(g) for g in pair_grades)),
        "ideal_share_assigned": _round(mean(float(g >= IDEAL_GRADE) for g in pair_grades)),
        "hard_filter_violations": violations,
        "solve_seconds": round(result.solve_seconds, 3),
    }


def measure(world: World, grades: list[dict[int, int]], output: PipelineOutput) -> dict[str, Any]:
    """The report's figures (module docstring) for a pipeline output."""
    ndcg: dict[int, float | None] = {}
    recall: dict[int, float | None] = {}
    violations: Counter[str] = Counter()
    violating_pairs = 0
    for seeker in world.seekers:
        ranked = ranked_keys(world, output, seeker.key)
        ndcg[seeker.key], recall[seeker.key] = seeker_metrics(ranked, grades[seeker.key])
        for posting in ranked:
            failures = hard_failures(seeker, world.postings[posting], world.today)
            violating_pairs += bool(failures)
            violations.update(failures)

    def group(keys: list[int]) -> dict[str, Any]:
        return {
            "seekers": len(keys),
            "ndcg_at_10": _round(mean(ndcg[k] for k in keys)),
            "recall_at_30": _round(mean(recall[k] for k in keys)),
        }

    by_cohort = {c: [s.key for s in world.seekers if s.cohort == c] for c in COHORTS}
    cohort_ndcg = {c: _round(mean(ndcg[k] for k in keys)) for c, keys in by_cohort.items()}
    far = [p for p in world.postings if p.case == "far_good" and p.planted_for is not None]
    far_good = [p for p in far if grades[p.planted_for or 0].get(p.key, 0) >= IDEAL_GRADE]
    near_bad = [p for p in world.postings if p.case == "near_bad" and p.planted_for is not None]
    return {
        "backend": output.backend,
        "seed": world.seed,
        "seekers": len(world.seekers),
        "postings": len(world.postings),
        "as_of": world.today.isoformat(),
        "ndcg_at_10": _round(mean(ndcg.values())),
        "recall_at_30": _round(mean(recall.values())),
        "hard_filter_violations": violating_pairs,
        "violations_by_constraint": dict(sorted(violations.items())),
        "cohort_ndcg": cohort_ndcg,
        "cohort_recall_at_30": {
            c: _round(mean(recall[k] for k in keys)) for c, keys in by_cohort.items()
        },
        "cohort_parity": _round(parity(cohort_ndcg)),
        "evaluated": {
            "ndcg_seekers": sum(v is not None for v in ndcg.values()),
            "recall_seekers": sum(v is not None for v in recall.values()),
            "ideal": f"grade >= {IDEAL_GRADE}",
        },
        "hard_cases": {
            case: group([s.key for s in world.seekers if case in s.cases]) for case in HARD_CASES
        },
        "planted": {
            "far_good": len(far_good),
            "far_good_in_top_30": _round(
                mean(
                    float(p.key in ranked_keys(world, output, p.planted_for or 0, RECALL_K))
                    for p in far_good
                )
            ),
            "near_bad": len(near_bad),
            "near_bad_in_top_10": _round(
                mean(
                    float(p.key in ranked_keys(world, output, p.planted_for or 0, NDCG_K))
                    for p in near_bad
                )
            ),
        },
        "assignment": _assignment(world, grades, output),
    }


def evaluate(
    *,
    seed: int,
    seekers: int,
    postings: int,
    diagnostics: bool = False,
    progress: Callable[[str], None] = lambda message: None,
    policy: OrdinancePolicy | None = None,
) -> dict[str, Any]:
    """Generate the world of `seed`, run the pipeline on the configured search backend (nothing
    is kept: see `runner`), and return the report (module docstring). Raises
    `runner.EvaluationError` when the database lacks the reference data and
    `SearchUnavailableError` when the search backend is down."""
    policy = policy or ordinance_policy_current()
    started = time.perf_counter()
    today = seoul_today()
    world = generate_world(seed=seed, seekers=seekers, postings=postings, today=today)
    grades = [seeker_grades(s, world.postings, today) for s in world.seekers]
    generated = round(time.perf_counter() - started, 2)
    progress(f"world of seed {seed}: {seekers} seekers, {postings} postings ({generated} s)")
    output = run_pipeline(world, policy, progress)
    report = measure(world, grades, output)
    report["policy_version"] = policy.version
    report["seconds"] = {"generate": generated, **output.seconds}
    if diagnostics:
        started = time.perf_counter()
        report["diagnostics"] = diagnosis.diagnose(world, grades, output, policy)
        report["seconds"]["diagnostics"] = round(time.perf_counter() - started, 2)
    report["seconds"]["total"] = round(sum(report["seconds"].values()), 2)
    return report
