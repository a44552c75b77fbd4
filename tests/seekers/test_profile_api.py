"""`/me/profile/`: create, replace and update per cohort; validation; privacy at rest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from backend.core.fields import decrypt
from backend.core.validators import RRN_MESSAGE
from backend.seekers.models import SeekerProfile
from tests.factories.accounts import seeker
from tests.factories.seekers import (
    graduate_payload,
    graduate_profile,
    returner_payload,
    senior_payload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/v1/me/profile/"
THIS_YEAR = dt.date.today().year
RRN = "900101-1234567"


@pytest.mark.parametrize("payload", [graduate_payload, returner_payload, senior_payload])
def test_put_creates_then_replaces_a_profile_per_cohort(client_for, payload) -> None:
    user = seeker()
    client = client_for(user)
    body = payload()
    created = client.put(URL, body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["cohort"] == body["cohort"]
    assert data["version"] == 1
    assert data["open_to_employers"] is False
    assert data["area"]["code"] == body["area"]
    assert set(data["area"]) == {"code", "name", "approximate"}
    assert data["career_fields"] == body["career_fields"]

    replaced = client.put(URL, {**body, "display_name": "새 이름"}, format="json")
    assert replaced.status_code == 200
    assert replaced.json()["display_name"] == "새 이름"
    assert replaced.json()["version"] == 2
    assert SeekerProfile.objects.filter(user=user).count() == 1

    fetched = client.get(URL)
    assert fetched.status_code == 200
    assert fetched.json() == replaced.json()


def test_put_replaces_omitted_fields_with_defaults(client_for) -> None:
    client = client_for(seeker())
    client.put(URL, graduate_payload(about="첫 소개", open_to_employers=True), format="json")
    body = graduate_payload()
    del body["about"]
    data = client.put(URL, body, format="json").json()
    assert data["about"] == ""
    assert data["open_to_employers"] is False


def test_strings_are_echoed_as_entered_and_location_round_trips(client_for) -> None:
    client = client_for(seeker())
    body = graduate_payload(
        certificates=["전산회계2급", "지게차"],
        skills=["  특수 용접 ", "PLC"],
        location={"lat": 37.3449, "lon": 126.7363},
        phone="010-1234-5678",
    )
    data = client.put(URL, body, format="json").json()
    assert data["certificates"] == ["전산회계2급", "지게차"]
    # Inner spacing and case are kept; only surrounding blanks are trimmed.
    assert data["skills"] == ["특수 용접", "PLC"]
    assert data["location"] == {"lat": 37.3449, "lon": 126.7363}
    assert data["phone"] == "010-1234-5678"


def test_get_before_creation_is_a_korean_404(client_for) -> None:
    response = client_for(seeker()).get(URL)
    assert response.status_code == 404
    assert "프로필" in response.json()["detail"]


def test_patch_before_creation_is_404(client_for) -> None:
    assert client_for(seeker()).patch(URL, {"about": "x"}, format="json").status_code == 404


COHORT_FIELDS = [
    (graduate_payload, "school_name", "학교 이름"),
    (graduate_payload, "graduation_year", "졸업 연도를 입력해 주세요."),
    (returner_payload, "career_break_years", "경력 단절 기간"),
    (returner_payload, "career_break_reason", "경력 단절 사유"),
    (senior_payload, "birth_year", "출생 연도를 입력해 주세요."),
    (senior_payload, "experience", "경력을 한 가지 이상"),
]


@pytest.mark.parametrize(("payload", "field", "message"), COHORT_FIELDS)
def test_each_missing_cohort_field_is_a_400_naming_it(client_for, payload, field, message) -> None:
    body = payload()
    body.pop(field, None)
    response = client_for(seeker()).put(URL, body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert not SeekerProfile.objects.exists()


@pytest.mark.parametrize(("payload", "field", "message"), COHORT_FIELDS)
def test_blank_cohort_field_is_a_400_too(client_for, payload, field, message) -> None:
    blank: Any = {"school_name": "", "experience": []}.get(field)
    response = client_for(seeker()).put(URL, payload(**{field: blank}), format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_patch_rechecks_cohort_rules_on_the_merged_profile(client_for) -> None:
    user = seeker()
    client = client_for(user)
    client.put(URL, graduate_payload(), format="json")
    # Switching to returner without the returner's fields: the merged profile is invalid.
    response = client.patch(URL, {"cohort": "returner"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"career_break_years", "career_break_reason"}
    assert SeekerProfile.objects.get(user=user).cohort == "graduate"

    ok = client.patch(
        URL,
        {"cohort": "returner", "career_break_years": 2.5, "career_break_reason": "family_care"},
        format="json",
    )
    assert ok.status_code == 200, ok.json()
    assert ok.json()["cohort"] == "returner"
    assert ok.json()["school_name"] == "시흥전자고등학교"  # untouched fields stay
    assert ok.json()["version"] == 2


def test_patch_can_clear_optional_fields_with_null(client_for) -> None:
    client = client_for(seeker())
    client.put(
        URL, graduate_payload(gender="female", location={"lat": 37.4, "lon": 126.8}), format="json"
    )
    data = client.patch(URL, {"gender": None, "location": None}, format="json").json()
    assert data["gender"] == ""
    assert data["location"] is None


BAD_VALUES = [
    ({"area": "9999999999"}, "area"),
    ({"career_fields": ["engineering", "rocketry"]}, "career_fields"),
    ({"cohort": "student"}, "cohort"),
    ({"birth_year": 1900}, "birth_year"),
    ({"birth_year": THIS_YEAR - 5}, "birth_year"),
    ({"graduation_year": 1940}, "graduation_year"),
    ({"graduation_year": THIS_YEAR + 2}, "graduation_year"),
    ({"career_break_years": -1}, "career_break_years"),
    ({"career_break_reason": "vacation"}, "career_break_reason"),
    ({"max_days_per_week": 0}, "max_days_per_week"),
    ({"max_days_per_week": 8}, "max_days_per_week"),
    ({"min_hourly_wage": -100}, "min_hourly_wage"),
    ({"max_commute_km": 0}, "max_commute_km"),
    ({"employment_types": ["full_time", "gig"]}, "employment_types"),
    ({"shifts": ["dawn"]}, "shifts"),
    ({"location": {"lat": 91, "lon": 126.8}}, "location"),
    ({"location": {"lat": 37.4}}, "location"),
    ({"experience": [{"occupation": "용접공", "years": -2}]}, "experience"),
    ({"phone": "전화 주세요"}, "phone"),
    ({"available_from": "next week"}, "available_from"),
    ({"gender": "unknown"}, "gender"),
]


@pytest.mark.parametrize(("change", "field"), BAD_VALUES)
def test_bad_codes_and_values_are_400s(client_for, change, field) -> None:
    response = client_for(seeker()).put(URL, graduate_payload(**change), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_validation_is_not_eligibility(client_for) -> None:
    """A graduate who entered college, lives elsewhere and graduated long ago is a valid
    profile: whether an ordinance programme applies is eligibility's question."""
    body = graduate_payload(
        entered_college=True, is_resident=False, school_in_city=False, graduation_year=1990
    )
    assert client_for(seeker()).put(URL, body, format="json").status_code == 201


@pytest.mark.parametrize(
    "change",
    [
        {"about": f"제 주민번호는 {RRN} 입니다"},
        {"skills": ["용접", f"주민 {RRN}"]},
        {"display_name": "9001011234567"},
        {"school_name": f"시흥고 {RRN}"},
        {"certificates": [RRN]},
        {"experience": [{"occupation": "용접공", "years": 3, "summary": RRN}]},
    ],
)
def test_resident_registration_numbers_are_refused(client_for, change) -> None:
    response = client_for(seeker()).put(URL, graduate_payload(**change), format="json")
    assert response.status_code == 400
    (field,) = change
    assert response.json()[field] == [str(RRN_MESSAGE)]
    assert "주민등록번호" in response.json()[field][0]


def test_rrn_in_patch_is_refused(client_for) -> None:
    client = client_for(seeker())
    client.put(URL, graduate_payload(), format="json")
    response = client.patch(URL, {"about": f"번호 {RRN}"}, format="json")
    assert response.status_code == 400
    assert "about" in response.json()


def test_phone_is_encrypted_at_rest(client_for) -> None:
    user = seeker()
    client_for(user).put(URL, graduate_payload(phone="010-9876-5432"), format="json")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM seekers_seekerprofile WHERE user_id = %s", [user.pk])
        (raw,) = cursor.fetchone()
    assert "9876" not in raw
    assert "010" not in raw
    assert decrypt(raw) == "010-9876-5432"
    assert SeekerProfile.objects.get(user=user).phone == "010-9876-5432"


def test_open_to_employers_defaults_to_false() -> None:
    assert graduate_profile().open_to_employers is False


def test_every_write_bumps_the_version(client_for) -> None:
    client = client_for(seeker())
    versions = [client.put(URL, graduate_payload(), format="json").json()["version"]]
    versions.append(client.patch(URL, {"about": "하나"}, format="json").json()["version"])
    versions.append(client.patch(URL, {"about": "둘"}, format="json").json()["version"])
    versions.append(client.put(URL, graduate_payload(), format="json").json()["version"])
    assert versions == [1, 2, 3, 4]
    # A refused write changes nothing.
    client.patch(URL, {"max_days_per_week": 9}, format="json")
    assert client.get(URL).json()["version"] == 4


def test_own_profile_read_uses_few_queries(client_for, django_assert_max_num_queries) -> None:
    profile = graduate_profile()
    client = client_for(profile.user)
    with django_assert_max_num_queries(4):  # session, user, profile+area
        assert client.get(URL).status_code == 200
