"""The ordinance ledger (고졸 지역인재 채용, REPORTS.md): hand-computed figures on
`world.build_world()`, survey vs platform source, the target of the version in force on
31 Dec, exact decimal shortfalls, access per role, and the files read back.

In 2025 the platform placed G1 and G2 (both local graduates) at A (covered: city-funded, 40
staff) and G3 and G4 at B (partner: pledge); C (5 staff, no pledge) is not in the ledger.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from backend.accounts.models import AccessLog
from backend.employers.surveys import hiring_survey_file
from backend.matching.models import OrdinancePolicy
from backend.reports.ledger import ledger_figures
from tests.api import ClientFor, assert_status
from tests.factories.accounts import mentor_user, seeker
from tests.reports.world import D, build_world, on

pytestmark = [pytest.mark.django_db]

URL = "/api/v1/reports/ordinance/"


@pytest.fixture
def world():
    return build_world()


def rows_by_name(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["employer_name"]: row for row in body["rows"]}


def test_exact_decimal_shortfall() -> None:
    # 0.1 × 30 is 3.0000000000000004 in binary floats: ceil would say 4.
    figures = ledger_figures(new_hires=30, local_hires=0, target=Decimal("0.1"))
    assert figures.shortfall == 3
    assert figures.met is False
    assert ledger_figures(new_hires=30, local_hires=3, target=Decimal("0.1")).met is True
    # ceil(0.2 × 7) = ceil(1.4) = 2
    assert ledger_figures(new_hires=7, local_hires=1, target=Decimal("0.2")).shortfall == 1
    assert ledger_figures(new_hires=7, local_hires=5, target=Decimal("0.2")).shortfall == 0
    none = ledger_figures(new_hires=0, local_hires=0, target=Decimal("0.2"))
    assert (none.share, none.met, none.shortfall) == (None, None, 0)


def test_platform_source_for_a_year_without_survey(world, client_for: ClientFor) -> None:
    with on(D(2026, 6, 30)):
        body = client_for(world.staff).get(URL, {"year": "2025"}).json()
    assert body["year"] == 2025
    assert body["target_share"] == 0.2
    assert body["policy_version"] == 1
    rows = rows_by_name(body)
    a, b = world.employers["A"], world.employers["B"]
    assert set(rows) == {a.name, b.name}
    assert [row["kind"] for row in body["rows"]] == ["covered", "partner"]
    row_a = rows[a.name]
    assert row_a["source"] == "platform"
    assert (row_a["new_hires_total"], row_a["local_graduate_hires"]) == (2, 2)
    assert row_a["platform_local_graduate_hires"] == 2
    assert (row_a["share"], row_a["met"], row_a["shortfall"]) == (1.0, True, 0)
    assert rows[b.name]["kind"] == "partner"
    assert rows[b.name]["is_partner"] is True


def test_survey_source_replaces_platform_figures(world, client_for: ClientFor) -> None:
    a = world.employers["A"]
    with on(D(2026, 1, 20)):
        hiring_survey_file(
            employer=a,
            actor=world.staff,
            values={
                "year": 2025,
                "new_hires_total": 30,
                "local_graduate_hires": 5,
                "returner_hires": 3,
                "senior_hires": 1,
            },
        )
    with on(D(2026, 6, 30)):
        row = rows_by_name(client_for(world.staff).get(URL, {"year": "2025"}).json())[a.name]
    assert row["source"] == "survey"
    assert (row["new_hires_total"], row["local_graduate_hires"]) == (30, 5)
    assert row["platform_local_graduate_hires"] == 2  # still beside them
    assert (row["returner_hires"], row["senior_hires"]) == (3, 1)
    # share 5/30 = 0.1667 < 0.2; shortfall ceil(0.2 × 30) − 5 = 6 − 5 = 1
    assert row["share"] == pytest.approx(5 / 30)
    assert (row["met"], row["shortfall"]) == (False, 1)


def test_target_from_the_version_in_force_on_31_december(world, client_for: ClientFor) -> None:
    first = OrdinancePolicy.objects.get(version=1)
    with on(D(2025, 1, 1)):
        OrdinancePolicy.objects.filter(pk=first.pk).update(
            created_at=datetime.datetime.now(datetime.UTC)
        )
    document = copy.deepcopy(first.document)
    document["target_share"] = 0.1
    with on(D(2025, 6, 1)):
        OrdinancePolicy.objects.create(version=2, document=document, note="10%")
    document = copy.deepcopy(first.document)
    document["target_share"] = 0.5
    with on(D(2026, 2, 1)):
        OrdinancePolicy.objects.create(version=3, document=document, note="50%")
    a = world.employers["A"]
    with on(D(2026, 1, 20)):
        hiring_survey_file(
            employer=a,
            actor=world.staff,
            values={
                "year": 2025,
                "new_hires_total": 30,
                "local_graduate_hires": 3,
                "returner_hires": 0,
                "senior_hires": 0,
            },
        )
    with on(D(2026, 6, 30)):
        body = client_for(world.staff).get(URL, {"year": "2025"}).json()
        current = client_for(world.staff).get(URL, {"year": "2026"}).json()
    assert (body["policy_version"], body["target_share"]) == (2, 0.1)
    row = rows_by_name(body)[a.name]
    # 3/30 = 0.1 ≥ 0.1 exactly; ceil(0.1 × 30) − 3 = 0
    assert (row["met"], row["shortfall"]) == (True, 0)
    # The current year: the version in force today. A has no 2026 hires.
    assert (current["policy_version"], current["target_share"]) == (3, 0.5)
    row_2026 = rows_by_name(current)[a.name]
    assert (row_2026["new_hires_total"], row_2026["share"], row_2026["met"]) == (0, None, None)
    assert row_2026["shortfall"] == 0


def test_contracted_agency_by_headcount_is_covered(world, client_for: ClientFor) -> None:
    c = world.employers["C"]
    c.is_city_contracted = True
    c.authorised_headcount = 35
    c.save()
    with on(D(2026, 6, 30)):
        row = rows_by_name(client_for(world.staff).get(URL, {"year": "2025"}).json())[c.name]
    assert row["kind"] == "covered"
    # C hired G5, G1 (again), R1, R2 in 2025: 4 placements, 2 local graduates.
    assert (row["new_hires_total"], row["local_graduate_hires"]) == (4, 2)
    assert (row["met"], row["shortfall"]) == (True, 0)


def test_access_per_role(world, client_for: ClientFor) -> None:
    a = world.employers["A"]
    a_user = a.members.get().user
    c_user = world.employers["C"].members.get().user
    with on(D(2026, 6, 30)):
        own = client_for(a_user).get(URL, {"year": "2025"})
        assert own.status_code == 200
        assert [row["employer_id"] for row in own.json()["rows"]] == [a.pk]
        assert_status(client_for(c_user).get(URL, {"year": "2025"}), 403)
        assert_status(client_for(seeker()).get(URL), 403)
        assert_status(client_for(mentor_user()).get(URL), 403)
        assert_status(client_for(None).get(URL), 401)
        bad = client_for(world.staff).get(URL, {"year": "2031"})
        assert bad.status_code == 400
        assert "year" in bad.json()
        bad = client_for(world.staff).get(URL, {"year": "x", "format": "doc"})
        assert bad.status_code == 400
        assert {"year", "format"} <= set(bad.json())


def test_csv_and_xlsx_read_back_and_are_logged(world, client_for: ClientFor) -> None:
    a = world.employers["A"]
    with on(D(2026, 6, 30)):
        response = client_for(world.staff).get(URL, {"year": "2025", "format": "csv"})
        workbook_response = client_for(world.staff).get(URL, {"year": "2025", "format": "xlsx"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, rows = table[0], {row[1]: row for row in table[1:]}
    assert "고졸 지역인재 채용" in header
    row = dict(zip(header, rows[a.name], strict=True))
    assert (row["구분"], row["자료"], row["신규 채용"], row["고졸 지역인재 채용"]) == (
        "조례 적용 기관",
        "플랫폼 채용",
        "2",
        "2",
    )
    assert (row["채용 비율(%)"], row["목표 비율(%)"], row["목표 달성"]) == ("100.0", "20.0", "달성")
    workbook = load_workbook(io.BytesIO(workbook_response.content))
    sheet = workbook.worksheets[0]
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert any(line[:2] == [str(a.pk), a.name] and 2 in line for line in values)
    logged = AccessLog.objects.filter(what__contains="ordinance").count()
    assert logged == 2


def test_pdf_is_the_council_ledger(world, client_for: ClientFor, tmp_path) -> None:
    a = world.employers["A"]
    with on(D(2026, 6, 30)):
        response = client_for(world.staff).get(URL, {"year": "2025", "format": "pdf"})
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "ledger.pdf"
    pdf.write_bytes(response.content)
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "고졸 지역인재 채용" in text
    assert "2025-01-01 ~ 2025-12-31" in text
    assert a.name in text
    assert "기관별 고졸 지역인재 채용 비율" in text
