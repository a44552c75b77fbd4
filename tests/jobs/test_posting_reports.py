"""Report this posting (신고, issue 13): anyone — signed in or not — reports an open posting
with a reason and a text; the reports are rate-limited per client; staff dismiss a report or
act on it by closing the posting with a reason its employer reads."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from backend.jobs.models import PostingReport, PostingStatus, ReportStatus
from backend.notifications.models import Notification
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    cache.clear()
    settings.POSTING_REPORTS_PER_HOUR = 5
    yield
    cache.clear()


def report_url(posting_id: int) -> str:
    return f"/api/v1/postings/{posting_id}/reports/"


def test_anyone_reports_an_open_posting_without_an_account(client_for: ClientFor) -> None:
    posting = posting_in(PostingStatus.OPEN)
    response = client_for(None).post(
        report_url(posting.pk),
        {"reason": "scam", "text": "보증금을 먼저 내라고 해요"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    report = PostingReport.objects.get()
    assert (report.posting_id, report.reason, report.reporter_id) == (posting.pk, "scam", None)
    assert report.text == "보증금을 먼저 내라고 해요"
    assert "text" not in response.json()  # the receipt says it was received, nothing more
    queue = client_for(staff_user()).get("/api/v1/posting-reports/").json()
    assert [row["id"] for row in queue["results"]] == [report.pk]
    assert queue["results"][0]["signed_in"] is False


def test_bad_reports_are_400s(client_for: ClientFor) -> None:
    posting = posting_in(PostingStatus.OPEN)
    client = client_for(None)
    assert_status(client.post(report_url(posting.pk), {"reason": "boring"}, format="json"), 400)
    long = client.post(
        report_url(posting.pk), {"reason": "other", "text": "가" * 2001}, format="json"
    )
    assert_status(long, 400)
    rrn = client.post(
        report_url(posting.pk), {"reason": "other", "text": "900101-1234567"}, format="json"
    )
    assert_status(rrn, 400)
    assert "text" in rrn.json()
    assert not PostingReport.objects.exists()


def test_unpublished_postings_cannot_be_reported(client_for: ClientFor) -> None:
    draft = posting_in(PostingStatus.DRAFT)
    assert_status(
        client_for(None).post(report_url(draft.pk), {"reason": "scam"}, format="json"), 404
    )


def test_one_client_reports_a_posting_once_and_a_few_an_hour(client_for: ClientFor) -> None:
    postings = [posting_in(PostingStatus.OPEN) for _ in range(6)]
    client = client_for(None)
    first = postings[0]
    assert client.post(report_url(first.pk), {"reason": "scam"}, format="json").status_code == 201
    again = client.post(report_url(first.pk), {"reason": "scam"}, format="json")
    assert_status(again, 409)
    for posting in postings[1:5]:
        response = client.post(report_url(posting.pk), {"reason": "other"}, format="json")
        assert response.status_code == 201, response.json()
    flooded = client.post(report_url(postings[5].pk), {"reason": "other"}, format="json")
    assert_status(flooded, 429)
    assert int(flooded["Retry-After"]) > 0
    assert PostingReport.objects.count() == 5


def test_staff_dismiss_a_report_and_the_posting_stays(client_for: ClientFor) -> None:
    posting = posting_in(PostingStatus.OPEN)
    client_for(seeker()).post(report_url(posting.pk), {"reason": "false_info"}, format="json")
    report = PostingReport.objects.get()
    staff = client_for(staff_user())
    response = staff.post(
        f"/api/v1/posting-reports/{report.pk}/dismiss/", {"note": "확인 결과 정상"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "dismissed"
    posting.refresh_from_db()
    assert posting.status == PostingStatus.OPEN
    assert_status(staff.post(f"/api/v1/posting-reports/{report.pk}/dismiss/"), 409)


def test_staff_act_on_a_report_by_closing_the_posting_with_a_reason(client_for: ClientFor) -> None:
    employer, boss = employer_with_user()
    posting = posting_in(PostingStatus.OPEN, employer=employer)
    client_for(None).post(report_url(posting.pk), {"reason": "scam"}, format="json")
    client_for(seeker()).post(report_url(posting.pk), {"reason": "impersonation"}, format="json")
    first = PostingReport.objects.order_by("id").first()
    assert first is not None
    staff = client_for(staff_user())
    assert_status(staff.post(f"/api/v1/posting-reports/{first.pk}/act/", {"reason": ""}), 400)
    acted = staff.post(
        f"/api/v1/posting-reports/{first.pk}/act/", {"reason": "신분증 사본 요구: 불법 모집"}
    )
    assert acted.status_code == 200, acted.json()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    assert posting.closed_reason == "신분증 사본 요구: 불법 모집"
    assert set(PostingReport.objects.values_list("status", flat=True)) == {ReportStatus.ACTED}
    mail = Notification.objects.get(kind="posting_closed_by_staff")
    assert mail.recipient == boss
    assert mail.context["reason"] == "신분증 사본 요구: 불법 모집"
    # The closed posting takes no more applications and no more reports.
    assert_status(
        client_for(seeker()).post(
            f"/api/v1/postings/{posting.pk}/applications/", {"message": "x"}, format="json"
        ),
        409,
    )


@pytest.mark.parametrize("who", ["anonymous", "seeker", "employer"])
def test_only_staff_see_and_decide_reports(client_for: ClientFor, who: str) -> None:
    posting = posting_in(PostingStatus.OPEN)
    client_for(None).post(report_url(posting.pk), {"reason": "scam"}, format="json")
    report = PostingReport.objects.get()
    caller = {"anonymous": None, "seeker": seeker(), "employer": employer_user()}[who]
    expected = 401 if caller is None else 403
    client = client_for(caller)
    assert_status(client.get("/api/v1/posting-reports/"), expected)
    assert_status(client.post(f"/api/v1/posting-reports/{report.pk}/dismiss/"), expected)
    assert_status(
        client.post(f"/api/v1/posting-reports/{report.pk}/act/", {"reason": "x"}), expected
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN
