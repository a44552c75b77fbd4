"""Query parameters → `PostingQuery`, tested as data (no backend, no database)."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from backend.jobs.search_api import parse_query
from search.documents import GeoPoint
from search.query import PostingQuery, QueryError


def parse(text: str) -> PostingQuery:
    return parse_query(QueryDict(text))


@pytest.mark.django_db  # career fields and areas are checked against the reference data
def test_multi_values_by_repetition_or_commas() -> None:
    query = parse("shift=morning&shift=evening&career_field=it,business&area=4139051000")
    assert query.shifts == ("morning", "evening")
    assert query.career_fields == ("it", "business")
    assert query.areas == ("4139051000",)


def test_near_and_defaults() -> None:
    query = parse("near=37.45,126.80&radius_km=5")
    assert query.near == GeoPoint(37.45, 126.80)
    assert query.radius_km == 5
    assert (query.page, query.page_size, query.sort) == (1, 20, "relevance")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ("sort=distance", "sort"),
        ("sort=popular", "sort"),
        ("page_size=51", "page_size"),
        ("page_size=0", "page_size"),
        ("page=21&page_size=50", "page"),
        ("page=-1", "page"),
        ("page=two", "page"),
        ("near=37.45", "near"),
        ("near=95,126", "near"),
        ("radius_km=5", "radius_km"),
        ("near=37.4,126.8&radius_km=500", "radius_km"),
        ("min_wage=lots", "min_wage"),
    ],
)
def test_bad_parameters_name_the_field(params: str, field: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(params)
    assert caught.value.field == field
    assert caught.value.message


def test_user_text_becomes_terms_not_syntax() -> None:
    query = parse('q=지게차 OR "title:*" AND (용접)')
    assert query.text.startswith("지게차")
    assert all(" " not in term and ":" not in term for term in query.terms)
