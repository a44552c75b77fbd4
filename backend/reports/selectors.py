"""Reads of the statistical facts: the placement and mentoring reports' true numbers, computed
by the database (grouped aggregates; the median by `aggregates.Median`). Suppression is
applied on output (`backend.reports.tables`), never here, so a snapshot can keep raw numbers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext

from backend.matching.models import OrdinancePolicy
from backend.mentoring.models import MentorKind
from backend.reports.aggregates import Median
from backend.reports.derive import SEOUL
from backend.reports.models import (
    RETENTION_MONTHS,
    EmployerType,
    MentoringFact,
    PlacementFact,
    ProfileFact,
)
from backend.reports.specs import retention_name
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.vocabulary import Cohort, EmploymentType

# Breakdowns (`by`): the attribute of the person (cohort, area: participants and placements
# alike) or of the job (career field, employer type, employment type: placements only, so
# `participants` and `placement_rate` are not applicable, None, in their rows), or the month.
PLACEMENT_BREAKDOWNS = (
    "cohort",
    "career_field",
    "area",
    "employer_type",
    "employment_type",
    "month",
)
PERSON_BREAKDOWNS = frozenset({"cohort", "area"})
MENTORING_BREAKDOWNS = ("career_field", "mentor_kind")
UNSPECIFIED = "미지정"

Values = dict[str, Any]


@dataclass
class Row:
    """One row of a report: its `key` (a code, a month "2026-03", "" for unspecified), the
    label people read, and the true values by column name."""

    key: str
    label: str
    values: Values = field(default_factory=dict)


@dataclass
class Report:
    """A report's true numbers, before suppression."""

    kind: str
    date_from: datetime.date
    date_to: datetime.date
    by: str
    as_of: datetime.date
    policy_version: int | None
    target_share: float | None
    rows: list[Row]
    total: Row


def policy_in_force(on: datetime.date) -> OrdinancePolicy | None:
    """The policy version in force at the end of day `on` (Seoul): the newest created by
    then, else (a day before the first version) the first version."""
    end = datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time(), SEOUL)
    policies = OrdinancePolicy.objects.only("version", "document", "created_at")
    return (
        policies.filter(created_at__lt=end).order_by("-version").first()
        or policies.order_by("version").first()
    )


def _labels(by: str, keys: Iterable[str]) -> dict[str, str]:
    keys = [key for key in keys if key]
    if by == "cohort":
        return {key: str(Cohort(key).label) for key in keys if key in Cohort.values}
    if by == "area":
        return dict(Area.objects.filter(code__in=keys).values_list("code", "name"))
    if by == "career_field":
        return dict(CareerField.objects.filter(code__in=keys).values_list("code", "name"))
    if by == "employer_type":
        return {key: str(EmployerType(key).label) for key in keys if key in EmployerType.values}
    if by == "employment_type":
        return {key: str(EmploymentType(key).label) for key in keys if key in EmploymentType.values}
    if by == "mentor_kind":
        return {key: str(MentorKind(key).label) for key in keys if key in MentorKind.values}
    return {}


# Categories always listed (0 is shown), in this order; other breakdowns list what occurs.
FIXED_KEYS: dict[str, tuple[str, ...]] = {
    "cohort": tuple(Cohort.values),
    "employer_type": tuple(EmployerType.values),
    "employment_type": tuple(EmploymentType.values),
    "mentor_kind": tuple(MentorKind.values),
}


def _ordered_keys(by: str, found: Iterable[str]) -> list[str]:
    fixed = FIXED_KEYS.get(by, ())
    extra = sorted(key for key in set(found) if key not in fixed)
    # Unspecified ("") goes last.
    return [*fixed, *[key for key in extra if key], *([""] if "" in extra else [])]


# ----------------------------------------------------------------------------- placements


def _spells(date_from: datetime.date, date_to: datetime.date) -> QuerySet[ProfileFact]:
    """Spells overlapping the period."""
    return ProfileFact.objects.filter(started_on__lte=date_to).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=date_from)
    )


def _placement_aggregates(as_of: datetime.date) -> dict[str, Any]:
    aggregates: dict[str, Any] = {
        "placed": Count("person_key", distinct=True),
        "placements": Count("id"),
        "median_days_to_placement": Median("days_to_placement"),
    }
    for month in RETENTION_MONTHS:
        due = Q(**{f"due_{month}__lte": as_of})
        recorded = Q(**{f"recorded_{month}__lte": as_of})
        aggregates[retention_name(month, "due")] = Count("id", filter=due)
        for outcome in ("retained", "left"):
            aggregates[retention_name(month, outcome)] = Count(
                "id", filter=due & recorded & Q(**{f"status_{month}": outcome})
            )
    return aggregates


def _finish_placement_values(values: Mapping[str, Any], participants: int | None) -> Values:
    """A row's values in the output's names: counts, rates, unknowns."""
    row: Values = {
        "participants": participants,
        "placed": values.get("placed") or 0,
        "placements": values.get("placements") or 0,
    }
    row["placement_rate"] = row["placed"] / participants if participants else None
    for month in RETENTION_MONTHS:
        due = values.get(retention_name(month, "due")) or 0
        retained = values.get(retention_name(month, "retained")) or 0
        left = values.get(retention_name(month, "left")) or 0
        row[retention_name(month, "due")] = due
        row[retention_name(month, "retained")] = retained
        row[retention_name(month, "left")] = left
        row[retention_name(month, "unknown")] = due - retained - left
        row[retention_name(month, "rate")] = (
            retained / (retained + left) if retained + left else None
        )
    median = values.get("median_days_to_placement")
    row["median_days_to_placement"] = float(median) if median is not None else None
    return row


def _participants(
    date_from: datetime.date, date_to: datetime.date, by: str | None
) -> tuple[dict[str, int], int]:
    spells = _spells(date_from, date_to)
    total = spells.aggregate(n=Count("person_key", distinct=True))["n"] or 0
    if by is None:
        return {}, total
    grouped = spells.values(by).annotate(n=Count("person_key", distinct=True))
    return {row[by]: row["n"] for row in grouped}, total


def placements_report(
    *, date_from: datetime.date, date_to: datetime.date, by: str, as_of: datetime.date
) -> Report:
    """The placement report (REPORTS.md, Indicators) over the period, broken down `by`."""
    facts = PlacementFact.objects.filter(hired_on__gte=date_from, hired_on__lte=date_to)
    aggregates = _placement_aggregates(as_of)
    total_values = facts.aggregate(**aggregates)
    _, total_participants = _participants(date_from, date_to, None)
    rows: list[Row]
    if by == "month":
        rows = _month_rows(facts, aggregates, date_from, date_to)
    else:
        grouped = {row[by]: row for row in facts.values(by).annotate(**aggregates)}
        participants: dict[str, int] = {}
        if by in PERSON_BREAKDOWNS:
            participants, _ = _participants(date_from, date_to, by)
        keys = _ordered_keys(by, [*grouped, *participants])
        labels = _labels(by, keys)
        rows = [
            Row(
                key=key,
                label=labels.get(key, key) if key else gettext(UNSPECIFIED),
                values=_finish_placement_values(
                    grouped.get(key, {}),
                    participants.get(key, 0) if by in PERSON_BREAKDOWNS else None,
                ),
            )
            for key in keys
        ]
    policy = policy_in_force(date_to)
    return Report(
        kind="placements",
        date_from=date_from,
        date_to=date_to,
        by=by,
        as_of=as_of,
        policy_version=policy.version if policy else None,
        target_share=float(policy.document["target_share"]) if policy else None,
        rows=rows,
        total=Row(
            key="total",
            label=gettext("전체"),
            values=_finish_placement_values(total_values, total_participants),
        ),
    )


def months_of(
    date_from: datetime.date, date_to: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """Each calendar month of the period as (first day, last day), clipped to the period."""
    months = []
    start = date_from
    while start <= date_to:
        following = (start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        months.append((start, min(date_to, following - datetime.timedelta(days=1))))
        start = following
    return months


def _month_rows(
    facts: QuerySet[PlacementFact],
    aggregates: dict[str, Any],
    date_from: datetime.date,
    date_to: datetime.date,
) -> list[Row]:
    grouped = {
        (row["year"], row["month"]): row
        for row in facts.annotate(year=ExtractYear("hired_on"), month=ExtractMonth("hired_on"))
        .values("year", "month")
        .annotate(**aggregates)
    }
    rows = []
    for first, last in months_of(date_from, date_to):
        _, participants = _participants(first, last, None)
        rows.append(
            Row(
                key=f"{first:%Y-%m}",
                label=gettext("%(year)s년 %(month)s월")
                % {"year": first.year, "month": first.month},
                values=_finish_placement_values(
                    grouped.get((first.year, first.month), {}), participants
                ),
            )
        )
    return rows


# ----------------------------------------------------------------------------- mentoring

MENTORING_AGGREGATES: dict[str, Any] = {
    "requests": Count("id"),
    "accepted": Count("id", filter=Q(accepted_at__isnull=False)),
    "completed": Count("id", filter=Q(outcome="completed")),
    "declined": Count("id", filter=Q(outcome="declined")),
    "median_hours_to_acceptance": Median("hours_to_acceptance"),
}


def _mentoring_values(values: Mapping[str, Any]) -> Values:
    median = values.get("median_hours_to_acceptance")
    return {
        "requests": values.get("requests") or 0,
        "accepted": values.get("accepted") or 0,
        "completed": values.get("completed") or 0,
        "declined": values.get("declined") or 0,
        "median_hours_to_acceptance": float(median) if median is not None else None,
    }


def mentoring_report(
    *, date_from: datetime.date, date_to: datetime.date, by: str, as_of: datetime.date
) -> Report:
    """Mentoring requests asked in the period, by career field or mentor kind: how many were
    asked, accepted (ever), completed, declined, and the median hours to acceptance."""
    facts = MentoringFact.objects.filter(requested_on__gte=date_from, requested_on__lte=date_to)
    grouped = {row[by]: row for row in facts.values(by).annotate(**MENTORING_AGGREGATES)}
    keys = _ordered_keys(by, grouped)
    labels = _labels(by, keys)
    unspecified = gettext("미배정") if by == "mentor_kind" else gettext(UNSPECIFIED)
    rows = [
        Row(
            key=key,
            label=labels.get(key, key) if key else unspecified,
            values=_mentoring_values(grouped.get(key, {})),
        )
        for key in keys
    ]
    policy = policy_in_force(date_to)
    return Report(
        kind="mentoring",
        date_from=date_from,
        date_to=date_to,
        by=by,
        as_of=as_of,
        policy_version=policy.version if policy else None,
        target_share=float(policy.document["target_share"]) if policy else None,
        rows=rows,
        total=Row(
            key="total",
            label=gettext("전체"),
            values=_mentoring_values(facts.aggregate(**MENTORING_AGGREGATES)),
        ),
    )
