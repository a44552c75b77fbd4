"""The search results of `/jobs/`, ready for the template: hits with their highlights, facets
with labels and counts, and the pages around the current one.

The page reads the same backend (`search.backends.get_backend`) and the same `PostingQuery` as
`GET /api/v1/postings/search/`, so the two always agree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise

from backend.taxonomy.vocabulary import EmploymentType
from search.analysis import highlight
from search.query import PostingQuery
from search.user_search import search_text


@dataclass(frozen=True)
class Hit:
    """One search result as the page shows it: the posting's facts, snippets with `<mark>`, the
    distance."""

    id: int
    title: str
    employer_name: str
    area_name: str
    employment_type: str
    hourly_wage: int
    deadline: datetime.date
    snippets: list[str]
    distance_km: float | None


@dataclass(frozen=True)
class FacetOption:
    """One facet value with its label in the page's language and its count."""

    value: str
    label: str | Promise
    count: int


@dataclass(frozen=True)
class SearchPage:
    """One page of search results with its facets and the numbers of the pages around it."""

    total: int
    hits: list[Hit]
    page: int
    last_page: int
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    did_you_mean: str | None = None  # a corrected search text (see `search.user_search`)
    corrected: bool = False  # the hits are those of `did_you_mean`, not of the text typed
    no_usable_terms: bool = False  # text was typed, but none of it can be searched

    @property
    def pages(self) -> list[int | None]:
        """Page numbers to link, with None where a gap of several pages is left out."""
        around = {1, self.last_page, *range(self.page - 2, self.page + 3)}
        numbers = sorted(n for n in around if 1 <= n <= self.last_page)
        shown: list[int | None] = []
        for number in numbers:
            if shown and shown[-1] is not None and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def search_postings(
    query: PostingQuery, *, career_field_names: dict[str, str], area_names: dict[str, str]
) -> SearchPage:
    """Run `query` as a person's search (completions, corrections); raises
    `SearchUnavailableError` when the backend is down."""
    searched = search_text(query)
    found = searched.results
    terms = set(searched.query.terms)
    hits = [
        Hit(
            id=hit.document.id,
            title=hit.document.title,
            employer_name=hit.document.employer_name,
            area_name=hit.document.area_name,
            employment_type=hit.document.employment_type,
            hourly_wage=hit.document.hourly_wage,
            deadline=hit.document.deadline,
            snippets=highlight(f"{hit.document.title}\n{hit.document.description}", terms)
            if terms
            else [],
            distance_km=round(hit.distance_km, 1) if hit.distance_km is not None else None,
        )
        for hit in found.hits
    ]
    labels: dict[str, dict[str, str | Promise]] = {
        "career_field": dict(career_field_names),
        "employment_type": dict(EmploymentType.choices),
        "area": dict(area_names),
    }
    facets = {
        name: [
            FacetOption(
                value=f.value, label=labels.get(name, {}).get(f.value, f.value), count=f.count
            )
            for f in values
        ]
        for name, values in found.facets.items()
    }
    return SearchPage(
        total=found.total,
        hits=hits,
        page=query.page,
        last_page=max(1, -(-found.total // query.page_size)),
        facets=facets,
        did_you_mean=searched.did_you_mean,
        corrected=searched.corrected,
        no_usable_terms=searched.no_usable_terms,
    )
