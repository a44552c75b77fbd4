"""`PostingQuery`: a validated posting search, built by pure functions and tested as data.

The API turns query parameters into a `PostingQuery` (raising `QueryError` with a field name
for a clear 400); backends turn it into their own query language. User text never reaches a
backend as query syntax: it is analysed into terms first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext

from search.documents import GeoPoint

SORTS = ("relevance", "distance", "newest", "deadline")
MAX_PAGE_SIZE = 50
RETRIEVAL_PAGE_SIZE = 500  # matching's candidate retrieval (never reachable from the API)
MAX_WINDOW = 1000  # page × page_size beyond this is refused (deep paging)
MAX_WAGE = 1_000_000  # KRW an hour: above any real wage, within every backend's integers
FACET_FIELDS = ("career_field", "employment_type", "area")


class QueryError(ValueError):
    """A search request that cannot be run; `field` names the parameter for the 400 body."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class PostingQuery:
    terms: tuple[str, ...] = ()  # analysed query text; empty = match all
    text: str = ""  # the original text, for highlighting and suggestions
    career_fields: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    shifts: tuple[str, ...] = ()
    cohort: str | None = None  # postings welcoming this cohort or all
    areas: tuple[str, ...] = ()
    near: GeoPoint | None = None
    radius_km: float | None = None
    min_wage: int | None = None
    # Only postings a seeker under 18 may be shown (`PostingDocument.minor_suitable`): set for
    # a minor's search and retrieval, never from a query parameter.
    minors_only: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: tuple[str, ...] = field(default=FACET_FIELDS)
    # Matching retrieves its candidates in one page of up to RETRIEVAL_PAGE_SIZE hits; the
    # API never sets this, so users stay within MAX_PAGE_SIZE. In a retrieval the terms only
    # rank (a posting sharing no word with the profile may still be the seeker's best), and a
    # posting that names no shift passes a shift filter (it fits any shift).
    retrieval: bool = False
    # A page of up to RETRIEVAL_PAGE_SIZE hits with a user's search semantics (terms must
    # match): saved-search alerts. Never from the API.
    bulk: bool = False
    # Matching's hard filters, pushed into its retrieval (`backend.matching.recommend`; never
    # from a query parameter), so that the hits it scores pass them:
    max_days_per_week: int | None = None  # postings of at most this many days a week
    # None: no filter; else postings all of whose required certificates (taxonomy codes,
    # `PostingDocument.certificate_codes`) are among these, or that require none.
    certificates_held: tuple[str, ...] | None = None
    open_on: datetime.date | None = None  # postings whose deadline is on or after this day

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise QueryError(
                "sort", gettext("sort는 %(choices)s 중 하나입니다.") % {"choices": ", ".join(SORTS)}
            )
        if self.sort == "distance" and self.near is None:
            raise QueryError("sort", gettext("거리순 정렬에는 near=위도,경도가 필요합니다."))
        if self.radius_km is not None and self.near is None:
            raise QueryError("radius_km", gettext("radius_km에는 near가 필요합니다."))
        if self.radius_km is not None and not 0 < self.radius_km <= 100:
            raise QueryError("radius_km", gettext("반경은 0~100km입니다."))
        if self.min_wage is not None and not 0 <= self.min_wage <= MAX_WAGE:
            raise QueryError(
                "min_wage", gettext("min_wage는 0~%(max)s원입니다.") % {"max": MAX_WAGE}
            )
        if self.page < 1:
            raise QueryError("page", gettext("page는 1 이상입니다."))
        largest = RETRIEVAL_PAGE_SIZE if self.retrieval or self.bulk else MAX_PAGE_SIZE
        if not 1 <= self.page_size <= largest:
            raise QueryError(
                "page_size",
                gettext("page_size는 1~%(max)s입니다.") % {"max": largest},
            )
        if self.page * self.page_size > MAX_WINDOW:
            raise QueryError(
                "page",
                gettext("%(max)s번째 결과 이후는 볼 수 없습니다. 검색어를 좁혀 주세요.")
                % {"max": MAX_WINDOW},
            )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class ProfileQuery:
    """Matching's search for seekers who could fill a posting (never reachable from the API).

    With `open_only` (shortlists) only profiles `open_to_employers` match; without it (finding
    whose recommendations a changed posting affects) every profile may; `cohorts` empty = every
    cohort; a profile with no
    employment types accepts every type; `near` + `radius_km` bound the distance. Ranked by how
    many of `terms` the profile's terms contain (BM25 on Elasticsearch), best first.
    """

    near: GeoPoint
    terms: tuple[str, ...] = ()
    cohorts: tuple[str, ...] = ()
    employment_type: str | None = None
    radius_km: float = 100.0
    limit: int = 200
    open_only: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.radius_km <= 100:
            raise QueryError("radius_km", gettext("반경은 0~100km입니다."))
        if not 1 <= self.limit <= RETRIEVAL_PAGE_SIZE:
            raise QueryError("limit", f"limit는 1~{RETRIEVAL_PAGE_SIZE}입니다.")
