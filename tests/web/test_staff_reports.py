"""The staff report page (/staff/reports/): staff only, the suppressed table with its charts
and downloads, the internal toggle, and bad parameters as the form again (400)."""

from __future__ import annotations

import pytest

from backend.accounts.models import AccessLog
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.reports.conftest import Population, population
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/staff/reports/"
PAGE_QUERIES = 12

__all__ = ["population"]


def test_only_staff_open_the_page() -> None:
    assert client_for(None).get(URL).status_code == 302
    for user in (seeker(), employer_user(), mentor_user()):
        assert client_for(user).get(URL).status_code == 403
    assert client_for(staff_user()).get(URL).status_code == 200


def test_the_suppressed_table_charts_and_downloads(population: Population) -> None:
    client = client_for(staff_user())
    queries, response = count_queries(lambda: client.get(URL, population.params(by="cohort")))
    assert response.status_code == 200
    assert queries <= PAGE_QUERIES
    page = html(response)
    assert "지역 고교 졸업생" in page
    assert "&lt;5" in response.content.decode()  # seniors' small counts
    assert "<svg" in page
    assert "구분별 취업 건수" in page
    assert "internal-badge" not in page
    for code in ("csv", "xlsx", "pdf"):
        assert f"format={code}" in page
    assert f"from={population.date_from}" in page
    # Looking is not downloading: nothing in the access log.
    assert not AccessLog.objects.exists()


def test_internal_numbers_are_marked_internal(population: Population) -> None:
    client = client_for(staff_user())
    response = client.get(URL, population.params(by="cohort", internal="on"))
    page = html(response)
    assert "internal-badge" in page
    # Seniors: 3 participants, shown as they are.
    senior_row = page[page.index("신중년 전문인력</th>") :].split("</tr>")[0]
    assert "<td>3</td>" in senior_row
    # The downloads stay suppressed: they are the API's files.
    assert "internal" not in page[page.index("내려받기") :]


def test_mentoring_report_on_the_page() -> None:
    response = client_for(staff_user()).get(URL, {"kind": "mentoring", "by": "mentor_kind"})
    assert response.status_code == 200
    assert "멘토링 실적" in html(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-40"}, "YYYY-MM-DD"),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "끝 날짜"),
        ({"kind": "mentoring", "by": "cohort"}, "career_field, mentor_kind"),
    ],
)
def test_bad_parameters_show_the_form_again(query: dict[str, str], message: str) -> None:
    response = client_for(staff_user()).get(URL, query)
    assert response.status_code == 400
    page = html(response)
    assert "입력한 내용을 확인해 주세요" in page
    assert message in page
    assert 'aria-invalid="true"' in page
    assert "report-table" not in page
    # The input is kept.
    for value in query.values():
        assert value in page
