"""The whole flow through the public API, as its users go through it (both databases).

Seekers of each cohort sign up (allauth headless) and fill profiles; an employer registers
and is verified by staff; it posts and submits; staff approve; a seeker applies; the employer
moves the application to `hired`; the placement and its checkpoints exist.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.factories.accounts import log_in, staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

APP = "/_allauth/app/v1"
DAEYA = "4139051000"  # 대야동
JEONGWANG1 = "4139059100"  # 정왕1동


class ApiUser:
    """A person using the API with a headless session token."""

    def __init__(self, token: str) -> None:
        self.client = Client(HTTP_X_SESSION_TOKEN=token)

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        kwargs: dict[str, Any] = {}
        if body is not None:
            kwargs = {"data": json.dumps(body), "content_type": "application/json"}
        return getattr(self.client, method)(path, **kwargs)


def sign_up(email: str, role: str) -> ApiUser:
    client = Client()
    response = client.post(
        f"{APP}/auth/signup",
        data=json.dumps(
            {
                "email": email,
                "password": "a-long-enough-pass",
                "role": role,
                "consent_service": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 401, response.content  # email verification pending
    token = response.json()["meta"]["session_token"]
    key = re.search(r"confirm-email/([^/\s]+)/", str(mail.outbox[-1].body))
    assert key
    verified = client.post(
        f"{APP}/auth/email/verify",
        data=json.dumps({"key": key.group(1)}),
        content_type="application/json",
        HTTP_X_SESSION_TOKEN=token,
    )
    assert verified.status_code == 200, verified.content
    return ApiUser(verified.json()["meta"].get("session_token", token))


PROFILES = {
    "graduate": {
        "cohort": "graduate",
        "display_name": "김하늘",
        "birth_year": 2006,
        "area": JEONGWANG1,
        "is_resident": True,
        "school_name": "시흥공업고등학교",
        "school_in_city": True,
        "graduation_year": 2025,
        "entered_college": False,
        "career_fields": ["engineering"],
        "skills": ["지게차 운전", "상하차"],
        "certificates": ["지게차"],
        "employment_types": ["full_time"],
        "max_days_per_week": 5,
        "shifts": ["morning", "afternoon"],
        "min_hourly_wage": 10500,
        "max_commute_km": 10,
        "about": "성실하게 일하겠습니다.",
    },
    "returner": {
        "cohort": "returner",
        "display_name": "이수진",
        "birth_year": 1986,
        "area": DAEYA,
        "is_resident": True,
        "career_break_years": 6,
        "career_break_reason": "childcare",
        "career_fields": ["business"],
        "skills": ["전표 입력", "엑셀"],
        "certificates": ["전산회계 2급"],
        "employment_types": ["part_time"],
        "max_days_per_week": 3,
        "shifts": ["morning"],
        "min_hourly_wage": 10500,
        "max_commute_km": 5,
    },
    "senior": {
        "cohort": "senior",
        "display_name": "박정호",
        "birth_year": 1962,
        "area": DAEYA,
        "is_resident": True,
        "experience": [
            {"occupation": "safety_manager", "years": 25, "summary": "제조 현장 안전 관리"}
        ],
        "career_fields": ["engineering"],
        "employment_types": ["contract", "flexible"],
        "max_days_per_week": 3,
        "shifts": ["morning"],
    },
}


def test_signup_to_placement(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    seekers = {}
    for cohort, profile in PROFILES.items():
        seeker = sign_up(f"{cohort}@flow.example", "seeker")
        saved = seeker.call("put", "/api/v1/me/profile/", profile)
        assert saved.status_code in (200, 201), saved.content
        assert saved.json()["cohort"] == cohort
        assert saved.json()["area"]["code"] == profile["area"]
        assert saved.json()["open_to_employers"] is False
        seekers[cohort] = seeker

    employer = sign_up("hr@flow.example", "employer")
    organisation = employer.call(
        "post",
        "/api/v1/employers/",
        {
            "name": "시화정밀 주식회사",
            "business_number": "1248100998",
            "area": JEONGWANG1,
            "address": "경기도 시흥시 정왕동 1",
            "industry": "제조업",
            "staff_count": 45,
            "is_city_funded": False,
            "partner_pledge": True,
        },
    )
    assert organisation.status_code == 201, organisation.content
    employer_id = organisation.json()["id"]

    posting = employer.call(
        "post",
        "/api/v1/postings/",
        {
            "title": "지게차 운전원",
            "description": "시화공단 물류센터 입출고 상하차, 지게차운전기능사 우대",
            "career_field": "engineering",
            "occupation": "지게차 운전원",
            "skills_required": ["지게차 운전"],
            "skills_preferred": ["재고 관리"],
            "certificates_required": ["지게차운전기능사"],
            "min_experience_years": 0,
            "employment_type": "full_time",
            "days_per_week": 5,
            "shifts": ["morning", "afternoon"],
            "hourly_wage": 12000,
            "area": JEONGWANG1,
            "address": "경기도 시흥시 정왕동 1",
            "openings": 1,
            "deadline": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
            "cohorts_welcome": [],
        },
    )
    assert posting.status_code == 201, posting.content
    posting_id = posting.json()["id"]
    assert posting.json()["status"] == "draft"
    # Submission waits for the city's verification of the organisation.
    assert employer.call("post", f"/api/v1/postings/{posting_id}/submit/").status_code == 409

    staff = Client()
    log_in(staff, staff_user())
    queue = staff.get("/api/v1/employers/", {"verified": "false"})
    assert employer_id in [row["id"] for row in queue.json()["results"]]
    assert staff.post(f"/api/v1/employers/{employer_id}/verify/").status_code == 200
    submitted = employer.call("post", f"/api/v1/postings/{posting_id}/submit/")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "pending"
    review = staff.get("/api/v1/postings/", {"status": "pending"})
    assert posting_id in [row["id"] for row in review.json()["results"]]
    approved = staff.post(f"/api/v1/postings/{posting_id}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "open"
    assert Client().get(f"/api/v1/postings/{posting_id}/").status_code == 200  # public now

    graduate = seekers["graduate"]
    applied = graduate.call(
        "post",
        f"/api/v1/postings/{posting_id}/applications/",
        {"message": "지원합니다.", "consent_provision": True},
    )
    assert applied.status_code == 201, applied.content
    application_id = applied.json()["id"]
    again = graduate.call(
        "post",
        f"/api/v1/postings/{posting_id}/applications/",
        {"message": "한 번 더", "consent_provision": True},
    )
    assert again.status_code == 409

    for status in ("reviewing", "interview", "offered", "hired"):
        moved = employer.call(
            "patch", f"/api/v1/applications/{application_id}/", {"status": status}
        )
        assert moved.status_code == 200, moved.content
        assert moved.json()["status"] == status

    placements = graduate.call("get", "/api/v1/placements/").json()["results"]
    assert len(placements) == 1
    assert [c["month"] for c in placements[0]["checkpoints"]] == [1, 3, 6, 12]
    assert {c["status"] for c in placements[0]["checkpoints"]} == {"pending"}
    assert staff.get(f"/api/v1/postings/{posting_id}/").json()["status"] == "filled"
    recorded = employer.call(
        "patch",
        f"/api/v1/placements/{placements[0]['id']}/checkpoints/1/",
        {"status": "retained"},
    )
    # A retention checkpoint is recorded once it is due, not before.
    assert recorded.status_code == 409
    assert recorded.json()["code"] == "checkpoint_not_due"


def test_export_holds_every_section_and_delete_removes_the_seeker(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from backend.demo.seed import seed_demo
    from backend.jobs.models import Application
    from backend.seekers.models import SeekerProfile

    seed_demo(seed=3, seekers=60, employers=6, postings=30)
    application = Application.objects.filter(status="hired").select_related("seeker").first()
    assert application is not None
    person = application.seeker
    client = Client()
    log_in(client, person)
    export = client.get("/api/v1/me/export/").json()
    assert set(export) >= {
        "account",
        "consents",
        "accessed_by",
        "seeker_profile",
        "applications",
        "placements",
        "mentoring",
    }
    assert export["seeker_profile"]["cohort"] in ("graduate", "returner", "senior")
    assert any(row["status"] == "hired" for row in export["applications"])
    assert export["placements"][0]["checkpoints"][0]["month"] == 1
    assert client.delete("/api/v1/me/").status_code == 204
    assert not SeekerProfile.objects.filter(user_id=person.pk).exists()
    assert not Application.objects.filter(seeker_id=person.pk).exists()
