"""The hiring-survey and ledger pages: /employer/hiring-surveys/ (form with the policy's
definition of a local graduate, errors beside the field with the input kept, history),
/employer/ordinance/ (its own row), and the staff's /staff/hiring-surveys/ (filing on an
institution's behalf, the missing count) and /staff/reports/ordinance/."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from backend.employers.models import HiringSurvey
from backend.reports.snapshots import snapshots_yearly
from tests.factories.accounts import mentor_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = datetime.datetime(2026, 1, 12, 3, tzinfo=datetime.UTC)
SURVEY = {
    "year": "2025",
    "new_hires_total": "30",
    "local_graduate_hires": "3",
    "returner_hires": "2",
    "senior_hires": "1",
}


@time_machine.travel(NOW, tick=False)
def test_institution_files_its_survey_and_sees_its_row() -> None:
    employer, user = employer_with_user(is_city_funded=True, staff_count=40)
    client = client_for(user)
    page = html(client.get("/employer/hiring-surveys/"))
    assert "시흥시에 있는 고등학교를 졸업했거나 시흥시에 사는 사람이에요." in page
    assert "졸업한 지 5년이 지나지 않은 사람이에요." in page
    assert "2026. 1. 31." in page or "2026-01-31" in page or "2026년 1월 31일" in page
    response = client.post("/employer/hiring-surveys/", SURVEY)
    assert response.status_code == 302
    client.post("/employer/hiring-surveys/", {**SURVEY, "local_graduate_hires": "6"})
    assert HiringSurvey.objects.filter(employer=employer).count() == 2
    page = html(client.get("/employer/hiring-surveys/"))
    assert "새 제출로 바뀜" in page
    assert "반영 중" in page
    page = html(client.get("/employer/ordinance/", {"year": "2025"}))
    assert employer.name in page
    assert "실태조사" in page
    # 6 of 30 = 20.0% meets the 20% target.
    assert "20.0%" in page
    assert "달성" in page


@time_machine.travel(NOW, tick=False)
def test_bad_survey_shows_the_form_again_with_the_field_error() -> None:
    _, user = employer_with_user(is_city_funded=True, staff_count=40)
    response = client_for(user).post(
        "/employer/hiring-surveys/", {**SURVEY, "local_graduate_hires": "31"}
    )
    assert response.status_code == 400
    page = html(response)
    assert "신규 채용 인원(전체)보다 많을 수 없어요." in page
    assert 'value="31"' in page
    response = client_for(user).post("/employer/hiring-surveys/", {**SURVEY, "year": "2027"})
    assert response.status_code == 400
    assert "아직 오지 않은 연도는 제출할 수 없어요." in html(response)
    assert not HiringSurvey.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_who_may_open_the_pages() -> None:
    _, plain = employer_with_user()  # neither covered nor a partner
    assert client_for(plain).get("/employer/ordinance/").status_code == 403
    assert client_for(plain).get("/employer/hiring-surveys/").status_code == 200
    for user in (seeker(), mentor_user(), staff_user()):
        assert client_for(user).get("/employer/hiring-surveys/").status_code == 403
    for user in (seeker(), mentor_user(), plain):
        assert client_for(user).get("/staff/hiring-surveys/").status_code == 403
        assert client_for(user).get("/staff/reports/ordinance/").status_code == 403
    assert client_for(None).get("/employer/ordinance/").status_code == 302


@time_machine.travel(NOW, tick=False)
def test_staff_file_on_behalf_and_the_missing_count_falls() -> None:
    covered, _ = employer_with_user(is_city_funded=True, staff_count=40)
    employer_with_user(partner_pledge=True)
    staff = client_for(staff_user())
    dashboard = html(staff.get("/staff/"))
    assert "채용 실태조사를 내지 않은 기관" in dashboard
    page = html(staff.get("/staff/hiring-surveys/"))
    assert "아직 내지 않은 기관이 2곳이에요." in page
    bad = staff.post("/staff/hiring-surveys/", {**SURVEY, "employer": ""})
    assert bad.status_code == 400
    assert "실태조사를 낼 기관을 골라 주세요." in html(bad)
    response = staff.post("/staff/hiring-surveys/", {**SURVEY, "employer": str(covered.pk)})
    assert response.status_code == 302
    survey = HiringSurvey.objects.get(employer=covered)
    assert survey.filed_by_role == "staff"
    assert "아직 내지 않은 기관이 1곳이에요." in html(staff.get("/staff/hiring-surveys/"))


@time_machine.travel(NOW, tick=False)
def test_staff_ledger_page_has_table_chart_and_downloads() -> None:
    covered, _ = employer_with_user(is_city_funded=True, staff_count=40)
    staff = client_for(staff_user())
    staff.post("/staff/hiring-surveys/", {**SURVEY, "employer": str(covered.pk)})
    queries, response = count_queries(
        lambda: staff.get("/staff/reports/ordinance/", {"year": "2025"})
    )
    assert response.status_code == 200
    assert queries <= 12
    page = html(response)
    assert covered.name in page
    assert "<svg" in page
    assert "10.0%" in page  # 3 of 30
    assert "미달" in page
    for code in ("csv", "xlsx", "pdf"):
        assert f"format={code}" in page
    assert "/staff/reports/ordinance/" in html(staff.get("/staff/reports/"))


def test_staff_snapshots_page_regenerate_and_publish() -> None:
    employer_with_user(is_city_funded=True, staff_count=40)
    made = snapshots_yearly(datetime.date(2026, 2, 15))
    staff = client_for(staff_user())
    queries, response = count_queries(lambda: staff.get("/staff/reports/snapshots/"))
    assert response.status_code == 200
    assert queries <= 12
    page = html(response)
    assert "공개하기" in page
    assert f"/api/v1/reports/snapshots/{made[0].pk}/?format=pdf" in page
    assert staff.post(f"/staff/reports/snapshots/{made[0].pk}/regenerate/").status_code == 302
    made[0].refresh_from_db()
    assert made[0].superseded_by_id is not None
    assert staff.post(f"/staff/reports/snapshots/{made[2].pk}/publish/").status_code == 302
    made[2].refresh_from_db()
    assert made[2].published_at is not None
    assert f"/reports/{made[2].pk}/pdf/" in html(client_for(None).get("/reports/"))
    for user in (seeker(), mentor_user()):
        assert client_for(user).get("/staff/reports/snapshots/").status_code == 403
        response = client_for(user).post(f"/staff/reports/snapshots/{made[1].pk}/publish/")
        assert response.status_code == 403
    assert staff.post("/staff/reports/snapshots/999999/publish/").status_code == 404
