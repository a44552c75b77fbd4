"""Job fairs over the API: staff create a fair, seekers rank its postings, an `assign` run with
`scope.fair_id` schedules the interviews, staff publish it, employers and seekers read it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from backend.fairs.models import FairRegistration, FairSlot, JobFair
from backend.jobs.models import PostingStatus
from backend.matching.models import FairBooking, MatchRun
from tests.api import ClientFor, assert_status
from tests.factories.accounts import seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.factories.seekers import graduate_profile, returner_profile

pytestmark = [pytest.mark.django_db]

FAIRS = "/api/v1/fairs/"


def fair_payload(posting_ids: list[int], **overrides: Any) -> dict[str, Any]:
    day = timezone.localdate() + dt.timedelta(days=14)
    payload = {
        "title": "2026 시흥 일자리 박람회",
        "date": day.isoformat(),
        "starts_at": "10:00",
        "ends_at": "11:00",
        "place": "시흥시청 대회의실",
        "slot_minutes": 20,
        "max_choices": 2,
        "registration_closes_at": (timezone.now() + dt.timedelta(days=7)).isoformat(),
        "posting_ids": posting_ids,
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def fair_setup(client_for: ClientFor) -> dict[str, Any]:
    employer, boss = employer_with_user()
    other, other_boss = employer_with_user()
    office = posting_in(PostingStatus.OPEN, employer=employer, title="사무 보조")
    kitchen = posting_in(PostingStatus.OPEN, employer=employer, title="조리 보조")
    forklift = posting_in(PostingStatus.OPEN, employer=other, title="지게차 운전")
    staff = staff_user()
    response = client_for(staff).post(
        FAIRS, fair_payload([office.pk, kitchen.pk, forklift.pk]), format="json"
    )
    assert_status(response, 201)
    return {
        "fair": response.json(),
        "staff": staff,
        "boss": boss,
        "other_boss": other_boss,
        "postings": (office, kitchen, forklift),
    }


def test_staff_create_a_fair_with_slots_per_posting(
    client_for: ClientFor, fair_setup: dict[str, Any]
) -> None:
    fair = fair_setup["fair"]
    assert fair["max_choices"] == 2
    assert fair["registration_open"] is True
    assert [row["slots"] for row in fair["participating"]] == [3, 3, 3]  # 10:00-11:00 by 20
    assert FairSlot.objects.filter(fair_posting__fair_id=fair["id"]).count() == 9
    listed = client_for(None).get(FAIRS + "?upcoming=true").json()
    assert [row["id"] for row in listed["results"]] == [fair["id"]]


def test_bad_fairs_are_400s_naming_the_field(client_for: ClientFor) -> None:
    staff = staff_user()
    draft = posting_in(PostingStatus.DRAFT)
    cases = [
        (fair_payload([draft.pk]), "posting_ids"),
        (fair_payload([]), "posting_ids"),
        (fair_payload([draft.pk], ends_at="09:00"), "ends_at"),
        (fair_payload([draft.pk], max_choices=11), "max_choices"),
        (fair_payload([draft.pk], date="2020-01-01"), "date"),
        (
            fair_payload(
                [draft.pk],
                registration_closes_at=(timezone.now() + dt.timedelta(days=30)).isoformat(),
            ),
            "registration_closes_at",
        ),
    ]
    for payload, field in cases:
        response = client_for(staff).post(FAIRS, payload, format="json")
        assert_status(response, 400)
        assert field in response.json(), response.json()
    assert not JobFair.objects.exists()


def test_only_staff_create_fairs(client_for: ClientFor) -> None:
    posting = posting_in(PostingStatus.OPEN)
    assert_status(client_for(seeker()).post(FAIRS, fair_payload([posting.pk]), format="json"), 403)
    assert_status(client_for(None).post(FAIRS, fair_payload([posting.pk]), format="json"), 401)


def test_registration_refuses_more_than_k_outsiders_and_duplicates(
    client_for: ClientFor, fair_setup: dict[str, Any]
) -> None:
    office, kitchen, forklift = fair_setup["postings"]
    outsider = posting_in(PostingStatus.OPEN)
    url = f"{FAIRS}{fair_setup['fair']['id']}/registration/"
    profile = graduate_profile()
    client = client_for(profile.user)
    assert_status(client.get(url), 404)
    for choices in (
        [office.pk, kitchen.pk, forklift.pk],  # K = 2
        [office.pk, outsider.pk],
        [office.pk, office.pk],
        [],
    ):
        response = client.put(url, {"choices": choices}, format="json")
        assert_status(response, 400)
        assert "choices" in response.json()
    response = client.put(url, {"choices": [kitchen.pk, office.pk]}, format="json")
    assert_status(response, 200)
    assert response.json()["choices"] == [kitchen.pk, office.pk]
    # Re-ranking replaces the choices.
    response = client.put(url, {"choices": [forklift.pk]}, format="json")
    assert client.get(url).json()["choices"] == [forklift.pk]


def test_registration_is_a_409_after_it_closes(
    client_for: ClientFor, fair_setup: dict[str, Any]
) -> None:
    office = fair_setup["postings"][0]
    fair_id = fair_setup["fair"]["id"]
    profile = graduate_profile()
    client = client_for(profile.user)
    url = f"{FAIRS}{fair_id}/registration/"
    assert_status(client.put(url, {"choices": [office.pk]}, format="json"), 200)
    JobFair.objects.filter(pk=fair_id).update(
        registration_closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert_status(client.put(url, {"choices": [office.pk]}, format="json"), 409)
    assert_status(client.delete(url), 409)
    assert client.get(url).json()["choices"] == [office.pk]


def test_only_seekers_register(client_for: ClientFor, fair_setup: dict[str, Any]) -> None:
    url = f"{FAIRS}{fair_setup['fair']['id']}/registration/"
    office = fair_setup["postings"][0]
    response = client_for(fair_setup["boss"]).put(url, {"choices": [office.pk]}, format="json")
    assert_status(response, 403)


def run_fair(client_for: ClientFor, staff: Any, fair_id: int, capture: Any) -> dict[str, Any]:
    with capture(execute=True):
        response = client_for(staff).post(
            "/api/v1/match-runs/",
            {"kind": "assign", "scope": {"fair_id": fair_id}},
            format="json",
        )
    assert_status(response, 202)
    run: dict[str, Any] = (
        client_for(staff).get(f"/api/v1/match-runs/{response.json()['id']}/").json()
    )
    assert run["status"] == "done", run
    return run


def test_the_assign_run_schedules_publishes_and_each_side_reads_it(
    client_for: ClientFor,
    fair_setup: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    office, kitchen, forklift = fair_setup["postings"]
    fair_id = fair_setup["fair"]["id"]
    url = f"{FAIRS}{fair_id}/registration/"
    seekers = [graduate_profile(), returner_profile(), graduate_profile(), returner_profile()]
    for profile in seekers:
        response = client_for(profile.user).put(
            url, {"choices": [office.pk, forklift.pk]}, format="json"
        )
        assert_status(response, 200)
    lonely = returner_profile()
    client_for(lonely.user).put(url, {"choices": [kitchen.pk]}, format="json")

    run = run_fair(client_for, fair_setup["staff"], fair_id, django_capture_on_commit_callbacks)
    summary = run["summary"]
    # Office has 3 slots for 4 first choices; forklift 3 for 4 second choices; kitchen 1.
    assert summary["interviews"] == 7
    assert summary["seekers"] == 5
    bookings = list(FairBooking.objects.filter(match_run_id=run["id"]).select_related("slot"))
    assert len({b.slot_id for b in bookings}) == len(bookings)
    by_seeker: dict[int, list[FairBooking]] = {}
    for booking in bookings:
        by_seeker.setdefault(booking.seeker_id, []).append(booking)
    for mine in by_seeker.values():
        for a in mine:
            for b in mine:
                if a is not b:
                    assert not (
                        a.slot.starts_at < b.slot.ends_at and b.slot.starts_at < a.slot.ends_at
                    )

    boss = client_for(fair_setup["boss"])
    schedule_url = f"{FAIRS}{fair_id}/schedule/"
    assert boss.get(schedule_url).json()["count"] == 0  # not published yet
    assert_status(client_for(fair_setup["boss"]).post(schedule_url + "publish/", {}), 403)
    response = client_for(fair_setup["staff"]).post(
        schedule_url + "publish/", {"match_run": run["id"]}, format="json"
    )
    assert_status(response, 200)

    mine = boss.get(schedule_url).json()
    assert mine["count"] == 4  # 3 office + 1 kitchen, none of the other employer's
    assert {row["posting"]["id"] for row in mine["results"]} == {office.pk, kitchen.pk}
    assert all(row["seeker"]["display_name"] for row in mine["results"])
    assert "email" not in mine["results"][0]["seeker"]
    theirs = client_for(fair_setup["other_boss"]).get(schedule_url).json()
    assert {row["posting"]["id"] for row in theirs["results"]} == {forklift.pk}

    pdf = boss.get(schedule_url + "pdf/")
    assert_status(pdf, 200)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    lonely_rows = client_for(lonely.user).get("/api/v1/me/fair-schedule/").json()
    assert [row["posting"]["id"] for row in lonely_rows["results"]] == [kitchen.pk]
    assert lonely_rows["results"][0]["fair"]["id"] == fair_id


def test_an_employer_not_at_the_fair_gets_404(
    client_for: ClientFor, fair_setup: dict[str, Any]
) -> None:
    _, stranger = employer_with_user()
    url = f"{FAIRS}{fair_setup['fair']['id']}/schedule/"
    assert_status(client_for(stranger).get(url), 404)
    assert_status(client_for(stranger).get(url + "pdf/"), 404)
    assert_status(client_for(seeker()).get(url), 403)


def test_publish_refuses_a_run_of_another_kind_or_fair(
    client_for: ClientFor, fair_setup: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    staff = fair_setup["staff"]
    fair_id = fair_setup["fair"]["id"]
    other = MatchRun.objects.create(
        kind="assign", scope={}, policy_version=1, as_of=dt.date.today()
    )
    response = client_for(staff).post(
        f"{FAIRS}{fair_id}/schedule/publish/", {"match_run": other.pk}, format="json"
    )
    assert_status(response, 409)


def test_a_fair_run_must_be_assign_and_name_a_fair(client_for: ClientFor) -> None:
    staff = staff_user()
    response = client_for(staff).post(
        "/api/v1/match-runs/", {"kind": "recommend", "scope": {"fair_id": 1}}, format="json"
    )
    assert_status(response, 400)
    response = client_for(staff).post(
        "/api/v1/match-runs/", {"kind": "assign", "scope": {"fair_id": 999}}, format="json"
    )
    assert_status(response, 400)


def test_a_posting_closed_before_the_run_gets_no_interviews(
    client_for: ClientFor, fair_setup: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    office, kitchen, _ = fair_setup["postings"]
    fair_id = fair_setup["fair"]["id"]
    profile = graduate_profile()
    response = client_for(profile.user).put(
        f"{FAIRS}{fair_id}/registration/", {"choices": [office.pk, kitchen.pk]}, format="json"
    )
    assert_status(response, 200)
    type(office).objects.filter(pk=office.pk).update(status=PostingStatus.CLOSED)
    run = run_fair(client_for, fair_setup["staff"], fair_id, django_capture_on_commit_callbacks)
    booked = FairBooking.objects.filter(match_run_id=run["id"])
    assert [b.slot.fair_posting.posting_id for b in booked] == [kitchen.pk]


def test_the_export_carries_registrations_and_deletion_removes_them(
    client_for: ClientFor, fair_setup: dict[str, Any]
) -> None:
    office, _, forklift = fair_setup["postings"]
    profile = graduate_profile()
    client = client_for(profile.user)
    client.put(
        f"{FAIRS}{fair_setup['fair']['id']}/registration/",
        {"choices": [forklift.pk, office.pk]},
        format="json",
    )
    export = client.get("/api/v1/me/export/").json()
    (row,) = export["fairs"]
    assert [c["posting"] for c in row["choices"]] == ["지게차 운전", "사무 보조"]
    profile.user.delete()
    assert not FairRegistration.objects.exists()


def test_schedule_queries_do_not_grow_with_interviews(
    client_for: ClientFor,
    fair_setup: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
) -> None:
    office, kitchen, _ = fair_setup["postings"]
    fair_id = fair_setup["fair"]["id"]
    for _ in range(6):
        profile = returner_profile()
        client_for(profile.user).put(
            f"{FAIRS}{fair_id}/registration/",
            {"choices": [office.pk, kitchen.pk]},
            format="json",
        )
    run = run_fair(client_for, fair_setup["staff"], fair_id, django_capture_on_commit_callbacks)
    client_for(fair_setup["staff"]).post(
        f"{FAIRS}{fair_id}/schedule/publish/", {"match_run": run["id"]}, format="json"
    )
    boss = client_for(fair_setup["boss"])
    with django_assert_max_num_queries(7):
        rows = boss.get(f"{FAIRS}{fair_id}/schedule/").json()
    assert rows["count"] == 6
