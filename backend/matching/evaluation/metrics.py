"""Ranking metrics with graded relevance. Pure functions on grades and ids.

- NDCG@k (normalized discounted cumulative gain): DCG = Σ_{i=1..k} (2^g_i − 1) / log2(i + 1)
  over the recommended list, divided by the DCG of the best possible list — the seeker's k
  highest grades among *all* postings, not only the retrieved ones. Undefined (None) for a
  seeker with no posting of grade ≥ 1.
- recall@k of the ideal set: |ideal ∩ top k| / min(|ideal|, k), the ideal set being the
  postings of grade ≥ `truth.IDEAL_GRADE`; capping the denominator at k means a seeker with
  100 ideal postings scores 1 when all k shown are ideal. Undefined (None) without ideal
  postings.
- Averages skip the undefined values; parity is min/max of the per-group means.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence


def dcg(grades: Sequence[int], k: int) -> float:
    """Discounted cumulative gain of the first `k` grades, gain 2^g − 1."""
    return math.fsum(
        (2.0**grade - 1.0) / math.log2(position + 2) for position, grade in enumerate(grades[:k])
    )


def ndcg_at_k(ranked_grades: Sequence[int], all_grades: Iterable[int], k: int = 10) -> float | None:
    """NDCG@k of a ranked list given the grades of everything that could have been ranked
    (zeros may be left out of `all_grades`). None when nothing has a positive grade."""
    best = dcg(sorted((g for g in all_grades if g > 0), reverse=True), k)
    if best <= 0.0:
        return None
    return dcg(ranked_grades, k) / best


def recall_at_k(ranked: Sequence[int], ideal: set[int], k: int = 30) -> float | None:
    """Share of the ideal items in the first `k` ranked, over min(|ideal|, k); None without
    ideal items."""
    if not ideal:
        return None
    return len(ideal.intersection(ranked[:k])) / min(len(ideal), k)


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the defined values (None when there are none)."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def parity(group_means: Mapping[str, float | None]) -> float | None:
    """min/max of the defined group means: 1 is perfect parity. None when no group is
    defined; 0 when the best group scores 0 (nothing to compare)."""
    defined = [v for v in group_means.values() if v is not None]
    if not defined:
        return None
    top = max(defined)
    return min(defined) / top if top > 0 else 0.0
