"""`/jobs/` with what people really type: typos, prefixes, nothing searchable, unknown filter
values (issue 15). The API's side, on both backends: tests/contract/test_search_quality.py."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.test import Client

from backend.jobs.models import Posting

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def get(**params: str) -> tuple[int, str]:
    response = Client(HTTP_ACCEPT_LANGUAGE="ko").get("/jobs/", params)
    return response.status_code, response.content.decode()


def test_search_a_typo_shows_the_corrected_results_and_says_so(
    open_posting: Callable[..., Posting],
) -> None:
    forklift = open_posting(title="물류센터 지게차 운전원", description="입출고 물품 운반")
    open_posting(title="경리 사무원")
    status, html = get(q="지계차")
    assert status == 200
    assert "'지계차'에 맞는 공고가 없어서 '지게차'(으)로 찾았어요." in html
    assert f'href="/jobs/{forklift.pk}/"' in html
    assert "경리 사무원" not in html
    assert 'value="지계차"' in html  # what was typed stays in the box


def test_search_did_you_mean_is_a_link_that_keeps_the_filters(
    open_posting: Callable[..., Posting],
) -> None:
    open_posting(title="물류센터 지게차 운전원")
    open_posting(title="경리 사무원")
    status, html = get(q="지계차 사무원", employment_type="part_time")
    assert status == 200
    assert "혹시 이것을 찾으셨나요?" in html
    link = urlencode({"q": "지게차 사무원", "employment_type": "part_time"}).replace("&", "&amp;")
    assert f'href="?{link}">지게차 사무원</a>' in html
    assert "경리 사무원" in html  # what was typed found this, and shows it


def test_search_a_prefix_finds_the_word_it_starts(open_posting: Callable[..., Posting]) -> None:
    forklift = open_posting(title="물류센터 지게차 운전원")
    open_posting(title="경리 사무원")
    _, html = get(q="지게")
    assert f'href="/jobs/{forklift.pk}/"' in html
    assert "<mark>지게차</mark>" in html
    assert "경리 사무원" not in html


@pytest.mark.parametrize("typed", ["ㅈㄱㅊ", "!!!"])
def test_search_with_nothing_searchable_says_so_instead_of_listing_everything(
    open_posting: Callable[..., Posting], typed: str
) -> None:
    open_posting(title="경리 사무원")
    status, html = get(q=typed)
    assert status == 200
    assert "검색할 수 있는 단어가 없어요." in html
    assert "경리 사무원" not in html
    assert "공고 0건" in html


@pytest.mark.parametrize(
    ("params", "field", "named"),
    [
        ({"cohort": "alien"}, "cohort", "지역 고교 졸업생, 경력단절여성, 신중년 전문인력"),
        ({"career_field": "nope"}, "career_field", "경영·경제·회계"),
        ({"employment_type": "gig"}, "employment_type", "전일제, 시간제, 유연근무, 계약직"),
        ({"shift": "dawn"}, "shift", "오전, 오후, 저녁, 야간"),
        ({"min_wage": "-5"}, "min_wage", "0"),
    ],
)
def test_search_an_unknown_filter_value_is_the_fields_error_naming_the_choices(
    open_posting: Callable[..., Posting], params: dict[str, str], field: str, named: str
) -> None:
    open_posting(title="사무 보조원")
    status, html = get(q="사무", **params)
    assert status == 200
    assert f'id="error-{field}"' in html
    assert named in html
    assert 'value="사무"' in html  # the rest of the input kept
    if field == "min_wage":
        assert 'value="-5"' in html
    assert "사무 보조원" in html  # and the rest of the search still runs
