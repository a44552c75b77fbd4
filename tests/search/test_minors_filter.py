"""`PostingQuery.minors_only` (근로기준법 §65, §69, §70) in each backend's query, as data, and
on an embedded file written before the filter existed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from search.backends.embedded import EmbeddedBackend, posting_filters
from search.backends.es_mappings import (
    PostingMapping,
    posting_from_source,
    posting_search,
    posting_source,
)
from search.query import PostingQuery
from tests.search.test_embedded_backend import posting


def test_elasticsearch_filters_on_the_indexed_flag() -> None:
    body = posting_search(PostingQuery(minors_only=True), "postings").to_dict()
    filters = body["query"]["function_score"]["query"]["bool"]["filter"]
    assert {"term": {"minor_suitable": True}} in filters
    plain = posting_search(PostingQuery(), "postings").to_dict()
    assert "minor_suitable" not in str(plain)
    assert PostingMapping._doc_type.mapping.to_dict()["properties"]["minor_suitable"] == {
        "type": "boolean"
    }


def test_the_flag_round_trips_through_elasticsearch_source() -> None:
    for flag in (True, False):
        document = posting(1, minor_suitable=flag)
        assert posting_from_source(posting_source(document)) == document
    # A document indexed before the flag existed is never shown to a minor.
    source = posting_source(posting(2, minor_suitable=True))
    del source["minor_suitable"]
    assert posting_from_source(source).minor_suitable is False


def test_embedded_filters_on_its_column(tmp_path: Path) -> None:
    where, _ = posting_filters(PostingQuery(minors_only=True))
    assert "p.minor_suitable = 1" in where
    backend = EmbeddedBackend(path=str(tmp_path / "search.sqlite3"), prefix="t")
    backend.index_postings([posting(1, minor_suitable=True), posting(2), posting(3)])
    hits = backend.search_postings(PostingQuery(minors_only=True))
    assert [hit.id for hit in hits.hits] == [1]
    assert hits.total == 1
    assert hits.hits[0].document.minor_suitable is True
    assert backend.search_postings(PostingQuery()).total == 3
    backend.close()


def test_an_embedded_file_from_before_the_column_gets_it_and_shows_minors_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    backend = EmbeddedBackend(path=str(path), prefix="t")
    backend.index_postings([posting(1, minor_suitable=True)])
    backend.close()
    # Rewrite the table as the old schema had it (no minor_suitable column).
    with sqlite3.connect(path) as connection:
        connection.execute('ALTER TABLE "t_postings" DROP COLUMN minor_suitable')
    reopened = EmbeddedBackend(path=str(path), prefix="t")
    assert reopened.search_postings(PostingQuery()).total == 1
    assert reopened.search_postings(PostingQuery(minors_only=True)).total == 0
    reopened.index_postings([posting(1, version=2, minor_suitable=True)])
    assert reopened.search_postings(PostingQuery(minors_only=True)).total == 1
    reopened.close()
