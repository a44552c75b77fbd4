"""The search backend contract. Both backends (embedded SQLite FTS5, Elasticsearch 9) pass the
same behaviour suite in `tests/contract/test_search_backends.py`.

Scoring is backend-specific (BM25 in both, plus decays in Elasticsearch), but the *set* of hits
for a query, their filters, facets, distances, sorting by distance/newest/deadline and paging
are the same. Highlights are made in Python from the matched terms on the original text
(`search.analysis.highlight`), so they are identical too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.translation import gettext_lazy

from backend.core.errors import UnavailableError
from search.documents import PostingDocument, ProfileDocument
from search.query import PostingQuery, ProfileQuery
from search.spelling import Vocabulary

# What the API answers (503) when a search backend cannot serve a request.
UNAVAILABLE_MESSAGE = gettext_lazy(
    "검색 서비스를 잠시 사용할 수 없습니다. 잠시 후 다시 시도해 주세요."
)


class SearchUnavailableError(UnavailableError):
    """The backend cannot answer now (server down, timeout). The API answers 503."""

    code = "search_unavailable"
    public_message = UNAVAILABLE_MESSAGE


@dataclass(frozen=True)
class PostingHit:
    id: int
    score: float
    document: PostingDocument
    distance_km: float | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class PostingResults:
    total: int
    hits: list[PostingHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


@dataclass(frozen=True)
class ProfileHit:
    id: int
    score: float


class SearchBackend(Protocol):
    """What every backend does. Methods raise `SearchUnavailableError` when the server is down;
    nothing else escapes."""

    name: str

    def index_postings(self, documents: Iterable[PostingDocument]) -> int:
        """Insert or replace; a document whose `version` is older than the indexed one is
        skipped (never overwrites newer data). Returns how many were written."""

    def remove_postings(self, ids: Iterable[int]) -> int:
        """Remove postings (deleted, closed, unpublished); missing ids are fine."""

    def search_postings(self, query: PostingQuery) -> PostingResults:
        """Hits of the page asked for, best first (or in the asked order), with facet counts
        over all matching documents (before paging)."""

    def search_postings_many(self, queries: Sequence[PostingQuery]) -> list[PostingResults]:
        """`[search_postings(q) for q in queries]`, in order, with fewer round trips where the
        backend can batch them (Elasticsearch: `_msearch`). The same hits, in the same order,
        with the same scores, as one search per query."""

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Typeahead: distinct suggestion strings starting with `prefix`."""

    def vocabulary(self) -> Vocabulary:
        """The terms of the indexed postings' titles with how many postings have each, for
        completions and typo corrections (`search.user_search`); cached for a minute, cleared
        by this process's writes."""

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        """Those of `terms` that at least one indexed posting has in its title or body."""

    def count_postings(self) -> int:
        """How many postings are indexed."""

    def posting_versions(self, ids: Iterable[int]) -> dict[int, int]:
        """id → indexed version, for the reconciler."""

    def index_profiles(self, documents: Iterable[ProfileDocument]) -> int:
        """As `index_postings`, for seeker profiles (matching retrieval)."""

    def search_profiles(self, query: ProfileQuery) -> list[ProfileHit]:
        """Seeker profiles matching `query` (see `ProfileQuery`), best first, at most
        `query.limit`; ties by lower id."""

    def remove_profiles(self, ids: Iterable[int]) -> int:
        """Remove seeker profiles."""

    def health(self) -> dict[str, object]:
        """A small JSON-able status; raises `SearchUnavailableError` when down."""

    def reset(self) -> None:
        """Drop and recreate everything this backend holds (tests, rebuilds)."""

    def drop(self) -> None:
        """Delete everything this backend's prefix holds; nothing is recreated (a later write
        or search creates it again). Other prefixes are never touched."""
