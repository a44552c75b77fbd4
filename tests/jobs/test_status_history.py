"""The application status history: every service that changes an application's status writes
one `ApplicationStatusChange` row (who acted, by role) in the same transaction; the API shows
it read-only; the data migration backfills one row per application made before it."""

from __future__ import annotations

import importlib
from unittest import mock

import pytest
from django.apps import apps

from backend.core.errors import ConflictError
from backend.jobs import hiring
from backend.jobs.models import Application, ApplicationStatusChange
from tests.api import ClientFor
from tests.factories.accounts import seeker
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, posting_in

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def history(application: Application) -> list[tuple[str, str, str, int | None]]:
    return [
        (c.from_status, c.to_status, c.changed_by_role, c.changed_by_id)
        for c in ApplicationStatusChange.objects.filter(application=application)
    ]


def test_submit_set_status_hire_and_withdraw_each_write_a_row() -> None:
    employer, boss = employer_with_user()
    posting = posting_in("open", employer=employer, openings=2)
    person = seeker()
    application = hiring.application_submit(
        posting=posting, seeker=person, provision_consent=True, message=""
    )
    assert history(application) == [("", "submitted", "seeker", person.pk)]
    for status in ("reviewing", "interview", "offered", "hired"):
        hiring.application_set_status(application=application, actor=boss, status=status)
    assert history(application) == [
        ("", "submitted", "seeker", person.pk),
        ("submitted", "reviewing", "employer", boss.pk),
        ("reviewing", "interview", "employer", boss.pk),
        ("interview", "offered", "employer", boss.pk),
        ("offered", "hired", "employer", boss.pk),
    ]
    assert application.placement.posting_id == posting.pk  # the hire happened with its row

    other = hiring.application_submit(
        posting=posting, seeker=seeker(), provision_consent=True, message=""
    )
    hiring.application_withdraw(application=other, actor=other.seeker)
    assert [row[:3] for row in history(other)] == [
        ("", "submitted", "seeker"),
        ("submitted", "withdrawn", "seeker"),
    ]
    rejected = hiring.application_submit(
        posting=posting, seeker=seeker(), provision_consent=True, message=""
    )
    hiring.application_set_status(application=rejected, actor=boss, status="rejected")
    assert history(rejected)[-1] == ("submitted", "rejected", "employer", boss.pk)


def test_a_refused_move_writes_no_row() -> None:
    employer, boss = employer_with_user()
    application = ApplicationFactory.create(posting=posting_in("open", employer=employer))
    with pytest.raises(ConflictError):
        hiring.application_set_status(application=application, actor=boss, status="hired")
    hiring.application_withdraw(application=application, actor=application.seeker)
    with pytest.raises(ConflictError):
        hiring.application_withdraw(application=application, actor=application.seeker)
    assert [row[1] for row in history(application)] == ["withdrawn"]


def test_the_row_is_in_the_same_transaction_as_the_change() -> None:
    """A history row that cannot be written undoes the status change with it."""
    employer, boss = employer_with_user()
    application = ApplicationFactory.create(posting=posting_in("open", employer=employer))
    with (
        mock.patch.object(
            ApplicationStatusChange.objects, "create", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        hiring.application_set_status(application=application, actor=boss, status="reviewing")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not ApplicationStatusChange.objects.exists()


def test_the_api_shows_the_history_by_role(client_for: ClientFor) -> None:
    employer, boss = employer_with_user()
    posting = posting_in("open", employer=employer)
    person = seeker()
    client = client_for(person)
    created = client.post(
        f"/api/v1/postings/{posting.pk}/applications/", {"consent_provision": True}, format="json"
    )
    assert created.status_code == 201
    assert [
        (h["from_status"], h["to_status"], h["changed_by_role"]) for h in created.json()["history"]
    ] == [("", "submitted", "seeker")]
    application_id = created.json()["id"]
    moved = client_for(boss).patch(
        f"/api/v1/applications/{application_id}/", {"status": "reviewing"}, format="json"
    )
    assert [h["to_status"] for h in moved.json()["history"]] == ["submitted", "reviewing"]
    (mine,) = client.get("/api/v1/me/applications/").json()["results"]
    assert [h["changed_by_role"] for h in mine["history"]] == ["seeker", "employer"]
    assert set(mine["history"][0]) == {
        "from_status",
        "to_status",
        "changed_by_role",
        "created_at",
        "backfilled",
    }  # a role, never the person
    (listed,) = (
        client_for(boss).get(f"/api/v1/postings/{posting.pk}/applications/").json()["results"]
    )
    assert len(listed["history"]) == 2


def test_backfill_leaves_one_row_per_application() -> None:
    """The data migration on applications made before the history: one approximate row each,
    at the application's last update, the role guessed from the status; running it again
    adds nothing; reversing it removes only its rows."""
    migration = importlib.import_module(
        "backend.jobs.migrations.0005_backfill_application_status_history"
    )
    rows = [ApplicationFactory.create() for _ in range(3)]
    Application.objects.filter(pk=rows[1].pk).update(status="interview")
    Application.objects.filter(pk=rows[2].pk).update(status="withdrawn")
    kept = hiring.application_submit(
        posting=posting_in("open"), seeker=seeker(), provision_consent=True, message=""
    )
    migration.backfill(apps, None)  # the app registry stands for the historical one
    migration.backfill(apps, None)
    assert ApplicationStatusChange.objects.count() == 4
    for application in Application.objects.all():
        (change,) = ApplicationStatusChange.objects.filter(application=application)
        assert change.to_status == application.status
        assert change.backfilled is (application.pk != kept.pk)
        if change.backfilled:
            assert change.created_at == application.updated_at
            assert change.from_status == ""
            assert change.changed_by is None
    roles = dict(
        ApplicationStatusChange.objects.filter(backfilled=True).values_list(
            "to_status", "changed_by_role"
        )
    )
    assert roles == {"submitted": "seeker", "interview": "employer", "withdrawn": "seeker"}
    migration.unbackfill(apps, None)
    assert list(ApplicationStatusChange.objects.values_list("application_id", flat=True)) == [
        kept.pk
    ]
