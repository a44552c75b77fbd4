"""Issue 13 (PIPA §17): applying hands the seeker's data to the posting's employer, so the
consent to that provision is asked at the moment of applying, naming the employer; refused,
nothing is handed over (400 / the form again); given, it is recorded (who, which employer,
when, the notice version) and the seeker's export lists it."""

from __future__ import annotations

from typing import Any

import pytest

from backend.jobs.models import PROVISION_NOTICE_VERSION, Application, DataProvision
from tests.api import assert_status
from tests.factories.accounts import log_in, seeker
from tests.factories.jobs import posting_in

pytestmark = pytest.mark.django_db


def test_applying_through_the_api_without_the_provision_consent_is_400(
    client_for: Any,
) -> None:
    posting = posting_in("open")
    client = client_for(seeker())
    url = f"/api/v1/postings/{posting.pk}/applications/"
    for body in ({"message": "지원합니다"}, {"message": "지원합니다", "consent_provision": False}):
        response = client.post(url, body, format="json")
        assert_status(response, 400)
        (message,) = response.json()["consent_provision"]
        assert posting.employer.name in message
    assert not Application.objects.exists()
    assert not DataProvision.objects.exists()


def test_applying_with_the_consent_records_the_provision_and_the_export_lists_it(
    client_for: Any,
) -> None:
    posting = posting_in("open")
    person = seeker()
    client = client_for(person)
    response = client.post(
        f"/api/v1/postings/{posting.pk}/applications/",
        {"message": "지원합니다", "consent_provision": True},
        format="json",
    )
    assert_status(response, 201)
    provision = DataProvision.objects.get()
    assert provision.seeker == person
    assert provision.employer == posting.employer
    assert provision.employer_name == posting.employer.name
    assert provision.application is not None
    assert provision.application.pk == response.json()["id"]
    assert provision.notice_version == PROVISION_NOTICE_VERSION

    export = client.get("/api/v1/me/export/").json()
    (row,) = export["data_provisions"]
    assert row["employer_name"] == posting.employer.name
    assert row["employer_id"] == posting.employer.pk
    assert row["posting_title"] == posting.title
    assert row["notice_version"] == PROVISION_NOTICE_VERSION
    assert row["provided_at"] == provision.consented_at.isoformat()
    assert "email" in row["items"]


def test_the_apply_page_names_the_employer_and_refuses_without_the_consent(
    client_for: Any,
) -> None:
    posting = posting_in("open")
    person = seeker()
    client = client_for(person)
    log_in(client, person)
    page = client.get(f"/jobs/{posting.pk}/apply/")
    assert page.status_code == 200
    html = page.content.decode()
    assert posting.employer.name in html
    assert 'name="consent_provision"' in html

    refused = client.post(f"/jobs/{posting.pk}/apply/", {"message": "꼭 일하고 싶어요"})
    assert refused.status_code == 400  # the form again
    html = refused.content.decode()
    assert "꼭 일하고 싶어요" in html  # the input is kept
    assert refused.context["form"].errors["consent_provision"]
    assert not Application.objects.exists()

    given = client.post(
        f"/jobs/{posting.pk}/apply/", {"message": "꼭 일하고 싶어요", "consent_provision": "on"}
    )
    assert given.status_code == 302
    assert DataProvision.objects.filter(seeker=person, employer=posting.employer).count() == 1
