"""The documents the search backends index: plain data, built from database rows.

Terms are computed once when a row is written (see `search.analysis`) and stored on the row,
so indexing and rebuilding never re-tokenize. A document carries the row's `version`: a
backend refuses to replace a document with an older version (external versioning), so an
old outbox event never overwrites newer data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class GeoPoint:
    """A location in WGS84 degrees: the one point type (search, matching, the evaluation)."""

    lat: float
    lon: float


class Located(Protocol):
    """Anything with a point of its own (an area, 동: its centre)."""

    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...


def point_or(lat: float | None, lon: float | None, fallback: Located) -> GeoPoint:
    """The row's own point when it has both coordinates, else `fallback`'s (its area's)."""
    if lat is not None and lon is not None:
        return GeoPoint(lat, lon)
    return GeoPoint(fallback.lat, fallback.lon)


@dataclass(frozen=True)
class PostingDocument:
    """An open posting as search sees it. Only open postings are indexed."""

    id: int
    version: int
    title: str  # original text, for display and highlighting
    description: str
    employer_name: str
    title_terms: tuple[str, ...]  # normalized terms of the title (search.analysis.analyze)
    body_terms: tuple[str, ...]  # terms of description, occupation, skills, certificates
    career_field: str
    occupation: str
    employment_type: str
    shifts: tuple[str, ...]
    cohorts_welcome: tuple[str, ...]  # empty = all cohorts welcome
    area_code: str
    area_name: str
    location: GeoPoint
    hourly_wage: int
    deadline: datetime.date
    published_at: datetime.datetime
    suggest: tuple[str, ...] = field(default_factory=tuple)  # typeahead inputs (titles, occupation)
    # Whether a seeker under 18 may be shown it (backend.taxonomy.young_workers, 근로기준법
    # §65, §69, §70), decided when the row is indexed; indexed, so that both backends filter
    # on it (`PostingQuery.minors_only`). False unless known: a document from before the field
    # existed is never shown to a minor.
    minor_suitable: bool = False
    # What matching's hard filters and scoring read (backend.matching.facts), so that a
    # recommendation needs the search hits only, never a database read per posting. Stored,
    # not indexed. The employer's facts are raw: whether it is covered by the ordinance is
    # decided with the policy in force when scoring, not when indexing.
    employer_id: int = 0
    skills_required: tuple[str, ...] = ()
    skills_preferred: tuple[str, ...] = ()
    certificates_required: tuple[str, ...] = ()
    # The required certificates as distinct taxonomy codes (names and aliases resolved when the
    # row is indexed): indexed, with their count, so that retrieval keeps only postings whose
    # certificates a seeker holds (`PostingQuery.certificates_held`). Empty for a document from
    # before the field: retrieval lets it through and scoring decides on the names.
    certificate_codes: tuple[str, ...] = ()
    min_experience_years: int = 0
    days_per_week: int = 5
    openings_left: int = 1
    employer_city_funded: bool = False
    employer_staff_count: int = 0
    employer_partner: bool = False
    employer_city_contracted: bool = False
    employer_authorised_headcount: int | None = None


@dataclass(frozen=True)
class ProfileDocument:
    """A seeker profile for matching: no name, contact, email or birth year (PIPA)."""

    id: int
    version: int
    cohort: str
    terms: tuple[str, ...]
    career_fields: tuple[str, ...]
    skills: tuple[str, ...]
    certificates: tuple[str, ...]
    employment_types: tuple[str, ...]
    shifts: tuple[str, ...]
    area_code: str
    location: GeoPoint
    max_commute_km: float | None
    min_hourly_wage: int | None
    open_to_employers: bool
