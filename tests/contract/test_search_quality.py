"""What people type into the search, on both backends, through the public API: typos, prefixes,
text with nothing searchable, unknown filter values and English typeahead (issue 15)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from search.backends.base import SearchBackend
from search.indexing import push_postings
from tests.contract.test_search_backends import employer, ids, make_posting, search

pytestmark = [pytest.mark.django_db]

__all__ = ["employer"]  # the fixture, shared with the behaviour suite


@pytest.fixture
def postings(backend: SearchBackend, employer: Any) -> dict[str, int]:
    rows = {
        "forklift": make_posting(
            employer,
            title="물류센터 지게차 운전원",
            description="입출고 물품을 옮깁니다.",
            occupation="forklift_driver",
            career_field_id="engineering",
        ),
        "care": make_posting(
            employer,
            title="요양보호사 구합니다",
            description="어르신 생활 지원",
            occupation="care_worker",
            career_field_id="health_welfare",
        ),
        "clerk": make_posting(employer, title="경리 사무원", description="전표 입력"),
    }
    push_postings([row.pk for row in rows.values()])
    return {name: row.pk for name, row in rows.items()}


@pytest.mark.parametrize(
    ("typed", "meant", "posting"),
    [("지계차", "지게차", "forklift"), ("요양보후사", "요양보호사", "care")],
)
def test_a_typo_finds_the_corrected_results_and_says_so(
    postings: dict[str, int], typed: str, meant: str, posting: str
) -> None:
    found = search(q=typed)
    assert ids(found) == [postings[posting]]
    assert found["corrected"] is True
    assert found["did_you_mean"] == meant
    assert meant in found["message"]
    assert any(f"<mark>{meant}</mark>" in snippet for snippet in found["results"][0]["highlight"])


def test_a_typo_beside_a_word_that_finds_something_is_offered_not_forced(
    postings: dict[str, int],
) -> None:
    found = search(q="지계차 사무원")
    assert ids(found) == [postings["clerk"]]  # what was typed, as typed
    assert found["corrected"] is False
    assert found["did_you_mean"] == "지게차 사무원"


def test_a_particle_after_a_typo_is_kept(postings: dict[str, int]) -> None:
    found = search(q="지계차를")
    assert ids(found) == [postings["forklift"]]
    assert found["did_you_mean"] == "지게차를"


def test_a_word_the_postings_have_is_never_corrected(postings: dict[str, int]) -> None:
    found = search(q="사무원")
    assert ids(found) == [postings["clerk"]]
    assert found["did_you_mean"] is None
    assert found["corrected"] is False
    assert found["message"] is None


def test_nonsense_is_not_corrected_into_something(postings: dict[str, int]) -> None:
    found = search(q="브라키오사우루스")
    assert found["count"] == 0
    assert found["did_you_mean"] is None


def test_a_prefix_finds_the_words_it_starts(postings: dict[str, int]) -> None:
    found = search(q="지게")
    assert ids(found) == [postings["forklift"]]
    assert found["did_you_mean"] is None
    assert any("<mark>지게차</mark>" in snippet for snippet in found["results"][0]["highlight"])
    assert ids(search(q="요양보")) == [postings["care"]]


@pytest.mark.parametrize("typed", ["ㅈㄱㅊ", "!!!", " ?! "])
def test_text_with_nothing_searchable_finds_nothing_and_says_so(
    postings: dict[str, int], typed: str
) -> None:
    found = search(q=typed)
    assert found["count"] == 0
    assert found["results"] == []
    assert found["no_usable_terms"] is True
    assert "검색할 수 있는 단어가 없습니다" in found["message"]
    everything = search()
    assert everything["count"] == 3  # no text at all still browses every posting
    assert everything["no_usable_terms"] is False


@pytest.mark.parametrize(
    ("param", "value", "allowed"),
    [
        ("cohort", "alien", "graduate, returner, senior"),
        ("shift", "dawn", "morning, afternoon, evening, night"),
        ("employment_type", "gig", "full_time, part_time, flexible, contract"),
        ("career_field", "nope", "business"),
        ("area", "999", "4139051000"),
        ("min_wage", "-5", "0~1000000"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_the_allowed_values(
    postings: dict[str, int], param: str, value: str, allowed: str
) -> None:
    response = Client().get("/api/v1/postings/search/", {param: value})
    assert response.status_code == 400
    message = response.json()[param][0]
    assert allowed in message
    if param != "min_wage":
        assert value in message
    # The known values still filter, also with several at once.
    ok = Client().get("/api/v1/postings/search/", {"shift": "morning,night", "cohort": "senior"})
    assert ok.status_code == 200


def test_english_typeahead_suggests_korean_titles_never_codes(postings: dict[str, int]) -> None:
    response = Client().get("/api/v1/postings/suggest/", {"q": "forkl"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert "물류센터 지게차 운전원" in suggestions
    assert not [s for s in suggestions if re.fullmatch(r"[a-z0-9_]+", s)]
    korean = Client().get("/api/v1/postings/suggest/", {"q": "요양"}).json()["suggestions"]
    assert korean == ["요양보호사 구합니다"]
    assert Client().get("/api/v1/postings/suggest/", {"q": "care_"}).json()["suggestions"] == []
