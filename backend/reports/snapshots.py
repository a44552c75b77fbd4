"""Report snapshots (REPORTS.md, Outputs): generating one (the monthly and yearly jobs, or
staff on request), regenerating (a new snapshot; the old one is marked superseded and kept),
publishing a yearly one, and its output — always suppressed as the report's own would be.

A snapshot stores the report's raw numbers; `snapshot_output` applies the small-cell rules
when it is read, so the published file is the same as a fresh suppressed export of that day.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import User
from backend.core.errors import ConflictError
from backend.reports.ledger import ledger_export_output, ordinance_ledger
from backend.reports.models import ReportSnapshot, SnapshotKind, SnapshotPeriod
from backend.reports.selectors import Report, Row, mentoring_report, placements_report
from backend.reports.tables import report_output

DEFAULT_BY = {"placements": "cohort", "mentoring": "career_field"}


def _report_data(report: Report) -> dict[str, Any]:
    def row(item: Row) -> dict[str, Any]:
        return {"key": item.key, "label": item.label, "values": item.values}

    return {
        "kind": report.kind,
        "date_from": report.date_from.isoformat(),
        "date_to": report.date_to.isoformat(),
        "by": report.by,
        "as_of": report.as_of.isoformat(),
        "policy_version": report.policy_version,
        "target_share": report.target_share,
        "rows": [row(item) for item in report.rows],
        "total": row(report.total),
    }


def _report_of(data: dict[str, Any]) -> Report:
    def row(item: dict[str, Any]) -> Row:
        return Row(key=item["key"], label=item["label"], values=dict(item["values"]))

    return Report(
        kind=data["kind"],
        date_from=datetime.date.fromisoformat(data["date_from"]),
        date_to=datetime.date.fromisoformat(data["date_to"]),
        by=data["by"],
        as_of=datetime.date.fromisoformat(data["as_of"]),
        policy_version=data["policy_version"],
        target_share=data["target_share"],
        rows=[row(item) for item in data["rows"]],
        total=row(data["total"]),
    )


def digest(data: dict[str, Any], parameters: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the parameters and the raw numbers: two snapshots of
    the same inputs have the same digest, so a regenerated one shows whether anything moved."""
    canonical = json.dumps(
        {"parameters": parameters, "data": data}, sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _compute(kind: str, parameters: dict[str, Any], as_of: datetime.date) -> dict[str, Any]:
    if kind == SnapshotKind.ORDINANCE:
        ledger = ordinance_ledger(year=int(parameters["year"]))
        ledger.pop("generated_at", None)
        return ledger
    select = placements_report if kind == SnapshotKind.PLACEMENTS else mentoring_report
    report = select(
        date_from=datetime.date.fromisoformat(parameters["from"]),
        date_to=datetime.date.fromisoformat(parameters["to"]),
        by=parameters.get("by") or DEFAULT_BY[kind],
        as_of=as_of,
    )
    return _report_data(report)


@transaction.atomic
def snapshot_generate(
    *,
    kind: str,
    parameters: dict[str, Any],
    as_of: datetime.date,
    period: str = SnapshotPeriod.ON_REQUEST,
    actor: User | None = None,
) -> ReportSnapshot:
    """Store a new snapshot of report `kind` with `parameters` (`from`, `to`, `by`; `year` for
    the ledger) judged on `as_of`. The live snapshot of the same kind, period and parameters
    is marked superseded by the new one (and kept)."""
    if kind not in SnapshotKind.values:
        raise ValueError(f"unknown report kind {kind!r}")
    data = _compute(kind, parameters, as_of)
    previous = list(
        ReportSnapshot.objects.select_for_update().filter(
            kind=kind, period=period, parameters=parameters, superseded_by__isnull=True
        )
    )
    snapshot = ReportSnapshot.objects.create(
        kind=kind,
        period=period,
        parameters=parameters,
        as_of=as_of,
        data=data,
        inputs_digest=digest(data, parameters),
        policy_version=data.get("policy_version"),
        generated_at=timezone.now(),
        generated_by=actor,
    )
    # The one change a snapshot ever takes after it is written (besides its publication).
    ReportSnapshot.objects.filter(pk__in=[row.pk for row in previous]).update(
        superseded_by=snapshot
    )
    return snapshot


@transaction.atomic
def snapshot_publish(*, snapshot: ReportSnapshot) -> ReportSnapshot:
    """Publish a live yearly snapshot on /reports/ (409 when it is not yearly, superseded, or
    already published)."""
    if snapshot.period != SnapshotPeriod.YEARLY:
        raise ConflictError(gettext("연간 스냅숏만 공개할 수 있어요."), code="not_yearly")
    if snapshot.superseded_by_id is not None:
        raise ConflictError(
            gettext("새 스냅숏으로 바뀐 스냅숏은 공개할 수 없어요."), code="superseded"
        )
    if snapshot.published_at is not None:
        raise ConflictError(gettext("이미 공개한 스냅숏이에요."), code="already_published")
    snapshot.published_at = timezone.now()
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(published_at=snapshot.published_at)
    return snapshot


def snapshot_output(snapshot: ReportSnapshot) -> dict[str, Any]:
    """The snapshot as the report files read it, small cells suppressed (the ledger, a table
    of institutions, is not), with the snapshot's own generation time."""
    if snapshot.kind == SnapshotKind.ORDINANCE:
        ledger = {**snapshot.data, "generated_at": snapshot.generated_at.isoformat()}
        return ledger_export_output(ledger)
    output = report_output(_report_of(snapshot.data), suppressed=True)
    output["generated_at"] = snapshot.generated_at.isoformat()
    return output


def snapshot_list() -> QuerySet[ReportSnapshot]:
    return ReportSnapshot.objects.order_by("-generated_at", "-id")


def published_snapshots() -> QuerySet[ReportSnapshot]:
    return ReportSnapshot.objects.filter(
        published_at__isnull=False, superseded_by__isnull=True
    ).order_by("-as_of", "kind", "-id")


def previous_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = today.replace(day=1) - datetime.timedelta(days=1)
    return last.replace(day=1), last


def _scheduled(
    kind: str, parameters: dict[str, Any], today: datetime.date, period: str
) -> ReportSnapshot:
    """The job's snapshot of today: a second run of the same day finds it and makes none."""
    existing = ReportSnapshot.objects.filter(
        kind=kind, period=period, parameters=parameters, as_of=today, superseded_by__isnull=True
    ).first()
    if existing is not None:
        return existing
    return snapshot_generate(kind=kind, parameters=parameters, as_of=today, period=period)


def snapshots_monthly(today: datetime.date) -> list[ReportSnapshot]:
    """The monthly job's snapshots (1st of the month): last month's placements and mentoring."""
    first, last = previous_month(today)
    made = []
    for kind in (SnapshotKind.PLACEMENTS, SnapshotKind.MENTORING):
        parameters = {"from": first.isoformat(), "to": last.isoformat(), "by": DEFAULT_BY[kind]}
        made.append(_scheduled(kind, parameters, today, SnapshotPeriod.MONTHLY))
    return made


def snapshots_yearly(today: datetime.date) -> list[ReportSnapshot]:
    """The yearly job's snapshots (after the survey deadline): last year's three reports."""
    year = today.year - 1
    made = []
    for kind in (SnapshotKind.PLACEMENTS, SnapshotKind.MENTORING):
        parameters = {"from": f"{year}-01-01", "to": f"{year}-12-31", "by": DEFAULT_BY[kind]}
        made.append(_scheduled(kind, parameters, today, SnapshotPeriod.YEARLY))
    made.append(_scheduled(SnapshotKind.ORDINANCE, {"year": year}, today, SnapshotPeriod.YEARLY))
    return made
