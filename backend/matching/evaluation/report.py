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
- `oracle_ndcg_at_10`: the world's own ranking (`world_model.oracle_ranking`: every feasible
  posting by its expected utility, the pair's noise unknown) and `ndcg_share_of_oracle`;
- `baseline_ndcg_at_10` (and `baseline`: its recall, parity, violations): BM25 on the profile's
  text plus distance over every posting (`baseline`); `margin` = ndcg_at_10 − baseline's;
- `controls`: the negative controls (`controls`: random order, shuffled weights) and a planted
  bad scorer (nearest first), with `fails_bar` (each must be true);
- `gap`: the assignment's relative gap to the independent LP bound (`bound`), also in
  `assignment` with `bound`, `quotas_met_where_jointly_feasible`;
- `bars`: each target of issue 15 with its figure and `pass`; `seeds`: the seeds measured;
- `seconds` per phase; `diagnostics` with `--diagnostics` (see `diagnostics`).

With several seeds (`evaluate_seeds`) the same keys hold the means over the seeds, `spread`
holds each figure's min, max and standard deviation, and `per_seed` the seeds' own reports.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from backend.matching.evaluation import diagnostics as diagnosis
from backend.matching.evaluation.baseline import baseline_rankings
from backend.matching.evaluation.bound import independent_bound
from backend.matching.evaluation.controls import candidates, control_rankings
from backend.matching.evaluation.generator import HARD_CASES, World, generate_world
from backend.matching.evaluation.metrics import mean, ndcg_at_k, parity, recall_at_k
from backend.matching.evaluation.runner import PipelineOutput, run_pipeline
from backend.matching.evaluation.world_model import (
    IDEAL_GRADE,
    hard_failures,
    oracle_ranking,
    seeker_grades,
)
from backend.matching.facts import today as seoul_today
from backend.matching.models import OrdinancePolicy
from backend.matching.recommend import KEEP
from backend.matching.selectors import ordinance_policy_current

COHORTS = ("graduate", "returner", "senior")
NDCG_K = 10
RECALL_K = 30
# The targets of issue 15 ("Done when"), pinned: the figures are measured against them.
BARS = {
    "ndcg_at_10": 0.75,
    "margin": 0.15,
    "recall_at_30": 0.90,
    "cohort_parity": 0.85,
    "hard_filter_violations": 0,
    "gap": 0.001,
}


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


def ranking_figures(
    world: World, grades: list[dict[int, int]], ranked: dict[int, list[int]]
) -> dict[str, Any]:
    """NDCG@10, recall@30, cohort parity and hard-filter violations of any ranking."""
    ndcg: dict[int, float | None] = {}
    recall: dict[int, float | None] = {}
    violating = 0
    for seeker in world.seekers:
        keys = ranked.get(seeker.key, [])[:KEEP]
        ndcg[seeker.key], recall[seeker.key] = seeker_metrics(keys, grades[seeker.key])
        violating += sum(bool(hard_failures(seeker, world.postings[p], world.today)) for p in keys)
    cohorts = {c: mean(ndcg[s.key] for s in world.seekers if s.cohort == c) for c in COHORTS}
    return {
        "ndcg_at_10": _round(mean(ndcg.values())),
        "recall_at_30": _round(mean(recall.values())),
        "cohort_parity": _round(parity(cohorts)),
        "hard_filter_violations": violating,
    }


def fails_bar(figures: dict[str, Any], baseline_ndcg: float) -> bool:
    """Whether a ranking misses the ranking bars: NDCG@10 (absolute, and the margin over the
    baseline) or recall@30."""
    ndcg = figures["ndcg_at_10"] or 0.0
    return bool(
        ndcg < BARS["ndcg_at_10"]
        or ndcg < baseline_ndcg + BARS["margin"]
        or (figures["recall_at_30"] or 0.0) < BARS["recall_at_30"]
    )


def _assignment(
    world: World, grades: list[dict[int, int]], output: PipelineOutput
) -> dict[str, Any]:
    result = output.assignment
    check = independent_bound(output.problem, result)
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
        "quotas_met_count_checked": check.quotas_met,
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
        "bound": _round(check.bound),
        "gap": round(check.gap, 6),
        "least_shortfall_lp": check.least_shortfall,
        "quotas_jointly_feasible": check.jointly_feasible,
        "quotas_met_where_jointly_feasible": check.feasible_quotas_met,
        "quota_levels_optimal": check.levels_optimal,
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


def world_figures(world: World, grades: list[dict[int, int]]) -> dict[str, dict[str, Any]]:
    """The figures of the oracle and of the baseline: they depend on the world only (not on
    the search backend or the scorer), so one world measured on two backends computes them
    once."""
    oracle = {s.key: oracle_ranking(s, world.postings, world.today, KEEP) for s in world.seekers}
    baseline = baseline_rankings(
        world.seeker_records, world.posting_records, world.reference, world.today, KEEP
    )
    return {
        "oracle": ranking_figures(world, grades, oracle),
        "baseline": ranking_figures(world, grades, baseline),
    }


def comparisons(
    world: World,
    grades: list[dict[int, int]],
    output: PipelineOutput,
    policy: OrdinancePolicy,
    report: dict[str, Any],
    shared: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Oracle, baseline, negative controls, the assignment's gap and the bars. `shared` holds
    `world_figures` when they were computed already for this world."""
    shared = shared or world_figures(world, grades)
    oracle_figures, baseline = shared["oracle"], shared["baseline"]
    scored = candidates(world, output, policy)
    controls = {
        name: {**ranking_figures(world, grades, ranked)}
        for name, ranked in control_rankings(world, output, policy, scored).items()
    }
    for figures in controls.values():
        figures["fails_bar"] = fails_bar(figures, baseline["ndcg_at_10"] or 0.0)
    ndcg = report["ndcg_at_10"] or 0.0
    margin = ndcg - (baseline["ndcg_at_10"] or 0.0)
    assignment = report["assignment"]
    bars = {
        "ndcg_at_10": (ndcg, ndcg >= BARS["ndcg_at_10"]),
        "margin": (margin, margin >= BARS["margin"]),
        "recall_at_30": (
            report["recall_at_30"],
            (report["recall_at_30"] or 0.0) >= BARS["recall_at_30"],
        ),
        "cohort_parity": (
            report["cohort_parity"],
            (report["cohort_parity"] or 0.0) >= BARS["cohort_parity"],
        ),
        "hard_filter_violations": (
            report["hard_filter_violations"] + assignment["hard_filter_violations"],
            report["hard_filter_violations"] + assignment["hard_filter_violations"] == 0,
        ),
        "gap": (assignment["gap"], assignment["gap"] <= BARS["gap"]),
        "quotas_met_where_jointly_feasible": (
            assignment["quotas_met_where_jointly_feasible"],
            bool(assignment["quotas_met_where_jointly_feasible"]),
        ),
        "controls_fail": (
            all(c["fails_bar"] for c in controls.values()),
            all(c["fails_bar"] for c in controls.values()),
        ),
    }
    oracle_ndcg = oracle_figures["ndcg_at_10"]
    return {
        "oracle_ndcg_at_10": oracle_ndcg,
        "ndcg_share_of_oracle": _round(ndcg / oracle_ndcg) if oracle_ndcg else None,
        "oracle": oracle_figures,
        "baseline_ndcg_at_10": baseline["ndcg_at_10"],
        "baseline": baseline,
        "margin": _round(margin),
        "controls": controls,
        "gap": assignment["gap"],
        "seeds": [world.seed],
        "bars": {
            name: {"value": value, "bar": BARS.get(name), "pass": ok}
            for name, (value, ok) in bars.items()
        },
    }


SPREAD_KEYS = (
    "ndcg_at_10",
    "oracle_ndcg_at_10",
    "ndcg_share_of_oracle",
    "recall_at_30",
    "cohort_parity",
    "hard_filter_violations",
    "baseline_ndcg_at_10",
    "margin",
    "gap",
)


def _numeric(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _average(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Numbers averaged key by key (recursively), booleans all-true, others from the first."""
    first = reports[0]
    result: dict[str, Any] = {}
    for key, value in first.items():
        values = [r.get(key) for r in reports]
        if isinstance(value, dict) and all(isinstance(v, dict) for v in values):
            result[key] = _average(values)  # type: ignore[arg-type]
        elif isinstance(value, bool):
            result[key] = all(bool(v) for v in values)
        elif _numeric(value) and all(_numeric(v) for v in values):
            total = statistics.fmean(float(v) for v in values)  # type: ignore[arg-type]
            result[key] = round(total, 6) if key == "gap" else round(total, 4)
        else:
            result[key] = value
    return result


def aggregate(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """One report over several seeds (module docstring): means, spreads, and the seeds'."""
    summary = _average([{k: v for k, v in r.items() if k != "diagnostics"} for r in reports])
    summary["seeds"] = [r["seed"] for r in reports]
    summary["seed"] = None
    summary["spread"] = {}
    for key in SPREAD_KEYS:
        values = [float(r[key]) for r in reports if _numeric(r.get(key))]
        if values:
            summary["spread"][key] = {
                "min": round(min(values), 6),
                "max": round(max(values), 6),
                "sd": round(statistics.pstdev(values), 6),
            }
    # The bars over the seeds: on the mean (`pass`), and `every_seed` for each seed's own.
    for name, bar in summary["bars"].items():
        bar["every_seed"] = all(r["bars"][name]["pass"] for r in reports)
        if name in ("hard_filter_violations",):
            bar["pass"] = bar["value"] == 0
        elif name == "gap":
            bar["pass"] = bar["value"] <= BARS["gap"]
        elif name in BARS:
            bar["pass"] = bar["value"] >= BARS[name]
        else:
            bar["pass"] = bar["every_seed"]
    for name, control in summary["controls"].items():
        control["fails_bar"] = all(r["controls"][name]["fails_bar"] for r in reports)
    summary["per_seed"] = reports
    return summary


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
    return evaluate_backends(
        seed=seed,
        seekers=seekers,
        postings=postings,
        backends=(None,),
        diagnostics=diagnostics,
        progress=progress,
        policy=policy,
    )[0]


def evaluate_backends(
    *,
    seed: int,
    seekers: int,
    postings: int,
    backends: Sequence[str | None],
    diagnostics: bool = False,
    progress: Callable[[str], None] = lambda message: None,
    policy: OrdinancePolicy | None = None,
) -> list[dict[str, Any]]:
    """`evaluate` on each of `backends` (`embedded`, `elasticsearch`; None: the configured
    one), one report each, over one world: the world, its grades, the oracle and the baseline
    are computed once and shared (they depend on neither the backend nor the scorer), so each
    report measures exactly what `evaluate` on that backend alone would. Each report's
    `seconds` carry the shared phases too."""
    policy = policy or ordinance_policy_current()
    started = time.perf_counter()
    today = seoul_today()
    world = generate_world(seed=seed, seekers=seekers, postings=postings, today=today)
    grades = [seeker_grades(s, world.postings, today) for s in world.seekers]
    generated = round(time.perf_counter() - started, 2)
    progress(f"world of seed {seed}: {seekers} seekers, {postings} postings ({generated} s)")
    shared: dict[str, dict[str, Any]] | None = None
    shared_seconds = 0.0
    reports = []
    for kind in backends:
        output = run_pipeline(world, policy, progress, backend_kind=kind)
        report = measure(world, grades, output)
        report["policy_version"] = policy.version
        report["seconds"] = {"generate": generated, **output.seconds}
        if shared is None:
            started = time.perf_counter()
            shared = world_figures(world, grades)
            shared_seconds = round(time.perf_counter() - started, 2)
        report["seconds"]["oracle_and_baseline"] = shared_seconds
        started = time.perf_counter()
        report.update(comparisons(world, grades, output, policy, report, shared))
        report["seconds"]["comparisons"] = round(time.perf_counter() - started, 2)
        if diagnostics:
            started = time.perf_counter()
            report["diagnostics"] = diagnosis.diagnose(world, grades, output, policy)
            report["seconds"]["diagnostics"] = round(time.perf_counter() - started, 2)
        report["seconds"]["total"] = round(sum(report["seconds"].values()), 2)
        reports.append(report)
    return reports
