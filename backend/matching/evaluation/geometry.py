"""Places for the evaluation world: random points around a centre, offsets, nearest areas."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from backend.matching.evaluation.catalogue import AreaRef
from backend.matching.evaluation.world_model import Point, distance_km


def jitter(rng: random.Random, centre: Point, radius_km: float) -> Point:
    """A uniform random point within `radius_km` of `centre`."""
    distance = radius_km * math.sqrt(rng.random())
    bearing = rng.uniform(0.0, 2.0 * math.pi)
    return offset(centre, distance, bearing)


def offset(centre: Point, distance: float, bearing: float) -> Point:
    """The point `distance` km from `centre` towards `bearing` (radians, 0 = north)."""
    dlat = distance * math.cos(bearing) / 111.2
    dlon = distance * math.sin(bearing) / (111.2 * math.cos(math.radians(centre.lat)))
    return Point(round(centre.lat + dlat, 6), round(centre.lon + dlon, 6))


def nearest_area(areas: Sequence[AreaRef], point: Point) -> AreaRef:
    return min(areas, key=lambda a: (distance_km(Point(a.lat, a.lon), point), a.code))
