"""Issue 16: saved searches and their alert mails.

The API saves, lists, changes and deletes a seeker's searches (400 by parameter as the search
API's, 403 for other roles, 404 for another's, 409 for a duplicate or too many). The alert
job, over several days with time travel, mails only the postings published since the last
alert, never one twice, at most N per mail, nothing when nothing is new, and goes with the
marketing consent withdrawn (service mail)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import override_settings

from backend.accounts.models import User
from backend.accounts.services import consents_record
from backend.jobs.models import Posting, SavedSearch, SavedSearchHit
from backend.jobs.saved_searches import saved_search_alerts
from backend.jobs.services import posting_approve, posting_close, posting_submit
from backend.notifications.models import MAIL_CLASSES, MailClass, Notification
from backend.notifications.services import notification_send
from search.backends import get_backend
from search.indexing import push_postings
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import PostingFactory
from tests.web.postings import DAEYA

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/v1/me/saved-searches/"
SITE = "https://jobs.example"
KST = datetime.timezone(datetime.timedelta(hours=9))
MONDAY = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=KST)


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = SITE


# --- the API ------------------------------------------------------------------------------


def test_a_seeker_saves_lists_changes_and_deletes_a_search(client_for: ClientFor) -> None:
    owner = seeker()
    client = client_for(owner)
    created = client.post(
        URL,
        {
            "name": "동네 카페",
            "frequency": "weekly",
            "query": {
                "q": "바리스타",
                "shift": "morning,afternoon",
                "employment_type": ["part_time"],
                "near_area": DAEYA,
                "radius_km": 5,
                "min_wage": 10030,
                "sort": "newest",
            },
        },
        format="json",
    )
    assert_status(created, 201)
    body = created.json()
    assert body["name"] == "동네 카페"
    assert body["frequency"] == "weekly"
    # Normalised: lists for the multi-valued parameters; the view's `sort` is not the search.
    assert body["query"] == {
        "q": "바리스타",
        "shift": ["morning", "afternoon"],
        "employment_type": ["part_time"],
        "near_area": DAEYA,
        "radius_km": 5.0,
        "min_wage": 10030,
    }
    assert body["alerted_at"] is None

    listed = client.get(URL)
    assert_status(listed, 200)
    assert listed.json()["count"] == 1
    assert set(listed.json()) == {"count", "next", "previous", "results"}

    detail = f"{URL}{body['id']}/"
    changed = client.patch(detail, {"frequency": "daily", "name": "카페 알바"}, format="json")
    assert_status(changed, 200)
    assert changed.json()["frequency"] == "daily"
    assert changed.json()["name"] == "카페 알바"
    assert changed.json()["query"] == body["query"]

    assert_status(client.delete(detail), 204)
    assert_status(client.get(detail), 404)
    assert not SavedSearch.objects.filter(user=owner).exists()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"radius_km": 5}, "radius_km"),  # a radius needs a point, as in the search API
        ({"near": "37.4,126.8", "radius_km": 500}, "radius_km"),
        ({"min_wage": "많이"}, "min_wage"),
        ({"min_wage": -1}, "min_wage"),
        ({"near": "north"}, "near"),
        ({"employment_type": ["forever"]}, "employment_type"),
        ({"shift": "midnight"}, "shift"),
        ({"cohort": "student"}, "cohort"),
        ({"career_field": ["no-such-field"]}, "career_field"),
        ({"area": ["0000000000"]}, "area"),
        ({"near_area": "0000000000"}, "near_area"),
        ({"colour": "blue"}, "colour"),
        ({"q": {"nested": "object"}}, "q"),
        ({"q": "연락처 900101-1234567"}, "q"),
    ],
)
def test_bad_search_parameters_are_400s_naming_them(
    client_for: ClientFor, query: dict[str, Any], field: str
) -> None:
    response = client_for(seeker()).post(URL, {"query": query}, format="json")
    assert_status(response, 400)
    assert field in response.json()["query"], response.json()
    assert not SavedSearch.objects.exists()


def test_a_bad_frequency_is_a_400(client_for: ClientFor) -> None:
    client = client_for(seeker())
    response = client.post(URL, {"frequency": "hourly", "query": {"q": "경리"}}, format="json")
    assert_status(response, 400)
    assert "frequency" in response.json()
    saved = client.post(URL, {"query": {"q": "경리"}}, format="json").json()
    patched = client.patch(f"{URL}{saved['id']}/", {"query": {"radius_km": 3}}, format="json")
    assert_status(patched, 400)
    assert SavedSearch.objects.get(pk=saved["id"]).query == {"q": "경리"}


def test_the_same_search_twice_and_too_many_searches_are_409s(
    client_for: ClientFor, settings: Any
) -> None:
    settings.SAVED_SEARCHES_PER_USER = 2
    client = client_for(seeker())
    assert_status(client.post(URL, {"query": {"q": "경리"}}, format="json"), 201)
    again = client.post(URL, {"query": {"q": "경리"}, "frequency": "weekly"}, format="json")
    assert_status(again, 409)
    assert again.json()["code"] == "duplicate"
    assert_status(client.post(URL, {"query": {"q": "회계"}}, format="json"), 201)
    third = client.post(URL, {"query": {"q": "바리스타"}}, format="json")
    assert_status(third, 409)
    assert third.json()["code"] == "too_many"


def test_other_roles_are_403_and_another_seekers_search_is_404(client_for: ClientFor) -> None:
    owner = seeker()
    saved = client_for(owner).post(URL, {"query": {"q": "경리"}}, format="json").json()
    detail = f"{URL}{saved['id']}/"
    assert_status(client_for(None).get(URL), 401)
    for other in (employer_user(), staff_user()):
        assert_status(client_for(other).get(URL), 403)
        assert_status(client_for(other).post(URL, {"query": {}}, format="json"), 403)
        assert_status(client_for(other).get(detail), 403)
    stranger = client_for(seeker())
    assert_status(stranger.get(detail), 404)
    assert_status(stranger.patch(detail, {"name": "내 것"}, format="json"), 404)
    assert_status(stranger.delete(detail), 404)
    assert SavedSearch.objects.get(pk=saved["id"]).name == "경리"


def test_the_endpoints_are_in_the_schema(client_for: ClientFor) -> None:
    schema = client_for(None).get("/api/schema/", {"format": "json"}).json()
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/me/saved-searches/"])
    assert {"get", "patch", "delete"} <= set(schema["paths"]["/api/v1/me/saved-searches/{id}/"])
    assert "post" in schema["paths"]["/api/v1/postings/{id}/extend/"]
    assert "post" in schema["paths"]["/api/v1/postings/{id}/renew/"]


# --- alerts over several days -------------------------------------------------------------


class World:
    """An employer whose postings staff approve (publication time = the travelled clock)
    and that are then indexed, as the search sync would."""

    def __init__(self) -> None:
        self.employer, self.member = employer_with_user(name="시흥 카페 (가상)")
        self.staff = staff_user()

    def publish(self, title: str, **fields: Any) -> Posting:
        posting = PostingFactory.create(
            employer=self.employer,
            title=title,
            description=f"{title}를 모집합니다. 시흥시 대야동 매장입니다.",
            occupation=title,
            skills_required=[],
            certificates_required=[],
            deadline=datetime.date(2026, 6, 30),
            **fields,
        )
        from backend.jobs.services import posting_terms_refresh

        posting_terms_refresh(posting)
        posting.save()
        posting_submit(posting=posting, actor=self.member)
        posting_approve(posting=posting, actor=self.staff)
        push_postings([posting.pk])
        return Posting.objects.get(pk=posting.pk)


@pytest.fixture(params=["embedded", "elasticsearch"])
def search_backend(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """Each alert test on both search backends: the embedded one in this test's own file,
    and the real Elasticsearch node of `make test` under a prefix of its own."""
    overrides: dict[str, Any] = {
        "SEARCH_BACKEND": request.param,
        "SEARCH_EMBEDDED_PATH": tmp_path / "search.sqlite3",
        "SEARCH_INDEX_PREFIX": f"t{uuid.uuid4().hex[:10]}",
        "SEARCH_REFRESH_ON_WRITE": True,
    }
    if request.param == "elasticsearch":
        overrides["ELASTICSEARCH_URL"] = request.getfixturevalue("elasticsearch_url")
        # A cold node creating its first index on a busy machine takes more than 2 s.
        overrides["ELASTICSEARCH_TIMEOUT"] = 15.0
    with override_settings(**overrides):
        backend = get_backend()
        backend.reset()
        yield request.param
        backend.drop()


@pytest.fixture
def world(search_backend: str) -> World:
    return World()


@pytest.fixture
def run_alerts(django_capture_on_commit_callbacks: Any) -> Callable[[], dict[str, int]]:
    def run() -> dict[str, int]:
        with django_capture_on_commit_callbacks(execute=True):
            return saved_search_alerts()

    return run


def alerts_to(user: User) -> list[EmailMultiAlternatives]:
    return [m for m in mail.outbox if m.to == [user.email]]  # type: ignore[misc]


def titles_in(message: Any) -> str:
    return str(message.body)


@pytest.fixture
def clock() -> Iterator[Callable[[datetime.datetime], None]]:
    traveller = time_machine.travel(MONDAY, tick=False)
    shifted = traveller.start()

    def go(moment: datetime.datetime) -> None:
        shifted.move_to(moment)

    yield go
    traveller.stop()


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    return (MONDAY + datetime.timedelta(days=days)).replace(hour=hour, minute=minute)


def test_daily_alerts_over_several_days(
    client_for: ClientFor,
    world: World,
    clock: Callable[[datetime.datetime], None],
    run_alerts: Callable[[], dict[str, int]],
    settings: Any,
) -> None:
    settings.SAVED_SEARCH_ALERT_MAX_POSTINGS = 2
    person = seeker()
    old = world.publish("바리스타 오전")  # published before the search was saved
    clock(at(0, 10))
    saved = client_for(person).post(URL, {"query": {"q": "바리스타"}}, format="json").json()
    clock(at(0, 15))
    first = world.publish("바리스타 주말")
    world.publish("지게차 운전원")  # another search's posting

    # Day 1, 08:00: the one new matching posting, once.
    clock(at(1, 8))
    assert run_alerts()["mailed"] == 1
    [message] = alerts_to(person)
    assert "바리스타 주말" in message.body
    assert old.title not in message.body
    assert "지게차" not in message.body
    assert f"{SITE}/jobs/{first.pk}/" in message.body
    assert f"{SITE}/me/saved-searches/" in message.body
    assert message.subject.startswith("[시흥 일자리 잇다]")
    assert "'바리스타' 검색에 새 공고 1건" in message.subject
    assert isinstance(message, EmailMultiAlternatives)
    assert f'href="{SITE}/jobs/{first.pk}/"' in str(message.alternatives[0][0])
    # The job run again (a retry, or a second scheduler) and the send job again: no more.
    assert run_alerts()["mailed"] == 0
    row = Notification.objects.get(kind="saved_search_alert")
    assert notification_send(row.pk) is False
    assert len(alerts_to(person)) == 1

    # Day 2: nothing new since day 1: no mail.
    clock(at(2, 8))
    assert run_alerts() == {"checked": 1, "mailed": 0, "postings": 0}
    assert len(alerts_to(person)) == 1

    # Day 2 afternoon: three new ones and one closed again before the alert; N = 2.
    clock(at(2, 14))
    a = world.publish("바리스타 평일 A")
    clock(at(2, 15))
    b = world.publish("바리스타 평일 B")
    clock(at(2, 16))
    c = world.publish("바리스타 평일 C")
    gone = world.publish("바리스타 마감된 공고")
    posting_close(posting=gone, actor=world.member)
    push_postings([gone.pk])
    clock(at(3, 8))
    assert run_alerts()["postings"] == 2
    second = alerts_to(person)[-1]
    assert len(alerts_to(person)) == 2
    # Newest first, at most N, and the rest announced with a link to the search.
    assert c.title in second.body
    assert b.title in second.body
    assert a.title not in second.body
    assert gone.title not in second.body
    assert "1건 더 있어요" in second.body
    assert f"{SITE}/jobs/?q=" in second.body
    assert first.title not in second.body  # never a posting twice

    # Day 4 and 5: nothing new; a posting mailed before is never mailed again.
    for day in (4, 5):
        clock(at(day, 8))
        assert run_alerts()["mailed"] == 0
    assert len(alerts_to(person)) == 2
    hits = set(
        SavedSearchHit.objects.filter(saved_search_id=saved["id"]).values_list(
            "posting_id", flat=True
        )
    )
    assert hits == {first.pk, a.pk, b.pk, c.pk}
    listed = client_for(person).get(URL).json()["results"][0]
    assert listed["alerted_at"] is not None


def test_weekly_alerts_wait_a_week_and_gather_everything_new(
    client_for: ClientFor,
    world: World,
    clock: Callable[[datetime.datetime], None],
    run_alerts: Callable[[], dict[str, int]],
) -> None:
    person = seeker()
    clock(at(0, 10))
    client_for(person).post(URL, {"query": {"q": "바리스타"}, "frequency": "weekly"}, format="json")
    clock(at(0, 20))
    world.publish("바리스타 월요일")
    clock(at(1, 8))
    run_alerts()  # the first check: the Monday posting, mailed at once
    assert len(alerts_to(person)) == 1
    clock(at(2, 12))
    world.publish("바리스타 수요일")
    clock(at(4, 12))
    world.publish("바리스타 금요일")
    for day in range(2, 8):
        clock(at(day, 8))
        run_alerts()
        assert len(alerts_to(person)) == 1, day
    clock(at(8, 8))
    run_alerts()
    assert len(alerts_to(person)) == 2
    weekly = alerts_to(person)[-1]
    assert "바리스타 수요일" in weekly.body
    assert "바리스타 금요일" in weekly.body
    assert "바리스타 월요일" not in weekly.body


def test_alerts_are_service_mail_sent_with_marketing_consent_withdrawn(
    client_for: ClientFor,
    world: World,
    clock: Callable[[datetime.datetime], None],
    run_alerts: Callable[[], dict[str, int]],
) -> None:
    assert MAIL_CLASSES["saved_search_alert"] == MailClass.SERVICE
    person = seeker()
    consents_record(user=person, decisions={"service": True, "marketing": True})
    consents_record(user=person, decisions={"marketing": False})
    clock(at(0, 10))
    client_for(person).post(URL, {"query": {"q": "바리스타"}}, format="json")
    clock(at(0, 12))
    world.publish("바리스타 구함")
    clock(at(1, 8))
    run_alerts()
    assert len(alerts_to(person)) == 1
    assert Notification.objects.get(kind="saved_search_alert").status == "sent"


def test_alerts_follow_the_recipients_language_and_filters(
    client_for: ClientFor,
    world: World,
    clock: Callable[[datetime.datetime], None],
    run_alerts: Callable[[], dict[str, int]],
) -> None:
    person = seeker(language="en")
    clock(at(0, 10))
    client_for(person).post(
        URL,
        {"query": {"employment_type": ["full_time"], "min_wage": 12000}},
        format="json",
    )
    clock(at(0, 12))
    world.publish("정규직 바리스타", employment_type="full_time", hourly_wage=13000)
    world.publish("시간제 바리스타", employment_type="part_time", hourly_wage=13000)
    world.publish("저임금 정규직", employment_type="full_time", hourly_wage=10500)
    clock(at(1, 8))
    run_alerts()
    [message] = alerts_to(person)
    assert "정규직 바리스타" in message.body
    assert "시간제 바리스타" not in message.body
    assert "저임금 정규직" not in message.body
    assert Notification.objects.get(kind="saved_search_alert").language == "en"


def test_saved_searches_are_in_the_export_and_go_with_the_account(
    client_for: ClientFor,
    world: World,
    clock: Callable[[datetime.datetime], None],
    run_alerts: Callable[[], dict[str, int]],
) -> None:
    person = seeker()
    clock(at(0, 10))
    client_for(person).post(URL, {"name": "카페", "query": {"q": "바리스타"}}, format="json")
    clock(at(0, 12))
    posting = world.publish("바리스타 구함")
    clock(at(1, 8))
    run_alerts()
    exported = client_for(person).get("/api/v1/me/export/").json()["saved_searches"]
    assert [row["name"] for row in exported] == ["카페"]
    assert exported[0]["query"] == {"q": "바리스타"}
    assert [hit["posting_id"] for hit in exported[0]["alerted_postings"]] == [posting.pk]
    assert_status(client_for(person).delete("/api/v1/me/"), 204)
    assert not SavedSearch.objects.exists()
    assert not SavedSearchHit.objects.exists()
