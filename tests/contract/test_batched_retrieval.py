"""The nightly refresh's batched retrieval (issue 17, B9) against one search per seeker, on
each backend (the real Elasticsearch node included): `search_postings_many` gives every
query's hits, order, scores and totals as `search_postings` does (Elasticsearch: through
`_msearch`, more queries than one request carries), a retrieval hit's document (without its
display text on Elasticsearch: `RETRIEVAL_SOURCE`) gives scoring the same posting as the
full indexed document, and `recommend_many` recommends exactly what `recommend` does."""

from __future__ import annotations

import dataclasses
import datetime
import random

import pytest
from django.utils import timezone

from backend.jobs.models import Posting
from backend.jobs.search_source import posting_document
from backend.matching.facts import posting_side, seeker_side, today
from backend.matching.recommend import (
    ASSIGN_CANDIDATES,
    KEEP,
    recommend,
    recommend_many,
    retrieval_query,
)
from backend.matching.selectors import applied_posting_ids, ordinance_policy_current
from backend.seekers.models import SeekerProfile
from search.backends.base import SearchBackend
from search.backends.elasticsearch import MSEARCH_QUERIES
from search.query import PostingQuery
from tests.contract.test_matching_backends import (
    covered_employer,
    forklift_posting,
    index_all,
    seeker_with,
)
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

WORDS = ["지게차", "물류", "재고", "상하차", "용접", "포장", "검수", "배송", "정리", "창고"]
SKILLS = ["지게차 운전", "재고 관리", "용접", "포장", "엑셀"]
FIELDS = ["engineering", "business"]


def world(seed: int = 7) -> list[SeekerProfile]:
    """Forty postings and thirty seekers that differ in every field retrieval and scoring
    read (fields, shifts, wages, places, certificates, cohorts, deadlines, ages)."""
    rng = random.Random(seed)
    covered, _ = covered_employer()
    small, _ = employer_with_user()
    for n in range(40):
        forklift_posting(
            covered if n % 3 else small,
            title=f"{rng.choice(WORDS)} {rng.choice(WORDS)} 담당 {n}",
            description=" ".join(rng.choices(WORDS, k=rng.randint(3, 30))) + " 업무를 합니다.",
            career_field_id=rng.choice(FIELDS),
            skills_required=rng.sample(SKILLS, rng.randint(0, 2)),
            skills_preferred=rng.sample(SKILLS, rng.randint(0, 2)),
            certificates_required=rng.choice([[], [], ["지게차운전기능사"]]),
            employment_type=rng.choice(["full_time", "part_time"]),
            shifts=rng.choice([["morning"], ["afternoon"], ["morning", "afternoon"], []]),
            days_per_week=rng.randint(3, 5),
            hourly_wage=rng.randint(10400, 14000),
            lat=37.4531 + rng.uniform(-0.06, 0.06),
            lon=126.80001 + rng.uniform(-0.06, 0.06),
            openings=rng.randint(1, 3),
            cohorts_welcome=rng.choice([[], [], ["graduate"], ["senior"]]),
            deadline=timezone.localdate() + datetime.timedelta(days=rng.randint(1, 40)),
            published_at=timezone.now() - datetime.timedelta(days=rng.randint(0, 20)),
        )
    profiles = [
        seeker_with(
            career_fields=rng.sample(FIELDS, rng.randint(0, 2)),
            skills=rng.sample(SKILLS, rng.randint(1, 3)),
            certificates=rng.choice([[], ["지게차운전기능사"]]),
            employment_types=rng.choice([["full_time"], ["part_time"], ["full_time", "part_time"]]),
            shifts=rng.choice([["morning"], ["afternoon"], ["morning", "afternoon"]]),
            max_days_per_week=rng.randint(3, 5),
            max_commute_km=rng.choice([3, 5, 8, 15, 30]),
            min_hourly_wage=rng.choice([None, 10500, 11500, 12500]),
            about=" ".join(rng.choices(WORDS, k=6)),
        )
        for _ in range(30)
    ]
    postings = list(Posting.objects.order_by("pk"))
    for profile in profiles[:5]:  # some have applied: those postings are never recommended
        ApplicationFactory(seeker=profile.user, posting=rng.choice(postings))
    index_all()
    return profiles


def queries_of(profiles: list[SeekerProfile]) -> list[PostingQuery]:
    """Each seeker's retrieval query and the one within every career field named."""
    policy = ordinance_policy_current()
    on = today()
    queries = []
    for profile in profiles:
        seeker = seeker_side(profile, policy.document, this_year=on.year, on=on)
        query = retrieval_query(profile, seeker, on=on)
        queries += [query, dataclasses.replace(query, career_fields=tuple(FIELDS))]
    return queries


def test_a_batch_of_searches_answers_as_one_search_each(backend: SearchBackend) -> None:
    profiles = world()
    queries = queries_of(profiles)
    assert len(queries) > MSEARCH_QUERIES  # more than one `_msearch` request
    one_by_one = [backend.search_postings(query) for query in queries]
    batched = backend.search_postings_many(queries)
    assert len(batched) == len(queries)
    assert sum(len(r.hits) for r in batched) > 200  # the world retrieves plenty
    for single, many in zip(one_by_one, batched, strict=True):
        assert many.total == single.total
        assert [(h.id, h.distance_km) for h in many.hits] == [
            (h.id, h.distance_km) for h in single.hits
        ]
        # Elasticsearch's freshness decay is centred on "now", so two searches a moment apart
        # differ in a score's last float32 digit (one search per seeker does too); scoring
        # never reads the search score, only the hits and their order.
        assert [h.score for h in many.hits] == pytest.approx(
            [h.score for h in single.hits], rel=1e-6
        )
        assert [h.document for h in many.hits] == [h.document for h in single.hits]
    assert backend.search_postings_many([]) == []


def test_a_retrieval_hit_gives_scoring_the_whole_posting(backend: SearchBackend) -> None:
    world()
    policy = ordinance_policy_current().document
    indexed = {
        posting.pk: posting_document(posting)
        for posting in Posting.objects.select_related("employer", "area")
    }
    query = PostingQuery(retrieval=True, page_size=200, facets=(), open_on=today())
    hits = backend.search_postings(query).hits
    assert {hit.id for hit in hits} == set(indexed)
    for hit in hits:
        full = indexed[hit.id]
        assert full is not None
        assert posting_side(hit.document, policy) == posting_side(full, policy)
        assert hit.document.openings_left == full.openings_left
        assert hit.document.version == full.version
        if backend.name == "elasticsearch":
            # Only the display text stays on the server (the description: most bytes).
            assert hit.document.description == ""
            assert hit.document == dataclasses.replace(
                full, title="", description="", employer_name="", area_name="", suggest=()
            )
    # A user's search still gets whole documents.
    shown = backend.search_postings(dataclasses.replace(query, retrieval=False, page_size=50))
    assert all(hit.document == indexed[hit.id] for hit in shown.hits)


def test_recommend_many_recommends_what_recommend_does(backend: SearchBackend) -> None:
    profiles = world()
    policy = ordinance_policy_current()
    applied = applied_posting_ids([p.pk for p in profiles])
    assert sum(len(ids) for ids in applied.values()) == 5
    wide = {p.pk: ASSIGN_CANDIDATES for p in profiles[::2]}
    found = recommend_many(profiles, policy, backend=backend, exclude=applied, keep_for=wide)
    assert sum(len(m) for m in found.values()) > 100
    for profile in profiles:
        keep = wide.get(profile.pk, KEEP)
        alone = recommend(profile, policy, backend=backend, exclude=applied[profile.pk], keep=keep)
        assert found[profile.pk] == alone  # postings, order, scores, components, reasons
        assert not {m.posting_id for m in alone} & applied[profile.pk]
        if profile.pk in wide:  # the assignment's 50 begin with the 30 recommended
            kept = recommend(profile, policy, backend=backend, exclude=applied[profile.pk])
            assert alone[:KEEP] == kept
