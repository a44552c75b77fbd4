"""The flat columns of each report as files and the web page show them: name (the value's
name in `suppressed`), Korean header, and kind (how a value is written)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from backend.reports.models import RETENTION_MONTHS
from backend.reports.specs import retention_name

Kind = Literal["count", "rate", "number", "text"]
SUPPRESSED = "<5"


@dataclass(frozen=True)
class Column:
    name: str
    header: StrPromise | str
    kind: Kind


RETENTION_HEADERS = {
    "due": _("%(month)s개월 확인 대상"),
    "retained": _("%(month)s개월 유지"),
    "left": _("%(month)s개월 퇴사"),
    "unknown": _("%(month)s개월 미확인"),
    "rate": _("%(month)s개월 고용유지율"),
}


BY_LABELS = {
    "cohort": _("대상 구분별"),
    "career_field": _("계열별"),
    "area": _("행정동별"),
    "employer_type": _("기업 구분별"),
    "employment_type": _("고용 형태별"),
    "month": _("월별"),
    "mentor_kind": _("멘토 유형별"),
    "employer": _("기관별"),
}


def placement_columns() -> list[Column]:
    columns = [
        Column("participants", _("참여자"), "count"),
        Column("placed", _("취업자"), "count"),
        Column("placements", _("취업 건수"), "count"),
        Column("placement_rate", _("취업률"), "rate"),
    ]
    for month in RETENTION_MONTHS:
        for part, header in RETENTION_HEADERS.items():
            columns.append(
                Column(
                    retention_name(month, part),
                    str(header) % {"month": month},
                    "rate" if part == "rate" else "count",
                )
            )
    columns.append(Column("median_days_to_placement", _("취업 소요기간 중앙값(일)"), "number"))
    return columns


def mentoring_columns() -> list[Column]:
    return [
        Column("requests", _("요청"), "count"),
        Column("accepted", _("수락"), "count"),
        Column("completed", _("완료"), "count"),
        Column("declined", _("거절"), "count"),
        Column("median_hours_to_acceptance", _("수락까지 시간 중앙값(시간)"), "number"),
    ]


def ordinance_columns() -> list[Column]:
    """The ordinance ledger's columns (`backend.reports.ledger`; texts prepared there)."""
    return [
        Column("kind_label", _("구분"), "text"),
        Column("source_label", _("자료"), "text"),
        Column("new_hires_total", _("신규 채용"), "count"),
        Column("local_graduate_hires", _("고졸 지역인재 채용"), "count"),
        Column("platform_local_graduate_hires", _("플랫폼 연계 고졸 지역인재"), "count"),
        Column("returner_hires", _("경력단절여성 채용"), "count"),
        Column("senior_hires", _("신중년 채용"), "count"),
        Column("share", _("채용 비율"), "rate"),
        Column("target_share", _("목표 비율"), "rate"),
        Column("met_label", _("목표 달성"), "text"),
        Column("shortfall", _("부족 인원"), "count"),
    ]


def columns_of(kind: str) -> list[Column]:
    if kind == "ordinance":
        return ordinance_columns()
    return placement_columns() if kind == "placements" else mentoring_columns()


def value_of(row: dict[str, Any], name: str) -> Any:
    """A row's value by its flat name (`retention.3.left` reads `row["retention"]["3"]["left"]`)."""
    if name.startswith("retention."):
        _, month, part = name.split(".")
        return row["retention"][month][part]
    return row.get(name)


def cells(row: dict[str, Any], columns: list[Column]) -> Iterator[tuple[Column, Any, bool]]:
    """(column, value, suppressed) for each column of an output row."""
    hidden = set(row.get("suppressed", ()))
    for column in columns:
        yield column, value_of(row, column.name), column.name in hidden


def text_of(column: Column, value: Any, suppressed: bool) -> str:
    """How a value reads in CSV, PDF and on the page: "<5" suppressed, "" not applicable,
    rates as percent with one decimal, medians with one decimal, counts with separators."""
    if suppressed:
        return SUPPRESSED
    if value is None:
        return ""
    if column.kind == "text":
        return str(value)
    if column.kind == "rate":
        return f"{value * 100:.1f}%"
    if column.kind == "number":
        return f"{value:,.1f}"
    return f"{value:,}"
