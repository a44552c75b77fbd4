"""GET /me/eligibility/ and GET|PUT /ordinance-policy/ over HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from backend.matching.models import OrdinancePolicy
from backend.matching.policy import load_default_policy
from backend.matching.services import ordinance_policy_publish
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.seekers import graduate_profile, returner_profile, senior_profile

pytestmark = [pytest.mark.django_db]

ELIGIBILITY = "/api/v1/me/eligibility/"
POLICY = "/api/v1/ordinance-policy/"


def by_programme(response: Any) -> dict[str, dict[str, Any]]:
    rows = response.json()
    assert isinstance(rows, list)
    return {row["programme"]: row for row in rows}


def test_the_default_policy_is_version_1_in_every_database() -> None:
    policy = OrdinancePolicy.objects.get(version=1)
    assert policy.document == load_default_policy()
    assert policy.created_by is None


def test_a_local_graduate_is_eligible_with_reasons(client_for: ClientFor) -> None:
    profile = graduate_profile(graduation_year=dt.date.today().year - 2)
    response = client_for(profile.user).get(ELIGIBILITY)
    assert_status(response, 200)
    rows = by_programme(response)
    assert list(rows) == ["local_graduate", "career_returner", "senior_expert"]
    graduate = rows["local_graduate"]
    assert graduate["eligible"] is True
    assert graduate["policy_version"] == 1
    assert "시내 고등학교 졸업" in graduate["reasons"]
    assert "졸업 2년 차 (5년 이내)" in graduate["reasons"]
    assert rows["career_returner"]["eligible"] is False
    assert rows["senior_expert"]["eligible"] is False


def test_returner_and_senior_personas(client_for: ClientFor) -> None:
    returner = by_programme(client_for(returner_profile().user).get(ELIGIBILITY))
    assert returner["career_returner"]["eligible"] is True
    assert "경력 단절 사유: 육아" in returner["career_returner"]["reasons"]
    senior = senior_profile(birth_year=dt.date.today().year - 64)
    rows = by_programme(client_for(senior.user).get(ELIGIBILITY))
    assert rows["senior_expert"]["eligible"] is True
    assert "경력 합계 30년 (10년 이상)" in rows["senior_expert"]["reasons"]


def test_eligibility_follows_the_newest_policy(client_for: ClientFor) -> None:
    profile = returner_profile(career_break_years=2)
    document = load_default_policy()
    document["eligibility"]["career_returner"]["min_break_years"] = 3
    ordinance_policy_publish(document=document, actor=staff_user(), note="3년 이상으로")
    row = by_programme(client_for(profile.user).get(ELIGIBILITY))["career_returner"]
    assert row == {
        "programme": "career_returner",
        "eligible": False,
        "reasons": ["시흥시 거주", "경력 단절 2년 (3년 미만)", "경력 단절 사유: 육아"],
        "policy_version": 2,
    }


def test_eligibility_before_the_profile_exists_is_a_korean_404(client_for: ClientFor) -> None:
    response = client_for(seeker()).get(ELIGIBILITY)
    assert_status(response, 404)
    assert "프로필" in response.json()["detail"]


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [(None, 401), (employer_user, 403), (mentor_user, 403), (staff_user, 403)],
)
def test_only_seekers_read_eligibility(
    client_for: ClientFor, make_user: Any, expected: int
) -> None:
    assert_status(client_for(make_user() if make_user else None).get(ELIGIBILITY), expected)


def test_staff_read_the_current_policy(client_for: ClientFor) -> None:
    response = client_for(staff_user()).get(POLICY)
    assert_status(response, 200)
    body = response.json()
    assert body["version"] == 1
    assert body["document"] == load_default_policy()
    assert "created_at" in body


def test_staff_publish_a_new_version_and_the_old_one_stays(client_for: ClientFor) -> None:
    staff = staff_user()
    document = load_default_policy()
    document["target_share"] = 0.10
    response = client_for(staff).put(
        POLICY, {"document": document, "note": "군포 수준"}, format="json"
    )
    assert_status(response, 201)
    assert response.json()["version"] == 2
    assert response.json()["document"]["target_share"] == 0.10
    current = client_for(staff).get(POLICY).json()
    assert (current["version"], current["document"]["target_share"]) == (2, 0.10)
    assert OrdinancePolicy.objects.get(version=1).document["target_share"] == 0.20
    newest = OrdinancePolicy.objects.get(version=2)
    assert (newest.created_by, newest.note) == (staff, "군포 수준")


def test_an_invalid_document_is_a_400_naming_the_path(client_for: ClientFor) -> None:
    document = load_default_policy()
    document["score_weights"]["ordinance"] = 0.5
    document["eligibility"]["career_returner"]["reasons"] = ["divorce"]
    response = client_for(staff_user()).put(POLICY, {"document": document}, format="json")
    assert_status(response, 400)
    errors = response.json()
    assert "document.score_weights" in errors
    assert "document.eligibility.career_returner.reasons" in errors
    assert OrdinancePolicy.objects.count() == 1


def test_a_missing_document_is_a_400(client_for: ClientFor) -> None:
    response = client_for(staff_user()).put(POLICY, {"note": "x"}, format="json")
    assert_status(response, 400)
    assert "document" in response.json()


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [(None, 401), (seeker, 403), (employer_user, 403), (mentor_user, 403)],
)
def test_only_staff_read_or_publish_the_policy(
    client_for: ClientFor, make_user: Any, expected: int
) -> None:
    client = client_for(make_user() if make_user else None)
    assert_status(client.get(POLICY), expected)
    body = {"document": load_default_policy()}
    assert_status(client.put(POLICY, body, format="json"), expected)
    assert OrdinancePolicy.objects.count() == 1


def test_versions_keep_increasing() -> None:
    staff = staff_user()
    versions = [
        ordinance_policy_publish(document=load_default_policy(), actor=staff).version
        for _ in range(3)
    ]
    assert versions == [2, 3, 4]


VERSIONS = "/api/v1/ordinance-policy/versions/"


def test_staff_list_and_read_versions(client_for: ClientFor) -> None:
    staff = staff_user()
    document = load_default_policy()
    document["target_share"] = 0.3
    ordinance_policy_publish(document=document, actor=staff, note="상향")
    client = client_for(staff)
    listed = client.get(VERSIONS)
    assert_status(listed, 200)
    body = listed.json()
    assert body["count"] == 2
    assert [row["version"] for row in body["results"]] == [2, 1]
    one = client.get(f"{VERSIONS}1/")
    assert_status(one, 200)
    assert one.json()["document"]["target_share"] == 0.2
    assert_status(client.get(f"{VERSIONS}9/"), 404)
    assert_status(client.get(f"{VERSIONS}?page_size=51"), 400)


@pytest.mark.parametrize(("make_user", "expected"), [(None, 401), (seeker, 403)])
def test_only_staff_read_versions(client_for: ClientFor, make_user: Any, expected: int) -> None:
    client = client_for(make_user() if make_user else None)
    assert_status(client.get(VERSIONS), expected)
    assert_status(client.get(f"{VERSIONS}1/"), expected)


def test_a_put_based_on_an_old_version_is_a_409(client_for: ClientFor) -> None:
    staff = staff_user()
    ordinance_policy_publish(document=load_default_policy(), actor=staff)
    body = {"document": load_default_policy(), "based_on": 1}
    response = client_for(staff).put(POLICY, body, format="json")
    assert_status(response, 409)
    assert OrdinancePolicy.objects.count() == 2
    body["based_on"] = 2
    assert_status(client_for(staff).put(POLICY, body, format="json"), 201)
