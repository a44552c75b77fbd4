"""The embedded (SQLite FTS5) search backend: plain Python, no Django database needed.

Documents are built by hand with hand-written term tuples, so these tests do not depend on the
Korean analyser. Coordinates are real Siheung areas (동).
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from search.backends.base import FacetValue, SearchBackend, SearchUnavailableError
from search.backends.embedded import (
    EmbeddedBackend,
    match_expression,
    prefix_range,
)
from search.backends.geo import bounding_box, haversine_km
from search.documents import GeoPoint, PostingDocument, ProfileDocument
from search.query import PostingQuery

DAEYA = GeoPoint(37.4531, 126.80001)  # 대야동
JEONGWANG1 = GeoPoint(37.34923, 126.72715)  # 정왕1동, ~13.2 km from 대야동
NEAR_DAEYA = GeoPoint(37.4631, 126.80001)  # ~1.1 km north of 대야동
KST = datetime.timezone(datetime.timedelta(hours=9))
BASE_TIME = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=KST)


def posting(id: int, **overrides: Any) -> PostingDocument:
    """A posting with plain defaults; `overrides` set any field."""
    fields: dict[str, Any] = {
        "id": id,
        "version": 1,
        "title": f"공고 {id}",
        "description": "설명",
        "employer_name": "시흥정밀",
        "title_terms": (),
        "body_terms": (),
        "career_field": "manufacturing",
        "occupation": "생산직",
        "employment_type": "full_time",
        "shifts": ("day",),
        "cohorts_welcome": (),
        "area_code": "daeya",
        "area_name": "대야동",
        "location": DAEYA,
        "hourly_wage": 10_500,
        "deadline": datetime.date(2025, 4, 30),
        "published_at": BASE_TIME,
        "suggest": (),
    }
    fields.update(overrides)
    return PostingDocument(**fields)


def profile(id: int, **overrides: Any) -> ProfileDocument:
    fields: dict[str, Any] = {
        "id": id,
        "version": 1,
        "cohort": "graduate",
        "terms": ("용접", "지게차"),
        "career_fields": ("manufacturing",),
        "skills": ("용접",),
        "certificates": ("지게차운전기능사",),
        "employment_types": ("full_time",),
        "shifts": ("day",),
        "area_code": "daeya",
        "location": DAEYA,
        "max_commute_km": 10.0,
        "min_hourly_wage": None,
        "open_to_employers": True,
    }
    fields.update(overrides)
    return ProfileDocument(**fields)


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[EmbeddedBackend]:
    search = EmbeddedBackend(path=str(tmp_path / "var" / "search.sqlite3"), prefix="t")
    yield search
    search.close()


def ids(backend: EmbeddedBackend, **query: Any) -> list[int]:
    return [hit.id for hit in backend.search_postings(PostingQuery(**query)).hits]


# -- pure helpers, as data -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ((), None),
        (("용접",), '"용접"'),
        (("용접", "지게차"), '"용접" OR "지게차"'),
        (("용접", "용접", ""), '"용접"'),
        (('a"b',), '"a""b"'),
        (('x" OR "y',), '"x"" OR ""y"'),
        (("용*",), '"용*"'),
        (("OR", "NOT", "NEAR"), '"OR" OR "NOT" OR "NEAR"'),
        (("title_terms:용접",), '"title_terms:용접"'),
        (("(", "^a"), '"(" OR "^a"'),
    ],
)
def test_match_expression_quotes_every_term(terms: tuple[str, ...], expected: str | None) -> None:
    assert match_expression(terms) == expected


def test_haversine_between_siheung_areas() -> None:
    assert haversine_km(DAEYA, JEONGWANG1) == pytest.approx(13.22, abs=0.01)
    assert haversine_km(JEONGWANG1, DAEYA) == haversine_km(DAEYA, JEONGWANG1)
    assert haversine_km(DAEYA, DAEYA) == 0.0
    # One degree of latitude on the mean-radius sphere.
    assert haversine_km(GeoPoint(0, 0), GeoPoint(1, 0)) == pytest.approx(111.195, abs=0.001)


@pytest.mark.parametrize("radius_km", [0.5, 5.0, 13.3, 100.0])
def test_bounding_box_holds_the_whole_circle(radius_km: float) -> None:
    box = bounding_box(DAEYA, radius_km)
    for step in range(360):
        bearing = math.radians(step)
        # Walk `radius_km` from the center along `bearing` (spherical destination formula).
        angle = radius_km / 6371.0088
        lat1, lon1 = math.radians(DAEYA.lat), math.radians(DAEYA.lon)
        lat2 = math.asin(
            math.sin(lat1) * math.cos(angle) + math.cos(lat1) * math.sin(angle) * math.cos(bearing)
        )
        lon2 = lon1 + math.atan2(
            math.sin(bearing) * math.sin(angle) * math.cos(lat1),
            math.cos(angle) - math.sin(lat1) * math.sin(lat2),
        )
        lat, lon = math.degrees(lat2), math.degrees(lon2)
        assert box.min_lat <= lat <= box.max_lat
        assert box.min_lon <= lon <= box.max_lon
    # ...and is tight: its edges are about the radius away.
    assert haversine_km(DAEYA, GeoPoint(box.max_lat, DAEYA.lon)) == pytest.approx(radius_km)


def test_bounding_box_near_the_pole_or_antimeridian_spans_every_longitude() -> None:
    assert bounding_box(GeoPoint(89.9, 0), 50)[2:] == (-180.0, 180.0)
    assert bounding_box(GeoPoint(0, 179.9), 50)[2:] == (-180.0, 180.0)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("지게", ("지게", "지겍")),
        ("Ab", ("ab", "ac")),
        ("a" + chr(0x10FFFF), ("a" + chr(0x10FFFF), "b")),
        (chr(0x10FFFF), (chr(0x10FFFF), None)),
        (chr(0xD7FF), (chr(0xD7FF), chr(0xE000))),
    ],
)
def test_prefix_range(prefix: str, expected: tuple[str, str | None]) -> None:
    assert prefix_range(prefix) == expected


# -- indexing and text search ------------------------------------------------------------------


def test_is_a_search_backend(backend: EmbeddedBackend) -> None:
    contract: SearchBackend = backend
    assert contract.name == "embedded"


def test_korean_terms_survive_tokenization_unchanged(backend: EmbeddedBackend) -> None:
    terms = ("지게차운전기능사", "용접", "c++", "3.5t", "b2b-영업", "주·야간", "ㅋㅋ")
    backend.index_postings([posting(1, title_terms=terms)])
    connection = sqlite3.connect(backend.path)
    try:
        connection.execute(
            "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 't_postings_fts', row)"
        )
        vocabulary = {row[0] for row in connection.execute("SELECT term FROM temp.vocab")}
    finally:
        connection.close()
    assert vocabulary == set(terms)
    for term in terms:
        assert ids(backend, terms=(term,)) == [1]
    # Whole terms only: no prefix or substring matching.
    assert ids(backend, terms=("지게차",)) == []


def test_search_matches_any_term_in_title_or_body(backend: EmbeddedBackend) -> None:
    backend.index_postings(
        [
            posting(1, title_terms=("용접",)),
            posting(2, body_terms=("지게차",)),
            posting(3, title_terms=("조리",), body_terms=("한식",)),
        ]
    )
    assert sorted(ids(backend, terms=("용접", "지게차"))) == [1, 2]
    assert ids(backend, terms=("한식",)) == [3]
    assert ids(backend, terms=("없는말",)) == []
    results = backend.search_postings(PostingQuery())
    assert results.total == 3
    assert {hit.score for hit in results.hits} == {0.0}


def test_hits_carry_the_indexed_document(backend: EmbeddedBackend) -> None:
    document = posting(
        7,
        title_terms=("용접",),
        shifts=("day", "night"),
        cohorts_welcome=("senior",),
        suggest=("용접공",),
        published_at=datetime.datetime(2025, 3, 2, 8, 30, tzinfo=KST),
    )
    backend.index_postings([document])
    [hit] = backend.search_postings(PostingQuery(terms=("용접",))).hits
    assert hit.document == document
    assert hit.distance_km is None


def test_title_match_ranks_above_body_match(backend: EmbeddedBackend) -> None:
    backend.index_postings(
        [
            posting(1, body_terms=("용접", "제조", "생산")),
            posting(2, title_terms=("용접", "제조", "생산")),
            posting(3, title_terms=("조리",), body_terms=("한식",)),
            posting(4, title_terms=("경리",), body_terms=("회계",)),
        ]
    )
    hits = backend.search_postings(PostingQuery(terms=("용접",))).hits
    assert [hit.id for hit in hits] == [2, 1]
    assert hits[0].score > hits[1].score > 0


def test_more_matching_terms_rank_higher(backend: EmbeddedBackend) -> None:
    backend.index_postings(
        [
            posting(1, title_terms=("용접", "보조")),
            posting(2, title_terms=("용접", "지게차")),
            posting(3, title_terms=("조리",)),
            posting(4, title_terms=("경리",)),
        ]
    )
    assert ids(backend, terms=("용접", "지게차")) == [2, 1]


def test_relevance_ties_break_by_newest_then_id(backend: EmbeddedBackend) -> None:
    day = datetime.timedelta(days=1)
    backend.index_postings(
        [
            posting(1, title_terms=("용접",), published_at=BASE_TIME),
            posting(2, title_terms=("용접",), published_at=BASE_TIME + day),
            posting(3, title_terms=("용접",), published_at=BASE_TIME),
            posting(4, title_terms=("조리",)),
        ]
    )
    assert ids(backend, terms=("용접",)) == [2, 3, 1]
    assert ids(backend) == [2, 4, 3, 1]  # no terms: newest first


def test_query_syntax_in_terms_cannot_change_the_query(backend: EmbeddedBackend) -> None:
    backend.index_postings(
        [
            posting(1, title_terms=("용접",)),
            posting(2, title_terms=("용접공",)),
            posting(3, title_terms=("a", "or", "b")),
            posting(4, body_terms=("b",)),
        ]
    )
    assert ids(backend, terms=("용*",)) == []  # not a prefix query
    assert ids(backend, terms=("용접*",)) == [1]
    assert ids(backend, terms=('x" OR "용접',)) == []  # one literal, not two terms
    assert ids(backend, terms=('a" OR "b',)) == [3]  # the phrase "a or b" only
    assert ids(backend, terms=("OR",)) == [3]  # a word, not an operator
    for term in ("NOT", "NEAR(", "(", ")", "^", ":", "title_terms:용접", '"', "-"):
        backend.search_postings(PostingQuery(terms=(term,)))  # never a syntax error


# -- filters -------------------------------------------------------------------------------------


@pytest.fixture
def filter_corpus(backend: EmbeddedBackend) -> EmbeddedBackend:
    backend.index_postings(
        [
            posting(1, career_field="manufacturing", employment_type="full_time"),
            posting(2, career_field="care", employment_type="part_time", shifts=("night",)),
            posting(
                3,
                career_field="food",
                employment_type="part_time",
                shifts=("day", "evening"),
                area_code="jeongwang1",
                location=JEONGWANG1,
                hourly_wage=12_000,
            ),
            posting(4, career_field="care", employment_type="contract", hourly_wage=11_000),
        ]
    )
    return backend


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"career_fields": ("care",)}, [2, 4]),
        ({"career_fields": ("care", "food")}, [2, 3, 4]),
        ({"employment_types": ("part_time",)}, [2, 3]),
        ({"employment_types": ("contract", "full_time")}, [1, 4]),
        ({"shifts": ("evening",)}, [3]),
        ({"shifts": ("night", "evening")}, [2, 3]),
        ({"areas": ("jeongwang1",)}, [3]),
        ({"min_wage": 11_000}, [3, 4]),
        ({"min_wage": 12_001}, []),
        ({"career_fields": ("care",), "min_wage": 11_000}, [4]),
        ({"career_fields": ("care",), "shifts": ("day",)}, [4]),
    ],
)
def test_filters(
    filter_corpus: EmbeddedBackend, query: dict[str, Any], expected: list[int]
) -> None:
    assert sorted(ids(filter_corpus, **query)) == expected


def test_cohort_matches_postings_welcoming_it_or_everyone(backend: EmbeddedBackend) -> None:
    backend.index_postings(
        [
            posting(1, cohorts_welcome=()),  # everyone welcome
            posting(2, cohorts_welcome=("senior",)),
            posting(3, cohorts_welcome=("returner", "senior")),
            posting(4, cohorts_welcome=("graduate",)),
        ]
    )
    assert sorted(ids(backend, cohort="senior")) == [1, 2, 3]
    assert sorted(ids(backend, cohort="returner")) == [1, 3]
    assert sorted(ids(backend, cohort="graduate")) == [1, 4]
    assert sorted(ids(backend)) == [1, 2, 3, 4]


def test_facets_count_all_matches_before_paging(filter_corpus: EmbeddedBackend) -> None:
    results = filter_corpus.search_postings(PostingQuery(page_size=1))
    assert results.total == 4
    assert len(results.hits) == 1
    assert results.facets == {
        "career_field": [
            FacetValue("care", 2),
            FacetValue("food", 1),
            FacetValue("manufacturing", 1),
        ],
        "employment_type": [
            FacetValue("part_time", 2),
            FacetValue("contract", 1),
            FacetValue("full_time", 1),
        ],
        "area": [FacetValue("daeya", 3), FacetValue("jeongwang1", 1)],
    }
    filtered = filter_corpus.search_postings(
        PostingQuery(employment_types=("part_time",), facets=("career_field",))
    )
    assert filtered.facets == {"career_field": [FacetValue("care", 1), FacetValue("food", 1)]}
    assert filter_corpus.search_postings(PostingQuery(facets=())).facets == {}


# -- geo -----------------------------------------------------------------------------------------


@pytest.fixture
def geo_corpus(backend: EmbeddedBackend) -> EmbeddedBackend:
    backend.index_postings(
        [
            posting(1, location=JEONGWANG1, area_code="jeongwang1", title_terms=("용접",)),
            posting(2, location=DAEYA, title_terms=("용접",)),
            posting(3, location=NEAR_DAEYA, title_terms=("조리",)),
        ]
    )
    return backend


def test_radius_filters_exactly_and_reports_distances(geo_corpus: EmbeddedBackend) -> None:
    results = geo_corpus.search_postings(PostingQuery(near=DAEYA, radius_km=5, sort="distance"))
    assert results.total == 2
    assert [(hit.id, hit.distance_km) for hit in results.hits] == [
        (2, 0.0),
        (3, pytest.approx(1.112, abs=0.001)),
    ]
    assert results.facets["area"] == [FacetValue("daeya", 2)]
    # 정왕1동 is ~13.22 km away: just outside 13.2 km, inside 13.25 km.
    assert ids(geo_corpus, near=DAEYA, radius_km=13.2, sort="distance") == [2, 3]
    assert ids(geo_corpus, near=DAEYA, radius_km=13.25, sort="distance") == [2, 3, 1]


def test_distance_sort_and_distance_without_radius(geo_corpus: EmbeddedBackend) -> None:
    results = geo_corpus.search_postings(PostingQuery(near=JEONGWANG1, sort="distance"))
    # NEAR_DAEYA lies 1.1 km north of 대야동, so further from 정왕1동 (south-west).
    assert [hit.id for hit in results.hits] == [1, 2, 3]
    distances = [hit.distance_km for hit in results.hits]
    assert distances[:2] == [0.0, pytest.approx(13.22, abs=0.01)]
    assert distances[2] == pytest.approx(haversine_km(JEONGWANG1, NEAR_DAEYA))
    # `near` with relevance sort still reports distances, and does not filter.
    hits = geo_corpus.search_postings(PostingQuery(terms=("용접",), near=DAEYA)).hits
    assert {hit.id: hit.distance_km for hit in hits} == {1: pytest.approx(13.22, abs=0.01), 2: 0.0}


def test_distance_sort_with_terms_keeps_the_bm25_score(geo_corpus: EmbeddedBackend) -> None:
    hits = geo_corpus.search_postings(
        PostingQuery(terms=("용접",), near=JEONGWANG1, sort="distance")
    ).hits
    assert [hit.id for hit in hits] == [1, 2]
    assert all(hit.score > 0 for hit in hits)


# -- sorts and paging ----------------------------------------------------------------------------


@pytest.fixture
def dated_corpus(backend: EmbeddedBackend) -> EmbeddedBackend:
    day = datetime.timedelta(days=1)
    backend.index_postings(
        [
            posting(1, published_at=BASE_TIME, deadline=datetime.date(2025, 5, 1)),
            posting(2, published_at=BASE_TIME + 2 * day, deadline=datetime.date(2025, 4, 1)),
            posting(3, published_at=BASE_TIME + day, deadline=datetime.date(2025, 4, 1)),
            posting(4, published_at=BASE_TIME + day, deadline=datetime.date(2025, 3, 20)),
            # The same instant in UTC as BASE_TIME + 2 days: ties break by id (desc).
            posting(
                5,
                published_at=(BASE_TIME + 2 * day).astimezone(datetime.UTC),
                deadline=datetime.date(2025, 6, 1),
            ),
        ]
    )
    return backend


def test_newest_sort(dated_corpus: EmbeddedBackend) -> None:
    assert ids(dated_corpus, sort="newest") == [5, 2, 4, 3, 1]


def test_deadline_sort(dated_corpus: EmbeddedBackend) -> None:
    assert ids(dated_corpus, sort="deadline") == [4, 2, 3, 1, 5]


@pytest.mark.parametrize("sort", ["relevance", "newest", "deadline"])
def test_pages_continue_without_overlap(backend: EmbeddedBackend, sort: str) -> None:
    backend.index_postings(
        posting(
            n,
            title_terms=("용접",) * (1 + n % 3),
            published_at=BASE_TIME + datetime.timedelta(hours=n % 5),
            deadline=datetime.date(2025, 4, 1 + n % 7),
        )
        for n in range(1, 26)
    )
    query: dict[str, Any] = {"terms": ("용접",), "sort": sort, "page_size": 10}
    everything = ids(backend, **{**query, "page_size": 50})
    pages = [ids(backend, **query, page=page) for page in (1, 2, 3, 4)]
    assert [len(page) for page in pages] == [10, 10, 5, 0]
    assert pages[0] + pages[1] + pages[2] == everything
    assert len(set(everything)) == 25
    assert backend.search_postings(PostingQuery(**query, page=3)).total == 25


@pytest.mark.parametrize("sort", ["relevance", "newest", "deadline"])
@pytest.mark.parametrize("terms", [(), ("용접", "지게차")])
def test_sql_and_python_paths_agree(
    backend: EmbeddedBackend, sort: str, terms: tuple[str, ...]
) -> None:
    """Without `near` SQLite pages and counts; with `near` Python does: same answers."""
    backend.index_postings(
        posting(
            n,
            title_terms=("용접",) * (n % 3) + ("지게차",) * (n % 2),
            body_terms=("용접",) * (n % 4),
            career_field=("care", "food", "manufacturing")[n % 3],
            employment_type=("full_time", "part_time")[n % 2],
            area_code=f"area{n % 4}",
            published_at=BASE_TIME + datetime.timedelta(hours=n % 6),
            deadline=datetime.date(2025, 4, 1 + n % 5),
        )
        for n in range(1, 41)
    )
    for page in (1, 2, 3):
        query = PostingQuery(terms=terms, sort=sort, page=page, page_size=7)
        in_sql = backend.search_postings(query)
        in_python = backend.search_postings(dataclasses.replace(query, near=DAEYA, radius_km=100))
        assert in_sql.total == in_python.total > 0
        assert in_sql.facets == in_python.facets
        assert [(h.id, h.score) for h in in_sql.hits] == [(h.id, h.score) for h in in_python.hits]


# -- versions, removal, counts -------------------------------------------------------------------


def test_versions_skip_older_and_replace_with_newer(backend: EmbeddedBackend) -> None:
    assert backend.index_postings([posting(1, version=2, title_terms=("용접",))]) == 1
    assert backend.index_postings([posting(1, version=1, title_terms=("조리",))]) == 0
    assert ids(backend, terms=("용접",)) == [1]
    assert ids(backend, terms=("조리",)) == []
    assert backend.index_postings([posting(1, version=2, title_terms=("용접",))]) == 1  # replay
    assert backend.index_postings([posting(1, version=3, title_terms=("조리",))]) == 1
    assert ids(backend, terms=("용접",)) == []
    assert ids(backend, terms=("조리",)) == [1]
    assert backend.posting_versions([1, 2]) == {1: 3}
    assert backend.count_postings() == 1


def test_one_batch_keeps_the_newest_of_duplicates(backend: EmbeddedBackend) -> None:
    written = backend.index_postings(
        [
            posting(1, version=5, title_terms=("용접",)),
            posting(1, version=4, title_terms=("조리",)),
            posting(2, version=1),
        ]
    )
    assert written == 2
    assert backend.posting_versions([1, 2]) == {1: 5, 2: 1}
    assert ids(backend, terms=("용접",)) == [1]


def test_remove_and_count(backend: EmbeddedBackend) -> None:
    backend.index_postings(
        posting(n, title_terms=("용접",), suggest=("용접공",)) for n in (1, 2, 3)
    )
    assert backend.count_postings() == 3
    assert backend.remove_postings([2, 3, 99]) == 2
    assert backend.remove_postings([]) == 0
    assert backend.count_postings() == 1
    assert ids(backend, terms=("용접",)) == [1]
    assert backend.posting_versions([1, 2, 3]) == {1: 1}
    backend.remove_postings([1])
    assert backend.suggest("용") == []


def test_many_ids_at_once(backend: EmbeddedBackend) -> None:
    backend.index_postings(posting(n) for n in range(1, 1201))
    assert len(backend.posting_versions(range(1, 1301))) == 1200
    assert backend.remove_postings(range(1, 1101)) == 1100
    assert backend.count_postings() == 100


# -- suggest ---------------------------------------------------------------------------------


def test_suggest_prefix_most_frequent_first(backend: EmbeddedBackend) -> None:
    backend.index_postings(
        [
            posting(1, suggest=("지게차 운전원", "용접공")),
            posting(2, suggest=("지게차 운전원", "지게차 정비", "지게차 운전원")),
            posting(3, suggest=("지게차 상하차", "Excel 사무보조")),
            posting(4, suggest=("100%_할인 판매",)),
        ]
    )
    assert backend.suggest("지게") == ["지게차 운전원", "지게차 상하차", "지게차 정비"]
    assert backend.suggest("지게", limit=1) == ["지게차 운전원"]
    assert backend.suggest("지게차 정") == ["지게차 정비"]
    assert backend.suggest("excel") == ["Excel 사무보조"]
    assert backend.suggest("EX") == ["Excel 사무보조"]
    assert backend.suggest("100%_") == ["100%_할인 판매"]
    assert backend.suggest("%") == []  # wildcards are plain characters
    assert backend.suggest("_") == []
    assert backend.suggest("") == []
    assert backend.suggest("지게", limit=0) == []
    assert backend.suggest("없는") == []


def test_reindexing_replaces_suggestions(backend: EmbeddedBackend) -> None:
    backend.index_postings([posting(1, suggest=("용접공",))])
    backend.index_postings([posting(1, version=2, suggest=("용접 보조",))])
    assert backend.suggest("용접") == ["용접 보조"]


# -- profiles ----------------------------------------------------------------------------------


def test_profiles_index_with_versions_and_remove(backend: EmbeddedBackend) -> None:
    assert backend.index_profiles([profile(1, version=2), profile(2)]) == 2
    assert backend.index_profiles([profile(1, version=1, cohort="senior")]) == 0
    assert backend.index_profiles([profile(1, version=3, min_hourly_wage=11_000)]) == 1
    assert backend.profile_versions([1, 2, 3]) == {1: 3, 2: 1}
    assert backend.count_profiles() == 2
    assert backend.remove_profiles([2, 5]) == 1
    assert backend.count_profiles() == 1
    assert backend.count_postings() == 0


# -- operations --------------------------------------------------------------------------------


def test_health_and_reset(backend: EmbeddedBackend) -> None:
    backend.index_postings([posting(1, suggest=("용접공",)), posting(2)])
    backend.index_profiles([profile(1)])
    assert backend.health() == {"backend": "embedded", "path": backend.path, "postings": 2}
    backend.reset()
    assert backend.count_postings() == 0
    assert backend.count_profiles() == 0
    assert backend.suggest("용") == []
    assert backend.search_postings(PostingQuery()).total == 0
    backend.index_postings([posting(3, title_terms=("용접",))])
    assert ids(backend, terms=("용접",)) == [3]


def test_prefixes_share_a_file_independently(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.sqlite3")
    first, second = EmbeddedBackend(path, prefix="one"), EmbeddedBackend(path, prefix="two-x")
    try:
        first.index_postings([posting(1)])
        second.index_postings([posting(1), posting(2)])
        second.reset()
        assert (first.count_postings(), second.count_postings()) == (1, 0)
    finally:
        first.close()
        second.close()


def test_threads_each_use_their_own_connection(backend: EmbeddedBackend) -> None:
    backend.index_postings(posting(n, title_terms=("용접",)) for n in range(1, 51))
    totals: list[int] = []
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            backend.index_postings([posting(100 + offset, title_terms=("용접",))])
            totals.append(backend.search_postings(PostingQuery(terms=("용접",))).total)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            backend.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(totals) == 8
    assert all(51 <= total <= 58 for total in totals)
    assert backend.count_postings() == 58


def test_creates_missing_folders_lazily(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "search.sqlite3"
    search = EmbeddedBackend(str(path), prefix="t")
    assert not path.parent.exists()  # nothing opened at construction
    try:
        assert search.count_postings() == 0
    finally:
        search.close()
    assert path.exists()


@pytest.mark.parametrize("make_path", ["directory", "under_a_file"])
def test_unusable_path_is_search_unavailable(tmp_path: Path, make_path: str) -> None:
    if make_path == "directory":
        path = tmp_path / "a_directory"
        path.mkdir()
    else:
        (tmp_path / "a_file").write_text("x")
        path = tmp_path / "a_file" / "search.sqlite3"
    search = EmbeddedBackend(str(path), prefix="t")
    with pytest.raises(SearchUnavailableError, match="embedded search file"):
        search.health()
    with pytest.raises(SearchUnavailableError):
        search.search_postings(PostingQuery())


def test_corrupt_file_is_search_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    search = EmbeddedBackend(str(path), prefix="t")
    with pytest.raises(SearchUnavailableError, match="cannot"):
        search.index_postings([posting(1)])


def test_a_failed_write_rolls_back_and_the_backend_recovers(backend: EmbeddedBackend) -> None:
    backend.index_postings([posting(1)])
    broken = dataclasses.replace(posting(2), location=None)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        backend.index_postings([posting(3), broken])
    assert backend.posting_versions([1, 2, 3]) == {1: 1}
    assert backend.index_postings([posting(3)]) == 1
