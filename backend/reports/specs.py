"""The report tables' columns (REPORTS.md, Outputs) and their small-cell specs."""

from __future__ import annotations

from backend.reports.models import RETENTION_MONTHS
from backend.reports.smallcells import Derived, TableSpec

RETENTION_FIELDS = ("due", "retained", "left", "unknown")


def retention_name(month: int, part: str) -> str:
    """`retention.3.left`: the name of a retention value in `suppressed` lists."""
    return f"retention.{month}.{part}"


def _placements_spec() -> TableSpec:
    counts: list[str] = ["participants", "placed", "placements"]
    blocks: list[tuple[str, ...]] = []
    derived = [
        Derived("placement_rate", inputs=("participants", "placed"), base=("participants",)),
        Derived("median_days_to_placement", inputs=("placed", "placements"), base=("placed",)),
    ]
    for month in RETENTION_MONTHS:
        names = tuple(retention_name(month, part) for part in RETENTION_FIELDS)
        counts.extend(names)
        rate = retention_name(month, "rate")
        blocks.append((*names, rate))
        derived.append(
            Derived(
                rate,
                inputs=names,
                base=(retention_name(month, "retained"), retention_name(month, "left")),
            )
        )
    order = (
        "participants",
        "placed",
        "placements",
        "placement_rate",
        *(
            retention_name(month, part)
            for month in RETENTION_MONTHS
            for part in (*RETENTION_FIELDS, "rate")
        ),
        "median_days_to_placement",
    )
    return TableSpec(
        counts=tuple(counts), blocks=tuple(blocks), derived=tuple(derived), order=order
    )


PLACEMENTS = _placements_spec()

MENTORING = TableSpec(
    counts=("requests", "accepted", "completed", "declined"),
    derived=(Derived("median_hours_to_acceptance", inputs=("accepted",), base=("accepted",)),),
)
