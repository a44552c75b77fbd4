"""Two first reads of `/me/recommendations/` at once, against real PostgreSQL: both answer
200 and the seeker ends with one set of recommendations (no 500 on `recommendation_once`).

Each thread has its own database connection and transaction. Both threads compute before
either stores (a barrier inside the computation holds the first until the second has
computed too), which is the interleaving that made the old delete-then-insert fail: both saw
no stored rows, both inserted. The flush after an earlier transactional test empties the
reference tables and the policy, so the loaders put them back first (they are idempotent).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from backend.matching import recommend, services
from backend.matching.models import OrdinancePolicy, Recommendation
from backend.matching.policy import load_default_policy
from search.backends import get_backend
from tests.api import make_client
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None, tmp_path: Any) -> Iterator[None]:
    from django.apps import apps

    from backend.taxonomy.loading import load_reference_data

    load_reference_data(apps)
    if not OrdinancePolicy.objects.exists():
        OrdinancePolicy.objects.create(version=1, document=load_default_policy())
    with override_settings(
        SEARCH_BACKEND="embedded",
        SEARCH_EMBEDDED_PATH=tmp_path / "search.sqlite3",
        SEARCH_REFRESH_ON_WRITE=True,
        WORKER_ENGINE="inline",
    ):
        get_backend().reset()
        yield


def test_two_first_reads_at_once_both_answer_and_store_one_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert connection.vendor == "postgresql"  # the race needs real row locks
    employer, _ = covered_employer()
    postings = [forklift_posting(employer, title=f"지게차 운전원 {n}") for n in range(3)]
    holder = seeker_with()
    index_all()
    assert not Recommendation.objects.filter(seeker=holder).exists()

    both_computed = threading.Barrier(2, timeout=20)
    real_recommend = recommend.recommend

    def recommend_then_wait(*args: Any, **kwargs: Any) -> Any:
        matches = real_recommend(*args, **kwargs)
        both_computed.wait()  # neither stores before both have seen "nothing stored yet"
        return matches

    monkeypatch.setattr(services, "recommend", recommend_then_wait)
    statuses: list[int] = [0, 0]
    bodies: list[Any] = [None, None]

    def first_read(index: int) -> None:
        try:
            response = make_client(holder.user).get("/api/v1/me/recommendations/")
            statuses[index] = response.status_code
            bodies[index] = response.json()
        finally:
            connection.close()

    threads = [threading.Thread(target=first_read, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200, 200]
    stored = Recommendation.objects.filter(seeker=holder)
    assert sorted(stored.values_list("posting_id", flat=True)) == sorted(p.pk for p in postings)
    assert sorted(stored.values_list("rank", flat=True)) == [1, 2, 3]
    for body in bodies:
        assert {row["posting"]["id"] for row in body["results"]} == {p.pk for p in postings}
