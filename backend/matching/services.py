"""Use cases that write matching data: the policy, stored recommendations, match runs, and
the reveal of a candidate's contact (with its access-log row).

The match run's body (`runs.execute_match_run`, the `run_match` job) writes its own outcome.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import User
from backend.accounts.services import access_log
from backend.core.errors import ConflictError
from backend.core.validators import RRN_MESSAGE, contains_resident_number
from backend.fairs.models import JobFair
from backend.jobs.access import seekers_with_contact_for
from backend.jobs.models import Posting
from backend.matching.facts import today
from backend.matching.models import MatchRun, MatchRunKind, OrdinancePolicy, Recommendation
from backend.matching.policy import validate_policy
from backend.matching.reasons import stored_reasons
from backend.matching.recommend import KEEP, Candidate, recommend, recommend_many
from backend.matching.scoring import Match
from backend.matching.selectors import (
    applied_posting_ids,
    ordinance_policy_current,
)
from backend.matching.view_limits import candidate_views_record
from backend.seekers.models import SeekerProfile
from backend.taxonomy.models import Area, CareerField
from search.backends import get_backend
from search.backends.base import SearchBackend
from workers.dispatch import enqueue

SCOPE_KEYS = ("areas", "career_fields", "posting_ids")


@transaction.atomic
def ordinance_policy_publish(
    *,
    document: dict[str, Any],
    actor: User | None,
    note: str = "",
    based_on: int | None = None,
) -> OrdinancePolicy:
    """Insert `document` as the next policy version (versions are never overwritten).

    Raises `ValidationError({"document.<path>": [message]})` for an invalid document, and
    `ConflictError` when `based_on` (the version the editor started from) is no longer the
    newest: someone published meanwhile, and this edit would undo their change unseen.
    """
    errors: dict[str, list[str]] = {
        f"document.{path}" if path != "document" else path: messages
        for path, messages in validate_policy(document).items()
    }
    if contains_resident_number(note):
        # Staff notes are free text too (PIPA: no resident registration number anywhere).
        errors["note"] = [str(RRN_MESSAGE)]
    if errors:
        raise ValidationError(errors)
    # Two staff publishing at once: lock the current newest row so the second waits, then
    # read the maximum again (READ COMMITTED sees the first one's commit) — the second gets
    # the next number instead of failing on the unique constraint.
    list(OrdinancePolicy.objects.select_for_update().order_by("-version")[:1])
    latest = OrdinancePolicy.objects.aggregate(latest=Max("version"))["latest"] or 0
    if based_on is not None and based_on != latest:
        raise ConflictError(
            gettext(
                "그 사이에 다른 담당자가 %(latest)s판을 만들었습니다. "
                "최신 판을 보고 다시 고쳐 주세요."
            )
            % {"latest": latest},
            code="policy_changed",
        )
    return OrdinancePolicy.objects.create(
        version=latest + 1, document=document, created_by=actor, note=note
    )


# --- recommendations ------------------------------------------------------------------
def _recommendation_rows(
    seeker_id: int,
    matches: Sequence[Match],
    *,
    policy_version: int,
    now: datetime.datetime,
    match_run: MatchRun | None,
    existing: Collection[int] | None = None,
) -> list[Recommendation]:
    """One seeker's set as rows, ranked in the order given; with `existing`, a match whose
    posting is gone is left out (its rank stays unused)."""
    return [
        Recommendation(
            seeker_id=seeker_id,
            posting_id=item.posting_id,
            rank=position,
            score=item.score,
            components=item.components,
            reasons=stored_reasons(item.reasons),
            policy_version=policy_version,
            computed_at=now,
            match_run=match_run,
        )
        for position, item in enumerate(matches, start=1)
        if existing is None or item.posting_id in existing
    ]


def recommendations_store(
    profile: SeekerProfile,
    matches: Sequence[Match],
    policy_version: int,
    *,
    match_run: MatchRun | None = None,
    only_if_missing: bool = False,
) -> int:
    """Replace the seeker's stored recommendations by `matches` (in order) atomically; returns
    how many were given (0, storing nothing, when the profile is gone, or when
    `only_if_missing` and some are stored already).

    Writers of one seeker's set take turns on the seeker's profile row: two first reads of
    `/me/recommendations/` (or a read racing the refresh job) would otherwise both delete
    nothing and both insert, and the second would fail on `recommendation_once` (a 500). With
    the lock the second waits for the first to commit, then replaces its rows (or, with
    `only_if_missing`, sees them and stops). On SQLite, which has no row locks, writers are
    serialized by the database lock itself.
    """
    rows = _recommendation_rows(
        profile.pk, matches, policy_version=policy_version, now=timezone.now(), match_run=match_run
    )
    with transaction.atomic():
        if SeekerProfile.objects.select_for_update().filter(pk=profile.pk).first() is None:
            return 0
        stored = Recommendation.objects.filter(seeker=profile)
        if only_if_missing and stored.exists():
            return 0
        stored.delete()
        # A posting deleted meanwhile would fail the foreign key: keep those that exist.
        existing = set(
            Posting.objects.filter(pk__in=[r.posting_id for r in rows]).values_list("pk", flat=True)
        )
        Recommendation.objects.bulk_create([r for r in rows if r.posting_id in existing])
    return len(rows)


def recommendations_ensure(profile: SeekerProfile) -> None:
    """Compute and store the seeker's recommendations now if none are stored yet (a new
    profile read before the job ran). Raises `SearchUnavailableError` when search is down.

    Safe when called twice at once: the search runs outside any lock, and the store keeps the
    set of whichever call stores first (`only_if_missing`, under the seeker's row lock)."""
    if Recommendation.objects.filter(seeker=profile).exists():
        return
    policy = ordinance_policy_current()
    exclude = applied_posting_ids([profile.pk])[profile.pk]
    matches = recommend(profile, policy, exclude=exclude)
    recommendations_store(profile, matches, policy.version, only_if_missing=True)


@dataclass(frozen=True)
class RefreshOutcome:
    """How many seekers were recomputed and how many recommendations stored."""

    seekers: int
    recommendations: int


def recommendations_refresh(
    profile_ids: Iterable[int] | None = None,
    *,
    match_run: MatchRun | None = None,
    policy: OrdinancePolicy | None = None,
    backend: SearchBackend | None = None,
) -> RefreshOutcome:
    """Recompute and store the recommendations of these profiles (None: every profile).

    Profiles that no longer exist are skipped. Raises `SearchUnavailableError` when search is
    down (the job is retried); what was stored before stays until then. Works in batches of
    `REFRESH_BATCH` profiles: one search per seeker, one write per batch
    (`recommendations_store_many`).
    """
    policy = policy or ordinance_policy_current()
    backend = backend or get_backend()
    profiles = SeekerProfile.objects.select_related("area").order_by("pk")
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=list(profile_ids))
    seekers = stored = 0
    for chunk in _chunks(profiles.iterator(chunk_size=REFRESH_BATCH), REFRESH_BATCH):
        counts = recommendations_refresh_batch(
            chunk, policy=policy, backend=backend, match_run=match_run
        )
        seekers += len(counts)
        stored += sum(counts.values())
    return RefreshOutcome(seekers=seekers, recommendations=stored)


REFRESH_BATCH = 200  # profiles computed and stored together by the refresh


def recommendations_refresh_batch(
    profiles: Sequence[SeekerProfile],
    *,
    policy: OrdinancePolicy,
    backend: SearchBackend,
    match_run: MatchRun | None = None,
    keep_for: Mapping[int, int] | None = None,
    on: datetime.date | None = None,
    on_stored: Callable[[dict[int, int], Mapping[int, list[Match]]], None] | None = None,
) -> dict[int, int]:
    """Recompute and store the recommendations of a batch of profiles; profile id → how many
    were stored (profiles deleted meanwhile are left out). The searches run first, outside any
    transaction (together: `recommend_many`); then one transaction replaces the batch's sets,
    and calls `on_stored` with the counts and every profile's matches inside it (the nightly
    refresh moves its chunk's cursor there and keeps the assignment's candidates, all or
    nothing). `keep_for` gives some profiles more matches than the `KEEP` stored (the
    assignment's candidates): their stored set is the best `KEEP` of them, as without."""
    applied = applied_posting_ids([p.pk for p in profiles])
    found = recommend_many(
        profiles, policy, backend=backend, exclude=applied, keep_for=keep_for, on=on
    )
    with transaction.atomic():
        counts = recommendations_store_many(
            [(p, found[p.pk][:KEEP]) for p in profiles], policy.version, match_run=match_run
        )
        if on_stored is not None:
            on_stored(counts, found)
    return counts


def recommendations_store_many(
    sets: Sequence[tuple[SeekerProfile, Sequence[Match]]],
    policy_version: int,
    *,
    match_run: MatchRun | None = None,
) -> dict[int, int]:
    """`recommendations_store` for many seekers in one transaction and a fixed number of
    queries: lock the profiles (in id order, so two batches never deadlock; a single-seeker
    writer takes one of these locks), delete their sets, insert the new ones. Returns profile
    id → how many were stored; profiles deleted meanwhile are left out."""
    now = timezone.now()
    ids = sorted({profile.pk for profile, _ in sets})
    wanted = {m.posting_id for _, matches in sets for m in matches}
    with transaction.atomic():
        alive = set(
            SeekerProfile.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Recommendation.objects.filter(seeker_id__in=alive).delete()
        existing = set(Posting.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        rows: list[Recommendation] = []
        counts: dict[int, int] = {}
        for profile, matches in sets:
            if profile.pk not in alive:
                continue
            counts[profile.pk] = len(matches)
            rows += _recommendation_rows(
                profile.pk,
                matches,
                policy_version=policy_version,
                now=now,
                match_run=match_run,
                existing=existing,
            )
        Recommendation.objects.bulk_create(rows, batch_size=2000)
    return counts


def _chunks(items: Iterable[SeekerProfile], size: int) -> Iterable[list[SeekerProfile]]:
    chunk: list[SeekerProfile] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- match runs -----------------------------------------------------------------------------
def _validated_scope(scope: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The scope with every key present; unknown codes and ids are a ValidationError."""
    clean: dict[str, list[Any]] = {key: list(scope.get(key) or []) for key in SCOPE_KEYS}
    errors: dict[str, list[str]] = {}
    unknown = set(clean["areas"]) - set(
        Area.objects.filter(code__in=clean["areas"]).values_list("code", flat=True)
    )
    if unknown:
        errors["scope.areas"] = [
            gettext("알 수 없는 행정동 코드입니다: %(codes)s")
            % {"codes": ", ".join(sorted(unknown))}
        ]
    unknown = set(clean["career_fields"]) - set(
        CareerField.objects.filter(code__in=clean["career_fields"]).values_list("code", flat=True)
    )
    if unknown:
        errors["scope.career_fields"] = [
            gettext("알 수 없는 계열 코드입니다: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
        ]
    missing = set(clean["posting_ids"]) - set(
        Posting.objects.filter(pk__in=clean["posting_ids"]).values_list("pk", flat=True)
    )
    if missing:
        errors["scope.posting_ids"] = [
            gettext("없는 공고입니다: %(ids)s") % {"ids": ", ".join(map(str, sorted(missing)))}
        ]
    if errors:
        raise ValidationError(errors)
    for key in SCOPE_KEYS:
        clean[key] = sorted(set(clean[key]))
    return clean


@transaction.atomic
def match_run_create(*, actor: User | None, kind: str, scope: Mapping[str, Any]) -> MatchRun:
    """Queue a match run of `kind` over `scope` (empty lists mean all) with the current policy.

    Raises `ValidationError` naming `kind` or the bad scope entries.
    """
    if kind not in MatchRunKind.values:
        raise ValidationError({"kind": ["kind는 recommend 또는 assign입니다."]})
    policy = ordinance_policy_current()
    clean: dict[str, Any] = dict(_validated_scope(scope))
    fair_id = scope.get("fair_id")
    if fair_id is not None:  # a job fair's interview schedule (`fair_runs`)
        if kind != MatchRunKind.ASSIGN:
            raise ValidationError(
                {"scope.fair_id": [gettext("박람회 면접 배정은 assign 실행이에요.")]}
            )
        if not JobFair.objects.filter(pk=fair_id).exists():
            raise ValidationError(
                {"scope.fair_id": [gettext("없는 박람회입니다: %(id)s") % {"id": fair_id}]}
            )
        clean["fair_id"] = int(fair_id)
    run = MatchRun.objects.create(
        kind=kind,
        scope=clean,
        policy_version=policy.version,
        as_of=today(),
        created_by=actor,
    )
    enqueue("run_match", match_run_id=run.pk)
    return run


# --- candidate contact ----------------------------------------------------------------------
@transaction.atomic
def candidate_contacts_reveal(
    *,
    actor: User,
    posting: Posting,
    candidates: Sequence[Candidate],
    request: HttpRequest | None = None,
) -> set[int]:
    """The user ids among `candidates` whose contact `actor` (the posting's employer member or
    staff) may see on `posting`'s shortlist, with one access-log row per revealed seeker.

    The rule (DESIGN.md, Privacy; `jobs.access.seekers_with_contact_for`): employers see
    candidates anonymized unless the seeker has a live or `hired` application to one of that
    employer's postings, or had one that ended less than 30 days ago; then name and contact
    are shown, and since that is a read of personal data it is logged (who, whom, what, when).
    The rows shown count against the employer's daily shortlist budget (`view_limits`).
    """
    candidate_views_record(actor, posting.employer_id, len(candidates))
    revealed = seekers_with_contact_for(
        posting.employer_id, [c.profile.user_id for c in candidates]
    )
    for candidate in candidates:
        if candidate.profile.user_id not in revealed:
            continue
        access_log(
            actor=actor,
            subject=candidate.profile.user,
            what=f"후보 연락처 (candidate contact), posting {posting.pk}",
            request=request,
        )
    return revealed
