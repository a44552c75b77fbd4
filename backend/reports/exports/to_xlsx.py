"""The report as XLSX (openpyxl): a sheet per table (the report, and the small-cell note),
each with a header block — report, period, breakdown, `as_of`, policy version, generated at,
the small-cell rule — then the table. Rates are cells formatted as percent, counts with
thousands separators; suppressed values are the text "<5"."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from backend.reports.derive import SEOUL
from backend.reports.exports.columns import BY_LABELS, SUPPRESSED, cells, columns_of

NUMBER_FORMATS = {"count": "#,##0", "rate": "0.0%", "number": "#,##0.0"}


def report_titles() -> dict[str, str]:
    return {
        "placements": gettext("취업 연계 실적"),
        "mentoring": gettext("멘토링 실적"),
        "ordinance": gettext("고졸 지역인재 채용"),
    }


def generated_at_text(iso: str) -> str:
    """`2026-12-01 21:20 (KST)` from the output's ISO timestamp."""
    moment = datetime.datetime.fromisoformat(iso).astimezone(SEOUL)
    return f"{moment:%Y-%m-%d %H:%M} (KST)"


def header_block(output: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) lines naming what the table is (shared with the PDF's cover)."""
    period = output["period"]
    return [
        (gettext("보고서"), report_titles()[output["kind"]]),
        (gettext("기간"), f"{period['from']} ~ {period['to']}"),
        (gettext("구분 기준"), str(BY_LABELS.get(output["by"], output["by"]))),
        (gettext("기준일(as_of)"), output["as_of"]),
        (gettext("조례 정책 버전"), str(output["policy_version"] or "")),
        (gettext("작성 시각"), generated_at_text(output["generated_at"])),
        (gettext("소집단 비공개 기준"), output["small_cell_rule"]),
    ]


def report_xlsx(output: dict[str, Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = report_titles()[output["kind"]][:31]
    bold = Font(bold=True)
    for label, value in header_block(output):
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([])
    columns = columns_of(output["kind"])
    sheet.append(
        [gettext("구분 코드"), gettext("구분"), *[str(column.header) for column in columns]]
    )
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in [*output["rows"], output["total"]]:
        values: list[Any] = [row["key"], row["label"]]
        for _column, value, hidden in cells(row, columns):
            values.append(SUPPRESSED if hidden else value)
        sheet.append(values)
        for index, column in enumerate(columns, start=3):
            cell = sheet.cell(row=sheet.max_row, column=index)
            if isinstance(cell.value, int | float) and column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
            elif cell.value == SUPPRESSED:
                cell.alignment = Alignment(horizontal="right")
    sheet.cell(row=sheet.max_row, column=2).font = bold
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 22

    note = workbook.create_sheet(gettext("소집단 비공개"))
    note.append([gettext("소집단 비공개 기준")])
    note.append([output["small_cell_rule"]])
    note.append(
        [gettext("이 파일에는 개인정보가 없어요: 모든 값은 집계이며 1~4명인 값은 가렸어요.")]
    )
    note.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
