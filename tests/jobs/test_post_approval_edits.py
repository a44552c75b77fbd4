"""Post-approval edits go through review (issue 13, "Post-approval edits go unreviewed").

The attack: a verified employer renamed itself "시흥시청 일자리정책과" and rewrote an approved
posting into a scam asking for ID copies; both stayed live. Now the rename sends the employer
back to verification while the public keeps seeing its last verified name, and a material edit
of an open posting waits as a revision: search, the public page and applications keep the
approved version until staff approve it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings

from backend.notifications.models import Notification
from search.backends import get_backend
from tests.api import ClientFor, assert_status
from tests.factories.accounts import seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.jobs.conftest import posting_payload

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SCAM = "신분증 사본과 통장 사본을 먼저 보내 주세요. 보증금 30만 원을 입금하면 바로 채용합니다."
POSTINGS = "/api/v1/postings/"


@pytest.fixture
def search_inline(tmp_path: Any, django_capture_on_commit_callbacks: Any) -> Iterator[Any]:
    """Embedded search refreshed on every write, jobs inline: what a search shows is what the
    index holds after each commit."""
    with override_settings(
        SEARCH_BACKEND="embedded",
        SEARCH_EMBEDDED_PATH=tmp_path / "search.sqlite3",
        SEARCH_REFRESH_ON_WRITE=True,
        WORKER_ENGINE="inline",
    ):
        get_backend().reset()
        yield django_capture_on_commit_callbacks


def open_posting(client_for: ClientFor, user: Any, capture: Any, **overrides: Any) -> int:
    client = client_for(user)
    created = client.post(POSTINGS, posting_payload(**overrides), format="json")
    assert created.status_code == 201, created.json()
    posting_id = int(created.json()["id"])
    assert_status(client.post(f"{POSTINGS}{posting_id}/submit/"), 200)
    with capture(execute=True):
        assert_status(client_for(staff_user()).post(f"{POSTINGS}{posting_id}/approve/"), 200)
    return posting_id


def search(client_for: ClientFor, q: str) -> list[dict[str, Any]]:
    response = client_for(None).get(f"{POSTINGS}search/", {"q": q})
    assert response.status_code == 200, response.json()
    return list(response.json()["results"])


# --- the employer's name ---------------------------------------------------------------------


def test_a_renamed_employer_keeps_its_verified_name_in_public(
    client_for: ClientFor, search_inline: Any
) -> None:
    employer, user = employer_with_user(name="정왕정밀 (주)")
    posting_id = open_posting(client_for, user, search_inline, title="정밀가공 보조원")
    with search_inline(execute=True):
        renamed = client_for(user).patch(
            f"/api/v1/employers/{employer.pk}/", {"name": "시흥시청 일자리정책과"}, format="json"
        )
    assert renamed.status_code == 200, renamed.json()
    assert renamed.json()["verified"] is False
    public = client_for(None).get(f"{POSTINGS}{posting_id}/")
    assert public.status_code == 200  # the open posting stays up…
    assert public.json()["employer_name"] == "정왕정밀 (주)"  # …under the verified name
    assert [hit["employer_name"] for hit in search(client_for, "정밀가공")] == ["정왕정밀 (주)"]
    assert "시흥시청" not in client_for(None).get(f"/jobs/{posting_id}/").content.decode()
    # Staff verify the new name: from then on the public sees it.
    with search_inline(execute=True):
        client_for(staff_user()).post(f"/api/v1/employers/{employer.pk}/verify/")
    assert client_for(None).get(f"{POSTINGS}{posting_id}/").json()["employer_name"] == (
        "시흥시청 일자리정책과"
    )


@pytest.mark.parametrize(
    "change",
    [{"business_number": "1248100998"}, {"is_city_funded": True}, {"partner_pledge": True}],
)
def test_vouched_fields_send_the_employer_back_to_verification(
    client_for: ClientFor, change: dict[str, Any]
) -> None:
    employer, user = employer_with_user()
    response = client_for(user).patch(f"/api/v1/employers/{employer.pk}/", change, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["verified"] is False
    queue = client_for(staff_user()).get("/api/v1/employers/", {"verified": "false"}).json()
    assert [row["id"] for row in queue["results"]] == [employer.pk]


# --- material edits of an open posting -------------------------------------------------------


def test_a_material_edit_of_an_open_posting_waits_for_review(
    client_for: ClientFor, search_inline: Any
) -> None:
    _, user = employer_with_user()
    posting_id = open_posting(client_for, user, search_inline, title="물류센터 지게차 운전원")
    with search_inline(execute=True):
        edited = client_for(user).patch(
            f"{POSTINGS}{posting_id}/",
            {"title": "재택 부업 (고수익)", "description": SCAM, "hourly_wage": 50_000},
            format="json",
        )
    assert edited.status_code == 200, edited.json()
    body = edited.json()
    assert body["status"] == "open"
    assert body["title"] == "물류센터 지게차 운전원"  # the approved version
    assert body["pending_revision"]["proposed"]["title"] == "재택 부업 (고수익)"
    assert body["pending_revision"]["proposed"]["description"] == SCAM
    public = client_for(None).get(f"{POSTINGS}{posting_id}/").json()
    assert public["title"] == "물류센터 지게차 운전원"
    assert SCAM not in str(public)
    assert public["pending_revision"] is None  # the public never sees a proposed edit
    assert search(client_for, "고수익") == []
    assert [hit["id"] for hit in search(client_for, "지게차")] == [posting_id]
    assert SCAM not in client_for(None).get(f"/jobs/{posting_id}/").content.decode()
    # A seeker applying applies to the approved posting.
    applied = client_for(seeker()).post(
        f"{POSTINGS}{posting_id}/applications/",
        {"message": "지원합니다", "consent_provision": True},
        format="json",
    )
    assert applied.status_code == 201, applied.json()


def test_staff_see_revisions_and_approve_one(client_for: ClientFor, search_inline: Any) -> None:
    _, user = employer_with_user()
    posting_id = open_posting(client_for, user, search_inline)
    client_for(user).patch(
        f"{POSTINGS}{posting_id}/", {"title": "야간 물류 지게차 운전원"}, format="json"
    )
    staff = client_for(staff_user())
    queue = staff.get(POSTINGS, {"revision": "pending"}).json()
    assert [row["id"] for row in queue["results"]] == [posting_id]
    assert queue["results"][0]["pending_revision"]["proposed"] == {
        "title": "야간 물류 지게차 운전원"
    }
    with search_inline(execute=True):
        approved = staff.post(f"{POSTINGS}{posting_id}/revision/approve/")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["title"] == "야간 물류 지게차 운전원"
    assert approved.json()["pending_revision"] is None
    assert client_for(None).get(f"{POSTINGS}{posting_id}/").json()["title"] == (
        "야간 물류 지게차 운전원"
    )
    assert [hit["id"] for hit in search(client_for, "야간")] == [posting_id]
    assert Notification.objects.filter(kind="posting_revision_approved").count() == 1
    assert staff.get(POSTINGS, {"revision": "pending"}).json()["count"] == 0
    assert_status(staff.post(f"{POSTINGS}{posting_id}/revision/approve/"), 409)


def test_staff_reject_a_revision_with_a_reason(client_for: ClientFor, search_inline: Any) -> None:
    _, user = employer_with_user()
    posting_id = open_posting(client_for, user, search_inline)
    client_for(user).patch(f"{POSTINGS}{posting_id}/", {"description": SCAM}, format="json")
    staff = client_for(staff_user())
    assert_status(staff.post(f"{POSTINGS}{posting_id}/revision/reject/", {"reason": ""}), 400)
    rejected = staff.post(
        f"{POSTINGS}{posting_id}/revision/reject/", {"reason": "신분증 사본 요구는 안 돼요"}
    )
    assert rejected.status_code == 200, rejected.json()
    assert rejected.json()["pending_revision"] is None
    assert rejected.json()["revision_rejection_reason"] == "신분증 사본 요구는 안 돼요"
    assert SCAM not in str(client_for(None).get(f"{POSTINGS}{posting_id}/").json())
    mail = Notification.objects.get(kind="posting_revision_rejected")
    assert mail.context["reason"] == "신분증 사본 요구는 안 돼요"


def test_openings_and_deadline_apply_at_once(client_for: ClientFor, search_inline: Any) -> None:
    _, user = employer_with_user()
    posting_id = open_posting(client_for, user, search_inline)
    edited = (
        client_for(user)
        .patch(f"{POSTINGS}{posting_id}/", {"openings": 5, "deadline": "2099-06-30"}, format="json")
        .json()
    )
    assert edited["openings"] == 5
    assert edited["deadline"] == "2099-06-30"
    assert edited["pending_revision"] is None


def test_a_second_edit_joins_the_pending_revision_and_a_revert_drops_it(
    client_for: ClientFor, search_inline: Any
) -> None:
    _, user = employer_with_user()
    posting_id = open_posting(client_for, user, search_inline, title="원래 제목")
    client = client_for(user)
    client.patch(f"{POSTINGS}{posting_id}/", {"title": "새 제목"}, format="json")
    both = client.patch(f"{POSTINGS}{posting_id}/", {"hourly_wage": 13_000}, format="json").json()
    assert both["pending_revision"]["proposed"] == {"title": "새 제목", "hourly_wage": 13_000}
    reverted = client.patch(
        f"{POSTINGS}{posting_id}/", {"title": "원래 제목", "hourly_wage": 12_000}, format="json"
    ).json()
    assert reverted["pending_revision"] is None


def test_a_bad_revision_is_a_400_and_nothing_is_kept(
    client_for: ClientFor, search_inline: Any
) -> None:
    _, user = employer_with_user()
    posting_id = open_posting(client_for, user, search_inline)
    response = client_for(user).patch(
        f"{POSTINGS}{posting_id}/", {"description": "연락처 900101-1234567"}, format="json"
    )
    assert_status(response, 400)
    assert "description" in response.json()
    assert client_for(user).get(f"{POSTINGS}{posting_id}/").json()["pending_revision"] is None


def test_a_draft_is_edited_directly(client_for: ClientFor) -> None:
    _, user = employer_with_user()
    created = client_for(user).post(POSTINGS, posting_payload(), format="json").json()
    edited = (
        client_for(user)
        .patch(f"{POSTINGS}{created['id']}/", {"title": "고친 제목"}, format="json")
        .json()
    )
    assert edited["title"] == "고친 제목"
    assert edited["pending_revision"] is None


@pytest.mark.parametrize("who", ["anonymous", "seeker", "employer"])
def test_only_staff_decide_revisions(client_for: ClientFor, search_inline: Any, who: str) -> None:
    _, user = employer_with_user()
    posting_id = open_posting(client_for, user, search_inline)
    client_for(user).patch(f"{POSTINGS}{posting_id}/", {"title": "바뀐 제목"}, format="json")
    caller = {"anonymous": None, "seeker": seeker(), "employer": user}[who]
    expected = 401 if caller is None else 403
    client = client_for(caller)
    assert_status(client.post(f"{POSTINGS}{posting_id}/revision/approve/"), expected)
    assert_status(
        client.post(f"{POSTINGS}{posting_id}/revision/reject/", {"reason": "x"}), expected
    )
