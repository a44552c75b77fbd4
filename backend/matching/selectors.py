"""Reads of matching data."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TypedDict

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from backend.core.errors import NotFoundError
from backend.jobs.models import Application, PostingStatus
from backend.matching.eligibility import ProfileLike, evaluate_eligibility, facts_of
from backend.matching.models import Assignment, MatchRun, OrdinancePolicy, Recommendation
from backend.matching.recommend import EmptyReason, empty_reason
from backend.seekers.models import SeekerProfile

POLICY_MISSING = gettext_lazy("조례 정책이 없습니다.")
POLICY_VERSION_MISSING = gettext_lazy("그 버전의 조례 정책이 없습니다.")


def ordinance_policy_current() -> OrdinancePolicy:
    """The newest policy version. The data migration loads version 1, so one always exists
    unless someone deleted every row by hand (then 404, not a 500)."""
    policy = OrdinancePolicy.objects.select_related("created_by").order_by("-version").first()
    if policy is None:
        raise NotFoundError(POLICY_MISSING, code="policy_missing")
    return policy


def ordinance_policy_versions() -> QuerySet[OrdinancePolicy]:
    """Every policy version, the newest (the one in force) first, with its author."""
    return OrdinancePolicy.objects.select_related("created_by").order_by("-version")


def ordinance_policy_version(version: int) -> OrdinancePolicy:
    """One policy version (`NotFoundError` when there is no such version)."""
    policy = ordinance_policy_versions().filter(version=version).first()
    if policy is None:
        raise NotFoundError(POLICY_VERSION_MISSING, code="policy_version_missing")
    return policy


def ordinance_policy_successor_times(versions: Sequence[int]) -> dict[int, datetime.datetime]:
    """version → when the next version was made (when it stopped being in force), for those
    of `versions` that have a successor (one query). A version is in force from its
    `created_at` until the next version's."""
    if not versions:
        return {}
    after = OrdinancePolicy.objects.filter(version__gt=min(versions)).order_by("version")
    times = dict(after.values_list("version", "created_at"))
    ordered = sorted(times)
    ended: dict[int, datetime.datetime] = {}
    for version in versions:
        later = next((v for v in ordered if v > version), None)
        if later is not None:
            ended[version] = times[later]
    return ended


class EligibilityRow(TypedDict):
    """One programme's decision as the API shows it (`/me/eligibility/`, `/seekers/{id}/`)."""

    programme: str
    eligible: bool
    reasons: list[str]
    policy_version: int


def seeker_eligibility(profile: ProfileLike) -> list[EligibilityRow]:
    """The profile's decision for every ordinance programme under the current policy, in
    `PROGRAMMES` order, each with its reasons and the policy version that decided it (one
    query: the policy). The one place the API turns `evaluate_eligibility` into rows, so that
    the seeker and staff always see the same answer."""
    policy = ordinance_policy_current()
    decisions = evaluate_eligibility(
        facts_of(profile), policy.document, this_year=timezone.localdate().year
    )
    return [
        EligibilityRow(
            programme=decision.programme,
            eligible=decision.eligible,
            reasons=decision.reasons,
            policy_version=policy.version,
        )
        for decision in decisions
    ]


def applied_posting_ids(profile_ids: Sequence[int]) -> dict[int, set[int]]:
    """profile id → ids of the postings its seeker has applied to."""
    users = dict(SeekerProfile.objects.filter(pk__in=profile_ids).values_list("user_id", "pk"))
    applied: dict[int, set[int]] = {pk: set() for pk in profile_ids}
    rows = Application.objects.filter(seeker_id__in=list(users)).values_list(
        "seeker_id", "posting_id"
    )
    for user_id, posting_id in rows:
        applied[users[user_id]].add(posting_id)
    return applied


def recommendations_of(profile: SeekerProfile) -> QuerySet[Recommendation]:
    """The seeker's stored recommendations of postings still open, best first."""
    return (
        Recommendation.objects.filter(seeker=profile, posting__status=PostingStatus.OPEN)
        .select_related("posting__employer", "posting__area")
        .order_by("rank")
    )


def match_runs() -> QuerySet[MatchRun]:
    """Every match run, in the model's order (newest first)."""
    return MatchRun.objects.all()


def match_run_assignments(run: MatchRun, *, unassigned: bool) -> QuerySet[Assignment]:
    """An assign run's assignments (best score first), or with `unassigned` those left out."""
    rows = Assignment.objects.filter(match_run=run, posting__isnull=unassigned)
    return rows.select_related("seeker", "posting__employer", "posting__area").order_by(
        "-score", "id"
    )


def recommendations_empty_reason(profile: SeekerProfile) -> EmptyReason | None:
    """Why the seeker has no recommendation, under the policy in force (`recommend.
    empty_reason`: a few count queries to the search backend; None when it cannot answer)."""
    return empty_reason(profile, ordinance_policy_current())
