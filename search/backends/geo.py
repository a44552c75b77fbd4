"""Geometry both search backends share: haversine distance and the bounding box of a radius."""

from __future__ import annotations

import math
from typing import NamedTuple

from search.documents import GeoPoint

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG), as Elasticsearch's `arc` distance uses


class Box(NamedTuple):
    """A latitude/longitude rectangle in degrees (inclusive bounds)."""

    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def haversine_km(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance in km between two points (haversine on a sphere)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(center: GeoPoint, radius_km: float) -> Box:
    """The smallest lat/lon rectangle holding every point within `radius_km` of `center`.

    Exact for a sphere (J. Matuschek, "Finding points within a distance of a latitude/longitude");
    near a pole or across the antimeridian it widens to every longitude, which is still a
    superset: the haversine refinement makes the final decision.
    """
    angle = radius_km / EARTH_RADIUS_KM
    lat = math.radians(center.lat)
    margin = 1e-9  # degrees; floating error must never drop a point on the circle
    min_lat = math.degrees(lat - angle) - margin
    max_lat = math.degrees(lat + angle) + margin
    if min_lat <= -90.0 or max_lat >= 90.0:
        return Box(max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0)
    delta_lon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(lat)))) + margin
    min_lon, max_lon = center.lon - delta_lon, center.lon + delta_lon
    if min_lon < -180.0 or max_lon > 180.0:
        return Box(min_lat, max_lat, -180.0, 180.0)
    return Box(min_lat, max_lat, min_lon, max_lon)
