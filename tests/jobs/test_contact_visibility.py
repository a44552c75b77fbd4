"""Issue 13: an employer sees a seeker's name, email, phone and birth year while a live or
`hired` application of that seeker to it exists, and for 30 days after the last one ended
(withdrawn, rejected) or its posting closed — not after. The shortlist (API and page) and the
applicant lists (API and page) follow the same rule."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from backend.jobs.models import Application, Posting, PostingStatus
from tests.api import assert_status
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.factories.accounts import log_in
from tests.factories.jobs import ApplicationFactory

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def contact_on_shortlist(client: Any, posting: Posting) -> Any:
    response = client.get(f"/api/v1/postings/{posting.pk}/candidates/")
    assert_status(response, 200)
    (row,) = response.json()["results"]
    return row["contact"]


def applicant_email(client: Any, posting: Posting) -> Any:
    response = client.get(f"/api/v1/postings/{posting.pk}/applications/")
    assert_status(response, 200)
    (row,) = response.json()["results"]
    return row["applicant"]["email"], row["message"]


@pytest.fixture
def applied(client_for: Any) -> tuple[Any, Posting, Application]:
    employer, boss = covered_employer()
    posting = forklift_posting(employer)
    profile = seeker_with()
    index_all()
    application = ApplicationFactory.create(
        posting=posting, seeker=profile.user, message="010-1234-5678로 연락 주세요"
    )
    client = client_for(boss)
    log_in(client, boss)  # the pages too
    return client, posting, application


def test_a_withdrawn_application_shows_the_contact_for_30_days_then_not(
    applied: tuple[Any, Posting, Application], client_for: Any
) -> None:
    boss, posting, application = applied
    email = application.seeker.email
    assert contact_on_shortlist(boss, posting)["email"] == email
    withdrawn = client_for(application.seeker).post(
        f"/api/v1/applications/{application.pk}/withdraw/"
    )
    assert_status(withdrawn, 200)
    assert contact_on_shortlist(boss, posting)["email"] == email  # within 30 days
    Application.objects.filter(pk=application.pk).update(updated_at=days_ago(29))
    assert applicant_email(boss, posting)[0] == email

    Application.objects.filter(pk=application.pk).update(updated_at=days_ago(31))
    assert contact_on_shortlist(boss, posting) is None
    assert applicant_email(boss, posting) == (None, "")
    page = boss.get(f"/employer/postings/{posting.pk}/applications/")
    assert page.status_code == 200
    html = page.content.decode()
    assert email not in html
    assert application.seeker.seeker_profile.display_name not in html
    assert "010-1234-5678" not in html
    shortlist_page = boss.get(f"/employer/postings/{posting.pk}/candidates/").content.decode()
    assert email not in shortlist_page


def test_a_rejected_application_ends_the_contact_after_30_days(
    applied: tuple[Any, Posting, Application],
) -> None:
    boss, posting, application = applied
    response = boss.patch(
        f"/api/v1/applications/{application.pk}/", {"status": "rejected"}, format="json"
    )
    assert_status(response, 200)
    assert response.json()["applicant"]["email"] == application.seeker.email
    Application.objects.filter(pk=application.pk).update(updated_at=days_ago(31))
    assert contact_on_shortlist(boss, posting) is None


def test_a_live_application_ends_30_days_after_its_posting_closed(
    applied: tuple[Any, Posting, Application],
) -> None:
    boss, posting, application = applied
    Posting.objects.filter(pk=posting.pk).update(
        status=PostingStatus.CLOSED, updated_at=days_ago(10)
    )
    assert applicant_email(boss, posting)[0] == application.seeker.email
    Posting.objects.filter(pk=posting.pk).update(updated_at=days_ago(31))
    assert applicant_email(boss, posting) == (None, "")


def test_a_hired_seeker_keeps_the_contact(
    applied: tuple[Any, Posting, Application],
) -> None:
    boss, posting, application = applied
    Application.objects.filter(pk=application.pk).update(status="hired", updated_at=days_ago(400))
    Posting.objects.filter(pk=posting.pk).update(updated_at=days_ago(400))
    assert applicant_email(boss, posting)[0] == application.seeker.email
