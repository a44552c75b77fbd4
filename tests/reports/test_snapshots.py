"""Report snapshots: raw numbers stored, suppression on output, regenerating keeps the old one
superseded, the monthly and yearly jobs (safe to run twice), the API (staff only), publishing
a yearly snapshot to the public page /reports/ with its PDF and CSV suppressed."""

from __future__ import annotations

import csv
import io

import pytest

from backend.reports.models import ReportSnapshot
from backend.reports.tasks import report_snapshots_monthly, report_snapshots_yearly
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, seeker
from tests.reports.world import D, build_world, on
from tests.web.seeker_helpers import client_for as web_client

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/v1/reports/snapshots/"


@pytest.fixture
def world():
    return build_world()


def test_yearly_job_freezes_last_years_reports_and_runs_once(world) -> None:
    assert report_snapshots_yearly("2026-02-15") == {"snapshots": 3}
    assert report_snapshots_yearly("2026-02-15") == {"snapshots": 3}
    assert ReportSnapshot.objects.count() == 3
    placements = ReportSnapshot.objects.get(kind="placements")
    assert placements.parameters == {"from": "2025-01-01", "to": "2025-12-31", "by": "cohort"}
    # Raw numbers: 2025 had 8 placements (world.py), 7 people; nothing suppressed in storage.
    assert placements.data["total"]["values"]["placements"] == 8
    assert placements.data["total"]["values"]["placed"] == 7
    assert len(placements.inputs_digest) == 64
    ledger = ReportSnapshot.objects.get(kind="ordinance")
    assert ledger.parameters == {"year": 2025}
    assert ledger.policy_version == 1


def test_monthly_job_snapshots_the_previous_month(world) -> None:
    report_snapshots_monthly("2025-04-01")
    snapshot = ReportSnapshot.objects.get(kind="placements")
    assert snapshot.parameters["from"] == "2025-03-01"
    assert snapshot.parameters["to"] == "2025-03-31"
    assert snapshot.data["total"]["values"]["placements"] == 2  # G1, G2 in March


def test_regenerating_keeps_the_old_one_and_output_is_suppressed(
    world, client_for: ClientFor
) -> None:
    staff = client_for(world.staff)
    body = {"kind": "placements", "parameters": {"from": "2025-01-01", "to": "2025-12-31"}}
    with on(D(2026, 6, 30)):
        first = staff.post(URL, body, format="json").json()
        second = staff.post(URL, body, format="json").json()
    assert first["inputs_digest"] == second["inputs_digest"]  # same inputs
    listed = staff.get(URL).json()
    assert listed["count"] == 2
    old = next(row for row in listed["results"] if row["id"] == first["id"])
    assert (old["superseded"], old["superseded_by"]) == (True, second["id"])
    detail = staff.get(f"{URL}{second['id']}/").json()
    total = detail["output"]["total"]
    # 7 people placed is shown; the cohort rows with 1-4 are suppressed on output.
    assert total["placed"] == 7
    assert any(row["suppressed"] for row in detail["output"]["rows"])
    assert staff.get(f"{URL}{second['id']}/", {"format": "csv"}).status_code == 200
    bad = staff.post(URL, {"kind": "placements", "parameters": {"from": "x"}}, format="json")
    assert bad.status_code == 400
    assert "parameters" in bad.json()


def test_only_staff_and_publishing_to_the_public_page(world, client_for: ClientFor) -> None:
    report_snapshots_yearly("2026-02-15")
    monthly = report_snapshots_monthly("2026-02-01")
    assert monthly == {"snapshots": 2}
    for user in (seeker(), employer_user()):
        assert_status(client_for(user).get(URL), 403)
    assert_status(client_for(None).get(URL), 401)
    yearly = ReportSnapshot.objects.get(kind="placements", period="yearly")
    month = ReportSnapshot.objects.filter(period="monthly").first()
    assert month is not None
    staff = client_for(world.staff)
    assert staff.post(f"{URL}{month.pk}/publish/").status_code == 409
    public = web_client(None)
    assert "아직 공개한 보고서가 없어요." in public.get("/reports/").content.decode()
    assert public.get(f"/reports/{yearly.pk}/csv/").status_code == 404
    assert staff.post(f"{URL}{yearly.pk}/publish/").status_code == 200
    assert staff.post(f"{URL}{yearly.pk}/publish/").status_code == 409
    page = public.get("/reports/").content.decode()
    assert f"/reports/{yearly.pk}/pdf/" in page
    response = public.get(f"/reports/{yearly.pk}/csv/")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any("<5" in row for row in table)  # suppressed for the public
    assert public.get(f"/reports/{yearly.pk}/xlsx/").status_code == 404
