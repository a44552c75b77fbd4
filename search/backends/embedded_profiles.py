"""Profile retrieval of the embedded backend: SQL narrows by the filter columns (and the
radius's bounding box), Python checks the exact distance and ranks by shared terms.

Ranking is by the number of distinct query terms a profile's terms contain (profiles are
short, so plain overlap ranks like BM25 would), ties by lower id — the same set of hits as the
Elasticsearch backend for the same filters.
"""

# ruff: noqa: S608 — the table name is our own quoted identifier; every value is a bound
# parameter (see search.backends.embedded).
from __future__ import annotations

import sqlite3

from search.backends.base import ProfileHit
from search.backends.geo import bounding_box, haversine_km
from search.documents import GeoPoint
from search.query import ProfileQuery


def search_profiles(
    connection: sqlite3.Connection, table: str, query: ProfileQuery
) -> list[ProfileHit]:
    """Hits of `query` among the profiles in `table` (a quoted table name)."""
    where = ["lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"]
    params: list[object] = list(bounding_box(query.near, query.radius_km))
    if query.open_only:
        where.append("open_to_employers = 1")
    if query.cohorts:
        where.append(f"cohort IN ({', '.join('?' * len(query.cohorts))})")
        params.extend(query.cohorts)
    if query.employment_type is not None:
        # No employment types on the profile means the seeker accepts every type.
        where.append(
            "(employment_types = '[]' OR EXISTS "
            "(SELECT 1 FROM json_each(employment_types) WHERE value = ?))"
        )
        params.append(query.employment_type)
    sql = f"SELECT id, lat, lon, terms FROM {table} WHERE {' AND '.join(where)}"
    wanted = set(query.terms)
    scored: list[tuple[float, int]] = []
    for profile_id, lat, lon, terms in connection.execute(sql, params):
        if haversine_km(query.near, GeoPoint(lat, lon)) > query.radius_km:
            continue
        shared = len(wanted.intersection(terms.split())) if wanted else 0
        scored.append((float(shared), int(profile_id)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [ProfileHit(id=profile_id, score=score) for score, profile_id in scored[: query.limit]]
