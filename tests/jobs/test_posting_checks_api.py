"""Ordinance posting checks over HTTP: flagged on submit, visible to staff and the employer,
approvable, kept on the record; the `flagged` review queue; nobody else sees flags."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client, override_settings

from backend.accounts.models import User
from backend.core.validators import RRN_MESSAGE
from backend.employers.models import Employer
from backend.jobs.models import Posting, PostingReviewFlag
from backend.matching.policy import load_default_policy
from backend.matching.services import ordinance_policy_publish
from search.backends import get_backend
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, log_in, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import PostingFactory
from tests.jobs.conftest import posting_payload

pytestmark = [pytest.mark.django_db]

POLICY = load_default_policy()
SEPARATE_CLAUSE = POLICY["posting_checks"]["separate_job_group"]["clause"]
EXCLUSION_CLAUSE = POLICY["posting_checks"]["cohort_exclusion"]["clause"]
FLAGGED_DESCRIPTION = "시흥시 시설관리공단 행정 보조. 본 채용은 고졸  전용 직군으로 운영합니다."
FLAG_FIELDS = {"code", "clause", "matched", "policy_version", "created_at", "reviewed_at"}


def covered_employer() -> tuple[Employer, User]:
    """A city-funded institution with 30+ staff: the ordinance binds it."""
    return employer_with_user(is_city_funded=True, staff_count=120)


def submitted(client_for: ClientFor, user: User, **fields: Any) -> dict[str, Any]:
    """Create a draft through the API and submit it; the submit response. Everyone is
    welcome unless `cohorts_welcome` says otherwise (a restriction is a finding too)."""
    fields.setdefault("cohorts_welcome", [])
    client = client_for(user)
    created = client.post("/api/v1/postings/", posting_payload(**fields), format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["review_flags"] == []  # drafts are checked when submitted
    response = client.post(f"/api/v1/postings/{created.json()['id']}/submit/")
    assert response.status_code == 200, response.json()
    body: dict[str, Any] = response.json()
    return body


def queue(client: Any, query: str) -> list[int]:
    response = client.get(f"/api/v1/postings/{query}")
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_a_covered_employers_flagged_posting_is_flagged_on_submit(client_for: ClientFor) -> None:
    _, user = covered_employer()
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    assert body["status"] == "pending"
    flags = body["review_flags"]
    assert [flag["code"] for flag in flags] == ["separate_job_group"]
    (flag,) = flags
    assert set(flag) == FLAG_FIELDS
    assert flag["clause"] == SEPARATE_CLAUSE
    assert flag["matched"].startswith("'고졸 전용 직군' — 상세 내용: ")
    assert "고졸 전용 직군으로" in flag["matched"]  # the excerpt, whitespace collapsed
    assert flag["policy_version"] == 1
    assert flag["reviewed_at"] is None
    # Staff and the employer both see it on the posting.
    for who in (staff_user(), user):
        detail = client_for(who).get(f"/api/v1/postings/{body['id']}/").json()
        assert detail["review_flags"] == flags


def test_staff_approve_a_flagged_posting_and_the_flag_stays_reviewed(
    client_for: ClientFor,
) -> None:
    _, user = covered_employer()
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    officer = staff_user()
    staff = client_for(officer)
    response = staff.post(
        f"/api/v1/postings/{body['id']}/approve/",
        {"note": "직군 통합 운영 확인 (담당자 통화)"},
        format="json",
    )
    assert_status(response, 200)
    approved = response.json()
    assert approved["status"] == "open"
    (flag,) = approved["review_flags"]
    assert flag["reviewed_at"] is not None
    assert flag["created_at"] == body["review_flags"][0]["created_at"]
    row = PostingReviewFlag.objects.get(posting_id=body["id"])
    assert row.reviewed_by == officer
    assert row.review_note == "직군 통합 운영 확인 (담당자 통화)"
    assert row.reviewed_at == Posting.objects.get(pk=body["id"]).published_at
    # The employer still sees the (reviewed) flag; the queue no longer lists it as flagged.
    mine = client_for(user).get(f"/api/v1/postings/{body['id']}/").json()
    assert [item["reviewed_at"] for item in mine["review_flags"]] == [flag["reviewed_at"]]
    assert queue(staff, "?status=open&flagged=true") == []
    assert queue(staff, "?status=open&flagged=false") == [body["id"]]


def test_approve_without_a_body_still_works_and_a_note_with_a_resident_number_is_400(
    client_for: ClientFor,
) -> None:
    _, user = covered_employer()
    first = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    second = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    staff = client_for(staff_user())
    response = staff.post(f"/api/v1/postings/{first['id']}/approve/")
    assert_status(response, 200)
    assert PostingReviewFlag.objects.get(posting_id=first["id"]).review_note == ""
    response = staff.post(
        f"/api/v1/postings/{second['id']}/approve/", {"note": "900101-1234567"}, format="json"
    )
    assert_status(response, 400)
    assert response.json()["note"] == [str(RRN_MESSAGE)]
    assert Posting.objects.get(pk=second["id"]).status == "pending"
    assert PostingReviewFlag.objects.get(posting_id=second["id"]).reviewed_at is None


def test_the_flagged_review_queue(client_for: ClientFor) -> None:
    _, user = covered_employer()
    flagged = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    # Welcomes seniors and returners only, with no reason given: flagged too.
    restricted = submitted(client_for, user, cohorts_welcome=["senior", "returner"])
    assert [flag["code"] for flag in restricted["review_flags"]] == ["cohort_exclusion"]
    really_clean = submitted(client_for, user)
    assert really_clean["review_flags"] == []
    staff = client_for(staff_user())
    assert set(queue(staff, "?status=pending&flagged=true")) == {flagged["id"], restricted["id"]}
    assert queue(staff, "?status=pending&flagged=false") == [really_clean["id"]]
    assert len(queue(staff, "?status=pending")) == 3
    assert queue(client_for(user), "?flagged=true") != []  # an employer may filter its own
    for bad in ("yes", "1", "", "TRUE"):
        response = staff.get(f"/api/v1/postings/?status=pending&flagged={bad}")
        assert_status(response, 400)
        assert "flagged" in response.json()


def test_a_cohort_restriction_needs_a_stated_job_related_reason(client_for: ClientFor) -> None:
    _, user = covered_employer()
    restricted = submitted(client_for, user, cohorts_welcome=["senior"])
    (flag,) = restricted["review_flags"]
    assert (flag["code"], flag["clause"]) == ("cohort_exclusion", EXCLUSION_CLAUSE)
    assert "고졸 지역인재(graduate)" in flag["matched"]
    explained = submitted(
        client_for,
        user,
        cohorts_welcome=["senior"],
        description="직무 특성상 30년 이상 설비 정비 경력이 필요한 기술 자문 업무입니다.",
    )
    assert explained["review_flags"] == []


@pytest.mark.parametrize(
    "facts",
    [
        {"is_city_funded": False, "staff_count": 500},  # private, large
        {"is_city_funded": True, "staff_count": 29},  # city-funded, small
        {"is_city_funded": False, "staff_count": 500, "partner_pledge": True},  # partner
    ],
)
def test_an_employer_the_ordinance_does_not_bind_gets_no_flag(
    client_for: ClientFor, facts: dict[str, Any]
) -> None:
    _, user = employer_with_user(**facts)
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION, cohorts_welcome=["senior"])
    assert body["review_flags"] == []
    assert not PostingReviewFlag.objects.exists()


def test_a_partner_is_flagged_when_the_policy_reaches_partners(client_for: ClientFor) -> None:
    document = load_default_policy()
    document["posting_checks"]["separate_job_group"]["applies_to"] = "partner"
    ordinance_policy_publish(document=document, actor=staff_user(), note="협약 기업까지")
    _, user = employer_with_user(partner_pledge=True)
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    assert [(flag["code"], flag["policy_version"]) for flag in body["review_flags"]] == [
        ("separate_job_group", 2)
    ]


def test_reject_reviews_the_round_and_a_resubmission_is_checked_afresh(
    client_for: ClientFor,
) -> None:
    _, user = covered_employer()
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    posting_id = body["id"]
    staff = client_for(staff_user())
    reason = "고졸 전용 직군 운영은 조례에 어긋납니다. 직군 구분을 없애 주세요."
    response = staff.post(
        f"/api/v1/postings/{posting_id}/reject/", {"reason": reason}, format="json"
    )
    assert response.json()["status"] == "draft"
    (first,) = response.json()["review_flags"]
    assert first["reviewed_at"] is not None
    assert PostingReviewFlag.objects.get().review_note == reason

    # Resubmitted unchanged: flagged again, as a new round; the reviewed flag is history.
    employer = client_for(user)
    resubmitted = employer.post(f"/api/v1/postings/{posting_id}/submit/").json()
    assert [flag["reviewed_at"] is None for flag in resubmitted["review_flags"]] == [False, True]
    assert queue(staff, "?status=pending&flagged=true") == [posting_id]

    # Rejected again, edited, resubmitted clean: no new flag, not in the flagged queue.
    staff.post(f"/api/v1/postings/{posting_id}/reject/", {"reason": reason}, format="json")
    employer.patch(
        f"/api/v1/postings/{posting_id}/",
        {"description": "시흥시 시설관리공단 행정 보조. 일반 직군으로 채용합니다."},
        format="json",
    )
    final = employer.post(f"/api/v1/postings/{posting_id}/submit/").json()
    assert len(final["review_flags"]) == 2
    assert all(flag["reviewed_at"] is not None for flag in final["review_flags"])
    assert queue(staff, "?status=pending&flagged=true") == []
    assert queue(staff, "?status=pending&flagged=false") == [posting_id]
    assert PostingReviewFlag.objects.count() == 2  # never deleted


def test_an_edit_of_an_open_posting_is_checked_without_repeating_what_was_approved(
    client_for: ClientFor,
) -> None:
    _, user = covered_employer()
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    posting_id = body["id"]
    staff = client_for(staff_user())
    staff.post(f"/api/v1/postings/{posting_id}/approve/")
    employer = client_for(user)

    # A change elsewhere keeps the approved wording: nothing new to review.
    edited = employer.patch(
        f"/api/v1/postings/{posting_id}/", {"title": "행정 보조원 (수정)"}, format="json"
    ).json()
    assert len(edited["review_flags"]) == 1
    assert queue(staff, "?status=open&flagged=true") == []

    # A newly added exclusion phrase skips review, so it is flagged on the open posting.
    edited = employer.patch(
        f"/api/v1/postings/{posting_id}/",
        {"description": FLAGGED_DESCRIPTION + " 지원 자격: 대졸 이상."},
        format="json",
    ).json()
    assert edited["status"] == "open"
    assert [(flag["code"], flag["reviewed_at"]) for flag in edited["review_flags"]][1:] == [
        ("cohort_exclusion", None)
    ]
    assert queue(staff, "?status=open&flagged=true") == [posting_id]
    # Editing the wage leaves the checks alone (and repeats nothing).
    employer.patch(f"/api/v1/postings/{posting_id}/", {"hourly_wage": 13_000}, format="json")
    assert PostingReviewFlag.objects.filter(posting_id=posting_id).count() == 2

    # Staff mark it reviewed from the admin.
    admin = Client()
    log_in(admin, staff_user(is_superuser=True))
    admin.post(
        "/admin/jobs/posting/", {"action": "review_flags", ACTION_CHECKBOX_NAME: [posting_id]}
    )
    assert queue(staff, "?status=open&flagged=true") == []
    assert not PostingReviewFlag.objects.filter(reviewed_at__isnull=True).exists()


def test_a_disabled_check_in_a_newer_policy_flags_nothing(client_for: ClientFor) -> None:
    document = load_default_policy()
    for check in document["posting_checks"].values():
        check["enabled"] = False
    ordinance_policy_publish(document=document, actor=staff_user(), note="점검 중지")
    _, user = covered_employer()
    assert submitted(client_for, user, description=FLAGGED_DESCRIPTION)["review_flags"] == []


def test_nobody_else_sees_flags(client_for: ClientFor) -> None:
    _, user = covered_employer()
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    client_for(staff_user()).post(f"/api/v1/postings/{body['id']}/approve/")
    url = f"/api/v1/postings/{body['id']}/"
    _, other_employer = covered_employer()
    for who in (None, seeker(), other_employer, employer_user()):
        response = client_for(who).get(url)
        assert_status(response, 200)  # the open posting is public…
        assert "review_flags" not in response.json()  # …its review flags are not
    assert "review_flags" in client_for(user).get(url).json()


def test_seeker_search_output_has_no_flags(
    client_for: ClientFor, django_capture_on_commit_callbacks: Any, tmp_path: Any
) -> None:
    with override_settings(
        SEARCH_BACKEND="embedded",
        SEARCH_EMBEDDED_PATH=tmp_path / "search.sqlite3",
        SEARCH_REFRESH_ON_WRITE=True,
        WORKER_ENGINE="inline",
    ):
        get_backend().reset()
        _, user = covered_employer()
        body = submitted(
            client_for, user, title="시설관리 행정 보조", description=FLAGGED_DESCRIPTION
        )
        with django_capture_on_commit_callbacks(execute=True):
            client_for(staff_user()).post(f"/api/v1/postings/{body['id']}/approve/")
        for who in (None, seeker()):
            response = client_for(who).get("/api/v1/postings/search/", {"q": "행정 보조"})
            assert_status(response, 200)
            hits = response.json()["results"]
            assert [hit["id"] for hit in hits] == [body["id"]]
            assert not any("flag" in key for key in hits[0])
            assert "고졸 전용 직군" not in str(response.json().get("facets"))


@pytest.mark.parametrize("rows", [1, 12])
def test_the_flagged_queue_query_count_does_not_grow(
    client_for: ClientFor, django_assert_max_num_queries: Any, rows: int
) -> None:
    employer, _ = covered_employer()
    for posting in PostingFactory.create_batch(rows, employer=employer, status="pending"):
        for code in ("separate_job_group", "cohort_exclusion"):
            PostingReviewFlag.objects.create(
                posting=posting, code=code, clause="조항", matched="'x' — 제목: x", policy_version=1
            )
    client = client_for(staff_user())
    # count, page, the flags prefetch, the revisions prefetch
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/postings/?status=pending&flagged=true&page_size=50")
    assert response.json()["count"] == rows
    assert all(len(row["review_flags"]) == 2 for row in response.json()["results"])


def test_the_admin_shows_flags_read_only(client_for: ClientFor) -> None:
    _, user = covered_employer()
    body = submitted(client_for, user, description=FLAGGED_DESCRIPTION)
    admin = Client()
    log_in(admin, staff_user(is_superuser=True))
    page = admin.get(f"/admin/jobs/posting/{body['id']}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert SEPARATE_CLAUSE in content
    assert "고졸 전용 직군" in content
    listing = admin.get("/admin/jobs/posting/")
    assert listing.status_code == 200
