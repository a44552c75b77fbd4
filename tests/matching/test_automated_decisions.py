"""Issue 13 (PIPA §37-2, 자동화된 결정): the privacy notice publishes the matching criteria and
weights (from the scorer's policy, not copied by hand); a seeker can ask for an explanation of
a recommendation or a shortlist decision, or for a review by staff; staff answer in a queue;
the seeker reads the answer."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client

from backend.matching.models import DecisionRequest
from tests.api import assert_status
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.factories.accounts import log_in, staff_user

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_publishes_the_scorers_weights(client_for: Any) -> None:
    html = client_for(None).get("/privacy/").content.decode()
    assert 'id="automated-decisions"' in html
    assert "50%" in html  # field: 0.50 of a total of 1.00 in the default policy

    staff = client_for(staff_user())
    current = staff.get("/api/v1/ordinance-policy/").json()["document"]
    document = copy.deepcopy(current)
    document["score_weights"] = dict.fromkeys(document["score_weights"], 0.0)
    document["score_weights"].update(skills=0.37, text=0.63)
    response = staff.put(
        "/api/v1/ordinance-policy/", {"document": document, "note": "시험"}, format="json"
    )
    assert_status(response, 201)
    html = client_for(None).get("/privacy/").content.decode()
    assert "37%" in html
    assert "63%" in html


@pytest.fixture
def recommended(client_for: Any) -> tuple[Any, Any, Any]:
    employer, _ = covered_employer()
    posting = forklift_posting(employer)
    profile = seeker_with()
    index_all()
    client = client_for(profile.user)
    log_in(client, profile.user)
    body = client.get("/api/v1/me/recommendations/").json()
    assert body["results"][0]["posting"]["id"] == posting.pk
    return client, profile, posting


def test_a_seeker_asks_through_the_api_and_reads_the_staff_answer(
    recommended: tuple[Any, Any, Any], client_for: Any
) -> None:
    client, _profile, posting = recommended
    response = client.post(
        "/api/v1/me/decision-requests/",
        {
            "kind": "explanation",
            "subject": "recommendation",
            "posting_id": posting.pk,
            "message": "왜 이 공고인가요?",
        },
        format="json",
    )
    assert_status(response, 201)
    snapshot = response.json()["snapshot"]
    assert set(snapshot["components"]) >= {"skills", "commute", "ordinance"}
    assert snapshot["policy_version"] == 1

    shortlist = client.post(
        "/api/v1/me/decision-requests/",
        {"kind": "review", "subject": "shortlist", "posting_id": posting.pk},
        format="json",
    )
    assert_status(shortlist, 201)
    assert shortlist.json()["snapshot"]["matching_consent"] is True
    assert "score" in shortlist.json()["snapshot"]

    bad = client.post(
        "/api/v1/me/decision-requests/",
        {"kind": "explanation", "subject": "recommendation", "posting_id": 999999},
        format="json",
    )
    assert_status(bad, 400)
    assert "posting_id" in bad.json()
    assert_status(client.post("/api/v1/me/decision-requests/", {"kind": "why"}, format="json"), 400)

    staff = client_for(staff_user())
    queue = staff.get("/api/v1/decision-requests/?status=open").json()
    assert queue["count"] == 2
    request_id = response.json()["id"]
    answered = staff.post(
        f"/api/v1/decision-requests/{request_id}/answer/",
        {"answer": "필요한 자격증과 기술이 맞아서 추천됐어요."},
        format="json",
    )
    assert_status(answered, 200)
    mine = {row["id"]: row for row in client.get("/api/v1/me/decision-requests/").json()["results"]}
    assert mine[request_id]["status"] == "answered"
    assert mine[request_id]["answer"] == "필요한 자격증과 기술이 맞아서 추천됐어요."
    # Employers and other seekers have no way in.
    assert_status(client.get("/api/v1/decision-requests/"), 403)


def test_the_recommendations_page_button_and_the_staff_queue_page(
    recommended: tuple[Any, Any, Any],
) -> None:
    client, profile, posting = recommended
    page = client.get("/me/recommendations/").content.decode()
    assert f"/me/recommendations/{posting.pk}/ask/" in page
    assert "사람이 다시 검토해 주세요" in page

    asked = client.post(f"/me/recommendations/{posting.pk}/ask/", {"kind": "review"})
    assert asked.status_code == 302
    request = DecisionRequest.objects.get(seeker=profile)
    assert request.kind == "review"
    assert request.subject == "recommendation"

    staff_person = staff_user()
    staff = Client()
    log_in(staff, staff_person)
    queue = staff.get("/staff/decision-requests/")
    assert queue.status_code == 200
    assert posting.title in queue.content.decode()
    missing = staff.post(f"/staff/decision-requests/{request.pk}/answer/", {})
    assert missing.status_code == 302
    request.refresh_from_db()
    assert request.status == "open"
    done = staff.post(
        f"/staff/decision-requests/{request.pk}/answer/",
        {f"r{request.pk}-answer": "검토했어요. 점수 계산에 잘못은 없었어요."},
    )
    assert done.status_code == 302
    page = client.get("/me/recommendations/").content.decode()
    assert "검토했어요. 점수 계산에 잘못은 없었어요." in page
    assert client.get("/staff/decision-requests/").status_code == 403
