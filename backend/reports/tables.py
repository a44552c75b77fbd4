"""A report's output: the true numbers of `selectors` with REPORTS.md's small-cell rules
applied (`suppress=True`, always for the API and every export), as the JSON of the contract.

Staff may see the true numbers on screen, marked as internal (`suppress=False`): the same
shape, every `suppressed` list empty and `internal` true.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from backend.reports.followups import followup_block
from backend.reports.models import RETENTION_MONTHS
from backend.reports.selectors import Report, Row
from backend.reports.smallcells import TableSpec, suppress
from backend.reports.specs import MENTORING, PLACEMENTS, RETENTION_FIELDS, retention_name

SMALL_CELL_NOTE = gettext_lazy(
    "1~4명(건)인 값과, 그 값을 다른 값으로 역산할 수 없도록 함께 가린 값은 '<5'로 표시했어요. "
    "비율과 중앙값은 5명 미만으로 계산되었거나 가려진 값에서 나온 경우 가렸어요."
)

SPECS: dict[str, TableSpec] = {"placements": PLACEMENTS, "mentoring": MENTORING}


def _placement_row(row: Row, hidden: Sequence[str]) -> dict[str, Any]:
    values = row.values
    gone = set(hidden)

    def shown(name: str) -> Any:
        return None if name in gone else values.get(name)

    return {
        "key": row.key,
        "label": row.label,
        "participants": shown("participants"),
        "placed": shown("placed"),
        "placements": shown("placements"),
        "placement_rate": shown("placement_rate"),
        "retention": {
            str(month): {
                part: shown(retention_name(month, part)) for part in (*RETENTION_FIELDS, "rate")
            }
            for month in RETENTION_MONTHS
        },
        "median_days_to_placement": shown("median_days_to_placement"),
        "suppressed": list(hidden),
    }


def _mentoring_row(row: Row, hidden: Sequence[str]) -> dict[str, Any]:
    gone = set(hidden)
    return {
        "key": row.key,
        "label": row.label,
        **{
            name: None if name in gone else row.values.get(name)
            for name in MENTORING.names_in_order()
        },
        "suppressed": list(hidden),
    }


def report_output(report: Report, *, suppressed: bool = True) -> dict[str, Any]:
    """The report as REPORTS.md's JSON (`period`, `by`, `generated_at`, `policy_version`,
    `rows`, `total`), plus `as_of`, `target_share`, `internal` and the small-cell note."""
    spec = SPECS[report.kind]
    if suppressed:
        hidden_rows, hidden_total = suppress(
            [row.values for row in report.rows], report.total.values, spec
        )
    else:
        hidden_rows, hidden_total = [[] for _ in report.rows], []
    render = _placement_row if report.kind == "placements" else _mentoring_row
    extra: dict[str, Any] = {}
    if report.kind == "mentoring":
        # College-major advice's 6- and 12-month follow-up (always suppressed: small groups).
        extra["follow_up"] = followup_block(
            date_from=report.date_from, date_to=report.date_to, as_of=report.as_of
        )
    return {
        **extra,
        "kind": report.kind,
        "period": {"from": report.date_from.isoformat(), "to": report.date_to.isoformat()},
        "by": report.by,
        "as_of": report.as_of.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "policy_version": report.policy_version,
        "target_share": report.target_share,
        "internal": not suppressed,
        "small_cell_rule": str(SMALL_CELL_NOTE),
        "rows": [render(row, hidden) for row, hidden in zip(report.rows, hidden_rows, strict=True)],
        "total": render(report.total, hidden_total),
    }
