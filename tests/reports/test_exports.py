"""The three formats read back: CSV with the csv module, XLSX with openpyxl, the PDF with
pdftotext (poppler-utils) — Korean text selectable, suppressed values "<5"."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.api import ClientFor, assert_status
from tests.factories.accounts import staff_user
from tests.reports.conftest import Population

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/v1/reports/placements/"


def test_csv_is_utf8_with_bom_and_suppressed(client_for: ClientFor, population: Population) -> None:
    response = client_for(staff_user()).get(URL, population.params(by="cohort", format="csv"))
    assert_status(response, 200)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *body = rows
    assert header[:5] == ["구분 코드", "구분", "참여자", "취업자", "취업 건수"]
    assert "취업률(%)" in header
    assert "3개월 고용유지율(%)" in header
    table = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert list(table) == ["graduate", "returner", "senior", "total"]
    assert table["graduate"]["참여자"] == "12"
    assert table["graduate"]["취업률(%)"] == "75.0"
    assert table["senior"]["참여자"] == "<5"
    assert table["returner"]["취업자"] == "<5"  # complementary
    assert table["graduate"]["1개월 퇴사"] == "<5"  # the whole block
    assert table["graduate"]["1개월 확인 대상"] == "<5"
    assert table["total"]["취업 건수"] == "16"
    assert table["total"]["3개월 고용유지율(%)"] == ""  # no outcome recorded: undefined


def test_xlsx_sheets_header_block_and_number_formats(
    client_for: ClientFor, population: Population
) -> None:
    response = client_for(staff_user()).get(URL, population.params(by="cohort", format="xlsx"))
    assert_status(response, 200)
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["취업 연계 실적", "소집단 비공개"]
    sheet = workbook["취업 연계 실적"]
    block = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in range(1, 8)
    }
    assert block["기간"] == f"{population.date_from} ~ {population.date_to}"
    assert block["조례 정책 버전"] == "1"
    assert block["작성 시각"]
    assert "<5" in block["소집단 비공개 기준"]
    header_row = next(r for r in range(1, 20) if sheet.cell(row=r, column=1).value == "구분 코드")
    headers = [cell.value for cell in sheet[header_row]]
    graduate = [cell for cell in sheet[header_row + 1]]
    assert graduate[0].value == "graduate"
    participants = graduate[headers.index("참여자")]
    assert participants.value == 12
    assert participants.number_format == "#,##0"
    rate = graduate[headers.index("취업률")]
    assert rate.value == pytest.approx(0.75)
    assert rate.number_format == "0.0%"
    senior = [cell.value for cell in sheet[header_row + 3]]
    assert senior[headers.index("참여자")] == "<5"


def test_pdf_is_the_council_report_with_selectable_korean(
    client_for: ClientFor, population: Population, tmp_path: Path
) -> None:
    response = client_for(staff_user()).get(URL, population.params(by="cohort", format="pdf"))
    assert_status(response, 200)
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    assert shutil.which("pdftotext"), (
        "pdftotext (poppler-utils) is needed: apt-get install poppler-utils"
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "취업 연계 실적" in text
    assert f"{population.date_from} ~ {population.date_to}" in text
    assert "조례 정책 버전" in text
    assert "지역 고교 졸업생" in text
    assert "<5" in text
    assert "소집단 비공개" in text
    assert "구분별 취업 건수" in text  # a chart's title, as text
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line for line in pages.splitlines() if line.startswith("Pages:")).split()[1])
    assert count >= 2
    assert re.search(rf"\b2\s*/\s*{count}\b", text)  # page numbers
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "CJK" in fonts
    assert " yes " in fonts
