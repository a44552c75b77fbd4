"""Counsellor-assisted enrolment over the API: the code in the issuing response only, the
profile filled on behalf, the first login, and a new code refused once activated (409)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from backend.accounts.models import AccessLog
from backend.seekers.models import AssistedEnrolment, SeekerProfile
from tests.api import ClientFor, assert_status
from tests.factories.accounts import staff_user
from tests.factories.seekers import returner_payload

pytestmark = [pytest.mark.django_db]

BASE = "/api/v1/assisted-seekers/"
ACTIVATE = "/api/v1/accounts/assisted/activate/"
PASSWORD = "시흥-새출발-2026!"


def create(client: Any) -> dict[str, Any]:
    response = client.post(
        BASE,
        {"consent_scan_ref": "새일-2026-0007", "consent_signed_on": timezone.localdate()},
        format="json",
    )
    assert_status(response, 201)
    assert "no-store" in response["Cache-Control"]
    body: dict[str, Any] = response.json()
    return body


def test_enrol_fill_and_activate_over_the_api(client_for: ClientFor) -> None:
    staff = client_for(staff_user())
    made = create(staff)
    assert made["login_id"].startswith("sh")
    assert len(made["code"]) == 11  # XXXXX-XXXXX
    listed = staff.get(BASE).json()
    assert listed["count"] == 1
    assert "code" not in listed["results"][0]
    filled = staff.put(f"{BASE}{made['id']}/profile/", returner_payload(), format="json")
    assert_status(filled, 200)
    enrolment = AssistedEnrolment.objects.get(pk=made["id"])
    assert SeekerProfile.objects.filter(user=enrolment.user).exists()
    whats = set(AccessLog.objects.filter(subject=enrolment.user).values_list("what", flat=True))
    assert "대리 입력: 프로필" in whats
    anonymous = client_for(None)
    wrong = anonymous.post(
        ACTIVATE, {"login_id": made["login_id"], "code": "ZZZZZZZZZZ", "password": PASSWORD}
    )
    assert_status(wrong, 400)
    assert "code" in wrong.json()
    done = anonymous.post(
        ACTIVATE, {"login_id": made["login_id"], "code": made["code"], "password": PASSWORD}
    )
    assert_status(done, 200)
    assert done.json()["email"].endswith("@assisted.invalid")
    assert_status(staff.post(f"{BASE}{made['id']}/code/"), 409)
    exported = client_for(enrolment.user).get("/api/v1/me/export/").json()
    assert exported["assisted_enrolment"]["consent_scan_ref"] == "새일-2026-0007"
    assert made["code"] not in str(exported)
    assert_status(staff.post(f"{BASE}999999/code/"), 404)


def test_a_new_code_replaces_the_old(client_for: ClientFor) -> None:
    staff = client_for(staff_user())
    made = create(staff)
    fresh = staff.post(f"{BASE}{made['id']}/code/")
    assert_status(fresh, 201)
    assert fresh.json()["code"] != made["code"]
    anonymous = client_for(None)
    old = anonymous.post(
        ACTIVATE, {"login_id": made["login_id"], "code": made["code"], "password": PASSWORD}
    )
    assert_status(old, 400)
    new = anonymous.post(
        ACTIVATE,
        {"login_id": made["login_id"], "code": fresh.json()["code"], "password": PASSWORD},
    )
    assert_status(new, 200)
