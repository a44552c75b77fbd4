#!/usr/bin/env python
"""B8 — the city-wide assignment solver (`backend/matching/assignment.py`) against bare HiGHS.

Run by hand (pure Python + scipy, no server):

    .venv/bin/python bench/b8_assignment.py [--seekers 20000 --postings 4000 --per-seeker 50]

Method.

Graph (deterministic by --seed). 19 dong centres on a 16 × 12 km plane (Siheung's 19 dongs),
each with a population weight. Employers (--employers, 150) get a home dong and a size drawn
from a Zipf-like law; postings (--postings, 4,000) are spread over employers by size and placed
within ~0.8 km of their employer, with capacity uniform 1..7 and a log-normal popularity.
Seekers (--seekers, 20,000) live in a dong by population (± 1.2 km). Eligible graduates are
drawn from the dongs of the specialised high schools three times as often. Each seeker gets
--per-seeker (50) distinct postings sampled without replacement with weight
popularity × exp(−distance / 4 km) (Gumbel top-k), so popular, near postings collect
most edges. Score = 0.9 × (0.45 fit + 0.30 commute + 0.25 seeker quality) + 0.1 × ordinance,
the weighted-mean shape of DESIGN.md (fit ~ Beta(2, 2.5) per edge, quality ~ Beta(5, 3) per
seeker, commute = exp(−d / 5 km), ordinance = 1 for an eligible graduate at a covered
employer). --covered-share (30%) of the employers are covered, target share 0.20.

Scenarios (--eligible-shares, one graph each, same seed): 15% of the seekers eligible (the
headline: the quotas barely bind, an assignment that ignored them would meet most) and 2%
(scarce graduates: the quotas bind hard and cannot all be met, so the lexicographic part works:
shortfall > 0, graduates fought over by several covered employers).

Measured for each formulation (--formulations, default both), in --repeat rounds (default 3;
each round takes one sample of each, interleaved, so that a change of load hits all alike):
  (a) bare: `prepare_assignment` (untimed here: validation, indexing, matrices), then
      `solve_bare`: the solver calls alone on the prebuilt matrices (two_phase: the phase-1 HiGHS
      solve of the quota levels, then the min-cost flow with quota prices when every quota can
      be met, else the phase-2 HiGHS steps; big_penalty: one HiGHS solve).
  (b) end to end: `solve_assignment(problem)` from the tuple of `Edge` objects (validation,
      indexing, matrices, the solver calls, the per-quota feasibility flow, decoding), then
      `store(result)`: with `--store db` (what `make bench` runs) the match run service's
      `runs.assignment_store` writing one `Assignment` row per seeker (~20k, with reasons) to a
      fresh PostgreSQL database (bench/b8_store.py; its rows are set up untimed); with
      `--store none` nothing (the solver alone).
  (c) the peer: OR-tools' `SimpleMinCostFlow` (a network simplex / cost-scaling solver in
      C++) on the same graph WITHOUT quotas (source → seeker cap 1, seeker → posting cap 1 at
      cost −round(score × 10⁶), posting → sink cap = openings, plus a free source → sink arc
      so a seeker may stay unassigned): timed from the tuple of `Edge` objects (arrays, arcs,
      solve, reading the flows) and its solve alone. --no-flow skips it.
  ratio = median (b) ÷ median (a), aim ≤ 2; flow ratio = median (b) ÷ median (c), aim ≤ 10
  (what the quotas and our stack cost against the bare flow a user could pick instead).
  Making the `Edge` objects (what the ORM read will produce) is timed apart and excluded from
  (a) and (b). A reference solve of the same graph without
  quotas (--no-reference skips it) shows how much the quotas bind: the score they cost and how
  many of them an assignment that ignores them would meet anyway.

Also recorded: HiGHS status, gap, dual bound and node count per solve; objective, shortfall and
quota outcomes; the HiGHS options; peak RSS (ru_maxrss of this process, HiGHS included) after
the graph and at the end; the load average at the start and end (the machine may be shared).
Results: a table on stdout and bench/results/b8_assignment.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from backend.matching.assignment import (  # noqa: E402
    HIGHS_OPTIONS,
    AssignmentProblem,
    AssignmentResult,
    Edge,
    Formulation,
    Quota,
    prepare_assignment,
    solve_assignment,
    solve_bare,
)

RESULTS = REPO / "bench" / "results" / "b8_assignment.json"
FORMULATIONS: tuple[Formulation, ...] = ("two_phase", "big_penalty")
DONGS = 19
SCHOOL_DONGS = (2, 7, 11)  # dongs of the specialised high schools (특성화고)
TARGET_SHARE = 0.20
CHUNK = 1000  # seekers per block when sampling edges (a block × postings matrix of floats)

Store = Callable[[AssignmentResult], None]


def store_nothing(result: AssignmentResult) -> None:
    """`--store none`: time the solver alone (no database)."""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_mb() -> float:
    """The resident set now (Linux /proc), to subtract the interpreter and libraries."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_estimate(scenario: dict[str, Any], budget_mb: float = 8192.0) -> dict[str, Any]:
    """Peak RSS growth per edge of this scenario, and the edges that would fit in `budget_mb`
    (linear extrapolation; the servers beside it need their own share of the 8 GB)."""
    edges = scenario["graph"]["edges"]
    grown = scenario["peak_rss_mb"] - scenario["rss_before_graph_mb"]
    per_edge_kb = grown * 1024 / edges
    fit = (budget_mb - scenario["rss_before_graph_mb"]) * 1024 / per_edge_kb
    return {
        "rss_before_graph_mb": scenario["rss_before_graph_mb"],
        "peak_rss_mb": scenario["peak_rss_mb"],
        "kb_per_edge": per_edge_kb,
        "budget_mb": budget_mb,
        "edges_that_fit": int(fit),
        "seekers_that_fit_at_this_degree": int(fit / (edges / scenario["graph"]["seekers"])),
    }


def make_graph(
    args: argparse.Namespace, eligible_share: float
) -> tuple[AssignmentProblem, dict[str, Any]]:
    """The synthetic city (module docstring), as the problem the run service would build."""
    rng = np.random.default_rng(args.seed)
    centres = rng.uniform((0, 0), (16, 12), size=(DONGS, 2))
    population = rng.lognormal(0, 0.5, DONGS)
    population /= population.sum()

    size = 1 / np.arange(1, args.employers + 1) ** 0.8
    employer_home = centres[rng.choice(DONGS, args.employers)]
    owner = rng.choice(args.employers, args.postings, p=size / size.sum())
    posting_xy = employer_home[owner] + rng.normal(0, 0.8, (args.postings, 2))
    capacity = rng.integers(1, 8, args.postings)
    popularity = rng.lognormal(0, 0.8, args.postings)

    eligible = rng.random(args.seekers) < eligible_share
    graduate_dong_weight = population.copy()
    graduate_dong_weight[list(SCHOOL_DONGS)] *= 3
    dong = np.where(
        eligible,
        rng.choice(DONGS, args.seekers, p=graduate_dong_weight / graduate_dong_weight.sum()),
        rng.choice(DONGS, args.seekers, p=population),
    )
    seeker_xy = centres[dong] + rng.normal(0, 1.2, (args.seekers, 2))
    quality = rng.beta(5, 3, args.seekers)
    covered = rng.random(args.employers) < args.covered_share

    seeker_of, posting_of, distance_of = [], [], []
    log_popularity = np.log(popularity)
    for start in range(0, args.seekers, CHUNK):
        block = seeker_xy[start : start + CHUNK]
        distance = np.linalg.norm(block[:, None, :] - posting_xy[None, :, :], axis=2)
        keys = log_popularity - distance / 4.0 + rng.gumbel(size=distance.shape)
        top = np.argpartition(-keys, args.per_seeker - 1, axis=1)[:, : args.per_seeker]
        seeker_of.append(np.repeat(np.arange(start, start + len(block)), args.per_seeker))
        posting_of.append(top.ravel())
        distance_of.append(np.take_along_axis(distance, top, axis=1).ravel())
    seekers, postings = np.concatenate(seeker_of), np.concatenate(posting_of)
    distance = np.concatenate(distance_of)
    ordinance = eligible[seekers] & covered[owner[postings]]
    blend = 0.45 * rng.beta(2, 2.5, seekers.size) + 0.30 * np.exp(-distance / 5.0)
    scores = 0.9 * (blend + 0.25 * quality[seekers]) + 0.1 * ordinance

    started = time.perf_counter()
    edges = tuple(
        Edge(s, p, c)
        for s, p, c in zip(seekers.tolist(), postings.tolist(), scores.tolist(), strict=True)
    )
    edge_seconds = time.perf_counter() - started
    graduates = frozenset(np.flatnonzero(eligible).tolist())
    quotas = tuple(
        Quota(int(e), tuple(np.flatnonzero(owner == e).tolist()), TARGET_SHARE, graduates)
        for e in np.flatnonzero(covered)
        if (owner == e).any()
    )
    problem = AssignmentProblem(
        edges=edges,
        capacities=dict(enumerate(capacity.tolist())),
        quotas=quotas,
        shortfall_penalty=0.5,
        time_limit_s=args.time_limit,
    )
    stats = {
        "seekers": args.seekers,
        "postings": args.postings,
        "edges": len(edges),
        "slots": int(capacity.sum()),
        "employers": args.employers,
        "covered_employers": len(quotas),
        "covered_slots": int(capacity[covered[owner]].sum()),
        "eligible_seekers": len(graduates),
        "score_quantiles": dict(
            zip(
                ("p5", "p50", "p95"),
                np.quantile(scores, [0.05, 0.5, 0.95]).round(4).tolist(),
                strict=True,
            )
        ),
        "edge_objects_s": edge_seconds,
    }
    return problem, stats


def flow_sample(problem: AssignmentProblem) -> dict[str, Any]:
    """(c) the peer: OR-tools' min-cost flow on the same edges without quotas."""
    from ortools.graph.python import min_cost_flow  # type: ignore[import-untyped]

    started = time.perf_counter()
    seekers = np.fromiter((e.seeker_id for e in problem.edges), np.int64, len(problem.edges))
    postings = np.fromiter((e.posting_id for e in problem.edges), np.int64, len(problem.edges))
    scores = np.fromiter((e.score for e in problem.edges), np.float64, len(problem.edges))
    seeker_ids, seeker_index = np.unique(seekers, return_inverse=True)
    posting_ids, posting_index = np.unique(postings, return_inverse=True)
    n_seekers, n_postings = len(seeker_ids), len(posting_ids)
    source, sink = 0, 1 + n_seekers + n_postings
    capacity = np.array([problem.capacities[int(p)] for p in posting_ids], np.int64)
    tails = np.concatenate(
        [
            np.zeros(n_seekers, np.int64),
            1 + seeker_index,
            1 + n_seekers + np.arange(n_postings),
            [source],
        ]
    )
    heads = np.concatenate(
        [
            1 + np.arange(n_seekers),
            1 + n_seekers + posting_index,
            np.full(n_postings, sink),
            [sink],
        ]
    )
    capacities = np.concatenate(
        [np.ones(n_seekers, np.int64), np.ones(len(scores), np.int64), capacity, [n_seekers]]
    )
    costs = np.concatenate(
        [
            np.zeros(n_seekers, np.int64),
            -np.rint(scores * 1e6).astype(np.int64),
            np.zeros(n_postings + 1, np.int64),
        ]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_node_supply(source, n_seekers)
    flow.set_node_supply(sink, -n_seekers)
    built = time.perf_counter()
    status = flow.solve()
    solved = time.perf_counter()
    edge_arcs = arcs[n_seekers : n_seekers + len(scores)]
    chosen = flow.flows(edge_arcs) > 0
    total_score = float(scores[chosen].sum())
    finished = time.perf_counter()
    return {
        "total_s": finished - started,
        "build_s": built - started,
        "solve_s": solved - built,
        "status": "optimal" if status == flow.OPTIMAL else str(status),
        "pairs": int(chosen.sum()),
        "total_score": total_score,
        "arcs": len(tails),
    }


def summarise(result: AssignmentResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "objective": result.objective,
        "optimum": result.optimum,
        "total_score": result.total_score,
        "shortfall": result.shortfall,
        "pairs": len(result.pairs),
        "unassigned": len(result.unassigned),
        "quota_required": sum(q.required for q in result.quotas),
        "quotas_met": sum(q.met for q in result.quotas),
        "quotas_unmet_feasible": sum(q.feasible and not q.met for q in result.quotas),
        "quotas_infeasible": sum(not q.feasible for q in result.quotas),
        "solve_s": result.solve_seconds,
        "build_s": result.build_seconds,
        "solves": [asdict(s) for s in result.solves],
    }


def bare_sample(problem: AssignmentProblem, formulation: Formulation) -> dict[str, Any]:
    """(a) the solver calls alone, on matrices prepared beforehand (untimed)."""
    prepared = prepare_assignment(problem, formulation=formulation)
    started = time.perf_counter()
    objective = solve_bare(prepared)
    return {
        "solve_s": time.perf_counter() - started,
        "prepare_s_untimed": prepared.build_seconds,
        "objective": objective,
    }


def end_to_end_sample(
    problem: AssignmentProblem, formulation: Formulation, store: Store
) -> tuple[dict[str, Any], AssignmentResult]:
    """(b) `solve_assignment` from the Edge objects, then `store`."""
    started = time.perf_counter()
    result = solve_assignment(problem, formulation=formulation)
    solved = time.perf_counter()
    store(result)
    finished = time.perf_counter()
    sample = {
        "total_s": finished - started,
        "solve_assignment_s": solved - started,
        "store_s": finished - solved,
        "solve_s": result.solve_seconds,
        "build_s": result.build_seconds,
    }
    return sample, result


def quota_effect(problem: AssignmentProblem, with_quotas: AssignmentResult) -> dict[str, Any]:
    """The same graph solved without quotas: what the quotas cost and how many they change."""
    plain = solve_assignment(replace(problem, quotas=()))
    hires: Counter[int] = Counter()
    owner = {p: q for q in problem.quotas for p in q.posting_ids}
    for edge in plain.pairs:
        quota = owner.get(edge.posting_id)
        if quota is not None and edge.seeker_id in quota.eligible_seeker_ids:
            hires[quota.employer_id] += 1
    return {
        "status": plain.status,
        "total_score": plain.total_score,
        "score_given_up_for_quotas": plain.total_score - with_quotas.total_score,
        "quotas_met_without_quotas": sum(
            hires[o.employer_id] >= o.required for o in with_quotas.quotas
        ),
        "solve_s": plain.solve_seconds,
    }


def measure(
    problem: AssignmentProblem,
    formulations: list[Formulation],
    repeat: int,
    store: Store,
    with_flow: bool = True,
) -> tuple[dict[str, Any], dict[str, AssignmentResult]]:
    """`repeat` rounds; each round takes one bare and one end-to-end sample of every
    formulation and one sample of the flow peer, interleaved so that a change of machine
    load hits all of them alike."""
    bare: dict[str, list[dict[str, Any]]] = {f: [] for f in formulations}
    end_to_end: dict[str, list[dict[str, Any]]] = {f: [] for f in formulations}
    results: dict[str, AssignmentResult] = {}
    flows: list[dict[str, Any]] = []
    for round_ in range(1, repeat + 1):
        if with_flow:
            flows.append(flow_sample(problem))
            print(
                f"b8: round {round_}/{repeat} min-cost flow (no quotas): "
                f"{flows[-1]['total_s']:.2f} s (solve {flows[-1]['solve_s']:.2f} s)",
                flush=True,
            )
        for formulation in formulations:
            bare[formulation].append(bare_sample(problem, formulation))
            sample, results[formulation] = end_to_end_sample(problem, formulation, store)
            end_to_end[formulation].append(sample)
            print(
                f"b8: round {round_}/{repeat} {formulation}: bare "
                f"{bare[formulation][-1]['solve_s']:.1f} s, end to end {sample['total_s']:.1f} s",
                flush=True,
            )
    report: dict[str, Any] = {}
    flow_s = statistics.median(f["total_s"] for f in flows) if flows else None
    for formulation in formulations:
        bare_s = statistics.median(b["solve_s"] for b in bare[formulation])
        total_s = statistics.median(e["total_s"] for e in end_to_end[formulation])
        report[formulation] = {
            "bare_median_s": bare_s,
            "end_to_end_median_s": total_s,
            "ratio": total_s / bare_s if bare_s else None,
            "flow_median_s": flow_s,
            "ratio_to_flow": total_s / flow_s if flow_s else None,
            "bare": bare[formulation],
            "end_to_end": end_to_end[formulation],
            "result": summarise(results[formulation]),
        }
    if flows:
        report["min_cost_flow"] = {
            "peer": "ortools.graph.python.min_cost_flow.SimpleMinCostFlow, no quotas",
            "median_s": flow_s,
            "solve_median_s": statistics.median(f["solve_s"] for f in flows),
            "samples": flows,
        }
    return report, results


def machine_info() -> dict[str, Any]:
    return {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "scipy": metadata.version("scipy"),
        "numpy": metadata.version("numpy"),
        "loadavg_at_start": os.getloadavg(),
    }


def print_table(report: dict[str, Any]) -> None:
    header = (
        f"{'formulation':<13}{'bare s':>8}{'e2e s':>8}{'ratio':>7}{'status':>9}{'gap':>8}"
        f"{'objective':>12}{'shortfall':>10}{'met/unmet/inf':>15}{'nodes':>7}"
    )
    for scenario in report["scenarios"]:
        graph = scenario["graph"]
        print()
        print(
            f"B8 assignment — {graph['seekers']:,} seekers ({graph['eligible_seekers']:,} "
            f"eligible), {graph['postings']:,} postings ({graph['slots']:,} slots), "
            f"{graph['edges']:,} edges, {graph['covered_employers']} quotas; "
            f"medians of {report['repeat']} rounds"
        )
        print(header)
        print("-" * len(header))
        for name, run in scenario["formulations"].items():
            result = run["result"]
            nodes = sum(s["nodes"] for s in result["solves"])
            gap = max(s["mip_gap"] for s in result["solves"])
            quotas = (
                f"{result['quotas_met']}/{result['quotas_unmet_feasible']}"
                f"/{result['quotas_infeasible']}"
            )
            print(
                f"{name:<13}{run['bare_median_s']:>8.1f}{run['end_to_end_median_s']:>8.1f}"
                f"{run['ratio']:>7.2f}{result['status']:>9}{gap:>8.1e}"
                f"{result['objective']:>12.3f}{result['shortfall']:>10}{quotas:>15}{nodes:>7}"
            )
        effect = scenario.get("without_quotas")
        if effect:
            print(
                f"without quotas: score {effect['total_score']:.3f} "
                f"(+{effect['score_given_up_for_quotas']:.3f}), "
                f"{effect['quotas_met_without_quotas']} of {graph['covered_employers']} "
                "quotas met"
            )
        flow = scenario.get("min_cost_flow")
        if flow:
            print(
                f"peer: OR-tools min-cost flow without quotas {flow['median_s']:.2f} s "
                f"(solve {flow['solve_median_s']:.2f} s); end to end ÷ flow: "
                + ", ".join(
                    f"{name} {run['ratio_to_flow']:.1f}×"
                    for name, run in scenario["formulations"].items()
                )
            )
        memory = scenario["memory"]
        print(
            f"peak RSS so far {scenario['peak_rss_mb']:.0f} MB "
            f"({memory['kb_per_edge']:.2f} KB per edge over {memory['rss_before_graph_mb']:.0f} "
            f"MB before the graph: ~{memory['edges_that_fit']:,} edges in 8 GB)"
        )
    machine = report["machine"]
    print()
    print(
        f"load average at start {machine['loadavg_at_start']}, at end {machine['loadavg_at_end']}"
    )
    print(f"total {report['total_s']:.0f} s; results: {report['output']}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seekers", type=int, default=20_000)
    parser.add_argument("--postings", type=int, default=4_000)
    parser.add_argument("--per-seeker", type=int, default=50, help="candidate edges per seeker")
    parser.add_argument("--employers", type=int, default=150)
    parser.add_argument("--covered-share", type=float, default=0.30)
    parser.add_argument(
        "--eligible-shares",
        default="0.15,0.02",
        help="one scenario per share of eligible graduates (the first is the headline)",
    )
    parser.add_argument("--time-limit", type=float, default=600.0, help="per solve_assignment")
    parser.add_argument("--formulations", default=",".join(FORMULATIONS))
    parser.add_argument("--repeat", type=int, default=3, help="rounds of samples (medians)")
    parser.add_argument("--no-reference", action="store_true", help="skip the solve without quotas")
    parser.add_argument("--no-flow", action="store_true", help="skip the min-cost-flow peer")
    parser.add_argument(
        "--store",
        choices=("none", "db"),
        default="none",
        help="db: time the match run's assignment_store on a fresh PostgreSQL database "
        "(needs DATABASE_URL; bench/b8_store.py)",
    )
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str], store: Store = store_nothing) -> int:
    """Run B8; `store` is called with each end-to-end result and timed as part of it."""
    args = parse_args(argv)
    requested = {f for f in args.formulations.split(",") if f}
    formulations = [f for f in FORMULATIONS if f in requested]
    shares = [float(share) for share in args.eligible_shares.split(",") if share]
    if not requested <= set(FORMULATIONS) or args.repeat < 1 or not shares:
        print(f"formulations must be among {FORMULATIONS}; --repeat ≥ 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    report: dict[str, Any] = {
        "benchmark": "B8 assignment",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "seed": args.seed,
        "repeat": args.repeat,
        "store": getattr(store, "__qualname__", repr(store)),
        "highs_options": HIGHS_OPTIONS,
        "method": (__doc__ or "").split("Method.", 1)[1].split("Also recorded", 1)[0].strip(),
    }
    report["scenarios"] = []
    for eligible_share in shares:
        print(f"b8: generating the graph (eligible share {eligible_share}) …", flush=True)
        generated = time.perf_counter()
        rss_before = rss_mb()
        problem, graph = make_graph(args, eligible_share)
        graph["generate_s"] = time.perf_counter() - generated
        scenario: dict[str, Any] = {
            "eligible_share": eligible_share,
            "graph": graph,
            "rss_before_graph_mb": rss_before,
        }
        database = None
        if args.store == "db":
            from bench.b8_store import DatabaseStore

            database = DatabaseStore(problem)
            store = database
            report["store"] = DatabaseStore.__qualname__
        try:
            scenario["formulations"], results = measure(
                problem, formulations, args.repeat, store, with_flow=not args.no_flow
            )
            flow = scenario["formulations"].pop("min_cost_flow", None)
            if flow is not None:
                scenario["min_cost_flow"] = flow
        finally:
            if database is not None:
                database.close()
        if not args.no_reference:
            print("b8: reference solve without quotas …", flush=True)
            scenario["without_quotas"] = quota_effect(problem, results[formulations[0]])
        scenario["peak_rss_mb"] = peak_rss_mb()
        scenario["memory"] = memory_estimate(scenario)
        report["scenarios"].append(scenario)
        del problem, results
    report["machine"]["loadavg_at_end"] = os.getloadavg()
    report["total_s"] = time.perf_counter() - started
    report["output"] = str(args.output)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, default=str, ensure_ascii=False) + "\n")
    print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
