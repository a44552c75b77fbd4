"""What an employer may learn from a shortlist row about where a seeker lives.

A shortlist row said "통근 3.2km", and its `commute` component (a Gaussian decay of the exact
distance) and the score (a weighted mean of the components) each gave the distance back too.
With an open posting moved from place to place, three such distances locate a home to ~45 m
(issue 13). So employers get the commute as a band only: the reason names the band
("5-10km"), the `commute` component is the band's value (the decay at the band's middle), the
score is recomputed from it, and rows are ordered by that score. The seeker's dong (`area`)
is shown as it is; it is coarse by design.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

from backend.matching import reasons as why
from backend.matching.scoring import COMMUTE_HALF_KM, COMPONENTS, Match

# Where each band's value is read on the decay curve (km): the band's middle; the open-ended
# last band at 25 km (the decay is ~0 there anyway).
_BAND_POINTS_KM = {"within_5": 2.5, "from_5_to_10": 7.5, "from_10_to_20": 15.0, "over_20": 25.0}


def band_value(band: str) -> float:
    """The `commute` component employers see for a band: the decay at `COMMUTE_HALF_KM`, the
    same for every seeker (a curve scaled by their own commute limit would give it away)."""
    km = _BAND_POINTS_KM[band]
    return round(math.exp(-math.log(2) * (km / COMMUTE_HALF_KM) ** 2), 4)


def for_employers(match: Match, weights: Mapping[str, float]) -> Match:
    """`match` as an employer may see it: the commute banded in the reasons, the components
    and the score; `distance_km` is 0 (it is never shown, and it no longer orders rows)."""
    band = why.commute_band_of(match.distance_km)
    components = {**match.components, "commute": band_value(band)}
    total_weight = sum(weights[name] for name in COMPONENTS)
    score = (
        sum(weights[name] * components[name] for name in COMPONENTS) / total_weight
        if total_weight > 0
        else 0.0
    )
    reasons = tuple(
        why.Reason(why.COMMUTE_BAND, {"band": band}) if reason.code == why.COMMUTE else reason
        for reason in match.reasons
    )
    return dataclasses.replace(
        match,
        score=round(min(1.0, max(0.0, score)), 4),
        components=components,
        reasons=reasons,
        distance_km=0.0,
    )
