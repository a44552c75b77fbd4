"""Applications: applying, the application status machine, hiring → placement → filled."""

from __future__ import annotations

import datetime

import pytest

from backend.accounts.models import AccessLog
from backend.core.validators import RRN_MESSAGE
from backend.jobs.models import Application, ApplicationStatus, Placement, seoul_today
from tests.api import ClientFor
from tests.factories.accounts import mentor_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, PostingFactory, posting_in

pytestmark = [pytest.mark.django_db]


def test_seeker_applies_once_then_409(client_for: ClientFor) -> None:
    posting = posting_in("open")
    client = client_for(seeker())
    url = f"/api/v1/postings/{posting.pk}/applications/"
    response = client.post(
        url, {"message": "오전 근무 가능합니다.", "consent_provision": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted"
    assert body["posting"]["employer_name"] == posting.employer.name
    assert body["applicant"] is None  # the seeker's own view carries no applicant block
    again = client.post(url, {"message": "다시"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "already_applied"
    assert Application.objects.count() == 1


@pytest.mark.parametrize("status", ["closed", "filled", "expired"])
def test_applying_to_a_posting_no_longer_open_is_409(client_for: ClientFor, status: str) -> None:
    posting = posting_in(status)
    response = client_for(seeker()).post(
        f"/api/v1/postings/{posting.pk}/applications/", {}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "posting_not_open"


def test_applying_after_the_deadline_before_the_job_ran_is_409(client_for: ClientFor) -> None:
    posting = PostingFactory.create(
        status="open", deadline=seoul_today() - datetime.timedelta(days=1)
    )
    response = client_for(seeker()).post(
        f"/api/v1/postings/{posting.pk}/applications/", {}, format="json"
    )
    assert response.status_code == 409


def test_applying_on_the_deadline_day_is_fine(client_for: ClientFor) -> None:
    posting = PostingFactory.create(status="open", deadline=seoul_today())
    response = client_for(seeker()).post(
        f"/api/v1/postings/{posting.pk}/applications/", {"consent_provision": True}, format="json"
    )
    assert response.status_code == 201


@pytest.mark.parametrize("status", ["draft", "pending"])
def test_unpublished_postings_are_404_to_applicants(client_for: ClientFor, status: str) -> None:
    posting = posting_in(status)
    response = client_for(seeker()).post(
        f"/api/v1/postings/{posting.pk}/applications/", {}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("make_user", [mentor_user, staff_user])
def test_only_seekers_apply(client_for: ClientFor, make_user) -> None:
    posting = posting_in("open")
    response = client_for(make_user()).post(
        f"/api/v1/postings/{posting.pk}/applications/", {}, format="json"
    )
    assert response.status_code == 403


def test_resident_number_in_the_message_is_400(client_for: ClientFor) -> None:
    posting = posting_in("open")
    response = client_for(seeker()).post(
        f"/api/v1/postings/{posting.pk}/applications/",
        {"message": "제 주민번호는 900101 1234567 입니다", "consent_provision": True},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["message"] == [str(RRN_MESSAGE)]


OPEN_STATES = ["submitted", "reviewing", "interview", "offered"]
EMPLOYER_MOVES = {
    ("submitted", "reviewing"),
    ("reviewing", "interview"),
    ("interview", "offered"),
    ("offered", "hired"),
    *((state, "rejected") for state in OPEN_STATES),
}


@pytest.mark.parametrize(
    "target", ["reviewing", "interview", "offered", "hired", "rejected", "withdrawn"]
)
@pytest.mark.parametrize("before", ApplicationStatus.values)
def test_employer_moves(client_for: ClientFor, before: str, target: str) -> None:
    employer, user = employer_with_user()
    posting = posting_in("open", employer=employer, openings=5)
    application = ApplicationFactory.create(posting=posting, status=before)
    response = client_for(user).patch(
        f"/api/v1/applications/{application.pk}/", {"status": target}, format="json"
    )
    application.refresh_from_db()
    if (before, target) in EMPLOYER_MOVES:
        assert response.status_code == 200, response.json()
        assert application.status == target
        assert response.json()["applicant"]["email"] == application.seeker.email
    else:
        assert response.status_code == 409, response.json()
        assert application.status == before


def test_submitted_is_never_a_target(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    application = ApplicationFactory.create(posting=posting_in("open", employer=employer))
    response = client_for(user).patch(
        f"/api/v1/applications/{application.pk}/", {"status": "submitted"}, format="json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize("before", ApplicationStatus.values)
def test_seeker_withdraws_only_while_in_play(client_for: ClientFor, before: str) -> None:
    application = ApplicationFactory.create(status=before)
    response = client_for(application.seeker).post(
        f"/api/v1/applications/{application.pk}/withdraw/"
    )
    application.refresh_from_db()
    if before in OPEN_STATES:
        assert response.status_code == 200
        assert application.status == "withdrawn"
    else:
        assert response.status_code == 409
        assert application.status == before


def test_hired_creates_a_placement_with_four_checkpoints_and_fills_at_openings(
    client_for: ClientFor,
) -> None:
    employer, user = employer_with_user()
    posting = posting_in("open", employer=employer, openings=2)
    first, second, third = (
        ApplicationFactory.create(posting=posting, status="offered") for _ in range(3)
    )
    client = client_for(user)

    response = client.patch(f"/api/v1/applications/{first.pk}/", {"status": "hired"}, format="json")
    assert response.status_code == 200
    placement = Placement.objects.get(application=first)
    assert placement.seeker == first.seeker
    assert placement.hired_on == seoul_today()
    checkpoints = list(placement.checkpoints.order_by("month"))
    assert [c.month for c in checkpoints] == [1, 3, 6, 12]
    assert all(c.status == "pending" and c.recorded_at is None for c in checkpoints)
    assert checkpoints[0].due_on > placement.hired_on
    posting.refresh_from_db()
    assert (posting.hires, posting.status, posting.version) == (1, "open", 2)

    client.patch(f"/api/v1/applications/{second.pk}/", {"status": "hired"}, format="json")
    posting.refresh_from_db()
    assert (posting.hires, posting.status) == (2, "filled")

    response = client.patch(f"/api/v1/applications/{third.pk}/", {"status": "hired"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "posting_full"
    third.refresh_from_db()
    assert third.status == "offered"
    assert Placement.objects.count() == 2


def test_hiring_goes_on_after_the_posting_closed(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    posting = posting_in("closed", employer=employer, openings=1)
    application = ApplicationFactory.create(posting=posting, status="offered")
    response = client_for(user).patch(
        f"/api/v1/applications/{application.pk}/", {"status": "hired"}, format="json"
    )
    assert response.status_code == 200
    posting.refresh_from_db()
    assert posting.status == "filled"


def test_employer_list_of_applicants_is_access_logged(client_for: ClientFor) -> None:
    employer, user = employer_with_user()
    posting = posting_in("open", employer=employer)
    applications = [ApplicationFactory.create(posting=posting) for _ in range(3)]
    ApplicationFactory.create()  # someone else's posting
    response = client_for(user).get(f"/api/v1/postings/{posting.pk}/applications/?page_size=2")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    shown = {row["applicant"]["email"] for row in body["results"]}
    assert len(shown) == 2
    logged = AccessLog.objects.filter(actor=user)
    assert {entry.subject.email for entry in logged if entry.subject} == shown
    assert logged.count() == 2
    assert all(entry.actor_role == "employer" for entry in logged)
    assert {a.seeker.email for a in applications} >= shown


def test_seeker_sees_own_applications_only(client_for: ClientFor) -> None:
    mine = ApplicationFactory.create()
    ApplicationFactory.create()
    response = client_for(mine.seeker).get("/api/v1/me/applications/")
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
    assert not AccessLog.objects.exists()  # reading your own data is not logged
