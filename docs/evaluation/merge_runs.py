"""Merge `evaluate_matching --json` outputs of several runs (e.g. seeds split over processes)
into one report per backend, as one `--seeds 11-15 --backends …` run would print it.

    DEBUG=true .venv/bin/python docs/evaluation/merge_runs.py a.jsonl b.jsonl > merged.jsonl

Each input line is a report (one seed) or an aggregate (with `per_seed`); the seeds' own
reports are regrouped by backend, ordered by seed and aggregated by `report.aggregate`.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

sys.path.insert(0, os.getcwd())


def main(paths: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from backend.matching.evaluation.report import aggregate

    by_backend: dict[str, dict[int, dict[str, Any]]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                report = json.loads(line)
                for one in report.get("per_seed") or [report]:
                    by_backend.setdefault(one["backend"], {})[one["seed"]] = one
    for backend in sorted(by_backend, key=lambda b: b != "embedded"):
        seeds = by_backend[backend]
        reports = [seeds[s] for s in sorted(seeds)]
        merged = reports[0] if len(reports) == 1 else aggregate(reports)
        print(json.dumps(merged, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1:])
