"""Reads of matching data."""

from __future__ import annotations

from typing import TypedDict

from django.utils import timezone

from backend.core.errors import NotFoundError
from backend.matching.eligibility import ProfileLike, evaluate_eligibility, facts_of
from backend.matching.models import OrdinancePolicy

POLICY_MISSING = "조례 정책이 없습니다. (No ordinance policy has been loaded.)"


def ordinance_policy_current() -> OrdinancePolicy:
    """The newest policy version. The data migration loads version 1, so one always exists
    unless someone deleted every row by hand (then 404, not a 500)."""
    policy = OrdinancePolicy.objects.select_related("created_by").order_by("-version").first()
    if policy is None:
        raise NotFoundError(POLICY_MISSING, code="policy_missing")
    return policy


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
