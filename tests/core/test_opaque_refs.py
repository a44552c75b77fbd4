"""Issue 13: `seeker_ref` and `candidate_ref` are keyed hashes, never raw ids (an employer
could enumerate "S-41", "S-42"… and join them across data sets); staff responses carry a
staff-only `seeker_id` so staff can open the record."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings

from backend.core.refs import candidate_ref, seeker_ref
from tests.api import assert_status
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.factories.accounts import staff_user
from tests.factories.jobs import ApplicationFactory, placement_for

pytestmark = pytest.mark.django_db

OPAQUE = re.compile(r"^[SC]-[0-9a-f]{16}$")


def test_refs_are_keyed_hashes_stable_and_secret_dependent() -> None:
    assert OPAQUE.match(seeker_ref(42))
    assert seeker_ref(42) == seeker_ref(42)
    assert seeker_ref(42) != seeker_ref(43)
    assert candidate_ref(1, 42) != candidate_ref(2, 42)
    with override_settings(SECRET_KEY="another secret"):
        other = seeker_ref(42)
    assert other != seeker_ref(42)


def test_api_responses_carry_no_raw_ids_and_staff_get_seeker_id(client_for: Any) -> None:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    profile = seeker_with()
    index_all()
    application = ApplicationFactory.create(posting=posting, seeker=profile.user)
    placement_for(application)
    employer_client, staff = client_for(boss), client_for(staff_user())

    placements = employer_client.get("/api/v1/placements/").json()["results"]
    assert placements[0]["seeker_ref"] == seeker_ref(profile.user_id)
    assert OPAQUE.match(placements[0]["seeker_ref"])
    assert "seeker_id" not in placements[0]
    staff_placements = staff.get("/api/v1/placements/").json()["results"]
    assert staff_placements[0]["seeker_ref"] == seeker_ref(profile.user_id)
    assert staff_placements[0]["seeker_id"] == profile.pk
    assert_status(staff.get(f"/api/v1/seekers/{staff_placements[0]['seeker_id']}/"), 200)

    applicants = employer_client.get(f"/api/v1/postings/{posting.pk}/applications/").json()
    applicant = applicants["results"][0]["applicant"]
    assert applicant["ref"] == seeker_ref(profile.user_id)
    assert "seeker_id" not in applicant
    staff_applicant = staff.get(f"/api/v1/postings/{posting.pk}/applications/").json()
    assert staff_applicant["results"][0]["applicant"]["seeker_id"] == profile.pk

    row = employer_client.get(f"/api/v1/postings/{posting.pk}/candidates/").json()["results"][0]
    assert OPAQUE.match(row["candidate_ref"])
    assert row["candidate_ref"] == candidate_ref(employer.pk, profile.pk)
    assert "seeker_id" not in row
    staff_row = staff.get(f"/api/v1/postings/{posting.pk}/candidates/").json()["results"][0]
    assert staff_row["seeker_id"] == profile.pk
