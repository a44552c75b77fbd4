"""Correcting checkpoints on the pages: the employer within 14 days (the form says until when,
the history says who changed what), after that a note to ask staff and a refusal beside the
checkpoint; staff find any placement (/staff/placements/?employer=) and record or correct it
on its page (/staff/placements/<id>/). Filters survive paging and moves. Query counts pinned
and flat."""

from __future__ import annotations

import datetime
import functools
import re

import pytest
from django.utils import timezone

from backend.accounts.models import User
from backend.employers.models import Employer
from backend.jobs.checkpoints import placement_checkpoint_record
from backend.jobs.models import CheckpointChange, Placement, PlacementCheckpoint
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, applicant, placement_for, posting_in
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db]

STAFF_PLACEMENTS_QUERIES = 5
STAFF_PLACEMENT_QUERIES = 5


def _placement(employer: Employer) -> Placement:
    return placement_for(ApplicationFactory.create(posting=posting_in("open", employer=employer)))


def _age(placement: Placement, days: int) -> None:
    """Make every record of `placement` `days` old."""
    old = timezone.now() - datetime.timedelta(days=days)
    CheckpointChange.objects.filter(checkpoint__placement=placement).update(changed_at=old)
    PlacementCheckpoint.objects.filter(placement=placement, recorded_at__isnull=False).update(
        recorded_at=old
    )


def test_the_employer_corrects_its_record_and_sees_the_history() -> None:
    employer, boss = employer_with_user()
    colleague = employer_user(email="hr@daeya.example.kr")
    employer.members.create(user=colleague, role="manager")
    placement = _placement(employer)
    url = f"/employer/placements/{placement.pk}/checkpoints/1/"
    assert client_for(boss).post(url, {"status": "left"}).status_code == 302
    page = html(client_for(colleague).get("/employer/placements/"))
    assert "까지 고칠 수 있어요." in page
    assert re.search(r"고치기<span class=\"sr-only\">: .*1개월", page)
    response = client_for(colleague).post(url, {"status": "retained"})
    assert response.status_code == 302
    page = html(client_for(boss).get("/employer/placements/"))
    assert f"{boss.email}: 아직 확인 전 → 그만뒀어요" in page
    assert "hr@daeya.example.kr: 그만뒀어요 → 일하고 있어요" in page
    statuses = dict(placement.checkpoints.values_list("month", "status"))
    assert statuses == {1: "retained", 3: "pending", 6: "pending", 12: "pending"}


def test_after_14_days_the_employer_is_sent_to_staff_who_correct_it() -> None:
    employer, boss = employer_with_user()
    placement = _placement(employer)
    placement_checkpoint_record(
        checkpoint=placement.checkpoints.get(month=1), actor=boss, status="retained"
    )
    _age(placement, 15)
    page = html(client_for(boss).get("/employer/placements/"))
    assert "기록한 지 14일이 지나서 고칠 수 없어요." in page
    refused = client_for(boss).post(
        f"/employer/placements/{placement.pk}/checkpoints/1/", {"status": "left"}
    )
    assert refused.status_code == 400
    assert "시 담당자에게 알려 주세요" in html(refused)
    assert placement.checkpoints.get(month=1).status == "retained"

    officer = staff_user(email="officer@siheung.example.kr")
    staff = client_for(officer)
    listed = html(staff.get(f"/staff/placements/?employer={employer.name[:4]}"))
    assert f'href="/staff/placements/{placement.pk}/"' in listed
    assert placement.seeker_ref in listed
    other = html(staff.get("/staff/placements/?employer=없는기업"))
    assert f'href="/staff/placements/{placement.pk}/"' not in other
    detail = html(staff.get(f"/staff/placements/{placement.pk}/"))
    assert f"{boss.email}: 아직 확인 전 → 일하고 있어요" in detail
    bad = staff.post(f"/staff/placements/{placement.pk}/checkpoints/1/", {"status": "maybe"})
    assert bad.status_code == 400
    assert "둘 중 하나를 골라 주세요." in html(bad)
    done = staff.post(f"/staff/placements/{placement.pk}/checkpoints/1/", {"status": "left"})
    assert done.status_code == 302
    assert done["Location"] == f"/staff/placements/{placement.pk}/"
    detail = html(staff.get(f"/staff/placements/{placement.pk}/"))
    assert "officer@siheung.example.kr: 일하고 있어요 → 그만뒀어요" in detail
    assert placement.checkpoints.get(month=1).status == "left"
    # The employer sees that 시 담당자 corrected it (not the officer's address).
    page = html(client_for(boss).get("/employer/placements/"))
    assert "시 담당자: 일하고 있어요 → 그만뒀어요" in page
    assert "officer@siheung.example.kr" not in page


def test_the_staff_placement_pages_are_staffs_only() -> None:
    employer, boss = employer_with_user()
    placement = _placement(employer)
    for user in (boss, seeker()):
        client = client_for(user)
        assert client.get("/staff/placements/").status_code == 403
        assert client.get(f"/staff/placements/{placement.pk}/").status_code == 403
        posted = client.post(
            f"/staff/placements/{placement.pk}/checkpoints/1/", {"status": "retained"}
        )
        assert posted.status_code == 403
    assert client_for(None).get("/staff/placements/").status_code == 302
    staff = client_for(staff_user())
    assert staff.get("/staff/placements/999999/").status_code == 404
    missing = staff.post(f"/staff/placements/{placement.pk}/checkpoints/2/", {"status": "left"})
    assert missing.status_code == 404
    assert placement.checkpoints.filter(status="pending").count() == 4


@pytest.mark.parametrize("count", [1, 4])
def test_staff_placement_pages_queries_are_pinned_and_flat(count: int) -> None:
    employer, boss = employer_with_user()
    placements = [_placement(employer) for _ in range(count)]
    for placement in placements:
        for month, status in ((1, "retained"), (3, "left"), (3, "retained")):
            placement_checkpoint_record(
                checkpoint=placement.checkpoints.get(month=month), actor=boss, status=status
            )
    client = client_for(staff_user())
    queries, response = count_queries(functools.partial(client.get, "/staff/placements/"))
    assert response.status_code == 200
    assert queries == STAFF_PLACEMENTS_QUERIES
    queries, response = count_queries(
        functools.partial(client.get, f"/staff/placements/{placements[-1].pk}/")
    )
    assert response.status_code == 200
    assert queries == STAFF_PLACEMENT_QUERIES


def test_the_applicants_filter_survives_paging_and_a_move() -> None:
    employer, boss = employer_with_user()
    posting = posting_in("open", employer=employer, openings=30)
    for _ in range(12):
        applicant(posting)
    for _ in range(2):
        application, _ = applicant(posting)
        application.status = "reviewing"
        application.save(update_fields=["status"])
    client = client_for(boss)
    base = f"/employer/postings/{posting.pk}/applications/"
    first = html(client.get(f"{base}?status=submitted"))
    assert (
        'href="?status=submitted&amp;page=2"' in first or 'href="?status=submitted&page=2"' in first
    )
    second = client.get(f"{base}?status=submitted&page=2")
    page = html(second)
    assert page.count('class="posting-card"') == 2
    assert "status=submitted&amp;page=1" in page or "status=submitted&page=1" in page
    # A move from the filtered second page comes back to it.
    on_page = second.context["rows"][0]["application"]
    moved = client.post(
        f"{base}{on_page.pk}/?status=submitted&page=2", {"status": "reviewing", "message": ""}
    )
    assert moved.status_code == 302
    assert moved["Location"] == f"{base}?status=submitted&page=2"
    # Bad input keeps the filter: the page shown is the filtered one.
    bad = client.post(f"{base}{on_page.pk}/?status=reviewing", {"status": "nonsense"})
    assert bad.status_code == 400
    assert all(row["application"].status == "reviewing" for row in bad.context["rows"])


def test_the_staff_placement_filter_survives_paging() -> None:
    employer, _ = employer_with_user(name="대야정밀 (가상)")
    for _ in range(21):
        _placement(employer)
    page = html(client_for(staff_user()).get("/staff/placements/?employer=대야"))
    assert (
        "employer=%EB%8C%80%EC%95%BC&amp;page=2" in page
        or "employer=%EB%8C%80%EC%95%BC&page=2" in page
    )


def test_a_correction_by_an_unrelated_employer_is_a_404() -> None:
    employer, _ = employer_with_user()
    placement = _placement(employer)
    _, stranger = employer_with_user()
    response = client_for(stranger).post(
        f"/employer/placements/{placement.pk}/checkpoints/1/", {"status": "left"}
    )
    assert response.status_code == 404
    assert isinstance(stranger, User)
