"""Negative controls: rankings that must fail the bar, so that passing it means something.

Both re-rank what the pipeline had to choose from — for each seeker, the retrieved postings
that pass the scorer's hard filters (the same candidates as the pipeline, so the controls
isolate the ranking):

- `random`: those candidates in a random order (seeded by the world's seed and the seeker);
- `shuffled_weights`: the scorer with its policy weights permuted among the components — the
  derangement given by a seeded shuffle, rejected until no weight stays on its component — so
  that the ranking keeps the scorer's parts but loses what the weights say about them.

`planted_bad_weights` is not a control of the report but a check for the tests: a scorer that
puts all its weight on the commute (nearest first) must fail the bar too.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from backend.matching.evaluation.generator import World
from backend.matching.evaluation.runner import PipelineOutput
from backend.matching.facts import posting_side, seeker_side
from backend.matching.models import OrdinancePolicy
from backend.matching.recommend import KEEP
from backend.matching.scoring import COMPONENTS, Match, PostingSide, SeekerSide, match


def shuffled(weights: Mapping[str, float], seed: int) -> dict[str, float]:
    """`weights` permuted among the components with no weight left in place (a derangement)."""
    rng = random.Random(f"{seed}:shuffled-weights")  # noqa: S311 - not security
    names = list(COMPONENTS)
    while True:
        order = rng.sample(names, len(names))
        if all(a != b for a, b in zip(names, order, strict=True)):
            return {name: float(weights[source]) for name, source in zip(names, order, strict=True)}


def _rank(matches: list[Match], weights: Mapping[str, float], limit: int) -> list[Match]:
    total = sum(weights[c] for c in COMPONENTS)

    def score(m: Match) -> float:
        value = sum(weights[c] * m.components[c] for c in COMPONENTS) / total if total else 0.0
        return round(min(1.0, max(0.0, value)), 4)

    return sorted(matches, key=lambda m: (-score(m), m.distance_km, m.posting_id))[:limit]


def candidates(
    world: World, output: PipelineOutput, policy: OrdinancePolicy
) -> dict[int, list[Match]]:
    """seeker key → the scorer's matches of the retrieved postings (hard filters passed)."""
    document = policy.document
    weights = {c: float(document["score_weights"][c]) for c in COMPONENTS}
    postings: dict[int, PostingSide] = {
        key: posting_side(doc, document) for key, doc in output.documents.items()
    }
    result: dict[int, list[Match]] = {}
    for key, profile in output.profiles.items():
        side: SeekerSide = seeker_side(profile, document, this_year=world.today.year)
        found = (
            match(side, postings[p], weights, world.today)
            for p in output.retrieved[key]
            if p in postings
        )
        result[key] = [m for m in found if m is not None]
    return result


def control_rankings(
    world: World, output: PipelineOutput, policy: OrdinancePolicy, scored: dict[int, list[Match]]
) -> dict[str, dict[int, list[int]]]:
    """name → seeker key → posting keys, best first (module docstring)."""
    document = policy.document
    weights = {c: float(document["score_weights"][c]) for c in COMPONENTS}
    mixed = shuffled(weights, world.seed)
    nearest = {c: (1.0 if c == "commute" else 0.0) for c in COMPONENTS}
    result: dict[str, dict[int, list[int]]] = {
        "random": {},
        "shuffled_weights": {},
        "planted_bad_weights": {},
    }
    for key, matches in scored.items():
        rng = random.Random(f"{world.seed}:random-control:{key}")  # noqa: S311 - not security
        order = rng.sample(matches, len(matches))[:KEEP]
        result["random"][key] = [output.posting_key[m.posting_id] for m in order]
        result["shuffled_weights"][key] = [
            output.posting_key[m.posting_id] for m in _rank(matches, mixed, KEEP)
        ]
        result["planted_bad_weights"][key] = [
            output.posting_key[m.posting_id] for m in _rank(matches, nearest, KEEP)
        ]
    return result
