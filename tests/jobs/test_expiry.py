"""The deadline job: open postings past their deadline (Seoul days) become expired, once."""

from __future__ import annotations

import datetime

import pytest

from backend.jobs import tasks as jobs
from backend.jobs.models import Posting, seoul_today
from tests.factories.jobs import PostingFactory
from workers.dispatch import enqueue
from workers.models import JobRun, JobStatus
from workers.registry import get_job
from workers.schedule import entry_named

pytestmark = [pytest.mark.django_db]


def test_expire_postings_is_idempotent() -> None:
    yesterday = seoul_today() - datetime.timedelta(days=1)
    due = PostingFactory.create(status="open", deadline=yesterday)
    today = PostingFactory.create(status="open", deadline=seoul_today())
    closed = PostingFactory.create(status="closed", deadline=yesterday)
    draft = PostingFactory.create(status="draft", deadline=yesterday)

    assert jobs.expire_postings() == {"expired": 1}
    assert jobs.expire_postings() == {"expired": 0}

    states = dict(Posting.objects.values_list("pk", "status"))
    assert states == {due.pk: "expired", today.pk: "open", closed.pk: "closed", draft.pk: "draft"}
    versions = dict(Posting.objects.values_list("pk", "version"))
    assert versions == {due.pk: 2, today.pk: 1, closed.pk: 1, draft.pk: 1}


def test_registered_and_scheduled_daily() -> None:
    assert get_job("expire_postings").function is jobs.expire_postings
    entry = entry_named("expire-postings")
    assert (entry.job, entry.cron) == ("expire_postings", "5 0 * * *")


def test_runs_through_the_job_machinery(django_capture_on_commit_callbacks) -> None:
    posting = PostingFactory.create(
        status="open", deadline=seoul_today() - datetime.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = enqueue("expire_postings")
    run = JobRun.objects.get(pk=run.pk)
    assert run.status == JobStatus.DONE
    posting.refresh_from_db()
    assert posting.status == "expired"
