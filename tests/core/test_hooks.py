"""The hooks other apps subscribe to: each fires once per write, inside its transaction, with
the keyword arguments its module documents (backend/*/hooks.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection

from backend.accounts import services as account_services
from backend.accounts.hooks import account_deleting, consent_changed
from backend.core.hooks import Hook
from backend.jobs import hiring
from backend.jobs.hooks import checkpoint_recorded, placement_made
from backend.jobs.models import PlacementCheckpoint
from backend.seekers.hooks import profile_saved
from backend.seekers.services import seeker_profile_replace, seeker_profile_update
from tests.factories.accounts import seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, placement_for, posting_in
from tests.factories.seekers import graduate_payload

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

Calls = list[dict[str, Any]]


@pytest.fixture
def record(db: None) -> Iterator[Callable[[Hook[Any]], Calls]]:
    """`record(hook)`: subscribe a recorder for this test; its calls, with whether each ran
    inside the writing service's own transaction (an atomic block deeper than the test's)."""
    subscribed: list[tuple[Hook[Any], Any]] = []
    depth = len(connection.atomic_blocks)

    def start(hook: Hook[Any]) -> Calls:
        calls: Calls = []

        def recorder(**kwargs: Any) -> None:
            user = kwargs.get("user")
            exists = None if user is None else type(user).objects.filter(pk=user.pk).exists()
            calls.append(
                {
                    **kwargs,
                    "in_transaction": len(connection.atomic_blocks) > depth,
                    "user_row_exists": exists,
                }
            )

        hook.subscribe(recorder)
        subscribed.append((hook, recorder))
        return calls

    yield start
    for hook, recorder in subscribed:
        hook.unsubscribe(recorder)


def test_profile_saved_on_create_and_on_change(record: Any) -> None:
    calls = record(profile_saved)
    user = seeker()
    payload = graduate_payload()
    payload.pop("location", None)
    profile = seeker_profile_replace(user=user, fields=payload)
    seeker_profile_update(user=user, fields={"about": "물류 일을 하고 싶습니다."})
    assert [(c["profile"].pk, c["created"]) for c in calls] == [
        (profile.pk, True),
        (profile.pk, False),
    ]
    assert all(c["in_transaction"] for c in calls)


def test_placement_made_and_checkpoint_recorded(record: Any) -> None:
    made, recorded = record(placement_made), record(checkpoint_recorded)
    employer, boss = employer_with_user()
    application = ApplicationFactory.create(posting=posting_in("open", employer=employer))
    for status in ("reviewing", "interview", "offered", "hired"):
        hiring.application_set_status(application=application, actor=boss, status=status)
    assert len(made) == 1
    assert made[0]["placement"].application_id == application.pk
    assert made[0]["actor"] == boss
    assert made[0]["in_transaction"]

    placement = placement_for(
        ApplicationFactory.create(posting=posting_in("open", employer=employer))
    )
    three = PlacementCheckpoint.objects.get(placement=placement, month=3)
    hiring.placement_checkpoint_record(checkpoint=three, actor=staff_user(), status="left")
    assert len(recorded) == 1
    assert recorded[0]["checkpoint"].pk == three.pk
    assert sorted(c.month for c in recorded[0]["changed"]) == [3, 6, 12]
    assert recorded[0]["in_transaction"]


def test_consent_changed_and_account_deleting(record: Any) -> None:
    changed, deleting = record(consent_changed), record(account_deleting)
    user = seeker()
    account_services.consents_record(user=user, decisions={"matching": False})
    assert [(r.purpose, r.granted) for r in changed[0]["records"]] == [("matching", False)]
    assert changed[0]["user"] == user
    assert changed[0]["in_transaction"]

    account_services.user_delete(user=user)
    assert [c["user"] for c in deleting] == [user]
    assert deleting[0]["user_row_exists"]  # fired before the row went
    assert deleting[0]["in_transaction"]
