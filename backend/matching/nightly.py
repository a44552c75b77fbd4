"""The nightly refresh (야간 추천 갱신): every seeker's recommendations, in chunks that the
worker fleet runs in parallel, resumable after a kill, then the city-wide assignment.

    04:50 schedule → job `refresh_all_recommendations`  → `nightly_start(day)`
                     one `NightlyRefresh` row per Seoul day, its `NightlyChunk` ranges of
                     profile ids, and one job `refresh_recommendations_chunk` per chunk
                     (`enqueue_once` keyed by run and chunk: sent once, ever)
    each worker    → `nightly_chunk_execute(chunk_id)`: batches of `NIGHTLY_BATCH_SIZE` profiles
                     from the chunk's cursor; each batch's searches go out together
                     (`search_postings_many`), and its recommendations, the assignment's
                     candidates of its consenting seekers (`NightlyCandidates`) and the cursor
                     move in one transaction
    the last chunk → the run is done; it creates an `assign` MatchRun (`run_match`), which
                     takes the candidates the chunks kept and only solves (it builds them
                     itself for a seeker without: `runs._run_assign`)

Faults, and why they are safe:
- a worker killed mid-chunk: its `JobRun` lease expires and the sweep sends the run again
  (Celery's late ack or Dramatiq's redelivery may already have); the chunk resumes at its
  cursor, so the batches stored before the kill are not recomputed and nothing is counted
  twice. A batch cut off before its commit stored nothing and is redone whole: a seeker's set
  is replaced, never appended to, so no recommendation is stored twice.
- the nightly job run again (a second scheduler, a restarted one, staff starting it by hand):
  the day's row exists, its chunks exist; only chunks not done are sent again, and a run that
  is dead (attempts used up) gets a fresh set of attempts (`retry_run`).
- two last chunks finishing at once: the run's row is locked to decide, so one assignment run
  starts.

Chunks are ranges `[first, end)` over the ids at the start, with the first open below and
the last open above, so every profile, one created during the night included, falls in
exactly one chunk.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from backend.accounts.models import ConsentPurpose
from backend.accounts.selectors import users_with_consent
from backend.matching.facts import today
from backend.matching.models import (
    MatchRunKind,
    NightlyCandidates,
    NightlyChunk,
    NightlyRefresh,
    NightlyStatus,
    OrdinancePolicy,
)
from backend.matching.recommend import ASSIGN_CANDIDATES
from backend.matching.runs import candidates_json
from backend.matching.scoring import Match
from backend.matching.selectors import ordinance_policy_current
from backend.matching.services import match_run_create, recommendations_refresh_batch
from backend.seekers.models import SeekerProfile
from search.backends import get_backend
from workers.dispatch import enqueue_once, retry_run, send_run
from workers.models import JobRun, JobStatus

logger = logging.getLogger("backend.matching")

CHUNK_JOB = "refresh_recommendations_chunk"


def chunk_run_key(chunk: NightlyChunk) -> str:
    """The `JobRun.run_key` of a chunk's job: one run per chunk, ever."""
    return f"nightly:{chunk.refresh_id}:{chunk.number}"


def chunk_bounds(profile_ids: list[int], chunk_size: int) -> list[tuple[int, int | None]]:
    """Disjoint `[first, end)` ranges covering every id (the first from 0, the last without
    end), each holding `chunk_size` of the sorted `profile_ids` (the last may hold fewer)."""
    starts = [0] + [profile_ids[i] for i in range(chunk_size, len(profile_ids), chunk_size)]
    ends: list[int | None] = [*starts[1:], None]
    return list(zip(starts, ends, strict=True))


def nightly_start(
    day: datetime.date | None = None,
    *,
    chunk_size: int | None = None,
    assign: bool | None = None,
) -> NightlyRefresh:
    """Start the night's refresh for `day` (default today in Seoul), or resume it: send every
    chunk that is not done. Returns the run. `chunk_size` and `assign` only apply to a run
    created now (defaults: settings `NIGHTLY_CHUNK_SIZE`, `NIGHTLY_ASSIGN`)."""
    day = day or today()
    size = chunk_size or settings.NIGHTLY_CHUNK_SIZE
    with transaction.atomic():
        refresh = NightlyRefresh.objects.select_for_update().filter(day=day).first()
        if refresh is None:
            refresh = _create(day, size, settings.NIGHTLY_ASSIGN if assign is None else assign)
        if refresh.status == NightlyStatus.DONE:
            return refresh
        for chunk in refresh.chunks.exclude(status=NightlyStatus.DONE):
            key = chunk_run_key(chunk)
            run = JobRun.objects.filter(run_key=key).first()
            if run is None:
                enqueue_once(CHUNK_JOB, key, chunk_id=chunk.pk)
            elif run.status == JobStatus.DEAD:
                retry_run(run.pk)  # attempts used up (e.g. search down all night): afresh
            elif run.status in (JobStatus.QUEUED, JobStatus.FAILED):
                # Its message may have died with a broker or a fleet restart; sending again
                # is harmless (the claim lets one delivery run it). A running run is the
                # sweep's: it is sent again once its lease has expired.
                transaction.on_commit(partial(send_run, run.pk), robust=True)
            elif run.status == JobStatus.DONE:
                # The job ended but the chunk is not done: it cannot be (the job marks the
                # chunk done before it returns) unless the row was edited; run it afresh.
                JobRun.objects.filter(pk=run.pk).update(status=JobStatus.FAILED)
                retry_run(run.pk)
    refresh.refresh_from_db()
    return refresh


def _create(day: datetime.date, chunk_size: int, assign: bool) -> NightlyRefresh:
    try:
        with transaction.atomic():
            refresh = NightlyRefresh.objects.create(
                day=day,
                policy_version=ordinance_policy_current().version,
                chunk_size=chunk_size,
                assign=assign,
            )
    except IntegrityError:  # another starter created the day's run first
        return NightlyRefresh.objects.select_for_update().get(day=day)
    # Candidates an earlier night kept and its run never used (it failed, or its chunks
    # never all finished) are not kept past the next night.
    NightlyCandidates.objects.filter(refresh__day__lt=day).delete()
    ids = list(SeekerProfile.objects.order_by("pk").values_list("pk", flat=True))
    NightlyChunk.objects.bulk_create(
        NightlyChunk(
            refresh=refresh,
            number=number,
            first_profile_id=first,
            end_profile_id=end,
            next_profile_id=first,
        )
        for number, (first, end) in enumerate(chunk_bounds(ids, chunk_size), start=1)
    )
    logger.info("nightly refresh %s: %s seekers in chunks of %s", day, len(ids), chunk_size)
    return refresh


def nightly_chunk_execute(chunk_id: int) -> dict[str, int]:
    """The `refresh_recommendations_chunk` job: refresh the chunk's profiles from its cursor
    on, batch by batch, then mark it done (and finish the run if it was the last). A chunk
    already done is left alone. Raises `SearchUnavailableError` when search is down (the job
    is retried and resumes at the cursor)."""
    chunk = NightlyChunk.objects.select_related("refresh").filter(pk=chunk_id).first()
    if chunk is None or chunk.status == NightlyStatus.DONE:
        return {"skipped": chunk_id}
    NightlyChunk.objects.filter(pk=chunk_id).update(
        executions=F("executions") + 1, started_at=chunk.started_at or timezone.now()
    )
    refresh = chunk.refresh
    policy = OrdinancePolicy.objects.get(version=refresh.policy_version)
    backend = get_backend()
    cursor = chunk.next_profile_id
    while True:
        profiles = SeekerProfile.objects.select_related("area").filter(pk__gte=cursor)
        if chunk.end_profile_id is not None:
            profiles = profiles.filter(pk__lt=chunk.end_profile_id)
        batch = list(profiles.order_by("pk")[: settings.NIGHTLY_BATCH_SIZE])
        if not batch:
            break
        cursor = batch[-1].pk + 1
        on = today()
        # The assignment's candidates, for the seekers it will take (the `matching` consent):
        # kept now so that the run after the last chunk only solves (`runs._run_assign`).
        wide = _consented(batch) if refresh.assign else set()

        def advance(
            counts: dict[int, int],
            found: Mapping[int, list[Match]],
            to: int = cursor,
            on: datetime.date = on,
            wide: set[int] = wide,
        ) -> None:
            NightlyChunk.objects.filter(pk=chunk_id).update(
                next_profile_id=to,
                seekers=F("seekers") + len(counts),
                recommendations=F("recommendations") + sum(counts.values()),
            )
            _candidates_store(refresh, {pk: found[pk] for pk in wide if pk in counts}, on)

        recommendations_refresh_batch(
            batch,
            policy=policy,
            backend=backend,
            keep_for=dict.fromkeys(wide, ASSIGN_CANDIDATES),
            on=on,
            on_stored=advance,
        )
    NightlyChunk.objects.filter(pk=chunk_id).update(
        status=NightlyStatus.DONE, finished_at=timezone.now()
    )
    _finish(refresh.pk)
    chunk.refresh_from_db()
    return {"seekers": chunk.seekers, "recommendations": chunk.recommendations}


def _consented(batch: list[SeekerProfile]) -> set[int]:
    """The ids of the profiles of `batch` whose user has the `matching` consent now."""
    return set(
        SeekerProfile.objects.filter(
            pk__in=[p.pk for p in batch], user_id__in=users_with_consent(ConsentPurpose.MATCHING)
        ).values_list("pk", flat=True)
    )


def _candidates_store(
    refresh: NightlyRefresh, found: Mapping[int, list[Match]], on: datetime.date
) -> None:
    """Keep (replace) these seekers' assignment candidates for the night's run."""
    NightlyCandidates.objects.filter(refresh=refresh, seeker_id__in=list(found)).delete()
    rows = []
    for seeker_id, matches in found.items():
        edges, reasons = candidates_json(matches)
        rows.append(
            NightlyCandidates(
                refresh=refresh, seeker_id=seeker_id, as_of=on, edges=edges, reasons=reasons
            )
        )
    NightlyCandidates.objects.bulk_create(rows, batch_size=500)


def _finish(refresh_id: int) -> None:
    """Mark the run done once every chunk is, and start its assignment (once)."""
    with transaction.atomic():
        refresh = NightlyRefresh.objects.select_for_update().get(pk=refresh_id)
        if refresh.status == NightlyStatus.DONE:
            return
        if refresh.chunks.exclude(status=NightlyStatus.DONE).exists():
            return
        refresh.status = NightlyStatus.DONE
        refresh.finished_at = timezone.now()
        if refresh.assign:
            refresh.match_run = match_run_create(actor=None, kind=MatchRunKind.ASSIGN, scope={})
        refresh.save(update_fields=["status", "finished_at", "match_run"])
    logger.info("nightly refresh %s done", refresh.day)


def nightly_progress(refresh: NightlyRefresh) -> dict[str, Any]:
    """The run's progress as JSON values: chunks by state, seekers and recommendations so
    far, the chunks' job runs by status, elapsed time and the assignment run's state."""
    chunks = refresh.chunks.all()
    totals = chunks.aggregate(seekers=Sum("seekers"), recommendations=Sum("recommendations"))
    done = chunks.filter(status=NightlyStatus.DONE).count()
    started = chunks.filter(status=NightlyStatus.RUNNING, executions__gt=0).count()
    total = chunks.count()
    keys = [f"nightly:{refresh.pk}:{n}" for n in chunks.values_list("number", flat=True)]
    jobs: dict[str, int] = {}
    for status in JobRun.objects.filter(run_key__in=keys).values_list("status", flat=True):
        jobs[status] = jobs.get(status, 0) + 1
    end = refresh.finished_at or timezone.now()
    elapsed = (end - refresh.created_at).total_seconds()
    seekers = totals["seekers"] or 0
    data: dict[str, Any] = {
        "day": refresh.day.isoformat(),
        "status": refresh.status,
        "policy_version": refresh.policy_version,
        "chunk_size": refresh.chunk_size,
        "chunks": {"total": total, "done": done, "started": started},
        "chunk_jobs": jobs,
        "seekers": seekers,
        "recommendations": totals["recommendations"] or 0,
        "elapsed_s": round(elapsed, 1),
        "seekers_per_s": round(seekers / elapsed, 2) if elapsed > 0 else None,
        "reexecuted_chunks": chunks.filter(executions__gt=1).count(),
        "assign": refresh.assign,
        "match_run": None,
    }
    if refresh.match_run is not None:
        run = refresh.match_run
        data["match_run"] = {"id": run.pk, "status": run.status, "summary": run.summary}
    return data
