"""The profile steps: each saves on its own through the seekers services, the cohort decides
the fields, and every bad value re-renders the step with its message and the input kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from backend.accounts.models import ConsentRecord
from backend.accounts.selectors import has_consent
from backend.seekers.models import SeekerProfile
from tests.factories.accounts import seeker
from tests.factories.seekers import graduate_profile, returner_profile, senior_profile
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

DAEYA = "4139051000"
THIS_YEAR = dt.date.today().year


def basics(**overrides: str) -> dict[str, str]:
    data = {
        "cohort": "graduate",
        "display_name": "김하늘",
        "birth_year": str(THIS_YEAR - 19),
        "birth_month": "3",
        "area": DAEYA,
        "is_resident": "on",
        "phone": "010-1234-5678",
    }
    data.update(overrides)
    return data


def experience(rows: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {
        "experience-TOTAL_FORMS": str(len(rows)),
        "experience-INITIAL_FORMS": str(initial),
        "experience-MIN_NUM_FORMS": "0",
        "experience-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"experience-{index}-{key}"] = value
    return data


def post(client: Client, step: str, data: dict[str, Any]) -> Any:
    return client.post(f"/me/profile/?step={step}", data)


def test_a_new_graduate_builds_the_profile_step_by_step(embedded_search: None) -> None:
    user = seeker()
    client = client_for(user)
    text = html(client.get("/me/profile/"))
    assert 'aria-current="step"' in text
    assert 'name="cohort"' in text
    assert 'name="area"' in text
    # The basics alone cannot make a graduate's profile (school and year are required):
    # they wait in the session for the school step.
    response = post(client, "basics", basics())
    assert response.status_code == 302
    assert response["Location"] == "/me/profile/?step=school"
    assert not SeekerProfile.objects.filter(user=user).exists()
    text = html(client.get("/me/profile/?step=school"))
    assert 'name="school_name"' in text
    assert 'name="career_break_years"' not in text
    response = post(
        client,
        "school",
        {
            "school_name": "시흥전자고등학교",
            "school_in_city": "on",
            "graduation_year": str(THIS_YEAR),
        },
    )
    assert response["Location"] == "/me/profile/?step=wishes"
    profile = SeekerProfile.objects.get(user=user)
    assert (profile.display_name, profile.area_id, profile.school_name) == (
        "김하늘",
        DAEYA,
        "시흥전자고등학교",
    )
    assert profile.phone == "010-1234-5678"
    response = post(
        client,
        "wishes",
        {
            "career_fields": ["engineering"],
            "employment_types": ["full_time", "part_time"],
            "shifts": ["morning"],
            "max_days_per_week": "5",
            "max_commute_km": "10",
            "min_hourly_wage": "10500",
            "available_from": "2026-03-02",
        },
    )
    assert response["Location"] == "/me/profile/?step=skills"
    response = post(
        client,
        "skills",
        {"skills": "전기 배선, PLC 기초,  ", "certificates": "전기기능사", "about": "성실해요"},
    )
    assert response["Location"] == "/me/profile/?step=visibility"
    response = post(client, "visibility", {"open_to_employers": "on", "consent_matching": "on"})
    assert response["Location"] == "/me/"
    profile.refresh_from_db()
    assert profile.skills == ["전기 배선", "PLC 기초"]
    assert profile.certificates == ["전기기능사"]
    assert profile.shifts == ["morning"]
    assert profile.max_days_per_week == 5
    assert profile.available_from == dt.date(2026, 3, 2)
    assert profile.open_to_employers
    assert has_consent(user=user, purpose="matching")
    # Each step shows what was saved.
    assert 'value="전기 배선, PLC 기초"' in html(client.get("/me/profile/?step=skills"))


def test_a_returner_gives_her_career_break_and_past_work(embedded_search: None) -> None:
    user = seeker()
    client = client_for(user)
    response = post(client, "basics", basics(cohort="returner", display_name="박지현"))
    assert response["Location"] == "/me/profile/?step=career"
    text = html(client.get("/me/profile/?step=career"))
    assert 'name="career_break_years"' in text
    assert 'name="experience-0-occupation"' in text
    assert 'name="experience-TOTAL_FORMS"' in text
    assert 'name="school_name"' not in text
    response = post(
        client,
        "career",
        {
            "career_break_years": "8",
            "career_break_reason": "childcare",
            **experience([{"occupation": "경리 사무원", "years": "5", "summary": "회계"}]),
        },
    )
    assert response["Location"] == "/me/profile/?step=wishes"
    profile = SeekerProfile.objects.get(user=user)
    assert profile.cohort == "returner"
    assert profile.career_break_years == 8
    assert profile.experience == [{"occupation": "경리 사무원", "years": 5, "summary": "회계"}]


def test_a_senior_gives_experience_and_can_remove_a_row(embedded_search: None) -> None:
    profile = senior_profile()
    client = client_for(profile.user)
    text = html(client.get("/me/profile/?step=career"))
    assert 'value="생산관리자"' in text
    assert 'name="career_break_years"' not in text
    response = post(
        client,
        "career",
        experience(
            [
                {"occupation": "생산관리자", "years": "30", "summary": "", "DELETE": "on"},
                {"occupation": "품질관리자", "years": "12.5", "summary": "ISO 심사"},
            ],
            initial=1,
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.experience == [
        {"occupation": "품질관리자", "years": 12.5, "summary": "ISO 심사"}
    ]


def test_the_wrong_cohort_step_goes_to_the_right_one(embedded_search: None) -> None:
    graduate = graduate_profile()
    response = client_for(graduate.user).get("/me/profile/?step=career")
    assert response["Location"] == "/me/profile/?step=school"
    response = client_for(graduate.user).get("/me/profile/?step=bogus")
    assert response["Location"] == "/me/profile/?step=basics"
    response = client_for(seeker()).get("/me/profile/?step=wishes")
    assert response["Location"] == "/me/profile/?step=basics"


def test_changing_cohort_waits_for_the_new_cohorts_step(embedded_search: None) -> None:
    profile = graduate_profile()
    client = client_for(profile.user)
    response = post(client, "basics", basics(cohort="returner"))
    assert response["Location"] == "/me/profile/?step=career"
    profile.refresh_from_db()
    assert profile.cohort == "graduate"  # not yet: the career break is still missing
    response = post(
        client,
        "career",
        {"career_break_years": "2", "career_break_reason": "family_care", **experience([])},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.cohort == "returner"


def assert_rerendered(response: Any, field: str, message: str, kept: str | None) -> None:
    assert response.status_code == 200
    text = html(response)
    assert 'class="error-summary"' in text, text
    assert f'id="error-{field}"' in text, field
    assert message in text, (message, text[text.find("error-summary") :][:1500])
    if kept is not None:
        assert kept in text


@pytest.mark.parametrize(
    ("overrides", "field", "message", "kept"),
    [
        ({"birth_year": "abcd"}, "birth_year", "숫자 네 자리로", 'value="abcd"'),
        ({"birth_year": "1800"}, "birth_year", "출생 연도는 1930~", 'value="1800"'),
        ({"birth_year": str(THIS_YEAR + 1)}, "birth_year", "출생 연도는", None),
        ({"birth_year": str(THIS_YEAR - 3)}, "birth_year", "만 15세 미만", None),
        # The minors' rules need the month up to 19 years back; under 15 cannot register.
        (
            {"birth_year": str(THIS_YEAR - 16), "birth_month": ""},
            "birth_month",
            "태어난 달도",
            None,
        ),
        ({"birth_month": "13"}, "birth_month", "1월부터 12월", None),
        (
            {"birth_year": str(THIS_YEAR - 14), "birth_month": "12"},
            "birth_year",
            "학교 진로상담 선생님",
            None,
        ),
        ({"area": "9999999999"}, "area", "알 수 없는 행정동 코드입니다: 9999999999", None),
        ({"area": ""}, "area", "사는 동을 골라", None),
        ({"display_name": ""}, "display_name", "이름을 적어", None),
        ({"cohort": ""}, "cohort", "셋 중 하나를", None),
        ({"cohort": "alien"}, "cohort", "", None),
        ({"phone": "abc"}, "phone", "전화번호 형식이", 'value="abc"'),
        ({"display_name": "900101-1234567"}, "display_name", "주민등록번호", None),
        ({"cohort": "senior", "birth_year": ""}, "birth_year", "출생 연도를 입력해", None),
        ({"cohort": "senior", "birth_year": "1800", "phone": "abc"}, "phone", "전화번호", "1800"),
    ],
)
def test_basics_bad_input(
    embedded_search: None, overrides: dict[str, str], field: str, message: str, kept: str | None
) -> None:
    profile = graduate_profile()
    response = post(client_for(profile.user), "basics", basics(**overrides))
    assert_rerendered(response, field, message, kept)
    assert 'value="김하늘"' in html(response) or field == "display_name"
    profile.refresh_from_db()
    assert profile.version == 1  # nothing saved


@pytest.mark.parametrize(
    ("data", "field", "message", "kept"),
    [
        (
            {"school_name": "시흥고", "graduation_year": "2100"},
            "graduation_year",
            "졸업 연도는",
            'value="2100"',
        ),
        (
            {"school_name": "시흥고", "graduation_year": "작년"},
            "graduation_year",
            "숫자 네 자리로",
            None,
        ),
        (
            {"school_name": "", "graduation_year": "2024"},
            "school_name",
            "학교 이름을 입력해",
            'value="2024"',
        ),
        (
            {"school_name": "시흥고", "graduation_year": ""},
            "graduation_year",
            "졸업 연도를 입력해",
            'value="시흥고"',
        ),
    ],
)
def test_school_bad_input(
    embedded_search: None, data: dict[str, str], field: str, message: str, kept: str | None
) -> None:
    profile = graduate_profile()
    assert_rerendered(post(client_for(profile.user), "school", data), field, message, kept)


@pytest.mark.parametrize(
    ("data", "field", "message", "kept"),
    [
        (
            {"career_break_years": "-1", "career_break_reason": "childcare"},
            "career_break_years",
            "0 이상",
            'value="-1"',
        ),
        (
            {"career_break_years": "많이", "career_break_reason": "childcare"},
            "career_break_years",
            "숫자로",
            None,
        ),
        (
            {"career_break_years": "3", "career_break_reason": ""},
            "career_break_reason",
            "사유를 선택해",
            'value="3"',
        ),
        (
            {"career_break_years": "3", "career_break_reason": "bogus"},
            "career_break_reason",
            "",
            None,
        ),
        (
            {"career_break_years": "", "career_break_reason": "childcare"},
            "career_break_years",
            "기간(년)을 입력해",
            None,
        ),
    ],
)
def test_returner_career_bad_input(
    embedded_search: None, data: dict[str, str], field: str, message: str, kept: str | None
) -> None:
    profile = returner_profile()
    response = post(client_for(profile.user), "career", {**data, **experience([])})
    assert_rerendered(response, field, message, kept)


@pytest.mark.parametrize(
    ("rows", "field", "message", "kept"),
    [
        (
            [{"occupation": "생산관리자", "years": "-3"}],
            "experience-0-years",
            "0년 이상",
            'value="-3"',
        ),
        ([{"occupation": "생산관리자", "years": "삼십"}], "experience-0-years", "숫자로", None),
        ([{"occupation": "생산관리자", "years": "81"}], "experience-0-years", "80년까지", None),
        ([{"occupation": "", "years": "3"}], "experience-0-occupation", "했던 일을", 'value="3"'),
        (
            [{"occupation": "생산관리자", "years": ""}],
            "experience-0-years",
            "몇 년",
            'value="생산관리자"',
        ),
    ],
)
def test_senior_experience_bad_input(
    embedded_search: None, rows: list[dict[str, str]], field: str, message: str, kept: str | None
) -> None:
    profile = senior_profile()
    response = post(client_for(profile.user), "career", experience(rows))
    assert_rerendered(response, field, message, kept)


def test_senior_without_any_experience_is_refused(embedded_search: None) -> None:
    profile = senior_profile()
    response = post(client_for(profile.user), "career", experience([]))
    assert response.status_code == 200
    text = html(response)
    assert 'class="error-summary"' in text
    assert "경력을 한 가지 이상 입력해" in text
    profile.refresh_from_db()
    assert profile.experience


@pytest.mark.parametrize(
    ("data", "field", "message", "kept"),
    [
        ({"max_days_per_week": "9"}, "max_days_per_week", "주당 근무일은 1~7일", 'value="9"'),
        ({"max_days_per_week": "0"}, "max_days_per_week", "주당 근무일은 1~7일", 'value="0"'),
        ({"max_days_per_week": "사흘"}, "max_days_per_week", "숫자로", None),
        ({"max_commute_km": "0"}, "max_commute_km", "통근 거리는 0보다", None),
        ({"min_hourly_wage": "-1"}, "min_hourly_wage", "0원 이상", 'value="-1"'),
        ({"shifts": ["dawn"]}, "shifts", "목록에 있는 시간대", None),
        ({"employment_types": ["slave"]}, "employment_types", "목록에 있는 고용 형태", None),
        ({"career_fields": ["nope"]}, "career_fields", "목록에 있는 계열", None),
        ({"available_from": "내일"}, "available_from", "2026-03-02처럼", 'value="내일"'),
    ],
)
def test_wishes_bad_input(
    embedded_search: None, data: dict[str, Any], field: str, message: str, kept: str | None
) -> None:
    profile = graduate_profile()
    response = post(client_for(profile.user), "wishes", {"shifts": ["morning"], **data})
    assert_rerendered(response, field, message, kept)
    profile.refresh_from_db()
    assert profile.version == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"skills": ", ".join(f"기술{n}" for n in range(51))}, "skills", "50개까지"),
        ({"certificates": "가" * 101}, "certificates", "100자까지"),
        ({"about": "제 번호는 900101-1234567"}, "about", "주민등록번호"),
        ({"skills": "엑셀, 900101-1234567"}, "skills", "주민등록번호"),
    ],
)
def test_skills_bad_input(
    embedded_search: None, data: dict[str, str], field: str, message: str
) -> None:
    profile = graduate_profile()
    response = post(client_for(profile.user), "skills", data)
    assert_rerendered(response, field, message, None)


def test_visibility_needs_the_matching_consent(embedded_search: None) -> None:
    profile = graduate_profile()
    client = client_for(profile.user)
    text = html(client.get("/me/profile/?step=visibility"))
    assert 'name="open_to_employers"' in text
    assert 'name="consent_matching"' in text
    response = post(client, "visibility", {"open_to_employers": "on"})
    assert_rerendered(response, "open_to_employers", "기업 추천 동의", "checked")
    profile.refresh_from_db()
    assert not profile.open_to_employers
    assert not ConsentRecord.objects.filter(user=profile.user).exists()
    # Given the consent once, the step no longer asks for it.
    post(client, "visibility", {"open_to_employers": "on", "consent_matching": "on"})
    profile.refresh_from_db()
    assert profile.open_to_employers
    text = html(client.get("/me/profile/?step=visibility"))
    assert 'name="consent_matching"' not in text
    post(client, "visibility", {})
    profile.refresh_from_db()
    assert not profile.open_to_employers
    assert has_consent(user=profile.user, purpose="matching")  # withdrawn only in privacy


@pytest.mark.parametrize("step", ["basics", "school", "wishes", "skills", "visibility"])
def test_each_step_query_count(embedded_search: None, step: str) -> None:
    profile = graduate_profile()
    client = client_for(profile.user)
    client.get(f"/me/profile/?step={step}")
    queries, response = count_queries(lambda: client.get(f"/me/profile/?step={step}"))
    assert response.status_code == 200
    assert queries <= 4, queries


def test_basics_reports_every_bad_field_in_one_round(embedded_search: None) -> None:
    profile = senior_profile()
    response = post(
        client_for(profile.user),
        "basics",
        basics(cohort="senior", birth_year="1800", area="123", phone="abc"),
    )
    text = html(response)
    for field in ("birth_year", "area", "phone"):
        assert f'id="error-{field}"' in text, field
    assert text.count('<li><a href="#id_') == 3  # the summary links to each field
