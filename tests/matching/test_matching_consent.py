"""Issue 13: the optional `matching` consent is enforced. A seeker without it (never given,
or withdrawn) is out of every shortlist, out of unfinished assign runs, and has no profile
document in the search index; recommendations to the seeker stay; granting it again puts
them back."""

from __future__ import annotations

from typing import Any

import pytest

from backend.accounts.services import consents_record
from backend.matching.models import Recommendation
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.query import ProfileQuery
from tests.api import assert_status
from tests.contract.test_matching_backends import (
    CENTRE,
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.factories.accounts import staff_user

pytestmark = pytest.mark.django_db


def consenting_seeker(**overrides: Any) -> SeekerProfile:
    return seeker_with(consent=True, **overrides)


def indexed_profile_ids() -> set[int]:
    query = ProfileQuery(near=CENTRE, radius_km=50.0, open_only=False, limit=100)
    return {hit.id for hit in get_backend().search_profiles(query)}


def shortlist_refs(client: Any, posting_id: int) -> list[str]:
    response = client.get(f"/api/v1/postings/{posting_id}/candidates/")
    assert_status(response, 200)
    return [row["candidate_ref"] for row in response.json()["results"]]


def test_a_seeker_who_never_gave_the_matching_consent_is_in_no_shortlist(
    client_for: Any,
) -> None:
    employer, boss = covered_employer()
    forklift = forklift_posting(employer)
    silent = seeker_with(consent=False)  # open_to_employers, but never consented to `matching`
    consenting = consenting_seeker()
    index_all()

    body = client_for(boss).get(f"/api/v1/postings/{forklift.pk}/candidates/").json()
    assert body["count"] == 1
    assert silent.pk not in indexed_profile_ids()
    assert consenting.pk in indexed_profile_ids()


def test_withdrawing_matching_consent_leaves_shortlists_and_the_index_at_once(
    client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    employer, boss = covered_employer()
    forklift = forklift_posting(employer)
    profile = consenting_seeker()
    index_all()
    employer_client = client_for(boss)
    assert len(shortlist_refs(employer_client, forklift.pk)) == 1
    seeker_client = client_for(profile.user)
    assert_status(seeker_client.get("/api/v1/me/recommendations/"), 200)
    recommended = Recommendation.objects.filter(seeker=profile).count()
    assert recommended >= 1

    with django_capture_on_commit_callbacks(execute=True):
        response = seeker_client.post(
            "/api/v1/me/consents/", {"decisions": {"matching": False}}, format="json"
        )
    assert_status(response, 200)

    assert shortlist_refs(employer_client, forklift.pk) == []
    assert profile.pk not in indexed_profile_ids()
    # Recommendations *to* the seeker stay (the service consent covers them).
    mine = seeker_client.get("/api/v1/me/recommendations/").json()
    assert mine["count"] == recommended

    with django_capture_on_commit_callbacks(execute=True):
        seeker_client.post("/api/v1/me/consents/", {"decisions": {"matching": True}}, format="json")
    assert profile.pk in indexed_profile_ids()
    assert len(shortlist_refs(employer_client, forklift.pk)) == 1


def test_the_shortlist_asks_the_database_even_before_the_index_follows(
    client_for: Any,
) -> None:
    """The sync job has not run yet (no on-commit callbacks): the document is still in the
    index, the shortlist already leaves the seeker out."""
    employer, boss = covered_employer()
    forklift = forklift_posting(employer)
    profile = consenting_seeker()
    index_all()
    consents_record(user=profile.user, decisions={"matching": False})
    assert profile.pk in indexed_profile_ids()
    assert shortlist_refs(client_for(boss), forklift.pk) == []


def test_withdrawing_during_an_unfinished_assign_run_takes_the_seeker_out(
    client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    employer, _ = covered_employer()
    forklift_posting(employer, openings=2)
    leaving = consenting_seeker()
    staying = consenting_seeker()
    index_all()
    staff = client_for(staff_user())

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = staff.post("/api/v1/match-runs/", {"kind": "assign"}, format="json")
    assert_status(response, 202)
    run_id = response.json()["id"]
    assert staff.get(f"/api/v1/match-runs/{run_id}/").json()["status"] == "queued"

    with django_capture_on_commit_callbacks(execute=True):
        client_for(leaving.user).post(
            "/api/v1/me/consents/", {"decisions": {"matching": False}}, format="json"
        )
    for callback in queued:
        callback()

    run = staff.get(f"/api/v1/match-runs/{run_id}/").json()
    assert run["status"] == "done", run
    refs = [
        row["seeker_ref"]
        for unassigned in ("false", "true")
        for row in staff.get(
            f"/api/v1/match-runs/{run_id}/assignments/?unassigned={unassigned}"
        ).json()["results"]
    ]
    assert len(refs) == 1
    assert run["summary"]["seekers"] == 1
    assert staying.pk
