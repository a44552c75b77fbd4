"""Where ranking quality is lost: retrieval or scoring (`evaluate_matching --diagnostics`).

- `retrieval`: how many postings the search returned per seeker; `recall_at_30_bound`, the
  recall@30 a perfect re-ranker of the retrieved postings would reach; `ideal_retrieved`, the
  share of all ideal postings retrieved; `oracle_ndcg_at_10`, NDCG@10 of the retrieved postings
  sorted by their true grade (the best any scorer can do after this retrieval).
- `reweighted`: the retrieved postings re-ranked with one component's weight set to 0 (the
  rest renormalized, as `scoring.match` does), to see what each component contributes;
  `as_is` must equal the pipeline's figures (a check that the re-ranking is faithful).
- `exhaustive`: every indexed posting scored for every seeker, no retrieval — what the scorer
  does on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.matching.evaluation.generator import World
from backend.matching.evaluation.metrics import mean, ndcg_at_k, parity, recall_at_k
from backend.matching.evaluation.runner import PipelineOutput
from backend.matching.evaluation.world_model import IDEAL_GRADE
from backend.matching.facts import posting_side, seeker_side
from backend.matching.models import OrdinancePolicy
from backend.matching.recommend import KEEP, RETRIEVE
from backend.matching.scoring import COMPONENTS, Match, PostingSide, SeekerSide, match

COHORTS = ("graduate", "returner", "senior")


def _summary(
    world: World, grades: list[dict[int, int]], ranked: Mapping[int, list[int]]
) -> dict[str, Any]:
    ndcg: dict[int, float | None] = {}
    recall: dict[int, float | None] = {}
    for seeker in world.seekers:
        mine = grades[seeker.key]
        ideal = {p for p, g in mine.items() if g >= IDEAL_GRADE}
        keys = ranked[seeker.key]
        ndcg[seeker.key] = ndcg_at_k([mine.get(p, 0) for p in keys], mine.values(), 10)
        recall[seeker.key] = recall_at_k(keys, ideal, 30)
    cohorts = {c: mean(ndcg[s.key] for s in world.seekers if s.cohort == c) for c in COHORTS}
    return {
        "ndcg_at_10": _r(mean(ndcg.values())),
        "recall_at_30": _r(mean(recall.values())),
        "cohort_ndcg": {c: _r(v) for c, v in cohorts.items()},
        "cohort_parity": _r(parity(cohorts)),
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _rank(matches: list[Match], weights: Mapping[str, float], limit: int) -> list[Match]:
    total = sum(weights[c] for c in COMPONENTS)

    def score(m: Match) -> float:
        value = sum(weights[c] * m.components[c] for c in COMPONENTS) / total if total else 0.0
        return round(min(1.0, max(0.0, value)), 4)

    ordered = sorted(matches, key=lambda m: (-score(m), m.distance_km, m.posting_id))
    return ordered[:limit]


def diagnose(
    world: World, grades: list[dict[int, int]], output: PipelineOutput, policy: OrdinancePolicy
) -> dict[str, Any]:
    """The diagnostics of the module docstring for one pipeline run."""
    document = policy.document
    weights: dict[str, float] = {c: float(document["score_weights"][c]) for c in COMPONENTS}
    seekers: dict[int, SeekerSide] = {
        key: seeker_side(profile, document, this_year=world.today.year)
        for key, profile in output.profiles.items()
    }
    postings: dict[int, PostingSide] = {
        key: posting_side(doc, document) for key, doc in output.documents.items()
    }

    # Retrieval.
    bounds, shares, oracle = [], [0, 0], []
    for seeker in world.seekers:
        mine = grades[seeker.key]
        ideal = {p for p, g in mine.items() if g >= IDEAL_GRADE}
        got = output.retrieved[seeker.key]
        found = len(ideal.intersection(got))
        shares[0] += found
        shares[1] += len(ideal)
        if ideal:
            bounds.append(min(found, 30) / min(len(ideal), 30))
        best = sorted(got, key=lambda p: -mine.get(p, 0))
        oracle.append(ndcg_at_k([mine.get(p, 0) for p in best], mine.values(), 10))
    retrieval = {
        "mean_retrieved": _r(mean(float(len(v)) for v in output.retrieved.values())),
        "at_limit_share": _r(mean(float(len(v) >= RETRIEVE) for v in output.retrieved.values())),
        "recall_at_30_bound": _r(mean(bounds)),
        "ideal_retrieved": _r(shares[0] / shares[1] if shares[1] else None),
        "oracle_ndcg_at_10": _r(mean(oracle)),
    }

    # Re-weighting the retrieved postings' components.
    scored: dict[int, list[Match]] = {}
    for seeker in world.seekers:
        side = seekers[seeker.key]
        pairs = (
            match(side, postings[p], weights, world.today) for p in output.retrieved[seeker.key]
        )
        scored[seeker.key] = [m for m in pairs if m is not None]
    variants = {"as_is": weights} | {
        f"without_{c}": {**weights, c: 0.0} for c in COMPONENTS if weights[c] > 0
    }
    reweighted = {}
    for name, variant in variants.items():
        ranked = {
            key: [output.posting_key[m.posting_id] for m in _rank(matches, variant, KEEP)]
            for key, matches in scored.items()
        }
        reweighted[name] = _summary(world, grades, ranked)

    # Exhaustive scoring, no retrieval.
    exhaustive: dict[int, list[int]] = {}
    for seeker in world.seekers:
        side = seekers[seeker.key]
        pairs = (match(side, p, weights, world.today) for p in postings.values())
        top = _rank([m for m in pairs if m is not None], weights, KEEP)
        exhaustive[seeker.key] = [output.posting_key[m.posting_id] for m in top]
    return {
        "retrieval": retrieval,
        "reweighted": reweighted,
        "exhaustive": _summary(world, grades, exhaustive),
    }
