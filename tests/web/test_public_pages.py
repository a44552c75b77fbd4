"""The public pages: home, search, a posting, the privacy notice — and their bad inputs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from backend.jobs.models import Posting
from tests.factories.jobs import posting_in
from tests.web.postings import JEONGWANG1

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def get(path: str, **params: str) -> tuple[int, str]:
    response = Client(HTTP_ACCEPT_LANGUAGE="ko").get(path, params)
    return response.status_code, response.content.decode()


def test_home_lists_newest_and_closing_soon(open_posting: Callable[..., Posting]) -> None:
    open_posting(title="지게차 운전원")
    with CaptureQueriesContext(connection) as queries:
        status, html = get("/")
    assert status == 200
    assert '<html lang="ko">' in html
    assert "지게차 운전원" in html
    assert 'href="/jobs/?cohort=returner"' in html
    assert "/api/docs/" in html  # the API docs moved to the footer
    assert len(queries) <= 4, [q["sql"] for q in queries]


def test_search_finds_by_morphology_and_synonym(open_posting: Callable[..., Posting]) -> None:
    forklift = open_posting(title="지게차 운전원", description="물류 창고에서 지게차를 운전합니다.")
    open_posting(title="사무 보조원")
    status, html = get("/jobs/", q="포크리프트를")
    assert status == 200
    assert f'href="/jobs/{forklift.pk}/"' in html
    assert "사무 보조원" not in html
    assert "<mark>" in html  # highlighted snippet


def test_search_filters_facets_and_paging(open_posting: Callable[..., Posting]) -> None:
    for number in range(12):
        open_posting(title=f"조립원 {number}", employment_type="full_time", shifts=["night"])
    open_posting(title="오전 사무 보조원", shifts=["morning"])
    status, html = get("/jobs/", shift="morning")
    assert "오전 사무 보조원" in html
    assert "조립원" not in html
    status, html = get("/jobs/", q="조립원")
    assert "공고 12건" in html
    assert 'aria-current="page"' in html
    assert "page=2" in html
    assert "career_field=business" in html  # facet links carry their value
    status, html = get("/jobs/", q="조립원", page="2")
    assert status == 200
    assert html.count('class="posting-card"') == 2


def test_search_near_a_dong(open_posting: Callable[..., Posting]) -> None:
    open_posting(title="가까운 공고")
    open_posting(title="먼 공고", area_id=JEONGWANG1)
    status, html = get("/jobs/", near_area="4139051000", radius_km="5", sort="distance")
    assert status == 200
    assert "가까운 공고" in html
    assert "먼 공고" not in html
    assert "km" in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"radius_km": "5"}, "near_area", "동을 골라 주세요"),
        ({"sort": "distance"}, "near_area", "동을 골라 주세요"),
        ({"min_wage": "abc"}, "min_wage", "정수"),
        ({"page": "999"}, None, "너무 뒤쪽"),
        ({"shift": "dawn"}, "shift", "dawn"),
        ({"near_area": "0000000000"}, "near_area", "0000000000"),
    ],
)
def test_search_bad_input_is_a_message_and_keeps_the_rest(
    open_posting: Callable[..., Posting], params: dict[str, str], field: str | None, message: str
) -> None:
    open_posting(title="사무 보조원")
    status, html = get("/jobs/", q="사무", **params)
    assert status == 200
    assert 'class="error-summary"' in html
    assert message in html
    if field is not None:
        assert f'id="error-{field}"' in html
        assert 'aria-invalid="true"' in html
    assert 'value="사무"' in html  # input kept
    assert "사무 보조원" in html  # the rest of the search still runs


def test_posting_detail_and_invisible_postings(open_posting: Callable[..., Posting]) -> None:
    posting = open_posting(
        title="CNC 가공원", certificates_required=["컴퓨터응용선반기능사"], shifts=["morning"]
    )
    status, html = get(f"/jobs/{posting.pk}/")
    assert status == 200
    for text in ("CNC 가공원", "10,500원", "컴퓨터응용선반기능사", "오전", "로그인하고 지원하기"):
        assert text in html
    draft = posting_in("draft")
    status, html = get(f"/jobs/{draft.pk}/")
    assert status == 404
    assert "찾을 수 없어요" in html


def test_privacy_notice_names_every_purpose() -> None:
    status, html = get("/privacy/")
    assert status == 200
    for anchor in ("purpose-service", "purpose-matching", "purpose-marketing"):
        assert f'id="{anchor}"' in html
