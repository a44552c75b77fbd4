"""The report button on /jobs/<id>/ (anyone, CSRF-protected) and the staff queue
/staff/reports-of-postings/ (not /staff/reports/, the placement reports page)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from backend.jobs.models import PostingReport, PostingStatus, ReportStatus
from tests.factories.accounts import staff_user
from tests.factories.jobs import posting_in
from tests.web.seeker_helpers import client_for, html

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_posting_page_offers_a_report_link_to_anyone() -> None:
    posting = posting_in(PostingStatus.OPEN)
    assert f'href="/jobs/{posting.pk}/report/"' in html(
        client_for(None).get(f"/jobs/{posting.pk}/")
    )
    form = html(client_for(None).get(f"/jobs/{posting.pk}/report/"))
    assert 'name="reason"' in form
    assert 'name="text"' in form
    assert 'name="csrfmiddlewaretoken"' in form


def test_an_anonymous_report_is_received() -> None:
    posting = posting_in(PostingStatus.OPEN)
    response = client_for(None).post(
        f"/jobs/{posting.pk}/report/", {"reason": "scam", "text": "입금부터 하래요"}, follow=True
    )
    assert "신고했어요" in html(response)
    assert PostingReport.objects.get().text == "입금부터 하래요"


def test_a_report_without_a_reason_comes_back_with_the_text_kept() -> None:
    posting = posting_in(PostingStatus.OPEN)
    response = client_for(None).post(f"/jobs/{posting.pk}/report/", {"text": "이상해요"})
    assert response.status_code == 400
    text = html(response)
    assert "신고 사유를 골라 주세요" in text
    assert "이상해요" in text
    assert not PostingReport.objects.exists()


def test_a_post_without_the_csrf_token_is_refused() -> None:
    posting = posting_in(PostingStatus.OPEN)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/jobs/{posting.pk}/report/", {"reason": "scam"})
    assert response.status_code == 403
    assert not PostingReport.objects.exists()


def test_staff_work_the_report_queue() -> None:
    posting = posting_in(PostingStatus.OPEN, title="고수익 재택 알바")
    client_for(None).post(f"/jobs/{posting.pk}/report/", {"reason": "scam"})
    report = PostingReport.objects.get()
    staff = client_for(staff_user())
    queue = html(staff.get("/staff/reports-of-postings/"))
    assert "고수익 재택 알바" in queue
    assert "사기·금전 요구" in queue
    assert "확인을 기다리는 공고 신고" in html(staff.get("/staff/"))
    missing = staff.post(f"/staff/reports-of-postings/{report.pk}/act/", {"reason": ""})
    assert missing.status_code == 400
    assert f'id="error-id_reason_{report.pk}"' in html(missing)
    done = staff.post(f"/staff/reports-of-postings/{report.pk}/act/", {"reason": "사기 의심"})
    assert done.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    assert PostingReport.objects.get().status == ReportStatus.ACTED


def test_staff_dismiss_from_the_queue() -> None:
    posting = posting_in(PostingStatus.OPEN)
    client_for(None).post(f"/jobs/{posting.pk}/report/", {"reason": "other"})
    report = PostingReport.objects.get()
    response = client_for(staff_user()).post(f"/staff/reports-of-postings/{report.pk}/dismiss/")
    assert response.status_code == 302
    assert PostingReport.objects.get().status == ReportStatus.DISMISSED
