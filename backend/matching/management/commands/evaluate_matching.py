"""`manage.py evaluate_matching --seed 1 [--seekers 600 --postings 3000] [--json]`: matching
quality on synthetic data with planted ground truth (see `backend.matching.evaluation`).

`--seeds 11-15` (or `11,12,13`) runs several worlds and reports the mean and spread; seeds 1-3
are the tuning seeds, 11-15 the held-out ones the figures are quoted on.

`--backends embedded,elasticsearch` measures each world on both search backends (default: the
configured `SEARCH_BACKEND` only): the world, its grades, the oracle and the baseline are built
once per seed and shared, each backend gets its own throwaway index and its own report — one
table, or one JSON line, per backend, in the order given."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.matching.evaluation.report import COHORTS, aggregate, evaluate_backends
from backend.matching.evaluation.runner import EvaluationError
from search.backends.base import SearchUnavailableError

DEFAULT_SEEKERS = 600
DEFAULT_POSTINGS = 3000
MAX_SEEKERS = 20_000
MAX_POSTINGS = 100_000
BACKENDS = ("embedded", "elasticsearch")


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def parse_seeds(text: str) -> list[int]:
    """ "11-15" or "11,12,15" → the seeds; ValueError for anything else."""
    seeds: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            low, high = (int(x) for x in part.split("-", 1))
            if high < low:
                raise ValueError(part)
            seeds.extend(range(low, high + 1))
        else:
            seeds.append(int(part))
    if not seeds or min(seeds) < 0 or len(seeds) > 50:
        raise ValueError(text)
    return seeds


def _quiet(message: str) -> None:
    """Progress at verbosity 0: nothing."""


class Command(BaseCommand):
    help = (
        "Measure matching quality (NDCG@10, recall@30, hard-filter violations, cohort parity, "
        "assignment optimality and quotas) on a synthetic world with planted ground truth, "
        "using the configured search backend (SEARCH_BACKEND). Nothing is kept: rows are "
        "rolled back and the throwaway index is deleted. The default size (600 seekers x "
        "3,000 postings) takes about 1-3 minutes on two cores."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="world seed (default 1)")
        parser.add_argument(
            "--seekers", type=int, default=DEFAULT_SEEKERS, help=f"default {DEFAULT_SEEKERS}"
        )
        parser.add_argument(
            "--postings", type=int, default=DEFAULT_POSTINGS, help=f"default {DEFAULT_POSTINGS}"
        )
        parser.add_argument(
            "--seeds",
            default="",
            help='several seeds, "11-15" or "11,12,13": mean and spread (overrides --seed)',
        )
        parser.add_argument(
            "--backends",
            default="",
            help='search backends to measure each world on, e.g. "embedded,elasticsearch" '
            "(default: the configured SEARCH_BACKEND); one report per backend",
        )
        parser.add_argument(
            "--tune",
            default="",
            help='tune the score weights on these seeds (below 11, e.g. "1-3") and print them',
        )
        parser.add_argument(
            "--json", action="store_true", help="print the report as one JSON line, last"
        )
        parser.add_argument(
            "--diagnostics",
            action="store_true",
            help="also measure retrieval, per-component ablations and exhaustive scoring "
            "(slower: scores every posting for every seeker)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seekers, postings = options["seekers"], options["postings"]
        if not 1 <= seekers <= MAX_SEEKERS:
            raise CommandError(f"--seekers must be between 1 and {MAX_SEEKERS} (got {seekers})")
        if not 1 <= postings <= MAX_POSTINGS:
            raise CommandError(f"--postings must be between 1 and {MAX_POSTINGS} (got {postings})")
        if options["seed"] < 0:
            raise CommandError(f"--seed must be 0 or more (got {options['seed']})")
        verbose = options["verbosity"] > 0
        try:
            seeds = parse_seeds(options["seeds"]) if options["seeds"] else [options["seed"]]
        except ValueError:
            raise CommandError(
                f"--seeds must be like 11-15 or 11,12 (got {options['seeds']!r})"
            ) from None
        kinds: list[str | None] = [None]
        if options["backends"]:
            named = [k.strip() for k in options["backends"].split(",") if k.strip()]
            unknown = sorted(set(named) - set(BACKENDS))
            if unknown or not named or len(set(named)) != len(named):
                raise CommandError(
                    f"--backends must name {' and/or '.join(BACKENDS)}, each once "
                    f"(got {options['backends']!r})"
                )
            kinds = list(named)
        self.stderr.write(
            "search backend: " + ", ".join(kind or settings.SEARCH_BACKEND for kind in kinds)
        )
        if options["tune"]:
            self._tune(options["tune"], seekers, postings, verbose)
            return
        reports: list[list[dict[str, Any]]] = [[] for _ in kinds]
        try:
            for seed in seeds:
                found = evaluate_backends(
                    seed=seed,
                    seekers=seekers,
                    postings=postings,
                    backends=kinds,
                    diagnostics=options["diagnostics"],
                    progress=self._progress if verbose else _quiet,
                )
                for mine, report in zip(reports, found, strict=True):
                    mine.append(report)
                    if (len(seeds) > 1 or len(kinds) > 1) and verbose:
                        self._progress(self._seed_line(report))
        except (EvaluationError, SearchUnavailableError) as error:
            raise CommandError(str(error)) from None
        for mine in reports:
            report = mine[0] if len(mine) == 1 else aggregate(mine)
            if options["json"]:
                self.stdout.write(json.dumps(report, ensure_ascii=False, separators=(",", ":")))
            else:
                self._table(report)

    def _tune(self, text: str, seekers: int, postings: int, verbose: bool) -> None:
        from backend.matching.evaluation.tuning import tune
        from backend.matching.selectors import ordinance_policy_current

        try:
            seeds = parse_seeds(text)
            found = tune(
                seeds=seeds,
                seekers=seekers,
                postings=postings,
                policy=ordinance_policy_current(),
                progress=self._progress if verbose else _quiet,
            )
        except ValueError as error:
            raise CommandError(f"--tune: {error}") from None
        except (EvaluationError, SearchUnavailableError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(found, ensure_ascii=False, separators=(",", ":")))

    @staticmethod
    def _seed_line(report: dict[str, Any]) -> str:
        return (
            f"{report['backend']} seed {report['seed']}: "
            f"NDCG@10 {_fmt(report['ndcg_at_10'])} (oracle "
            f"{_fmt(report['oracle_ndcg_at_10'])}, baseline {_fmt(report['baseline_ndcg_at_10'])})"
            f", recall@30 {_fmt(report['recall_at_30'])}, parity {_fmt(report['cohort_parity'])}"
            f", violations {report['hard_filter_violations']}, gap {report['gap']}"
        )

    def _progress(self, message: str) -> None:
        # stderr, so that with --json the report stays the last line of stdout
        self.stderr.write(message)

    def _table(self, report: dict[str, Any]) -> None:
        write = self.stdout.write
        write(
            f"매칭 품질 평가 (matching evaluation) — backend {report['backend']}, seeds "
            f"{report['seeds']}, {report['seekers']} seekers x {report['postings']} postings, "
            f"policy v{report['policy_version']}, as of {report['as_of']}"
        )
        rows = [
            ("NDCG@10", report["ndcg_at_10"]),
            ("recall@30 (ideal = grade >= 2)", report["recall_at_30"]),
            ("hard-filter violations", report["hard_filter_violations"]),
            ("cohort parity (min/max NDCG)", report["cohort_parity"]),
        ]
        for label, value in rows:
            write(f"  {label:<34} {_fmt(value)}")
        write(f"  {'cohort':<12} {'NDCG@10':>9} {'recall@30':>10}")
        for cohort in COHORTS:
            write(
                f"  {cohort:<12} {_fmt(report['cohort_ndcg'][cohort]):>9} "
                f"{_fmt(report['cohort_recall_at_30'][cohort]):>10}"
            )
        write(f"  {'hard case':<20} {'seekers':>7} {'NDCG@10':>9} {'recall@30':>10}")
        for case, figures in report["hard_cases"].items():
            write(
                f"  {case:<20} {figures['seekers']:>7} {_fmt(figures['ndcg_at_10']):>9} "
                f"{_fmt(figures['recall_at_30']):>10}"
            )
        planted = report["planted"]
        write(
            f"  planted far-away good postings in top 30: {_fmt(planted['far_good_in_top_30'])} "
            f"of {planted['far_good']}; near-by bad ones in top 10: "
            f"{_fmt(planted['near_bad_in_top_10'])} of {planted['near_bad']}"
        )
        assignment = report["assignment"]
        write(
            f"  assignment: objective {_fmt(assignment['objective'])} / optimum "
            f"{_fmt(assignment['optimum'])} ({assignment['status']}), "
            f"{assignment['assigned']}/{assignment['seekers']} placed, quotas met "
            f"{assignment['quotas_met']} (feasible {assignment['quotas_feasible']}, "
            f"{assignment['quotas_met_count']}/{assignment['quotas']} met), mean true grade "
            f"{_fmt(assignment['mean_grade_assigned'])}"
        )
        write(
            f"  oracle NDCG@10 {_fmt(report['oracle_ndcg_at_10'])}, share of oracle "
            f"{_fmt(report['ndcg_share_of_oracle'])}; baseline (BM25 + distance) NDCG@10 "
            f"{_fmt(report['baseline_ndcg_at_10'])}, margin {_fmt(report['margin'])}; "
            f"assignment bound {_fmt(assignment['bound'])}, gap {assignment['gap']}"
        )
        for name, control in report["controls"].items():
            write(
                f"  control {name:<20} NDCG@10 {_fmt(control['ndcg_at_10'])} recall@30 "
                f"{_fmt(control['recall_at_30'])} fails the bar: {control['fails_bar']}"
            )
        for name, bar in report["bars"].items():
            write(
                f"  bar {name:<34} {_fmt(bar['value'])} (target {_fmt(bar['bar'])}): "
                f"{'pass' if bar['pass'] else 'FAIL'}"
            )
        if "spread" in report:
            write("  spread over the seeds: " + json.dumps(report["spread"]))
        write(f"  seconds: {report['seconds']}")
        if "diagnostics" in report:
            write("  diagnostics: " + json.dumps(report["diagnostics"], ensure_ascii=False))
