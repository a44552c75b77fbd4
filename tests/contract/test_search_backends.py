"""One behaviour suite for both search backends: embedded (SQLite FTS5) and Elasticsearch 9.

Postings are written through the domain's services, so the outbox and the sync job are part
of what is tested; searches go through `GET /api/v1/postings/search/`. Each test gets its own
embedded file and its own Elasticsearch index prefix, removed afterwards.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from backend.jobs import services as posting_services
from backend.jobs.models import Posting
from search.backends import get_backend
from search.backends.base import SearchBackend
from search.indexing import posting_terms, push_postings, sync_all_pending
from search.models import OutboxEvent
from tests.factories.accounts import staff_user
from tests.factories.employers import employer_with_user

pytestmark = [pytest.mark.django_db]

DAEYA = ("4139051000", 37.4531, 126.80001)  # 대야동
JEONGWANG1 = ("4139059100", 37.34923, 126.72715)  # 정왕1동, ~13 km from 대야동


def make_posting(employer: Any, **fields: Any) -> Posting:
    """An open posting written as the services write it (terms on the row), then approved."""
    defaults: dict[str, Any] = {
        "title": "사무 보조원",
        "description": "문서 정리와 전화 응대를 합니다.",
        "career_field_id": "business",
        "occupation": "사무보조원",
        "skills_required": [],
        "skills_preferred": [],
        "certificates_required": [],
        "min_experience_years": 0,
        "employment_type": "part_time",
        "days_per_week": 5,
        "shifts": ["morning"],
        "hourly_wage": 10500,
        "area_id": DAEYA[0],
        "address": "경기도 시흥시",
        "openings": 2,
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
        "cohorts_welcome": [],
        "status": "open",
        "published_at": timezone.now(),
    }
    defaults.update(fields)
    posting = Posting(employer=employer, **defaults)
    posting.title_terms, posting.body_terms = posting_terms(
        title=posting.title,
        description=posting.description,
        occupation=posting.occupation,
        skills=[*posting.skills_required, *posting.skills_preferred],
        certificates=posting.certificates_required,
    )
    posting.save()
    return posting


def search(**params: Any) -> Any:
    response = Client().get("/api/v1/postings/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(body: Any) -> list[int]:
    return [hit["id"] for hit in body["results"]]


@pytest.fixture
def employer() -> Any:
    organisation, _ = employer_with_user()
    return organisation


def test_korean_morphology_finds_what_people_mean(backend: SearchBackend, employer: Any) -> None:
    forklift = make_posting(
        employer, title="물류센터 직원", description="지게차운전기능사 우대, 상하차 업무"
    )
    barista = make_posting(
        employer, title="바리스타를 구합니다", description="커피 추출과 매장 관리"
    )
    other = make_posting(employer, title="경리 사무원", description="전표 입력")
    push_postings([forklift.pk, barista.pk, other.pk])
    found = search(q="지게차 운전")
    assert ids(found)[0] == forklift.pk
    assert any("<mark>" in snippet for snippet in found["results"][0]["highlight"])
    assert ids(search(q="바리스타")) == [barista.pk]
    assert forklift.pk in ids(search(q="포크리프트"))  # a synonym


def test_filters_and_facets(backend: SearchBackend, employer: Any) -> None:
    rows = [
        make_posting(
            employer,
            career_field_id="engineering",
            employment_type="full_time",
            shifts=["night"],
            hourly_wage=13000,
        ),
        make_posting(
            employer,
            career_field_id="engineering",
            employment_type="part_time",
            cohorts_welcome=["senior"],
        ),
        make_posting(
            employer, career_field_id="service", employment_type="part_time", area_id=JEONGWANG1[0]
        ),
        make_posting(
            employer, career_field_id="business", cohorts_welcome=["graduate", "returner"]
        ),
    ]
    push_postings([row.pk for row in rows])
    assert set(ids(search(career_field="engineering"))) == {rows[0].pk, rows[1].pk}
    assert (
        set(ids(search(employment_type="part_time", shift="morning,night")))
        == {rows[1].pk, rows[2].pk, rows[3].pk} - set()
    )
    assert set(ids(search(cohort="senior"))) == {rows[0].pk, rows[1].pk, rows[2].pk}
    assert set(ids(search(area=JEONGWANG1[0]))) == {rows[2].pk}
    assert set(ids(search(min_wage=12000))) == {rows[0].pk}
    facets = search()["facets"]
    assert {f["value"]: f["count"] for f in facets["career_field"]} == {
        "engineering": 2,
        "service": 1,
        "business": 1,
    }
    assert {f["value"]: f["count"] for f in facets["employment_type"]} == {
        "full_time": 1,
        "part_time": 3,
    }


def test_geo_radius_and_distance_sort(backend: SearchBackend, employer: Any) -> None:
    near = make_posting(employer, area_id=DAEYA[0])
    far = make_posting(employer, area_id=JEONGWANG1[0])
    pinned = make_posting(
        employer, area_id=JEONGWANG1[0], lat=37.4500, lon=126.8000
    )  # a finer point
    push_postings([near.pk, far.pk, pinned.pk])
    origin = f"{DAEYA[1]},{DAEYA[2]}"
    within = search(near=origin, radius_km=3)
    assert set(ids(within)) == {near.pk, pinned.pk}
    ordered = search(near=origin, sort="distance")
    assert ids(ordered) == [near.pk, pinned.pk, far.pk]
    distances = [hit["distance_km"] for hit in ordered["results"]]
    assert distances == sorted(distances)
    assert 11 < distances[-1] < 15


def test_paging_and_sorting(backend: SearchBackend, employer: Any) -> None:
    today = timezone.localdate()
    rows = [
        make_posting(
            employer,
            title=f"생산직 사원 {n}",
            deadline=today + datetime.timedelta(days=40 - n),
            published_at=timezone.now() - datetime.timedelta(hours=n),
        )
        for n in range(25)
    ]
    push_postings([row.pk for row in rows])
    first, second = search(page_size=10), search(page_size=10, page=2)
    assert first["count"] == 25
    assert not set(ids(first)) & set(ids(second))
    assert first["next"]
    assert second["previous"]
    assert ids(search(sort="newest", page_size=3)) == [rows[0].pk, rows[1].pk, rows[2].pk]
    assert ids(search(sort="deadline", page_size=3)) == [rows[24].pk, rows[23].pk, rows[22].pk]
    for params in ({"page_size": 51}, {"page": 21, "page_size": 50}, {"sort": "distance"}):
        assert Client().get("/api/v1/postings/search/", params).status_code == 400


def test_closing_removes_and_versions_never_go_back(
    backend: SearchBackend, employer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    posting = make_posting(employer, title="용접원 모집")
    push_postings([posting.pk])
    assert ids(search(q="용접")) == [posting.pk]
    from backend.jobs.search_source import posting_document

    old = posting_document(Posting.objects.select_related("employer", "area").get(pk=posting.pk))
    with django_capture_on_commit_callbacks(execute=True):
        posting_services.posting_update(
            posting=posting, actor=staff_user(), fields={"title": "특수용접원 모집"}
        )
        # An open posting's new title is a revision until staff approve it (issue 13).
        posting_services.posting_revision_approve(
            posting=Posting.objects.get(pk=posting.pk), actor=staff_user()
        )
    assert search(q="특수")["count"] == 1
    assert old is not None
    backend.index_postings([old])  # an old event arriving late
    assert search(q="특수")["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        posting_services.posting_close(
            posting=Posting.objects.get(pk=posting.pk), actor=staff_user()
        )
    assert search(q="용접")["count"] == 0
    assert backend.count_postings() == 0


def test_outbox_replay_shuffled_and_duplicated_ends_the_same(
    backend: SearchBackend, employer: Any
) -> None:
    rows = [make_posting(employer, title=f"조리사 {n}") for n in range(6)]
    Posting.objects.filter(pk=rows[0].pk).update(status="closed")
    events = [OutboxEvent(entity="posting", entity_id=row.pk) for row in rows] * 3
    random.Random(4).shuffle(events)
    OutboxEvent.objects.bulk_create(events)
    sync_all_pending()
    assert sorted(ids(search(q="조리사"))) == sorted(row.pk for row in rows[1:])
    assert not OutboxEvent.objects.filter(processed_at__isnull=True).exists()


def test_suggest(backend: SearchBackend, employer: Any) -> None:
    rows = [
        make_posting(employer, title="바리스타 (배곧 카페)", occupation="바리스타"),
        make_posting(employer, title="바리스타 주말"),
    ]
    push_postings([row.pk for row in rows])
    response = Client().get("/api/v1/postings/suggest/", {"q": "바리"})
    assert response.status_code == 200
    assert response.json()["suggestions"]
    assert all(s.startswith("바리") for s in response.json()["suggestions"])


def test_elasticsearch_cut_off_writes_succeed_and_the_backlog_drains(
    employer: Any, elasticsearch_url: str, django_capture_on_commit_callbacks: Any
) -> None:
    from urllib.parse import urlsplit

    from tests.contract.proxy import TcpProxy

    node = urlsplit(elasticsearch_url)
    with (
        TcpProxy(node.hostname or "127.0.0.1", node.port or 9200) as proxy,
        override_settings(
            SEARCH_BACKEND="elasticsearch",
            ELASTICSEARCH_URL=proxy.url,
            SEARCH_INDEX_PREFIX=f"t{uuid.uuid4().hex[:10]}",
            SEARCH_REFRESH_ON_WRITE=True,
            WORKER_ENGINE="inline",
            SEARCH_OUTBOX_BACKOFF_SECONDS=60,
            SEARCH_OUTBOX_BACKOFF_MAX_SECONDS=300,
        ),
    ):
        backend = get_backend()
        backend.reset()
        try:
            proxy.cut()
            # Cut off: the API answers 503 quickly with a clear message; writes still commit
            # (the inline sync fails and is recorded; the outbox keeps the event).
            started = time.monotonic()
            response = Client().get("/api/v1/postings/search/", {"q": "용접"})
            assert response.status_code == 503
            assert time.monotonic() - started < 2.5
            assert "검색" in response.json()["detail"]
            with django_capture_on_commit_callbacks(execute=True):
                posting = posting_services.posting_create(
                    employer=employer, actor=staff_user(), fields=_posting_fields()
                )
            Posting.objects.filter(pk=posting.pk).update(status="open", published_at=timezone.now())
            with django_capture_on_commit_callbacks(execute=True):
                posting_services.posting_update(
                    posting=Posting.objects.get(pk=posting.pk),
                    actor=staff_user(),
                    fields={"openings": 2},
                )
            assert Posting.objects.get(pk=posting.pk).openings == 2
            pending = list(OutboxEvent.objects.filter(processed_at__isnull=True))
            assert len(pending) >= 1
            # The failed syncs left their record (not rolled back with the batch): attempts,
            # the error, and a back-off per row.
            assert all(event.attempts >= 1 for event in pending)
            assert all("Elasticsearch" in event.last_error for event in pending)
            now = timezone.now()
            assert all(e.available_at is not None and e.available_at > now for e in pending)
            # Back: while the rows back off the sync leaves them; once due, the sweep's sync
            # drains the backlog; nothing was lost.
            proxy.restore()
            assert sync_all_pending()["events"] == 0
            with time_machine.travel(timezone.now() + datetime.timedelta(seconds=301)):
                sync_all_pending()
            assert not OutboxEvent.objects.filter(processed_at__isnull=True).exists()
            assert ids(search(q="용접")) == [posting.pk]
        finally:
            proxy.restore()
            backend.drop()


def _posting_fields() -> dict[str, Any]:
    from backend.taxonomy.models import Area, CareerField

    return {
        "title": "용접원 모집",
        "description": "CO2 용접으로 철 구조물을 만듭니다.",
        "career_field": CareerField.objects.get(code="engineering"),
        "occupation": "용접원",
        "skills_required": ["CO2 용접"],
        "skills_preferred": [],
        "certificates_required": ["용접기능사"],
        "min_experience_years": 0,
        "employment_type": "full_time",
        "days_per_week": 5,
        "shifts": ["morning"],
        "hourly_wage": 13000,
        "area": Area.objects.get(code=DAEYA[0]),
        "address": "경기도 시흥시",
        "openings": 1,
        "deadline": timezone.localdate() + datetime.timedelta(days=20),
        "cohorts_welcome": [],
    }


def test_rebuild_from_stored_terms_misses_nothing_written_meanwhile(
    backend: SearchBackend, employer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search import rebuild as rebuild_module

    rows = [make_posting(employer, title=f"품질 검사원 {n}") for n in range(30)]
    push_postings([row.pk for row in rows[:10]])  # the old index knows only a third
    original = rebuild_module.posting_documents
    late: list[Posting] = []

    def documents_with_a_writer() -> Any:
        for index, document in enumerate(original()):
            if index == 5:  # a posting written (and synced) while the rebuild runs
                late.append(make_posting(employer, title="품질 검사원 늦게"))
                push_postings([late[0].pk])
            yield document

    monkeypatch.setattr(rebuild_module, "posting_documents", documents_with_a_writer)
    result = rebuild_module.rebuild()
    assert result["expected"] == 30
    assert backend.count_postings() == 31
    assert search(q="품질", page_size=50)["count"] == 31


def test_rebuild_refuses_a_short_index(elasticsearch_url: str, employer: Any) -> None:
    from search import rebuild as rebuild_module

    prefix = f"t{uuid.uuid4().hex[:10]}"
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=elasticsearch_url,
        SEARCH_INDEX_PREFIX=prefix,
        SEARCH_REFRESH_ON_WRITE=True,
    ):
        backend = get_backend()
        backend.reset()
        rows = [make_posting(employer, title=f"환경 관리원 {n}") for n in range(4)]
        push_postings([row.pk for row in rows])
        original = rebuild_module.posting_documents
        try:
            rebuild_module.posting_documents = lambda: iter(list(original())[:2])
            with pytest.raises(ValueError, match=r"short|fewer|refus"):
                rebuild_module.rebuild()
        finally:
            rebuild_module.posting_documents = original
        assert search(q="환경")["count"] == 4  # the old index still serves
        backend.drop()


def test_rebuild_never_re_tokenizes(
    backend: SearchBackend, employer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search import analysis
    from search.rebuild import rebuild

    rows = [make_posting(employer, title=f"미용사 {n}") for n in range(5)]

    def no_kiwi() -> Any:
        raise AssertionError("the rebuild re-tokenized text instead of using the stored terms")

    monkeypatch.setattr(analysis, "get_analyzer", no_kiwi)
    assert rebuild()["indexed"] == len(rows)
    assert backend.count_postings() == len(rows)
