"""A 16-year-old was recommended 10 of 10 night-shift jobs: never again, on either search
backend, in recommendations, shortlists, search and assignment alike (근로기준법 §65, §69,
§70). Every path goes through the public API (and the /jobs/ page), with a real seeker under
18 and ten night-shift postings."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from backend.accounts.models import User
from backend.accounts.services import consents_record
from backend.core.refs import candidate_ref, seeker_ref
from backend.jobs.models import Posting
from backend.seekers.models import SeekerProfile
from backend.seekers.services import seeker_profile_replace
from search.backends.base import SearchBackend
from tests.api import assert_status
from tests.contract.test_matching_backends import covered_employer, index_all
from tests.contract.test_search_backends import DAEYA, make_posting
from tests.factories.accounts import log_in, staff_user
from tests.factories.accounts import seeker as seeker_user
from tests.factories.seekers import graduate_payload
from tests.taxonomy.ages import birth_for_age

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NIGHT_SHIFTS = 10


def teenager_or_adult(age: int, **overrides: Any) -> SeekerProfile:
    """A final-year vocational student (졸업 예정자) of `age` (만 나이), open to employers,
    who accepts any shift: the seeker the night-shift postings were recommended to."""
    birth_year, birth_month = birth_for_age(age)
    payload = graduate_payload(
        area=DAEYA[0],
        birth_year=birth_year,
        birth_month=birth_month,
        career_fields=["service"],
        skills=["계산대", "고객 응대"],
        certificates=[],
        about="편의점과 매장에서 고객 응대를 하고 싶어요.",
        employment_types=["part_time"],
        shifts=[],  # any time: the seeker did not narrow it
        max_days_per_week=5,
        max_commute_km=10,
        open_to_employers=True,
    )
    payload.update(overrides)
    user = seeker_user()
    profile = seeker_profile_replace(user=user, fields=payload)
    # Shortlists and assign runs hold only seekers with the `matching` consent (issue 13).
    consents_record(user=user, decisions={"service": True, "matching": True})
    return profile


def web_client(user: User) -> Client:
    client = Client()
    log_in(client, user)
    return client


def store_posting(employer: Any, **fields: Any) -> Posting:
    values: dict[str, Any] = {
        "title": "매장 판매원",
        "description": "편의점 계산대와 고객 응대, 상품 진열을 합니다.",
        "career_field_id": "service",
        "occupation": "매장 판매원",
        "skills_required": ["고객 응대"],
        "employment_type": "part_time",
        "days_per_week": 5,
        "hours_per_day": 6,
        "shifts": ["evening"],
        "hourly_wage": 10_500,
    }
    values.update(fields)
    return make_posting(employer, **values)


def night_and_day(employer: Any) -> tuple[list[Posting], Posting]:
    night = [
        store_posting(employer, title=f"야간 매장 판매원 {n}", shifts=["night"])
        for n in range(NIGHT_SHIFTS)
    ]
    evening = store_posting(employer, title="저녁 매장 판매원")  # 18:00-22:00, 6 h × 5 days
    return night, evening


def test_recommendations_to_a_16_year_old_hold_no_night_shift(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, _ = covered_employer()
    night, evening = night_and_day(employer)
    minor = teenager_or_adult(16)
    adult = teenager_or_adult(19)
    index_all()

    ids = {
        row["posting"]["id"]
        for row in client_for(minor.user).get("/api/v1/me/recommendations/").json()["results"]
    }
    assert ids == {evening.pk}
    # The same profile a year older is offered them: the filter is the age, not the profile.
    adult_ids = {
        row["posting"]["id"]
        for row in client_for(adult.user).get("/api/v1/me/recommendations/").json()["results"]
    }
    assert {p.pk for p in night} <= adult_ids


def test_a_night_shift_shortlist_never_holds_a_16_year_old(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, boss = covered_employer()
    night, evening = night_and_day(employer)
    minor = teenager_or_adult(16)
    adult = teenager_or_adult(19)
    index_all()
    client = client_for(boss)

    minor_ref = candidate_ref(employer.pk, minor.pk)
    adult_ref = candidate_ref(employer.pk, adult.pk)
    for posting in night:
        body = client.get(f"/api/v1/postings/{posting.pk}/candidates/").json()
        assert {row["candidate_ref"] for row in body["results"]} == {adult_ref}
    body = client.get(f"/api/v1/postings/{evening.pk}/candidates/").json()
    assert {row["candidate_ref"] for row in body["results"]} == {minor_ref, adult_ref}
    # The employer console's shortlist page ranks through the same path.
    page = web_client(boss).get(f"/employer/postings/{night[0].pk}/candidates/")
    assert_status(page, 200)
    html = page.content.decode()
    assert adult_ref in html
    assert minor_ref not in html


def test_search_as_a_16_year_old_finds_no_night_shift(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, _ = covered_employer()
    night, evening = night_and_day(employer)
    minor = teenager_or_adult(16)
    index_all()

    params = {"q": "매장 판매원", "page_size": 50}
    anonymous = client_for(None).get("/api/v1/postings/search/", params).json()
    assert {row["id"] for row in anonymous["results"]} == {p.pk for p in [*night, evening]}
    as_minor = client_for(minor.user).get("/api/v1/postings/search/", params).json()
    assert [row["id"] for row in as_minor["results"]] == [evening.pk]
    assert as_minor["count"] == 1
    assert as_minor["facets"]["area"] == [{"value": DAEYA[0], "count": 1}]

    # The /jobs/ page reads the same backend with the same rule.
    page = web_client(minor.user).get("/jobs/", {"q": "매장 판매원"})
    assert_status(page, 200)
    html = page.content.decode()
    assert f"/jobs/{evening.pk}/" in html
    assert not [p for p in night if f"/jobs/{p.pk}/" in html]
    assert "만 18세 미만이라서" in html
    assert "공고 1건" in html
    public = Client().get("/jobs/", {"q": "매장 판매원"}).content.decode()
    assert f"공고 {NIGHT_SHIFTS + 1}건" in public
    assert "만 18세 미만이라서" not in public


def test_an_assign_run_never_gives_a_16_year_old_a_night_shift(
    backend: SearchBackend, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    employer, _ = covered_employer()
    night, _evening = night_and_day(employer)
    # Only night shifts to assign: the minor must be left out, whatever the score.
    Posting.objects.filter(pk=_evening.pk).update(status="closed")
    minor = teenager_or_adult(16)
    adult = teenager_or_adult(19)
    index_all()
    staff = client_for(staff_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post("/api/v1/match-runs/", {"kind": "assign"}, format="json")
    assert_status(response, 202)
    run = staff.get(f"/api/v1/match-runs/{response.json()['id']}/").json()
    assert run["status"] == "done", run
    assigned = staff.get(f"/api/v1/match-runs/{run['id']}/assignments/").json()["results"]
    assert {row["seeker_ref"] for row in assigned} == {seeker_ref(adult.user_id)}
    assert {row["posting"]["id"] for row in assigned} <= {p.pk for p in night}
    left = staff.get(f"/api/v1/match-runs/{run['id']}/assignments/?unassigned=true").json()
    assert {row["seeker_ref"] for row in left["results"]} == {seeker_ref(minor.user_id)}
