"""`ElasticsearchBackend` against the real Elasticsearch node that `make test` starts.

Each test gets its own index prefix and drops it afterwards. Documents are built by hand with
their terms already analysed, so nothing here depends on `search.analysis`. The failure tests
use a closed port and a silent local socket, never the shared node.
"""

from __future__ import annotations

import datetime
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from search.backends.base import PostingResults, SearchUnavailableError
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.es_mappings import posting_search, read_alias, write_alias
from search.backends.geo import haversine_km
from search.documents import GeoPoint, PostingDocument, ProfileDocument
from search.query import PostingQuery

DAEYA = GeoPoint(37.4531, 126.80001)  # 대야동
JEONGWANG1 = GeoPoint(37.34923, 126.72715)  # 정왕1동, ~13 km from 대야동
NOW = datetime.datetime(2025, 6, 1, 9, 0, tzinfo=datetime.UTC)


def posting(posting_id: int, **fields: Any) -> PostingDocument:
    """An open posting with hand-written terms; `fields` override the defaults."""
    defaults: dict[str, Any] = {
        "id": posting_id,
        "version": 1,
        "title": f"사무 보조원 {posting_id}",
        "description": "문서 정리와 전화 응대를 합니다.",
        "employer_name": "시흥상회",
        "title_terms": ("사무", "보조원"),
        "body_terms": ("문서", "정리", "전화", "응대"),
        "career_field": "business",
        "occupation": "사무보조원",
        "employment_type": "part_time",
        "shifts": ("morning",),
        "cohorts_welcome": (),
        "area_code": "4139051000",
        "area_name": "대야동",
        "location": DAEYA,
        "hourly_wage": 10500,
        "deadline": datetime.date(2025, 7, 1),
        "published_at": NOW,
        "suggest": ("사무 보조원",),
    }
    defaults.update(fields)
    return PostingDocument(**defaults)


def ids(results: PostingResults) -> list[int]:
    return [hit.id for hit in results.hits]


@pytest.fixture
def elasticsearch_url() -> str:
    """The node `make test` starts; without it the test fails (never skips)."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.fail("ELASTICSEARCH_URL is not set: run the suite with `make test`")
    return url


@pytest.fixture
def backend(elasticsearch_url: str) -> Iterator[ElasticsearchBackend]:
    search = ElasticsearchBackend(
        url=elasticsearch_url, prefix=f"t{uuid.uuid4().hex[:10]}", refresh=True
    )
    search.reset()
    yield search
    search.drop()


def test_title_match_ranks_above_body_match(backend: ElasticsearchBackend) -> None:
    backend.index_postings(
        [
            posting(1, title_terms=("요양", "보호사"), body_terms=("어르신", "돌봄")),
            posting(2, title_terms=("조리", "보조"), body_terms=("요양", "시설", "급식")),
            posting(3, title_terms=("바리스타",), body_terms=("커피", "제조")),
        ]
    )
    results = backend.search_postings(PostingQuery(terms=("요양",)))
    assert ids(results) == [1, 2]
    assert results.total == 2
    assert results.hits[0].score > results.hits[1].score > 0
    # Hits rebuild the indexed document exactly from `_source`.
    assert results.hits[0].document == posting(
        1, title_terms=("요양", "보호사"), body_terms=("어르신", "돌봄")
    )
    assert results.hits[0].distance_km is None


def test_any_term_matches_and_no_terms_matches_all(backend: ElasticsearchBackend) -> None:
    backend.index_postings(
        [
            posting(1, title_terms=("요양",), body_terms=()),
            posting(2, title_terms=("조리",), body_terms=()),
            posting(3, title_terms=("바리스타",), body_terms=()),
        ]
    )
    assert sorted(ids(backend.search_postings(PostingQuery(terms=("요양", "조리"))))) == [1, 2]
    assert backend.search_postings(PostingQuery()).total == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (PostingQuery(career_fields=("care",)), [2]),
        (PostingQuery(career_fields=("care", "food")), [2, 3]),
        (PostingQuery(employment_types=("full_time",)), [3]),
        (PostingQuery(shifts=("night",)), [2, 3]),
        (PostingQuery(shifts=("evening",)), [3]),
        (PostingQuery(areas=("4139059100",)), [2]),
        (PostingQuery(min_wage=11000), [2, 3]),
        (PostingQuery(min_wage=12000), [3]),
        (PostingQuery(career_fields=("care", "food"), min_wage=12000), [3]),
        (PostingQuery(terms=("사무",), career_fields=("care",)), [2]),
        (PostingQuery(terms=("바리스타",), career_fields=("care",)), []),
    ],
)
def test_filters(backend: ElasticsearchBackend, query: PostingQuery, expected: list[int]) -> None:
    backend.index_postings(
        [
            posting(1),
            posting(
                2, career_field="care", shifts=("night",), area_code="4139059100", hourly_wage=11000
            ),
            posting(
                3,
                career_field="food",
                employment_type="full_time",
                shifts=("evening", "night"),
                hourly_wage=12500,
            ),
        ]
    )
    assert sorted(ids(backend.search_postings(query))) == expected


def test_cohort_matches_postings_welcoming_it_or_everyone(backend: ElasticsearchBackend) -> None:
    backend.index_postings(
        [
            posting(1, cohorts_welcome=()),  # every cohort welcome
            posting(2, cohorts_welcome=("career_break",)),  # 경력단절여성 = career-break women
            posting(3, cohorts_welcome=("senior", "youth")),
        ]
    )
    assert sorted(ids(backend.search_postings(PostingQuery(cohort="career_break")))) == [1, 2]
    assert sorted(ids(backend.search_postings(PostingQuery(cohort="youth")))) == [1, 3]
    assert sorted(ids(backend.search_postings(PostingQuery()))) == [1, 2, 3]


def test_facets_count_every_match_not_just_the_page(backend: ElasticsearchBackend) -> None:
    backend.index_postings(
        [
            posting(1, career_field="care", area_code="A"),
            posting(2, career_field="care", area_code="B", employment_type="full_time"),
            posting(3, career_field="food", area_code="A"),
            posting(4, career_field="care", title_terms=("바리스타",), body_terms=()),
        ]
    )
    results = backend.search_postings(PostingQuery(terms=("사무",), page_size=1))
    assert results.total == 3
    assert len(results.hits) == 1
    counts = {
        name: {value.value: value.count for value in values}
        for name, values in results.facets.items()
    }
    assert counts == {
        "career_field": {"care": 2, "food": 1},
        "employment_type": {"part_time": 2, "full_time": 1},
        "area": {"A": 2, "B": 1},
    }
    assert [value.value for value in results.facets["career_field"]] == ["care", "food"]
    only_area = backend.search_postings(PostingQuery(facets=("area",)))
    assert set(only_area.facets) == {"area"}


def test_geo_radius_distance_sort_and_distance_km(backend: ElasticsearchBackend) -> None:
    backend.index_postings(
        [posting(1, location=DAEYA), posting(2, location=JEONGWANG1, area_code="4139059100")]
    )
    near_daeya = backend.search_postings(PostingQuery(near=DAEYA, radius_km=5))
    assert ids(near_daeya) == [1]
    assert near_daeya.hits[0].distance_km == pytest.approx(0.0, abs=0.01)

    by_distance = backend.search_postings(PostingQuery(near=DAEYA, sort="distance"))
    assert ids(by_distance) == [1, 2]
    far = by_distance.hits[1].distance_km
    assert far == pytest.approx(haversine_km(DAEYA, JEONGWANG1))
    assert far == pytest.approx(13.2, abs=0.1)

    assert ids(backend.search_postings(PostingQuery(near=JEONGWANG1, sort="distance"))) == [2, 1]
    assert ids(backend.search_postings(PostingQuery(near=DAEYA, radius_km=13))) == [1]
    assert sorted(ids(backend.search_postings(PostingQuery(near=DAEYA, radius_km=14)))) == [1, 2]
    # Relevance with `near`: the distance decay ranks the closer of two equal matches first.
    by_relevance = backend.search_postings(PostingQuery(terms=("사무",), near=JEONGWANG1))
    assert ids(by_relevance) == [2, 1]
    assert all(hit.distance_km is not None for hit in by_relevance.hits)


def test_newest_and_deadline_sorts(backend: ElasticsearchBackend) -> None:
    day = datetime.timedelta(days=1)
    backend.index_postings(
        [
            posting(1, published_at=NOW - 2 * day, deadline=datetime.date(2025, 7, 3)),
            posting(2, published_at=NOW, deadline=datetime.date(2025, 7, 9)),
            posting(3, published_at=NOW - day, deadline=datetime.date(2025, 7, 1)),
            posting(4, published_at=NOW, deadline=datetime.date(2025, 7, 1)),
        ]
    )
    # Ties break on id: newest → id desc, deadline → id asc.
    assert ids(backend.search_postings(PostingQuery(sort="newest"))) == [4, 2, 3, 1]
    assert ids(backend.search_postings(PostingQuery(sort="deadline"))) == [3, 4, 1, 2]


@pytest.mark.parametrize("sort", ["relevance", "newest", "deadline", "distance"])
def test_pages_do_not_overlap(backend: ElasticsearchBackend, sort: str) -> None:
    # Many exact ties (same terms, date, place) so paging relies on the id tie-breaker.
    backend.index_postings(
        posting(i, published_at=NOW - datetime.timedelta(days=i % 3)) for i in range(1, 26)
    )
    near = DAEYA if sort == "distance" else None
    seen: list[int] = []
    for page in (1, 2, 3):
        query = PostingQuery(terms=("사무",), sort=sort, near=near, page=page, page_size=10)
        results = backend.search_postings(query)
        assert results.total == 25
        seen.extend(ids(results))
    assert len(seen) == 25
    assert sorted(seen) == list(range(1, 26))


def test_external_versioning_skips_older_and_replaces_with_newer(
    backend: ElasticsearchBackend,
) -> None:
    assert backend.index_postings([posting(1, version=5, title="v5")]) == 1
    # An older (or the same) version never overwrites newer data: counted as skipped.
    assert backend.index_postings([posting(1, version=4, title="v4")]) == 0
    assert backend.index_postings([posting(1, version=5, title="v5 again")]) == 0
    assert backend.search_postings(PostingQuery()).hits[0].document.title == "v5"
    assert backend.posting_versions([1, 2]) == {1: 5}

    written = backend.index_postings([posting(1, version=6, title="v6"), posting(2, version=1)])
    assert written == 2
    assert backend.search_postings(PostingQuery(sort="newest")).hits[1].document.title == "v6"
    assert backend.posting_versions([1, 2, 3]) == {1: 6, 2: 1}
    assert backend.posting_versions([]) == {}


def test_remove_and_count(backend: ElasticsearchBackend) -> None:
    assert backend.count_postings() == 0
    backend.index_postings(posting(i) for i in range(1, 6))
    assert backend.count_postings() == 5
    assert backend.remove_postings([2, 4, 99]) == 2  # a missing id is fine
    assert backend.count_postings() == 3
    assert sorted(ids(backend.search_postings(PostingQuery()))) == [1, 3, 5]
    assert backend.remove_postings([]) == 0


def test_suggest(backend: ElasticsearchBackend) -> None:
    backend.index_postings(
        [
            posting(1, suggest=("요양보호사", "요양보호사 주간")),
            posting(2, suggest=("요양보호사", "요리사")),
            posting(3, suggest=("Barista", "C++ 개발")),
        ]
    )
    assert backend.suggest("요양") == ["요양보호사", "요양보호사 주간"]  # no duplicates
    # Most postings first, then alphabetical (as the embedded backend orders them).
    assert backend.suggest("요") == ["요양보호사", "요리사", "요양보호사 주간"]
    assert backend.suggest("요", limit=1) == ["요양보호사"]
    assert backend.suggest("bar") == backend.suggest("BAR") == ["Barista"]
    assert backend.suggest("c+") == ["C++ 개발"]  # regexp characters are literal
    assert backend.suggest("없음") == []
    assert backend.suggest("  ") == []


def test_profiles_index_and_remove(backend: ElasticsearchBackend) -> None:
    profile = ProfileDocument(
        id=7,
        version=2,
        cohort="senior",
        terms=("요양", "돌봄"),
        career_fields=("care",),
        skills=("돌봄",),
        certificates=("요양보호사",),
        employment_types=("part_time",),
        shifts=("morning",),
        area_code="4139051000",
        location=DAEYA,
        max_commute_km=5.0,
        min_hourly_wage=None,
        open_to_employers=True,
    )
    assert backend.index_profiles([profile]) == 1
    assert backend.index_profiles([profile]) == 0  # same version: skipped
    index = read_alias(backend.prefix, "profiles")
    source = backend.client.get(index=index, id="7")["_source"]
    assert source["terms"] == "요양 돌봄"
    assert not {"name", "email", "phone", "birth_year"} & set(source)
    assert backend.remove_profiles([7, 8]) == 1
    assert backend.client.count(index=index)["count"] == 0


def _alias_targets(backend: ElasticsearchBackend) -> dict[str, set[str]]:
    found = backend.client.indices.get_alias(
        name=[read_alias(backend.prefix, "postings"), write_alias(backend.prefix, "postings")]
    )
    targets: dict[str, set[str]] = {}
    for index, body in found.body.items():
        for alias in body["aliases"]:
            targets.setdefault(alias, set()).add(index)
    return targets


def test_alias_swap_refuses_a_short_index_and_moves_both_aliases(
    backend: ElasticsearchBackend,
) -> None:
    prefix = backend.prefix
    backend.index_postings(posting(i) for i in range(1, 11))
    assert _alias_targets(backend) == {
        f"{prefix}-postings": {f"{prefix}-postings-v1"},
        f"{prefix}-postings-write": {f"{prefix}-postings-v1"},
    }

    new_index = backend.create_index_version()
    assert new_index == f"{prefix}-postings-v2"
    assert backend.index_postings_into(new_index, (posting(i, version=2) for i in range(1, 5))) == 4
    # Reads still serve the old index while the new one is being filled.
    assert backend.count_postings() == 10
    with pytest.raises(ValueError, match="min_count"):
        backend.swap_aliases(new_index, min_count=9)
    assert backend.count_postings() == 10
    with pytest.raises(ValueError, match="not a versioned index"):
        backend.swap_aliases("someone-else-postings-v1", min_count=0)

    backend.index_postings_into(new_index, (posting(i, version=2) for i in range(5, 10)))
    backend.swap_aliases(new_index, min_count=9)
    assert _alias_targets(backend) == {
        f"{prefix}-postings": {new_index},
        f"{prefix}-postings-write": {new_index},
    }
    assert backend.count_postings() == 9
    assert backend.posting_versions([1]) == {1: 2}
    backend.index_postings([posting(42)])  # the write alias follows
    assert backend.client.count(index=new_index)["count"] == 10
    assert backend.client.count(index=f"{prefix}-postings-v1")["count"] == 10  # kept, unaliased
    assert backend.create_index_version() == f"{prefix}-postings-v3"


def test_reads_keep_working_during_a_swap(backend: ElasticsearchBackend) -> None:
    backend.index_postings(posting(i) for i in range(1, 21))
    new_index = backend.create_index_version()
    backend.index_postings_into(new_index, (posting(i, version=2) for i in range(1, 31)))
    totals: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read_continuously() -> None:
        while not stop.is_set():
            try:
                totals.append(backend.search_postings(PostingQuery(terms=("사무",))).total)
            except Exception as error:  # any failure is the finding
                errors.append(error)

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        time.sleep(0.2)
        backend.swap_aliases(new_index, min_count=30)
        time.sleep(0.2)
    finally:
        stop.set()
        reader.join()
    assert errors == []
    assert set(totals) == {20, 30}  # every read saw the old or the new index, never a mix
    assert totals[-1] == 30


def test_reset_and_drop_touch_only_their_own_prefix(elasticsearch_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    mine = ElasticsearchBackend(url=elasticsearch_url, prefix=prefix, refresh=True)
    longer = ElasticsearchBackend(url=elasticsearch_url, prefix=f"{prefix}-x", refresh=True)
    try:
        mine.reset()
        longer.reset()
        mine.index_postings([posting(1)])
        longer.index_postings([posting(1), posting(2)])
        mine.reset()
        assert mine.count_postings() == 0
        assert longer.count_postings() == 2
    finally:
        mine.drop()
        longer.drop()
    assert not mine.client.indices.exists(index=f"{prefix}-postings-v1")


def test_health(backend: ElasticsearchBackend) -> None:
    backend.index_postings([posting(1)])
    health = backend.health()
    assert health["backend"] == "elasticsearch"
    assert health["cluster_status"] in {"green", "yellow"}
    assert health["postings"] == 1


def test_a_missing_index_is_made_on_first_use_not_a_crash(backend: ElasticsearchBackend) -> None:
    # A fresh cluster (or a dropped prefix) answers empty results: the indices and aliases
    # are created on first use, reads included.
    backend.drop()
    assert backend.search_postings(PostingQuery()).total == 0
    assert backend.count_postings() == 0
    assert backend.client.indices.exists_alias(name=f"{backend.prefix}-postings")


def test_client_is_created_lazily() -> None:
    backend = ElasticsearchBackend(url="http://127.0.0.1:1", prefix="lazy")
    assert backend._client is None


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_node_is_unavailable_within_3_seconds() -> None:
    backend = ElasticsearchBackend(url=f"http://127.0.0.1:{_closed_port()}", prefix="gone")
    calls = [
        lambda: backend.search_postings(PostingQuery(terms=("사무",))),
        lambda: backend.index_postings([posting(1)]),
        backend.health,
        lambda: backend.suggest("사"),
        lambda: backend.posting_versions([1]),
    ]
    for call in calls:
        started = time.monotonic()
        with pytest.raises(SearchUnavailableError, match="unreachable"):
            call()
        assert time.monotonic() - started < 3


def test_a_silent_node_times_out_as_unavailable() -> None:
    # A socket that accepts connections but never answers: the request timeout must fire.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        backend = ElasticsearchBackend(url=url, prefix="silent", timeout=0.5)
        started = time.monotonic()
        with pytest.raises(SearchUnavailableError):
            backend.search_postings(PostingQuery())
        assert time.monotonic() - started < 3


def test_query_body_uses_only_match_on_terms() -> None:
    query = PostingQuery(terms=("요양", "보호사"), text="요양 보호사 OR *", near=DAEYA)
    body = posting_search(query, "i").to_dict()
    nearness = body["query"]["function_score"]
    freshness = nearness["query"]["function_score"]
    for level in (nearness, freshness):
        assert (level["score_mode"], level["boost_mode"]) == ("sum", "multiply")
        assert level["functions"][1] == {"weight": 0.1}  # the floor
    assert nearness["functions"][0]["gauss"]["location"]["origin"] == {
        "lat": DAEYA.lat,
        "lon": DAEYA.lon,
    }
    assert freshness["functions"][0]["gauss"]["published_at"]["scale"] == "30d"
    should = freshness["query"]["bool"]["should"]
    assert should == [
        {"match": {"title_terms": {"query": "요양 보호사", "operator": "or", "boost": 3}}},
        {"match": {"body_terms": {"query": "요양 보호사", "operator": "or"}}},
    ]
    assert "query_string" not in str(body)
    assert body["track_total_hits"] is True

    by_deadline = posting_search(PostingQuery(sort="deadline", page=3, page_size=5), "i")
    plain = by_deadline.to_dict()
    assert "function_score" not in plain["query"]
    assert plain["sort"] == [{"deadline": "asc"}, {"id": "asc"}]
    assert (plain["from"], plain["size"]) == (10, 5)


def test_old_far_postings_keep_their_text_ranking(backend: ElasticsearchBackend) -> None:
    # ~3 years old and ~300 km away: a bare gauss decay would be 0 for both, a tie.
    old = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)
    busan = GeoPoint(35.1796, 129.0756)
    far_and_old = {"published_at": old, "location": busan}
    backend.index_postings(
        [
            posting(1, title_terms=("조리", "보조"), body_terms=("요양", "급식"), **far_and_old),
            posting(2, title_terms=("요양", "보호사"), body_terms=("돌봄",), **far_and_old),
            posting(3, title_terms=("바리스타",), body_terms=("커피",), **far_and_old),
        ]
    )
    results = backend.search_postings(PostingQuery(terms=("요양",), near=DAEYA))
    assert ids(results) == [2, 1]
    assert results.hits[1].score > 0


def test_a_retrieval_ranks_freshness_as_of_its_day(backend: ElasticsearchBackend) -> None:
    # A retrieval is for a day (`open_on`: a recommendation, a match run): freshness counts from
    # the end of that day in Seoul, not from the moment the query runs, so that two retrievals
    # of the same day rank alike. Posting 1 was published on the day; posting 2 a year and a
    # half later, near the real "now". A person's search still counts from now.
    day = NOW.date()
    backend.index_postings(
        [
            posting(1, published_at=NOW - datetime.timedelta(hours=2)),
            posting(2, published_at=NOW + datetime.timedelta(days=540)),
        ]
    )
    retrieval = PostingQuery(terms=("사무",), open_on=day, retrieval=True)
    assert ids(backend.search_postings(retrieval)) == [1, 2]
    assert ids(backend.search_postings(PostingQuery(terms=("사무",), open_on=day))) == [2, 1]
