"""What a fact records of a live row: pure functions over duck-typed rows, shared by the
hook subscribers (`services`) and the one-off backfill (`backfill`, run by a data migration
on historical models), so both write the same facts."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from backend.matching.eligibility import evaluate_eligibility, facts_of
from backend.matching.posting_checks import employer_status

SEOUL = ZoneInfo("Asia/Seoul")


def seoul_day(moment: datetime.datetime) -> datetime.date:
    """The calendar day in Siheung of an aware datetime."""
    return moment.astimezone(SEOUL).date()


def eligible_programmes(
    profile: Any, policy: dict[str, Any] | None, *, on: datetime.date
) -> list[str]:
    """The ordinance programmes the profile qualifies for on day `on` under `policy` (none
    without a policy)."""
    if policy is None:
        return []
    decisions = evaluate_eligibility(facts_of(profile), policy, this_year=on.year)
    return [decision.programme for decision in decisions if decision.eligible]


def primary_career_field(profile: Any) -> str:
    """The first career field the seeker wishes for ("" when none)."""
    fields = profile.career_fields if isinstance(profile.career_fields, list) else []
    return str(fields[0]) if fields else ""


def employer_type(employer: Any, policy: dict[str, Any] | None) -> str:
    """`covered`, `partner` or `other` (REPORTS.md) under `policy`."""
    if policy is None:
        return "other"
    status = employer_status(
        is_city_funded=employer.is_city_funded,
        staff_count=employer.staff_count,
        partner_pledge=employer.partner_pledge,
        policy=policy,
        is_city_contracted=getattr(employer, "is_city_contracted", False),
        authorised_headcount=getattr(employer, "authorised_headcount", None),
    )
    return "other" if status == "none" else status


def hours_between(start: datetime.datetime, end: datetime.datetime) -> float:
    """Hours from `start` to `end`, never negative."""
    return max(0.0, (end - start).total_seconds() / 3600.0)
