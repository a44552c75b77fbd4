"""Staff see a seeker's ordinance eligibility on the seeker's record, exactly as the seeker
sees it at /me/eligibility/, under the current policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from backend.accounts.models import AccessLog, User
from backend.matching.policy import load_default_policy
from backend.matching.services import ordinance_policy_publish
from backend.seekers.models import SeekerProfile
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, mentor_user, staff_user
from tests.factories.seekers import graduate_profile, returner_profile, senior_profile

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.mark.parametrize("persona", [graduate_profile, returner_profile, senior_profile])
def test_staff_see_the_same_eligibility_as_the_seeker(
    client_for: ClientFor, persona: Callable[..., SeekerProfile]
) -> None:
    profile = persona()
    own = client_for(profile.user).get("/api/v1/me/eligibility/")
    assert_status(own, 200)
    response = client_for(staff_user()).get(f"/api/v1/seekers/{profile.pk}/")
    assert_status(response, 200)
    body = response.json()
    assert body["eligibility"] == own.json()
    assert [row["programme"] for row in body["eligibility"]] == [
        "local_graduate",
        "career_returner",
        "senior_expert",
    ]
    assert all(
        set(row) == {"programme", "eligible", "reasons", "policy_version"}
        for row in body["eligibility"]
    )
    assert body["display_name"]  # the profile itself is unchanged


def test_staff_view_decides_with_the_current_policy(client_for: ClientFor) -> None:
    profile = graduate_profile(graduation_year=dt.date.today().year - 4)
    client = client_for(staff_user())
    rows = {
        row["programme"]: row
        for row in client.get(f"/api/v1/seekers/{profile.pk}/").json()["eligibility"]
    }
    assert rows["local_graduate"]["eligible"] is True
    assert rows["local_graduate"]["policy_version"] == 1
    assert "졸업 4년 차 (5년 이내)" in rows["local_graduate"]["reasons"]

    document = load_default_policy()
    document["eligibility"]["local_graduate"]["max_years_since_graduation"] = 3
    ordinance_policy_publish(document=document, actor=staff_user(), note="3년 이내로")
    rows = {
        row["programme"]: row
        for row in client.get(f"/api/v1/seekers/{profile.pk}/").json()["eligibility"]
    }
    assert rows["local_graduate"] == {
        "programme": "local_graduate",
        "eligible": False,
        "reasons": ["시내 고등학교 졸업", "대학 미진학", "졸업 4년 차 (3년 초과)"],
        "policy_version": 2,
    }
    assert AccessLog.objects.count() == 2  # every read still logged


OTHERS: dict[str, tuple[Callable[[], User | None], int]] = {
    "anonymous": (lambda: None, 401),
    "employer": (employer_user, 403),
    "mentor": (mentor_user, 403),
}


@pytest.mark.parametrize("role", list(OTHERS))
def test_nobody_but_staff_reads_it(client_for: ClientFor, role: str) -> None:
    profile = senior_profile()
    make, expected = OTHERS[role]
    response = client_for(make()).get(f"/api/v1/seekers/{profile.pk}/")
    assert_status(response, expected)
    assert "eligibility" not in response.json()
    # A seeker, even the one on the record, reads only their own /me/ endpoints.
    assert_status(client_for(profile.user).get(f"/api/v1/seekers/{profile.pk}/"), 403)
    assert not AccessLog.objects.exists()
