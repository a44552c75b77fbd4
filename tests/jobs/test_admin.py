"""Staff review in the admin: verify employers, approve and reject postings, see placements."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from backend.accounts.models import User
from backend.core.refs import seeker_ref
from backend.employers.models import Employer
from backend.jobs.models import Posting
from tests.factories.accounts import log_in, staff_user
from tests.factories.employers import EmployerFactory
from tests.factories.jobs import ApplicationFactory, placement_for, posting_in

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def admin_client() -> Client:
    staff: User = staff_user(is_superuser=True)
    client = Client()
    log_in(client, staff)
    return client


def test_verify_action(admin_client: Client) -> None:
    employer = EmployerFactory.create(verified_at=None)
    response = admin_client.post(
        "/admin/employers/employer/",
        {"action": "verify", ACTION_CHECKBOX_NAME: [employer.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Employer.objects.get(pk=employer.pk).verified


def test_approve_and_reject_actions(admin_client: Client) -> None:
    approve, reject = posting_in("pending"), posting_in("pending")
    admin_client.post(
        "/admin/jobs/posting/", {"action": "approve", ACTION_CHECKBOX_NAME: [approve.pk]}
    )
    assert Posting.objects.get(pk=approve.pk).status == "open"

    # First the form asking for a reason, then the rejection.
    form = admin_client.post(
        "/admin/jobs/posting/", {"action": "reject", ACTION_CHECKBOX_NAME: [reject.pk]}
    )
    assert form.status_code == 200
    assert "반려 사유" in form.content.decode()
    admin_client.post(
        "/admin/jobs/posting/",
        {"action": "reject", ACTION_CHECKBOX_NAME: [reject.pk], "reason": "사진을 빼 주세요."},
    )
    rejected = Posting.objects.get(pk=reject.pk)
    assert (rejected.status, rejected.rejection_reason) == ("draft", "사진을 빼 주세요.")


def test_changelists_render(admin_client: Client) -> None:
    placement = placement_for(ApplicationFactory.create())
    for url in ("/admin/employers/employer/", "/admin/jobs/posting/", "/admin/jobs/placement/"):
        assert admin_client.get(url).status_code == 200, url
    page = admin_client.get(f"/admin/jobs/placement/{placement.pk}/change/")
    assert page.status_code == 200
    assert seeker_ref(placement.seeker_id) in page.content.decode()
    assert placement.seeker.email not in page.content.decode()
