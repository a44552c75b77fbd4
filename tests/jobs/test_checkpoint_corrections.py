"""Correcting a recorded checkpoint: the employer within 14 days, staff after; every record and
correction kept as history (who, by role, when, old → new); `checkpoint_recorded` fired on
corrections too; a corrected `left` puts back the checkpoints it had marked."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from django.utils import timezone

from backend.accounts.models import User
from backend.jobs.hooks import checkpoint_recorded
from backend.jobs.models import CheckpointChange, Placement, PlacementCheckpoint
from tests.api import ClientFor, assert_status
from tests.factories.accounts import staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, placement_for, posting_in

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def fired() -> Iterator[list[dict[str, Any]]]:
    """What `checkpoint_recorded` told its subscribers (a subscriber of our own: the hook is
    the interface reports read)."""
    calls: list[dict[str, Any]] = []

    def subscriber(
        *, checkpoint: PlacementCheckpoint, changed: Sequence[PlacementCheckpoint], actor: User
    ) -> None:
        calls.append(
            {
                "month": checkpoint.month,
                "changed": {row.month: row.status for row in changed},
                "actor": actor,
            }
        )

    checkpoint_recorded.subscribe(subscriber)
    yield calls
    checkpoint_recorded.unsubscribe(subscriber)


def _placement() -> tuple[Placement, User]:
    employer, boss = employer_with_user()
    placement = placement_for(
        ApplicationFactory.create(posting=posting_in("open", employer=employer))
    )
    return placement, boss


def _url(placement: Placement, month: int) -> str:
    return f"/api/v1/placements/{placement.pk}/checkpoints/{month}/"


def _status(placement: Placement) -> dict[int, str]:
    return dict(placement.checkpoints.values_list("month", "status"))


def test_the_employer_corrects_within_14_days_with_history_and_the_hook(
    client_for: ClientFor, fired: list[dict[str, Any]]
) -> None:
    placement, boss = _placement()
    client = client_for(boss)
    assert_status(client.patch(_url(placement, 3), {"status": "left"}, format="json"), 200)
    assert _status(placement) == {1: "pending", 3: "left", 6: "left", 12: "left"}
    # Corrected: she is still there at 3 months; 6 and 12 go back to nobody-knows-yet.
    response = client.patch(_url(placement, 3), {"status": "retained"}, format="json")
    assert_status(response, 200)
    assert _status(placement) == {1: "pending", 3: "retained", 6: "pending", 12: "pending"}
    history = client.get(f"{_url(placement, 3)}history/").json()
    assert [(row["from_status"], row["to_status"]) for row in history] == [
        ("pending", "left"),
        ("left", "retained"),
    ]
    assert {row["changed_by_role"] for row in history} == {"employer"}
    six = CheckpointChange.objects.filter(checkpoint__placement=placement, checkpoint__month=6)
    assert [(row.from_status, row.to_status) for row in six] == [
        ("pending", "left"),
        ("left", "pending"),
    ]
    assert all(row.changed_by == boss for row in six)
    assert [call["changed"] for call in fired] == [
        {3: "left", 6: "left", 12: "left"},
        {3: "retained", 6: "pending", 12: "pending"},
    ]
    # The same outcome again changes nothing and fires nothing.
    assert_status(client.patch(_url(placement, 3), {"status": "retained"}, format="json"), 200)
    assert len(fired) == 2
    assert CheckpointChange.objects.filter(checkpoint__placement=placement).count() == 6


def test_after_14_days_only_staff_correct(
    client_for: ClientFor, fired: list[dict[str, Any]]
) -> None:
    placement, boss = _placement()
    client_for(boss).patch(_url(placement, 1), {"status": "retained"}, format="json")
    # Recorded 15 days ago.
    old = timezone.now() - datetime.timedelta(days=15)
    CheckpointChange.objects.filter(checkpoint__placement=placement).update(changed_at=old)
    PlacementCheckpoint.objects.filter(placement=placement, month=1).update(recorded_at=old)
    late = client_for(boss).patch(_url(placement, 1), {"status": "left"}, format="json")
    assert_status(late, 409)
    assert late.json()["code"] == "correction_window_closed"
    assert _status(placement)[1] == "retained"
    officer = staff_user()
    assert_status(
        client_for(officer).patch(_url(placement, 1), {"status": "left"}, format="json"), 200
    )
    assert _status(placement) == {1: "left", 3: "left", 6: "left", 12: "left"}
    last = CheckpointChange.objects.filter(
        checkpoint__placement=placement, checkpoint__month=1
    ).last()
    assert last is not None
    assert (last.from_status, last.to_status, last.changed_by, last.changed_by_role) == (
        "retained",
        "left",
        officer,
        "staff",
    )
    assert fired[-1]["actor"] == officer
    # A record older than the history (no rows) counts from its `recorded_at`.
    CheckpointChange.objects.filter(checkpoint__placement=placement).delete()
    PlacementCheckpoint.objects.filter(placement=placement).update(recorded_at=old)
    again = client_for(boss).patch(_url(placement, 1), {"status": "retained"}, format="json")
    assert_status(again, 409)
    assert again.json()["code"] == "correction_window_closed"


def test_left_before_a_later_retained_is_409(client_for: ClientFor) -> None:
    placement, boss = _placement()
    client = client_for(boss)
    client.patch(_url(placement, 1), {"status": "retained"}, format="json")
    client.patch(_url(placement, 3), {"status": "retained"}, format="json")
    conflict = client.patch(_url(placement, 1), {"status": "left"}, format="json")
    assert_status(conflict, 409)
    assert conflict.json()["code"] == "later_retained"
    assert _status(placement) == {1: "retained", 3: "retained", 6: "pending", 12: "pending"}


def test_history_is_the_employers_and_staffs_only(client_for: ClientFor) -> None:
    placement, _ = _placement()
    _, stranger = employer_with_user()
    assert_status(client_for(stranger).get(f"{_url(placement, 1)}history/"), 404)
    assert_status(client_for(placement.seeker).get(f"{_url(placement, 1)}history/"), 403)
    assert_status(client_for(staff_user()).get(f"{_url(placement, 1)}history/"), 200)
    assert_status(client_for(staff_user()).get(f"{_url(placement, 2)}history/"), 404)
