"""The nightly refresh in chunks (issue 17, B9), on the inline engine and the embedded
backend: every seeker in exactly one chunk, a second start redoes no finished chunk, a chunk
cut off mid-way resumes at its cursor, and the assignment runs after the last chunk.

The real-process faults (a worker killed mid-chunk on Celery and on Dramatiq) are in
tests/contract/test_nightly_faults.py."""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from backend.accounts.services import consents_record
from backend.matching.models import (
    Assignment,
    MatchRun,
    MatchRunKind,
    MatchRunStatus,
    NightlyCandidates,
    NightlyChunk,
    NightlyRefresh,
    Recommendation,
)
from backend.matching.nightly import chunk_bounds
from backend.matching.selectors import ordinance_policy_current
from backend.matching.services import match_run_create, ordinance_policy_publish
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from search.backends.base import SearchUnavailableError
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from workers.dispatch import enqueue
from workers.models import JobRun, JobStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]

NIGHT = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def embedded_inline(tmp_path: Any) -> Iterator[None]:
    from django.apps import apps

    from backend.matching.models import OrdinancePolicy
    from backend.matching.policy import load_default_policy
    from backend.taxonomy.loading import load_reference_data

    load_reference_data(apps)
    if not OrdinancePolicy.objects.exists():
        OrdinancePolicy.objects.create(version=1, document=load_default_policy())
    with override_settings(
        SEARCH_BACKEND="embedded",
        SEARCH_EMBEDDED_PATH=tmp_path / "search.sqlite3",
        SEARCH_REFRESH_ON_WRITE=True,
        WORKER_ENGINE="inline",
        MATCHING_REFRESH_ON_CHANGE=False,
        NIGHTLY_BATCH_SIZE=2,
    ):
        get_backend().reset()
        yield


def city(seekers: int) -> list[SeekerProfile]:
    employer, _ = covered_employer()
    for n in range(3):
        forklift_posting(employer, title=f"지게차 운전원 {n}", openings=3)
    profiles = [seeker_with() for _ in range(seekers)]
    index_all()
    Recommendation.objects.all().delete()  # only what the nightly run stores counts
    return profiles


def stamps() -> dict[int, set[datetime.datetime]]:
    """seeker id → the computed_at stamps of its stored recommendations."""
    seen: dict[int, set[datetime.datetime]] = {}
    for seeker_id, at in Recommendation.objects.values_list("seeker_id", "computed_at"):
        seen.setdefault(seeker_id, set()).add(at)
    return seen


def test_chunk_bounds_cover_every_id_once() -> None:
    ids = [3, 4, 9, 10, 11, 20, 21]
    bounds = chunk_bounds(ids, 3)
    assert bounds == [(0, 10), (10, 21), (21, None)]
    for probe in range(0, 40):  # ids created later, below or above, too
        owners = [b for b in bounds if b[0] <= probe and (b[1] is None or probe < b[1])]
        assert len(owners) == 1
    assert chunk_bounds([], 5) == [(0, None)]


def test_the_nightly_job_refreshes_every_seeker_once_then_runs_the_assignment() -> None:
    profiles = city(7)
    run = enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=3)
    assert JobRun.objects.get(pk=run.pk).status == JobStatus.DONE
    refresh = NightlyRefresh.objects.get(day=NIGHT)
    chunks = list(refresh.chunks.order_by("number"))
    assert [c.seekers for c in chunks] == [3, 3, 1]
    assert all(c.status == "done" and c.executions == 1 for c in chunks)
    assert set(stamps()) == {p.pk for p in profiles}
    assert sum(c.recommendations for c in chunks) == Recommendation.objects.count() > 0
    # Every chunk ran as its own job, once.
    chunk_jobs = JobRun.objects.filter(job="refresh_recommendations_chunk")
    assert sorted(chunk_jobs.values_list("status", "attempt")) == [("done", 1)] * 3
    assert refresh.status == "done"
    assert refresh.match_run is not None
    assign = MatchRun.objects.get(pk=refresh.match_run.pk)
    assert (assign.kind, assign.status) == ("assign", MatchRunStatus.DONE)
    assert assign.summary["seekers"] == 7


def test_starting_the_night_again_redoes_no_finished_chunk() -> None:
    city(5)
    enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=2)
    before = stamps()
    runs = MatchRun.objects.count()
    enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=2)
    out = io.StringIO()
    call_command("nightly_refresh", "--start", "--here", "--day", NIGHT.isoformat(), stdout=out)
    assert stamps() == before
    assert list(NightlyChunk.objects.values_list("executions", flat=True)) == [1, 1, 1]
    assert MatchRun.objects.count() == runs  # one assignment per night
    assert JobRun.objects.filter(job="refresh_recommendations_chunk").count() == 3


def test_a_chunk_cut_off_mid_way_resumes_at_its_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = city(4)
    backend_class = type(get_backend())
    real_search = backend_class.search_postings
    calls = {"n": 0}

    def search_down_on_the_third_seeker(self: Any, query: Any) -> Any:
        # A seeker's first search is the unscoped one (its second, if any, is within the
        # career fields it wants): count those to know which seeker is being retrieved.
        if not query.career_fields:
            calls["n"] += 1
            if calls["n"] == 3:
                raise SearchUnavailableError("search went away")
        return real_search(self, query)

    monkeypatch.setattr(backend_class, "search_postings", search_down_on_the_third_seeker)
    enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=4, assign=False)
    (chunk,) = NightlyChunk.objects.all()
    # The first batch (2 seekers) is stored, the cursor after it; the second failed whole.
    assert (chunk.status, chunk.seekers) == ("running", 2)
    assert chunk.next_profile_id == profiles[1].pk + 1
    assert set(stamps()) == {profiles[0].pk, profiles[1].pk}
    first = stamps()
    (job,) = JobRun.objects.filter(job="refresh_recommendations_chunk")
    assert job.status == JobStatus.FAILED
    out = io.StringIO()
    call_command("nightly_refresh", "--day", NIGHT.isoformat(), stdout=out)
    progress = json.loads(out.getvalue())
    assert progress["chunks"] == {"total": 1, "done": 0, "started": 1}
    assert progress["seekers"] == 2
    assert progress["chunk_jobs"] == {"failed": 1}

    # Resumed (as the sweep or a second start would): the stored batch is not recomputed.
    call_command("nightly_refresh", "--start", "--here", "--day", NIGHT.isoformat(), stdout=out)
    chunk.refresh_from_db()
    assert (chunk.status, chunk.seekers, chunk.executions) == ("done", 4, 2)
    after = stamps()
    assert set(after) == {p.pk for p in profiles}
    assert {k: after[k] for k in first} == first
    per_seeker = Recommendation.objects.values_list("seeker_id", "posting_id")
    assert len(per_seeker) == len(set(per_seeker))
    assert NightlyRefresh.objects.get(day=NIGHT).match_run is None  # assign=False


def test_the_command_says_when_there_is_no_run_and_refuses_a_bad_day() -> None:
    out = io.StringIO()
    call_command("nightly_refresh", stdout=out)
    assert json.loads(out.getvalue()) == {"nightly_refresh": None}
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--day"):
        call_command("nightly_refresh", "--day", "2026-13-01")


def test_staff_follow_a_night_in_the_admin_read_only() -> None:
    from django.test import Client

    from tests.factories.accounts import log_in, staff_user

    city(3)
    call_command("nightly_refresh", "--start", "--here", "--day", NIGHT.isoformat(),
                 "--chunk-size", "2", "--no-assign", stdout=io.StringIO())  # fmt: skip
    refresh = NightlyRefresh.objects.get(day=NIGHT)
    client = Client()
    log_in(client, staff_user())
    listing = client.get("/admin/matching/nightlyrefresh/")
    assert listing.status_code == 200
    row = listing.content.decode()
    assert f"/admin/matching/nightlyrefresh/{refresh.pk}/change/" in row
    assert "2/2" in row  # both chunks done
    detail = client.get(f"/admin/matching/nightlyrefresh/{refresh.pk}/change/")
    assert detail.status_code == 200
    assert 'name="chunks-TOTAL_FORMS" value="2"' in detail.content.decode()  # the chunks inline
    assert client.get("/admin/matching/nightlyrefresh/add/").status_code == 403
    assert client.post(f"/admin/matching/nightlyrefresh/{refresh.pk}/delete/").status_code == 403


# --- the assignment from the chunks' candidates ------------------------------------------------
def assignments_of(run: MatchRun) -> list[tuple[Any, ...]]:
    rows = Assignment.objects.filter(match_run=run).values_list(
        "seeker_id", "posting_id", "score", "reasons", "unassigned_reason"
    )
    return sorted(rows, key=lambda row: row[0])


def staff_assign_run() -> MatchRun:
    """An assign run over everyone as staff start one (the inline engine executes it)."""
    run = match_run_create(actor=None, kind=MatchRunKind.ASSIGN, scope={})
    run.refresh_from_db()
    assert run.status == MatchRunStatus.DONE, run.error
    return run


def scarce_city() -> list[SeekerProfile]:
    """Seven consenting seekers and two without the `matching` consent, for four openings
    (the assignment must choose)."""
    employer, _ = covered_employer()
    forklift_posting(employer, title="지게차 운전원 오전", openings=2)
    forklift_posting(employer, title="지게차 상하차", openings=1, hourly_wage=13500)
    forklift_posting(employer, title="창고 지게차", openings=1, shifts=["afternoon"])
    profiles = [seeker_with() for _ in range(7)]
    profiles += [seeker_with(consent=False) for _ in range(2)]
    index_all()
    Recommendation.objects.all().delete()
    return profiles


def test_the_nights_assignment_solves_the_chunks_candidates_as_the_run_alone_would() -> None:
    scarce_city()
    enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=4)
    refresh = NightlyRefresh.objects.get(day=NIGHT)
    assert refresh.match_run is not None
    night = MatchRun.objects.get(pk=refresh.match_run.pk)
    assert night.status == MatchRunStatus.DONE, night.error
    # The run took every consenting seeker's candidates from the chunks, retrieved nobody.
    assert night.summary["seekers"] == 7
    assert night.summary["nightly_candidates"] == 7
    assert night.summary["assigned"] == 4
    assert not NightlyCandidates.objects.exists()  # used, then deleted
    # Staff starting an assign run on the same data: it builds its own candidates, and
    # solves the same problem to the same assignment (pairs, scores, reasons).
    alone = staff_assign_run()
    assert alone.summary["nightly_candidates"] == 0
    assert alone.inputs_digest == night.inputs_digest != ""
    assert assignments_of(alone) == assignments_of(night)
    assert len(assignments_of(night)) == 7


def test_the_chunks_keep_candidates_of_consenting_seekers_only_until_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profiles = scarce_city()
    consenting, refusing = profiles[:7], profiles[7:]
    backend_class = type(get_backend())
    real_search = backend_class.search_postings
    calls = {"n": 0}

    def search_down_for_the_last_chunk(self: Any, query: Any) -> Any:
        if not query.career_fields:  # one a seeker
            calls["n"] += 1
            if calls["n"] == 5:  # the first of the second chunk (ids in order)
                raise SearchUnavailableError("search went away")
        return real_search(self, query)

    monkeypatch.setattr(backend_class, "search_postings", search_down_for_the_last_chunk)
    ordered = sorted(profiles, key=lambda p: p.pk)
    enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=4)
    refresh = NightlyRefresh.objects.get(day=NIGHT)
    assert refresh.status == "running"
    kept = {row.seeker_id: row for row in NightlyCandidates.objects.filter(refresh=refresh)}
    first_chunk = {p.pk for p in ordered[:4]}
    assert set(kept) == first_chunk & {p.pk for p in consenting}
    assert not set(kept) & {p.pk for p in refusing}
    for seeker_id, row in kept.items():
        stored = list(
            Recommendation.objects.filter(seeker_id=seeker_id)
            .order_by("rank")
            .values_list("posting_id", "score", "reasons")
        )
        assert stored  # the recommendations are the first of the candidates
        assert [(p, s, r) for (p, s), r in zip(row.edges, row.reasons, strict=True)][
            : len(stored)
        ] == stored
    # Withdrawing the `matching` consent removes the seeker's candidates at once.
    leaving = next(p for p in consenting if p.pk in kept)
    consents_record(user=leaving.user, decisions={"matching": False})
    assert not NightlyCandidates.objects.filter(seeker=leaving).exists()

    monkeypatch.setattr(backend_class, "search_postings", real_search)
    call_command("nightly_refresh", "--start", "--here", "--day", NIGHT.isoformat(),
                 stdout=io.StringIO())  # fmt: skip
    refresh.refresh_from_db()
    assert refresh.match_run_id is not None
    night = MatchRun.objects.get(pk=refresh.match_run_id)
    assert night.status == MatchRunStatus.DONE, night.error
    assert night.summary["seekers"] == 6  # the one who left is not assigned
    assert night.summary["nightly_candidates"] == 6
    assert leaving.pk not in {row[0] for row in assignments_of(night)}
    alone = staff_assign_run()
    assert (alone.inputs_digest, assignments_of(alone)) == (
        night.inputs_digest,
        assignments_of(night),
    )


def test_a_policy_published_during_the_night_makes_the_run_build_its_own_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scarce_city()
    backend_class = type(get_backend())
    real_search = backend_class.search_postings
    calls = {"n": 0}

    def search_down_once(self: Any, query: Any) -> Any:
        if not query.career_fields:
            calls["n"] += 1
            if calls["n"] == 5:
                raise SearchUnavailableError("search went away")
        return real_search(self, query)

    monkeypatch.setattr(backend_class, "search_postings", search_down_once)
    enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=4)
    assert NightlyCandidates.objects.count() > 0
    current = ordinance_policy_current()
    ordinance_policy_publish(document=current.document, actor=None, note="야간 중 개정")
    monkeypatch.setattr(backend_class, "search_postings", real_search)
    call_command("nightly_refresh", "--start", "--here", "--day", NIGHT.isoformat(),
                 stdout=io.StringIO())  # fmt: skip
    refresh = NightlyRefresh.objects.get(day=NIGHT)
    assert refresh.match_run_id is not None
    night = MatchRun.objects.get(pk=refresh.match_run_id)
    assert night.status == MatchRunStatus.DONE, night.error
    assert night.policy_version == current.version + 1 != refresh.policy_version
    # The chunks scored under the old version: the run scores everyone itself, under the new.
    assert night.summary["nightly_candidates"] == 0
    assert night.summary["seekers"] == 7
    alone = staff_assign_run()
    assert (alone.inputs_digest, assignments_of(alone)) == (
        night.inputs_digest,
        assignments_of(night),
    )


def test_candidates_a_night_left_unused_go_when_the_next_night_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scarce_city()
    backend_class = type(get_backend())
    real_search = backend_class.search_postings

    def search_down_after_the_first_chunk(self: Any, query: Any) -> Any:
        if NightlyChunk.objects.filter(status="done").exists():
            raise SearchUnavailableError("search went away")
        return real_search(self, query)

    monkeypatch.setattr(backend_class, "search_postings", search_down_after_the_first_chunk)
    enqueue("refresh_all_recommendations", day=NIGHT.isoformat(), chunk_size=4)
    assert NightlyCandidates.objects.filter(refresh__day=NIGHT).count() == 4
    monkeypatch.setattr(backend_class, "search_postings", real_search)
    tomorrow = NIGHT + datetime.timedelta(days=1)
    enqueue("refresh_all_recommendations", day=tomorrow.isoformat(), chunk_size=4, assign=False)
    assert not NightlyCandidates.objects.exists()
    assert NightlyRefresh.objects.get(day=tomorrow).status == "done"
