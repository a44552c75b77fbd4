"""Reads of matching data."""

from __future__ import annotations

from backend.core.errors import NotFoundError
from backend.matching.models import OrdinancePolicy

POLICY_MISSING = "조례 정책이 없습니다. (No ordinance policy has been loaded.)"


def ordinance_policy_current() -> OrdinancePolicy:
    """The newest policy version. The data migration loads version 1, so one always exists
    unless someone deleted every row by hand (then 404, not a 500)."""
    policy = OrdinancePolicy.objects.select_related("created_by").order_by("-version").first()
    if policy is None:
        raise NotFoundError(POLICY_MISSING, code="policy_missing")
    return policy
