"""Seekers under 18 through the API (근로기준법 §64-§70): the birth month where it decides,
no registration under 15, and applications that tell both sides what §66 requires."""

from __future__ import annotations

from typing import Any

import pytest

from backend.jobs.models import Application
from backend.seekers.models import SeekerProfile
from backend.seekers.services import seeker_profile_replace
from backend.taxonomy.young_workers import seoul_today
from tests.api import assert_status
from tests.contract.test_search_backends import make_posting
from tests.factories.accounts import seeker
from tests.factories.employers import employer_with_user
from tests.factories.seekers import graduate_payload, senior_payload
from tests.taxonomy.ages import birth_for_age, birth_turning

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/v1/me/profile/"


def put(client_for: Any, **fields: Any) -> Any:
    return client_for(seeker()).put(URL, graduate_payload(**fields), format="json")


def test_a_birth_year_19_years_back_needs_the_month(client_for: Any) -> None:
    year, _month = birth_for_age(17)
    response = put(client_for, birth_year=year)
    assert_status(response, 400)
    assert "태어난 달" in response.json()["birth_month"][0]
    assert not SeekerProfile.objects.exists()
    # 19 years back still needs it; 20 years back does not.
    this_year = seoul_today().year
    assert_status(put(client_for, birth_year=this_year - 19), 400)
    created = put(client_for, birth_year=this_year - 20)
    assert_status(created, 201)
    assert created.json()["birth_month"] is None


def test_the_month_is_stored_echoed_and_bounded(client_for: Any) -> None:
    year, month = birth_for_age(17)
    created = put(client_for, birth_year=year, birth_month=month)
    assert_status(created, 201)
    assert (created.json()["birth_year"], created.json()["birth_month"]) == (year, month)
    assert_status(put(client_for, birth_year=year, birth_month=13), 400)
    assert_status(put(client_for, birth_year=year, birth_month=0), 400)
    no_year = put(client_for, birth_month=5)
    assert_status(no_year, 400)
    assert "태어난 해" in no_year.json()["birth_month"][0]


def test_a_patch_that_moves_the_birth_year_into_the_minors_range_needs_the_month(
    client_for: Any,
) -> None:
    user = seeker()
    client = client_for(user)
    assert_status(client.put(URL, senior_payload(), format="json"), 201)
    year, _ = birth_for_age(16)
    response = client.patch(URL, {"birth_year": year}, format="json")
    assert_status(response, 400)
    assert "birth_month" in response.json()


@pytest.mark.parametrize("age", [13, 14])
def test_under_15_cannot_register_and_is_told_where_to_get_help(client_for: Any, age: int) -> None:
    year, month = birth_for_age(age)
    response = put(client_for, birth_year=year, birth_month=month)
    assert_status(response, 400)
    message = response.json()["birth_year"][0]
    assert "만 15세 미만" in message
    assert "학교 진로상담 선생님" in message
    assert "취직인허증" in message
    assert not SeekerProfile.objects.exists()


def test_the_registration_age_is_reached_only_after_the_birth_month(client_for: Any) -> None:
    # Turning 15 at the end of this month: still 14 today, so not yet.
    year, month = birth_turning(15)
    assert_status(put(client_for, birth_year=year, birth_month=month), 400)
    year, month = birth_for_age(15)
    assert_status(put(client_for, birth_year=year, birth_month=month), 201)


def minor_and_postings() -> tuple[Any, Any, Any, Any]:
    employer, boss = employer_with_user()
    allowed = make_posting(employer, hours_per_day=6, shifts=["afternoon"])
    night = make_posting(employer, title="야간 사무 보조원", hours_per_day=6, shifts=["night"])
    year, month = birth_for_age(16)
    profile = seeker_profile_replace(
        user=seeker(), fields=graduate_payload(birth_year=year, birth_month=month)
    )
    return profile, allowed, night, boss


def test_a_minor_cannot_apply_to_a_night_shift_by_a_direct_link(client_for: Any) -> None:
    profile, _allowed, night, _boss = minor_and_postings()
    response = client_for(profile.user).post(
        f"/api/v1/postings/{night.pk}/applications/", {"consent_provision": True}, format="json"
    )
    assert_status(response, 409)
    assert response.json()["code"] == "minor_restricted"
    assert not Application.objects.exists()


def test_a_minors_application_tells_both_sides_what_section_66_requires(
    client_for: Any,
) -> None:
    profile, allowed, _night, boss = minor_and_postings()
    response = client_for(profile.user).post(
        f"/api/v1/postings/{allowed.pk}/applications/",
        {"message": "열심히 할게요", "consent_provision": True},
        format="json",
    )
    assert_status(response, 201)
    body = response.json()
    assert body["applicant_minor"] is True
    assert "동의서" in body["minor_notice"]
    assert "가족관계증명서" in body["minor_notice"]
    mine = client_for(profile.user).get("/api/v1/me/applications/").json()["results"][0]
    assert "가족관계증명서" in mine["minor_notice"]
    rows = client_for(boss).get(f"/api/v1/postings/{allowed.pk}/applications/").json()
    row = rows["results"][0]
    assert row["applicant_minor"] is True
    assert "근로기준법 제66조" in row["minor_notice"]
    assert "사업장에 갖춰" in row["minor_notice"]


def test_an_adults_application_carries_no_minor_notice(client_for: Any) -> None:
    employer, boss = employer_with_user()
    posting = make_posting(employer, shifts=["night"])
    adult = seeker_profile_replace(user=seeker(), fields=senior_payload())
    response = client_for(adult.user).post(
        f"/api/v1/postings/{posting.pk}/applications/", {"consent_provision": True}, format="json"
    )
    assert_status(response, 201)
    assert (response.json()["applicant_minor"], response.json()["minor_notice"]) == (False, "")
    row = client_for(boss).get(f"/api/v1/postings/{posting.pk}/applications/").json()
    assert row["results"][0]["minor_notice"] == ""
