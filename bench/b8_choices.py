#!/usr/bin/env python
"""B8 probe — the scarce scenario's choices of quotas, and the flow with quota prices per choice.

Run by hand (pure Python + scipy + OR-tools, no server; ~2-4 minutes at full size):

    .venv/bin/python bench/b8_choices.py [--eligible-share 0.02 --rounds 40 --max-choices 40]

It measures the idea "enumerate every choice of quotas that reaches phase 1's optimum, solve
each fixed choice with the min-cost flow with quota prices, take the best" on B8's graph
(`bench/b8_assignment.py`'s `make_graph`, same flags and seed), one part at a time:

1. `peer`: OR-tools' min-cost flow without quotas (B8's peer), once.
2. `phase_1`: the "most quotas met" HiGHS solve of `assignment.py` (its Z* and U*).
3. `choices`: every choice of met quotas with Z* met and shortfall U*, by re-solving phase 1
   with a no-good cut Σ_{e ∈ M} z_e ≤ |M| − 1 for each choice M found (all choices have |M| =
   Z*), until HiGHS finds the model infeasible (or --max-choices). Each solve's seconds.
4. `max_score`: phase 2 with phase 1's choice fixed, by HiGHS (the step `max_score` of
   `assignment.py`): that choice's optimum score, for reference (skip: --no-milp).
5. `prices`: the flow with quota prices (`_flow_with_prices`' rule) for phase 1's choice M. For
   a fixed M the levels are exactly: a_e ≥ q_e for each e ∈ M, and ONE row over the quotas
   not met, Σ_{e ∉ M} a_e ≥ Σ_{e ∉ M} q_e − U* (least total shortfall; no e ∉ M can reach q_e
   in an assignment that meets M, or Z* would not be the most). So the prices are one per met
   quota plus one for the unmet group; the shortfall penalty is a constant (S − p·U*) and takes
   no part. Each round is one flow over every edge; recorded per round: the flow's score S,
   the Lagrangian bound S + Σ_g p_g (count_g − r_g) (a proved upper bound on the choice's
   optimum for every price vector ≥ 0), quotas short, quotas with a price above their need.
   The rule stops when no quota is short and only quotas met exactly carry a price (then the
   flow is that choice's optimum), or after --rounds.

Results: a summary on stdout and bench/results/b8_choices.json (load average at start and end).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import LinearConstraint
from scipy.sparse import csr_array, vstack

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from backend.matching import assignment  # noqa: E402
from bench.b8_assignment import flow_sample, machine_info, make_graph  # noqa: E402
from bench.b8_assignment import parse_args as b8_args  # noqa: E402

RESULTS = REPO / "bench" / "results" / "b8_choices.json"


def enumerate_choices(
    prepared: assignment.PreparedAssignment, max_choices: int
) -> tuple[dict[str, Any], np.ndarray]:
    """Phase 1, then every choice of met quotas at its optimum by no-good cuts."""
    graph, model = prepared.graph, prepared.levels_model
    assert model is not None
    active = np.flatnonzero(graph.required > 0)
    m = active.size
    counting = graph.counts & (graph.employer >= 0)
    n_counting = int(counting.sum())
    z_cols = n_counting + m + np.arange(m)
    x1, first = assignment._run_milp(model, "most_quotas_met", 600.0)
    chosen = np.zeros(graph.scores.size, dtype=bool)
    chosen[np.flatnonzero(counting)] = x1[:n_counting] > 0.5
    most_met, least_shortfall = assignment._levels(graph, chosen)
    optimum = float(model["c"] @ x1)
    rows: list[np.ndarray] = []
    found = [x1[z_cols] > 0.5]
    solves: list[float] = []
    complete = False
    base = model["constraints"]
    while len(found) < max_choices:
        cut = np.zeros(model["c"].size)
        cut[z_cols[found[-1]]] = 1.0
        rows.append(cut)
        constraints = LinearConstraint(
            vstack([base.A, csr_array(np.array(rows))]).tocsr(),
            np.concatenate([base.lb, np.full(len(rows), -np.inf)]),
            np.concatenate([base.ub, np.full(len(rows), most_met - 1.0)]),
        )
        started = time.perf_counter()
        try:
            x, _ = assignment._run_milp({**model, "constraints": constraints}, "enumerate", 600.0)
        except assignment.AssignmentError:  # infeasible: no other choice at the optimum
            solves.append(time.perf_counter() - started)
            complete = True
            break
        solves.append(time.perf_counter() - started)
        objective = float(model["c"] @ x)
        if objective > optimum + 0.5:  # worse than phase 1's optimum: no choice left
            complete = True
            break
        found.append(x[z_cols] > 0.5)
    choices = np.array(found)
    differ = np.flatnonzero(choices.any(axis=0) & ~choices.all(axis=0))
    return {
        "phase_1_s": first.seconds,
        "quotas": int(m),
        "most_met": most_met,
        "least_shortfall": least_shortfall,
        "choices": len(found),
        "complete": complete,
        "quotas_that_differ": differ.tolist(),
        "enumeration_s": sum(solves),
        "enumeration_solve_s": solves,
    }, choices


def fixed_choice_milp(
    prepared: assignment.PreparedAssignment, met: np.ndarray, least_shortfall: int
) -> dict[str, Any]:
    """Phase 2 with the choice `met` fixed (the `max_score` step of assignment.py)."""
    graph, model = prepared.graph, dict(prepared.model)
    n, m = graph.scores.size, met.size
    rows = model["constraints"]
    lower, upper = np.array(rows.lb, dtype=np.float64), np.array(rows.ub, dtype=np.float64)
    lower[-2], upper[-1] = met.sum(), least_shortfall
    model["constraints"] = LinearConstraint(rows.A, lower, upper)
    col_upper = np.asarray(model["bounds"].ub, dtype=np.float64) * np.ones(n + 2 * m)
    col_lower = np.zeros(n + 2 * m)
    col_lower[n + m :] = col_upper[n + m :] = met
    x, stats = assignment._run_milp(
        assignment._with_bounds(model, col_lower, col_upper), "max_score", 600.0
    )
    return {
        "status": stats.status,
        "seconds": stats.seconds,
        "score": float(graph.scores[x[:n] > 0.5].sum()),
        "dual_bound": stats.dual_bound,
        "nodes": stats.nodes,
    }


def price_search(graph: Any, met: np.ndarray, least_shortfall: int, rounds: int) -> dict[str, Any]:
    """`_flow_with_prices`' rule for one fixed choice: a price per met quota and one for the
    group of quotas not met (module docstring, part 5)."""
    from ortools.graph.python import min_cost_flow  # type: ignore[import-untyped]

    scale = assignment.FLOW_SCALE
    n, n_seekers, n_postings = graph.scores.size, graph.seekers.size, graph.capacities.size
    active = np.flatnonzero(graph.required > 0)
    m = active.size
    quota_row = np.full(graph.required.size + 1, -1, dtype=np.int64)
    quota_row[active] = np.arange(m)
    counted = np.where(graph.counts, quota_row[graph.employer], -1)
    required = graph.required[active]
    group_of = np.where(met, np.arange(m), m)  # quota → its group; unmet ones share group m
    edge_group = np.where(counted >= 0, group_of[np.maximum(counted, 0)], -1)
    need = np.zeros(m + 1, np.int64)
    need[:m] = np.where(met, required, 0)
    need[m] = int(required[~met].sum()) - least_shortfall
    priced = np.append(met, True)
    source, sink = 0, 1 + n_seekers + n_postings
    tails = np.concatenate(
        [
            np.zeros(n_seekers, np.int64),
            1 + graph.seeker_row,
            1 + n_seekers + np.arange(n_postings),
            np.array([source]),
        ]
    )
    heads = np.concatenate(
        [
            1 + np.arange(n_seekers),
            1 + n_seekers + graph.posting_row,
            np.full(n_postings, sink),
            np.array([sink]),
        ]
    )
    caps = np.concatenate(
        [np.ones(n_seekers + n, np.int64), graph.capacities.astype(np.int64), [n_seekers]]
    )
    base = -np.rint(graph.scores * scale).astype(np.int64)
    price = np.zeros(m + 1, np.int64)
    step = np.full(m + 1, assignment.FLOW_PRICE_STEP, np.int64)
    previous = None
    history: list[dict[str, Any]] = []
    converged = False
    started = time.perf_counter()
    for _ in range(rounds):
        round_started = time.perf_counter()
        bonus = np.append(price, 0)[edge_group]  # edge_group −1 (no quota): the 0 at the end
        costs = np.concatenate(
            [np.zeros(n_seekers, np.int64), base - bonus, np.zeros(n_postings + 1, np.int64)]
        )
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        flow.set_node_supply(source, n_seekers)
        flow.set_node_supply(sink, -n_seekers)
        assert flow.solve() == flow.OPTIMAL
        chosen = flow.flows(arcs[n_seekers : n_seekers + n]) > 0
        got = np.bincount(edge_group[chosen & (edge_group >= 0)], minlength=m + 1)
        short = priced & (got < need)
        spare = priced & (got > need) & (price > 0)
        score = float(graph.scores[chosen].sum())
        bound = score + float((price * (got - need))[priced].sum()) / scale
        history.append(
            {
                "seconds": time.perf_counter() - round_started,
                "score": score,
                "lagrangian_bound": bound,
                "short": int(short.sum()),
                "priced_above_need": int(spare.sum()),
                "unmet_group_price": float(price[m]) / scale,
            }
        )
        if not short.any() and not spare.any():
            converged = True
            break
        sign = np.sign(need - got)
        if previous is not None:
            step = np.where(sign * previous < 0, np.maximum(step // 2, 1), step)
        previous = sign
        price = np.where(priced, np.maximum(price + step * (need - got), 0), 0)
    return {
        "rounds": len(history),
        "converged": converged,
        "seconds": time.perf_counter() - started,
        "best_bound": min(h["lagrangian_bound"] for h in history),
        "history": history,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eligible-share", type=float, default=0.02)
    parser.add_argument("--rounds", type=int, default=40, help="flows of the price search")
    parser.add_argument("--max-choices", type=int, default=40)
    parser.add_argument("--no-milp", action="store_true", help="skip the fixed-choice HiGHS solve")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args, rest = parser.parse_known_args(argv)
    graph_args = b8_args(rest)  # --seekers, --postings, --seed … as B8
    report: dict[str, Any] = {
        "benchmark": "B8 probe: choices of quotas and prices per choice",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "method": (__doc__ or "").split("\n\n", 2)[2].split("Results:")[0].strip(),
    }
    problem, stats = make_graph(graph_args, args.eligible_share)
    report["graph"] = {**stats, "eligible_share": args.eligible_share}
    report["peer"] = flow_sample(problem)
    prepared = assignment.prepare_assignment(problem)
    report["choices"], choices = enumerate_choices(prepared, args.max_choices)
    least_shortfall = report["choices"]["least_shortfall"]
    if not args.no_milp and report["choices"]["quotas"]:
        report["max_score"] = fixed_choice_milp(
            prepared, choices[0].astype(np.float64), least_shortfall
        )
    report["prices"] = price_search(prepared.graph, choices[0], least_shortfall, args.rounds)
    report["machine"]["loadavg_at_end"] = os.getloadavg()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    flow_s = report["peer"]["total_s"]
    c, p = report["choices"], report["prices"]
    print(f"peer flow {flow_s:.2f} s; phase 1 {c['phase_1_s']:.2f} s: {c['most_met']} met, U* =")
    print(f"  {c['least_shortfall']}; {c['choices']} choices (complete: {c['complete']}) in")
    print(f"  {c['enumeration_s']:.1f} s ({c['enumeration_s'] / flow_s:.0f}× the flow)")
    if "max_score" in report:
        ms = report["max_score"]
        print(f"fixed choice by HiGHS: {ms['score']:.4f} in {ms['seconds']:.1f} s")
    print(f"prices: {p['rounds']} flows in {p['seconds']:.1f} s, converged {p['converged']},")
    print(f"  best bound {p['best_bound']:.4f}; results: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
