"""Matching's retrieval filters as Elasticsearch sends them (pure data; the behaviour on both
backends is tests/contract/test_retrieval_filters.py)."""

from __future__ import annotations

import datetime as dt
import json

from search.backends.es_mappings import added_posting_properties, posting_search
from search.documents import GeoPoint
from search.query import PostingQuery

CENTRE = GeoPoint(37.4531, 126.80001)


def body(**fields: object) -> str:
    query = PostingQuery(near=CENTRE, radius_km=10, page_size=200, retrieval=True, **fields)  # type: ignore[arg-type]
    return json.dumps(posting_search(query, "x").to_dict(), ensure_ascii=False)


def test_certificates_held_is_a_terms_set_on_the_stored_count_or_none_required() -> None:
    sent = body(certificates_held=("forklift", "excavator"), terms=("지게차",))
    assert '"terms_set": {"certificate_codes": {"terms": ["excavator", "forklift"], ' in sent
    assert '"minimum_should_match_field": "certificate_count"' in sent
    assert '{"term": {"certificate_count": 0}}' in sent
    assert "script" not in sent  # the test distribution has no painless
    # Without certificates only postings requiring none pass (no terms_set at all).
    assert "terms_set" not in body(certificates_held=())


def test_days_wage_and_deadline_are_ranges_and_terms_only_rank() -> None:
    sent = body(max_days_per_week=3, min_wage=9600, open_on=dt.date(2026, 12, 1), terms=("a",))
    assert '{"range": {"days_per_week": {"lte": 3}}}' in sent
    assert '{"range": {"hourly_wage": {"gte": 9600}}}' in sent
    assert '{"range": {"deadline": {"gte": "2026-12-01"}}}' in sent
    assert '"minimum_should_match": 0' in sent
    user_search = PostingQuery(terms=("a",))
    assert '"minimum_should_match": 1' in json.dumps(posting_search(user_search, "x").to_dict())


def test_the_new_fields_can_be_added_to_an_existing_index() -> None:
    assert added_posting_properties() == {
        "days_per_week": {"type": "integer"},
        "certificate_codes": {"type": "keyword"},
        "certificate_count": {"type": "integer"},
    }
