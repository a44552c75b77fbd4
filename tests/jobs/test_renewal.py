"""Issue 16: renewal reminders. Three days before an open posting's deadline each member of its
employer gets a mail with a signed link; the link's page changes nothing, its button (a
POST) extends the deadline and nothing else; expired postings are renewed as a new draft
that goes through review. Web and API, with time travel for the link's expiry."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client

from backend.jobs.models import Application, Posting, PostingStatus
from backend.jobs.renewal import deadline_reminders
from backend.jobs.services import posting_submit
from backend.notifications.models import MAIL_CLASSES, MailClass, Notification
from search.backends import get_backend
from search.indexing import push_postings
from search.query import PostingQuery
from tests.api import ClientFor, assert_status
from tests.factories.accounts import log_in, seeker
from tests.factories.employers import EmployerMemberFactory, employer_with_user
from tests.factories.jobs import ApplicationFactory, PostingFactory
from tests.web.postings import embedded_search

__all__ = ["embedded_search"]

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SITE = "https://jobs.example"
KST = datetime.timezone(datetime.timedelta(hours=9))
MORNING = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=KST)
TODAY = MORNING.date()
LINK = re.compile(re.escape(SITE) + r"(/employer/postings/renewal/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _setup(settings: Any, embedded_search: None) -> Iterator[None]:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = SITE
    traveller = time_machine.travel(MORNING, tick=False)
    traveller.start()
    yield
    traveller.stop()


class Shop:
    def __init__(self) -> None:
        self.employer, self.owner = employer_with_user(name="시흥 베이커리 (가상)")
        self.colleague = EmployerMemberFactory.create(employer=self.employer).user

    def posting(self, *, days: int = 3, status: str = PostingStatus.OPEN, **fields: Any) -> Posting:
        posting = PostingFactory.create(
            employer=self.employer,
            status=status,
            deadline=TODAY + datetime.timedelta(days=days),
            **fields,
        )
        push_postings([posting.pk])
        return posting


@pytest.fixture
def shop() -> Shop:
    return Shop()


@pytest.fixture
def remind(django_capture_on_commit_callbacks: Any) -> Callable[[datetime.date], int]:
    def run(day: datetime.date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return deadline_reminders(day)

    return run


def link_in(message: Any) -> str:
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(1)


def test_members_are_reminded_once_three_days_before_the_deadline(
    shop: Shop, remind: Callable[[datetime.date], int]
) -> None:
    assert MAIL_CLASSES["posting_deadline_reminder"] == MailClass.SERVICE
    soon = shop.posting(days=3, title="제빵 보조 모집")
    shop.posting(days=10, title="나중에 마감")
    shop.posting(days=2, status=PostingStatus.CLOSED, title="이미 마감한 공고")
    assert remind(TODAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([shop.owner.email, shop.colleague.email])
    message = mail.outbox[0]
    assert "제빵 보조 모집" in message.subject
    assert "2026-03-05" in message.subject
    assert "3일 뒤" in message.body
    assert link_in(message)
    # Once: the next mornings (and a re-run) remind nobody again of the same deadline.
    assert remind(TODAY) == 0
    assert remind(TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 2
    # The signed token travels in the row only until the mail went.
    for row in Notification.objects.filter(kind="posting_deadline_reminder"):
        assert row.status == "sent"
        assert "token" not in row.context
        assert row.object_id == str(soon.pk)


def test_the_link_opens_a_page_that_changes_nothing_and_its_button_extends_the_deadline(
    shop: Shop, remind: Callable[[datetime.date], int]
) -> None:
    posting = shop.posting(days=3, title="제빵 보조 모집")
    application = ApplicationFactory.create(posting=posting, seeker=seeker(), status="reviewing")
    remind(TODAY)
    path = link_in(next(m for m in mail.outbox if m.to == [shop.owner.email]))
    client = log_in(Client(), shop.owner)
    before = Posting.objects.get(pk=posting.pk)
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "제빵 보조 모집" in html
    assert f'action="/employer/postings/{posting.pk}/extend/"' in html
    assert 'name="deadline"' in html
    after_get = Posting.objects.get(pk=posting.pk)
    assert (after_get.deadline, after_get.version) == (before.deadline, before.version)

    new_deadline = TODAY + datetime.timedelta(days=20)
    response = client.post(
        f"/employer/postings/{posting.pk}/extend/", {"deadline": new_deadline.isoformat()}
    )
    assert response.status_code == 302
    extended = Posting.objects.get(pk=posting.pk)
    assert extended.deadline == new_deadline
    # Nothing else re-opened or changed: status, publication, review and applications.
    assert extended.status == PostingStatus.OPEN
    assert extended.published_at == before.published_at
    assert extended.rejection_reason == before.rejection_reason
    assert extended.title == before.title
    assert list(extended.review_flags.all()) == list(before.review_flags.all())
    assert Application.objects.get(pk=application.pk).status == "reviewing"
    # Re-indexed with the new deadline (the search sync keys on the version).
    assert extended.version > before.version
    push_postings([posting.pk])
    [hit] = get_backend().search_postings(PostingQuery()).hits
    assert hit.document.deadline == new_deadline

    # Reminded again before the new deadline, not before.
    mail.outbox.clear()
    assert remind(new_deadline - datetime.timedelta(days=4)) == 0
    assert remind(new_deadline - datetime.timedelta(days=3)) == 2


def test_a_tampered_or_expired_link_or_someone_elses_opens_nothing(
    shop: Shop, remind: Callable[[datetime.date], int]
) -> None:
    posting = shop.posting(days=3)
    remind(TODAY)
    path = link_in(mail.outbox[0])
    client = log_in(Client(), shop.owner)
    tampered = path.replace("/renewal/", "/renewal/x")
    assert client.get(tampered).status_code == 404
    _other_employer, other_user = employer_with_user(name="다른 회사 (가상)")
    assert log_in(Client(), other_user).get(path).status_code == 404
    assert log_in(Client(), seeker()).get(path).status_code == 403
    anonymous = Client().get(path)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    # A POST to the link's page is refused: the link itself never changes state.
    assert client.post(path, {"deadline": "2026-04-01"}).status_code == 405
    with time_machine.travel(MORNING + datetime.timedelta(days=15), tick=False):
        expired = log_in(Client(), shop.owner).get(path)
    assert expired.status_code == 410
    assert "유효 기간" in expired.content.decode()
    assert Posting.objects.get(pk=posting.pk).deadline == TODAY + datetime.timedelta(days=3)


def test_the_web_form_keeps_the_input_with_the_error(shop: Shop) -> None:
    posting = shop.posting(days=3)
    client = log_in(Client(), shop.owner)
    too_far = TODAY + datetime.timedelta(days=200)
    response = client.post(
        f"/employer/postings/{posting.pk}/extend/", {"deadline": too_far.isoformat()}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert too_far.isoformat() in html
    assert "90일" in html
    assert Posting.objects.get(pk=posting.pk).deadline == posting.deadline


EXTEND = "/api/v1/postings/{}/extend/"
RENEW = "/api/v1/postings/{}/renew/"


def test_the_api_extends_within_the_rules(client_for: ClientFor, shop: Shop) -> None:
    posting = shop.posting(days=3)
    api = client_for(shop.owner)
    for deadline, words in [
        (TODAY + datetime.timedelta(days=2), "보다 뒤"),  # not later than now
        (TODAY - datetime.timedelta(days=1), "보다 뒤"),
        (TODAY + datetime.timedelta(days=91), "90일"),
    ]:
        response = api.post(EXTEND.format(posting.pk), {"deadline": deadline.isoformat()})
        assert_status(response, 400)
        assert words in response.json()["deadline"][0]
    assert_status(api.post(EXTEND.format(posting.pk), {"deadline": "someday"}), 400)
    ok = api.post(EXTEND.format(posting.pk), {"deadline": "2026-04-30"})
    assert_status(ok, 200)
    assert ok.json()["deadline"] == "2026-04-30"
    assert ok.json()["status"] == "open"
    # Other roles, other employers, other statuses.
    assert_status(
        client_for(seeker()).post(EXTEND.format(posting.pk), {"deadline": "2026-05-01"}), 403
    )
    _, stranger = employer_with_user(name="남의 회사 (가상)")
    assert_status(
        client_for(stranger).post(EXTEND.format(posting.pk), {"deadline": "2026-05-01"}), 404
    )
    expired = shop.posting(days=-2, status=PostingStatus.EXPIRED)
    conflict = api.post(EXTEND.format(expired.pk), {"deadline": "2026-05-01"})
    assert_status(conflict, 409)
    assert Posting.objects.get(pk=expired.pk).status == PostingStatus.EXPIRED


def test_an_expired_posting_is_renewed_as_a_draft_reviewed_like_a_new_one(
    client_for: ClientFor, shop: Shop
) -> None:
    expired = shop.posting(days=-5, status=PostingStatus.EXPIRED, title="작년 여름 제빵 보조")
    ApplicationFactory.create(posting=expired, seeker=seeker())
    api = client_for(shop.owner)
    response = api.post(RENEW.format(expired.pk), {"deadline": "2026-04-15"})
    assert_status(response, 201)
    copy = Posting.objects.get(pk=response.json()["id"])
    assert copy.pk != expired.pk
    assert copy.status == PostingStatus.DRAFT
    assert copy.published_at is None
    assert copy.renewed_from_id == expired.pk
    assert copy.title == expired.title
    assert copy.description == expired.description
    assert copy.deadline == datetime.date(2026, 4, 15)
    assert copy.applications.count() == 0
    assert Posting.objects.get(pk=expired.pk).status == PostingStatus.EXPIRED
    # A second copy while the first is live: 409; the copy goes to review like a new one.
    assert_status(api.post(RENEW.format(expired.pk), {}), 409)
    posting_submit(posting=copy, actor=shop.owner)
    assert Posting.objects.get(pk=copy.pk).status == PostingStatus.PENDING
    # Open postings are extended, not renewed; one closed by staff on a report is not renewed.
    assert_status(api.post(RENEW.format(shop.posting(days=5).pk), {}), 409)
    reported = shop.posting(days=-1, status=PostingStatus.CLOSED, closed_reason="허위 공고 신고")
    assert_status(api.post(RENEW.format(reported.pk), {}), 409)
    assert_status(client_for(seeker()).post(RENEW.format(expired.pk), {}), 403)


def test_renewing_from_the_console(shop: Shop) -> None:
    expired = shop.posting(days=-5, status=PostingStatus.EXPIRED, title="주말 제빵 보조")
    client = log_in(Client(), shop.owner)
    listing = client.get("/employer/postings/").content.decode()
    assert f"/employer/postings/{expired.pk}/extend/" in listing
    page = client.get(f"/employer/postings/{expired.pk}/extend/")
    assert page.status_code == 200
    assert f'action="/employer/postings/{expired.pk}/renew/"' in page.content.decode()
    response = client.post(f"/employer/postings/{expired.pk}/renew/", {"deadline": "2026-04-20"})
    assert response.status_code == 302
    copy = Posting.objects.get(renewed_from=expired)
    assert response["Location"] == f"/employer/postings/{copy.pk}/edit/"
    assert copy.status == PostingStatus.DRAFT
