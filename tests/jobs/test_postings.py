"""Postings: create, edit, the status machine (every transition, table-driven), privacy."""

from __future__ import annotations

import pytest

from backend.core.validators import RRN_MESSAGE
from backend.jobs.models import Posting, PostingStatus
from tests.api import ClientFor
from tests.factories.accounts import staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import PostingFactory, posting_in
from tests.jobs.conftest import posting_payload

pytestmark = [pytest.mark.django_db]


def test_employer_creates_a_draft_echoing_what_it_typed(client_for: ClientFor) -> None:
    employer, user = employer_with_user(verified=False)  # drafts are allowed before verification
    response = client_for(user).post(
        "/api/v1/postings/",
        posting_payload(certificates_required=["전산회계2급", "지게차"]),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["employer"] == employer.pk
    assert body["employer_name"] == employer.name
    assert body["certificates_required"] == ["전산회계2급", "지게차"]
    assert body["location"] == {"lat": 37.45, "lon": 126.8}
    assert body["area"]["code"] == "4139051000"
    assert body["career_field"] == "engineering"
    assert body["version"] == 1
    assert body["cohorts_welcome"] == ["senior", "returner"]


def test_employer_without_an_organisation_gets_409(client_for: ClientFor) -> None:
    from tests.factories.accounts import employer_user

    response = client_for(employer_user()).post(
        "/api/v1/postings/", posting_payload(), format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "no_employer"


@pytest.mark.parametrize("field", ["title", "description", "address", "occupation"])
def test_resident_number_in_text_is_400_with_the_korean_message(
    client_for: ClientFor, field: str
) -> None:
    _, user = employer_with_user()
    text = "문의: 홍길동 900101-1234567"
    response = client_for(user).post(
        "/api/v1/postings/", posting_payload(**{field: text}), format="json"
    )
    assert response.status_code == 400
    assert response.json()[field] == [str(RRN_MESSAGE)]
    assert "주민등록번호는 입력할 수 없습니다" in response.json()[field][0]
    assert not Posting.objects.exists()


def test_resident_number_in_a_skill_list_is_400(client_for: ClientFor) -> None:
    _, user = employer_with_user()
    response = client_for(user).post(
        "/api/v1/postings/", posting_payload(skills_preferred=["9001011234567"]), format="json"
    )
    assert response.status_code == 400
    assert "skills_preferred" in response.json()


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"days_per_week": 8}, "days_per_week"),
        ({"days_per_week": 0}, "days_per_week"),
        ({"hourly_wage": -1}, "hourly_wage"),
        ({"openings": 0}, "openings"),
        ({"shifts": ["dawn"]}, "shifts"),
        ({"cohorts_welcome": ["student"]}, "cohorts_welcome"),
        ({"employment_type": "gig"}, "employment_type"),
        ({"location": {"lat": 91, "lon": 126.8}}, "location"),
        ({"location": {"lat": 37.4}}, "location"),
        ({"career_field": "nope"}, "career_field"),
        ({"area": "0000000000"}, "area"),
        ({"deadline": "2001-01-01"}, "deadline"),
        ({"shifts": ["morning", "morning"]}, "shifts"),
    ],
)
def test_invalid_fields_are_400(
    client_for: ClientFor, override: dict[str, object], field: str
) -> None:
    _, user = employer_with_user()
    response = client_for(user).post(
        "/api/v1/postings/", posting_payload(**override), format="json"
    )
    assert response.status_code == 400, response.json()
    assert field in response.json()


def test_location_is_optional(client_for: ClientFor) -> None:
    _, user = employer_with_user()
    response = client_for(user).post(
        "/api/v1/postings/", posting_payload(location=None), format="json"
    )
    assert response.status_code == 201
    assert response.json()["location"] is None


# The status machine. (status before, action) → status after, or 409. Actions are done by
# whoever may do them (its employer, or staff for approve/reject), so only the state decides.
ACTIONS = {
    "submit": ("employer", "post", "submit/", None),
    "approve": ("staff", "post", "approve/", None),
    "reject": ("staff", "post", "reject/", {"reason": "급여 정보를 보완해 주세요."}),
    "close_by_employer": ("employer", "post", "close/", None),
    "close_by_staff": ("staff", "post", "close/", None),
    # `openings` applies at once on an open posting (a title would wait as a revision:
    # tests/jobs/test_post_approval_edits.py).
    "edit": ("employer", "patch", "", {"openings": 3}),
}
ALLOWED = {
    ("draft", "submit"): "pending",
    ("pending", "approve"): "open",
    ("pending", "reject"): "draft",
    ("open", "close_by_employer"): "closed",
    ("open", "close_by_staff"): "closed",
    ("draft", "edit"): "draft",
    ("open", "edit"): "open",
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("before", PostingStatus.values)
def test_status_machine(client_for: ClientFor, before: str, action: str) -> None:
    employer, user = employer_with_user()
    posting = posting_in(before, employer=employer)
    who, method, suffix, body = ACTIONS[action]
    actor = user if who == "employer" else staff_user()
    response = getattr(client_for(actor), method)(
        f"/api/v1/postings/{posting.pk}/{suffix}", body, format="json"
    )
    posting.refresh_from_db()
    expected = ALLOWED.get((before, action))
    if expected is None:
        assert response.status_code == 409, response.json()
        assert response.json()["code"] == "illegal_transition"
        assert "상태의 공고는" in response.json()["detail"]
        assert posting.status == before
        assert posting.version == 1
    else:
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == expected
        assert posting.status == expected
        assert posting.version == 2  # every write bumps the version


def test_submit_is_409_until_the_organisation_is_verified(client_for: ClientFor) -> None:
    employer, user = employer_with_user(verified=False)
    posting = posting_in("draft", employer=employer)
    response = client_for(user).post(f"/api/v1/postings/{posting.pk}/submit/")
    assert response.status_code == 409
    assert response.json()["code"] == "employer_unverified"
    assert "기업 인증" in response.json()["detail"]
    client_for(staff_user()).post(f"/api/v1/employers/{employer.pk}/verify/")
    response = client_for(user).post(f"/api/v1/postings/{posting.pk}/submit/")
    assert response.status_code == 200
    assert response.json()["status"] == "pending"


def test_reject_shows_the_reason_and_resubmit_clears_it(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    posting = posting_in("pending", employer=employer)
    staff = client_for(staff_user())
    assert (
        staff.post(f"/api/v1/postings/{posting.pk}/reject/", {}, format="json").status_code == 400
    )
    response = staff.post(
        f"/api/v1/postings/{posting.pk}/reject/",
        {"reason": "근무 시간을 적어 주세요."},
        format="json",
    )
    assert response.json()["status"] == "draft"
    mine = client_for(user).get(f"/api/v1/postings/{posting.pk}/").json()
    assert mine["rejection_reason"] == "근무 시간을 적어 주세요."
    response = client_for(user).post(f"/api/v1/postings/{posting.pk}/submit/")
    assert response.json()["rejection_reason"] == ""


def test_reject_reason_with_a_resident_number_is_400(client_for: ClientFor) -> None:
    posting = posting_in("pending")
    response = client_for(staff_user()).post(
        f"/api/v1/postings/{posting.pk}/reject/", {"reason": "900101-1234567 확인"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["reason"] == [str(RRN_MESSAGE)]


def test_approve_publishes(client_for: ClientFor) -> None:
    posting = posting_in("pending")
    response = client_for(staff_user()).post(f"/api/v1/postings/{posting.pk}/approve/")
    assert response.json()["published_at"] is not None


def test_public_get_of_an_open_posting_needs_no_login(client_for: ClientFor) -> None:
    posting = posting_in("open")
    response = client_for(None).get(f"/api/v1/postings/{posting.pk}/")
    assert response.status_code == 200
    assert response.json()["title"] == posting.title
    assert response.json()["employer_name"] == posting.employer.name


@pytest.mark.parametrize("status", ["draft", "pending", "closed", "filled", "expired"])
def test_public_get_of_other_statuses_is_404(client_for: ClientFor, status: str) -> None:
    posting = posting_in(status)
    assert client_for(None).get(f"/api/v1/postings/{posting.pk}/").status_code == 404


def test_staff_review_queue(client_for: ClientFor) -> None:
    pending = posting_in("pending")
    posting_in("draft")
    posting_in("open")
    response = client_for(staff_user()).get("/api/v1/postings/?status=pending")
    assert [row["id"] for row in response.json()["results"]] == [pending.pk]
    assert client_for(staff_user()).get("/api/v1/postings/?status=nope").status_code == 400


def test_editing_below_hires_is_400(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    posting = PostingFactory.create(employer=employer, status="open", openings=3, hires=2)
    response = client_for(user).patch(
        f"/api/v1/postings/{posting.pk}/", {"openings": 1}, format="json"
    )
    assert response.status_code == 400
    assert "openings" in response.json()
