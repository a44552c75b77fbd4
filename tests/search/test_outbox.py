"""The search outbox: one event per row and one sync per transaction (coalescing), failures
recorded outside the rolled-back batch with a back-off per row, processed rows purged.

Runs on both databases (SQLite in pass 2, PostgreSQL in pass 1) with the embedded backend.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from backend.seekers import services as seeker_services
from search import indexing
from search.indexing import record_change, sync_all_pending, sync_pending
from search.models import Entity, OutboxEvent
from tests.factories.seekers import graduate_profile
from workers.models import JobRun

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def sync_runs() -> int:
    return JobRun.objects.filter(job="sync_search").count()


def test_a_row_written_often_in_one_transaction_gets_one_event_and_one_sync(
    django_capture_on_commit_callbacks: Any,
) -> None:
    profile = graduate_profile()
    OutboxEvent.objects.all().delete()
    JobRun.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for about in ("용접 3년", "용접 4년", "용접 5년"):
            seeker_services.seeker_profile_update(user=profile.user, fields={"about": about})
        record_change(Entity.PROFILE, [profile.pk, profile.pk])
        record_change(Entity.POSTING, [41, 42])
        record_change(Entity.POSTING, [42, 43])
    rows = sorted(OutboxEvent.objects.values_list("entity", "entity_id"))
    assert rows == [("posting", 41), ("posting", 42), ("posting", 43), ("profile", profile.pk)]
    assert sync_runs() == 1
    # Each transaction of its own (committed: its callbacks ran) gets its own event and sync.
    for about in ("용접 6년", "용접 7년"):
        with django_capture_on_commit_callbacks(execute=True):
            seeker_services.seeker_profile_update(user=profile.user, fields={"about": about})
    assert OutboxEvent.objects.filter(entity="profile").count() == 3
    assert sync_runs() == 3


def test_a_rolled_back_savepoint_takes_its_events_and_the_next_write_records_again(
    django_capture_on_commit_callbacks: Any,
) -> None:
    OutboxEvent.objects.all().delete()
    JobRun.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record_change(Entity.POSTING, [1])
        try:
            with transaction.atomic():
                record_change(Entity.POSTING, [2])
                raise RuntimeError("the inner write failed")
        except RuntimeError:
            pass
        record_change(Entity.POSTING, [2])  # must not be taken for already recorded
        record_change(Entity.POSTING, [1])
    assert sorted(OutboxEvent.objects.values_list("entity_id", flat=True)) == [1, 2]
    assert sync_runs() == 1
    # The sync itself rolled back with a savepoint: the next write enqueues it again.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                record_change(Entity.POSTING, [3])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        record_change(Entity.POSTING, [4])
    assert sorted(OutboxEvent.objects.values_list("entity_id", flat=True)) == [1, 2, 4]
    assert sync_runs() == 2


def _poison(profile_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The profiles source fails to build one row's document (a bug in one row's data)."""
    from search import sources

    original = sources.profiles_source()

    def document(row: Any) -> Any:
        if row.pk == profile_id:
            raise ValueError(f"cannot build profile {profile_id}")
        return original.document(row)

    patched = type(original)(**{**original.__dict__, "document": document})
    monkeypatch.setattr(indexing, "profiles_source", lambda: patched)


@override_settings(SEARCH_OUTBOX_BACKOFF_SECONDS=30, SEARCH_OUTBOX_BACKOFF_MAX_SECONDS=100)
def test_a_failing_row_backs_off_alone_and_its_failure_is_recorded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good, bad = graduate_profile(), graduate_profile()
    OutboxEvent.objects.all().delete()
    OutboxEvent.objects.bulk_create(
        [OutboxEvent(entity="profile", entity_id=pk) for pk in (good.pk, bad.pk, bad.pk)]
    )
    _poison(bad.pk, monkeypatch)
    before = timezone.now()
    with pytest.raises(ValueError, match="cannot build profile"):
        sync_pending()
    # The good row is done; the bad rows carry their failure (it committed, it was not
    # rolled back with the batch) and wait 30 s.
    assert OutboxEvent.objects.get(entity_id=good.pk).processed_at is not None
    failed = list(OutboxEvent.objects.filter(entity_id=bad.pk))
    assert [e.processed_at for e in failed] == [None, None]
    assert [e.attempts for e in failed] == [1, 1]
    assert all("cannot build profile" in e.last_error for e in failed)
    assert all(
        e.available_at is not None
        and before + datetime.timedelta(seconds=29) < e.available_at
        and e.available_at < timezone.now() + datetime.timedelta(seconds=31)
        for e in failed
    )
    # While it backs off, the sync leaves it alone and does not fail.
    assert sync_all_pending()["events"] == 0
    # Due again, it fails again and waits twice as long.
    OutboxEvent.objects.filter(entity_id=bad.pk).update(available_at=timezone.now())
    with pytest.raises(ValueError, match="cannot build profile"):
        sync_pending()
    again = OutboxEvent.objects.filter(entity_id=bad.pk).first()
    assert again is not None
    assert again.attempts == 2
    assert again.available_at is not None
    assert again.available_at > timezone.now() + datetime.timedelta(seconds=55)
    # Fixed, and due: it goes through and its back-off is cleared.
    monkeypatch.undo()
    OutboxEvent.objects.filter(entity_id=bad.pk).update(available_at=timezone.now())
    assert sync_all_pending()["events"] == 2
    assert not OutboxEvent.objects.filter(processed_at__isnull=True).exists()
    assert not OutboxEvent.objects.filter(available_at__isnull=False).exists()


def test_backoff_is_exponential_and_capped() -> None:
    with override_settings(SEARCH_OUTBOX_BACKOFF_SECONDS=5, SEARCH_OUTBOX_BACKOFF_MAX_SECONDS=60):
        assert [indexing.outbox_backoff(n) for n in (1, 2, 3, 4, 5, 9)] == [5, 10, 20, 40, 60, 60]
