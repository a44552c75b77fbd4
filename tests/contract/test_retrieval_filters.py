"""Matching's hard filters in retrieval, on each search backend (embedded and Elasticsearch):
days per week, certificates held (or none required), the wage floor, shifts; the terms only
rank; why a seeker has nothing; reruns as of the run's day; the reasons' wording; skills
through the synonym table; reference data edited by staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils.translation import override

from backend.jobs.models import Posting
from backend.matching import runs
from backend.matching.facts import seeker_side
from backend.matching.models import MatchRun, MatchRunStatus, Recommendation
from backend.matching.reasons import render_reasons
from backend.matching.recommend import recommend, retrieval_query
from backend.matching.selectors import ordinance_policy_current
from backend.matching.services import match_run_create
from backend.taxonomy import reference
from backend.taxonomy.models import Certificate
from search.backends.base import SearchBackend
from tests.contract.test_matching_backends import forklift_posting, index_all, seeker_with
from tests.contract.test_search_backends import make_posting
from tests.factories.accounts import log_in, staff_user
from tests.factories.employers import employer_with_user

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FAR = {"lat": 37.30, "lon": 126.62}  # ~22 km from 대야동


@pytest.fixture(autouse=True)
def _fresh_reference_data() -> Iterator[None]:
    """The test database rolls back certificate edits; the process's snapshot must follow."""
    reference.invalidate()
    yield
    reference.invalidate()


def ids_of(matches: Any) -> set[int]:
    return {m.posting_id for m in matches}


def test_retrieval_applies_the_hard_filters_and_every_hit_passes_scoring(
    backend: SearchBackend,
) -> None:
    employer, _ = employer_with_user()
    fits = forklift_posting(employer, days_per_week=3, hourly_wage=11000, shifts=[])
    too_many_days = forklift_posting(employer, title="지게차 주6일", days_per_week=6)
    other_certificate = forklift_posting(
        employer, title="굴착기", certificates_required=["굴착기운전기능사"]
    )
    both = forklift_posting(
        employer, certificates_required=["지게차운전기능사", "굴착기운전기능사"]
    )
    alias = forklift_posting(employer, title="지게차 (별칭)", certificates_required=["지게차"])
    none_required = make_posting(employer, title="바리스타", description="커피를 만듭니다.")
    underpaid = forklift_posting(employer, title="지게차 저임금", hourly_wage=10320)
    night = forklift_posting(employer, title="야간 지게차", shifts=["night"])
    holder = seeker_with(
        max_days_per_week=5,
        min_hourly_wage=13000,  # floor 10,400: 10,320 is below it
        employment_types=["full_time", "part_time"],
    )
    index_all()
    policy = ordinance_policy_current()
    seeker = seeker_side(holder, policy.document, this_year=dt.date.today().year)
    hits = {hit.id for hit in backend.search_postings(retrieval_query(holder, seeker)).hits}
    # A posting that shares no word with the profile is retrieved too (terms only rank).
    assert hits == {fits.pk, alias.pk, none_required.pk}
    assert not {too_many_days.pk, other_certificate.pk, both.pk, underpaid.pk, night.pk} & hits
    assert ids_of(recommend(holder, policy, backend=backend)) == hits  # none refused after


def test_a_seeker_holding_both_certificates_gets_the_posting_requiring_both(
    backend: SearchBackend,
) -> None:
    employer, _ = employer_with_user()
    both = forklift_posting(
        employer, certificates_required=["지게차운전기능사", "굴착기운전기능사"]
    )
    holder = seeker_with(certificates=["지게차", "굴착기운전기능사"])
    index_all()
    assert both.pk in ids_of(recommend(holder, ordinance_policy_current(), backend=backend))


def test_the_api_and_the_dashboard_say_why_there_is_nothing(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, _ = employer_with_user()
    forklift_posting(employer, lat=FAR["lat"], lon=FAR["lon"])
    forklift_posting(employer, title="지게차 주6일", days_per_week=6)
    holder = seeker_with(max_days_per_week=5, max_commute_km=5)
    index_all()
    body = client_for(holder.user).get("/api/v1/me/recommendations/").json()
    assert body["results"] == []
    with override("ko"):
        assert body["empty_reason"] == {
            "code": "commute",
            "message": "통근 거리 안에 맞는 공고가 없습니다 — 거리를 넓혀 보세요",
        }
    page = log_in(Client(), holder.user).get("/me/")
    assert "통근 거리 안에 맞는 공고가 없습니다" in page.content.decode()


def test_certificates_are_named_when_they_removed_most(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, _ = employer_with_user()
    forklift_posting(employer)
    forklift_posting(employer, title="지게차 상하차")
    holder = seeker_with(certificates=[])
    index_all()
    body = client_for(holder.user).get("/api/v1/me/recommendations/").json()
    assert body["empty_reason"]["code"] == "certificates"
    found = seeker_with()
    assert client_for(found.user).get("/api/v1/me/recommendations/").json()["empty_reason"] is None


def test_nothing_open_says_so(backend: SearchBackend, client_for: Any) -> None:
    holder = seeker_with()
    body = client_for(holder.user).get("/api/v1/me/recommendations/").json()
    assert body["empty_reason"]["code"] == "no_postings"


def stored_set(run: MatchRun) -> list[tuple[int, int, float, tuple[Any, ...]]]:
    return sorted(
        (r.seeker_id, r.posting_id, r.score, tuple(sorted(r.components.items())))
        for r in Recommendation.objects.filter(match_run=run)
    )


def test_a_rerun_days_later_uses_the_runs_as_of(
    backend: SearchBackend, django_capture_on_commit_callbacks: Any
) -> None:
    """Deadlines, ages and eligibility as of the run's day: on 2026-12-30 the graduate of 2021
    is within the policy's 5 years and the posting's deadline (12-31) is ahead; a rerun on
    2027-01-05 (a retried job) must still see both."""
    employer, _ = employer_with_user(is_city_funded=True, staff_count=120)
    with time_machine.travel(dt.datetime(2026, 12, 30, 3, tzinfo=dt.UTC)):
        forklift_posting(employer, deadline=dt.date(2026, 12, 31))
        holder = seeker_with(graduation_year=2021)
        index_all()
        with django_capture_on_commit_callbacks(execute=True):
            run = match_run_create(actor=staff_user(), kind="recommend", scope={})
        run.refresh_from_db()
        assert run.status == MatchRunStatus.DONE
        first = stored_set(run)
    assert first
    assert first[0][0] == holder.pk
    assert dict(first[0][3])["ordinance"] == 1.0
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRunStatus.QUEUED)
    with time_machine.travel(dt.datetime(2027, 1, 5, 3, tzinfo=dt.UTC)):
        runs.execute_match_run(run.pk)
        # Today's view differs (the deadline passed, the graduation is 6 years ago) …
        assert recommend(holder, ordinance_policy_current(), backend=backend) == []
    run.refresh_from_db()
    assert run.status == MatchRunStatus.DONE
    assert stored_set(run) == first  # … the rerun does not


def test_reasons_name_occupations_and_read_without_doubled_words(
    backend: SearchBackend,
) -> None:
    employer, _ = employer_with_user()
    make_posting(
        employer,
        title="간호조무사 (의원)",
        description="외래 진료 보조를 합니다.",
        career_field_id="health_welfare",
        occupation="nursing_assistant",
        employment_type="flexible",
        skills_required=["Excel"],
        shifts=[],
    )
    holder = seeker_with(
        career_fields=["health_welfare"],
        certificates=[],
        skills=["엑셀"],
        employment_types=["flexible"],
        experience=[{"occupation": "간호조무사", "years": 2, "summary": "의원 근무"}],
    )
    index_all()
    (found,) = recommend(holder, ordinance_policy_current(), backend=backend)
    assert found.components["skills"] == 1.0  # "Excel" and "엑셀" are one skill
    with override("ko"):
        texts = render_reasons([reason.as_json() for reason in found.reasons])
    assert "간호조무사 경력 2년" in texts
    assert "필수 기술 보유: Excel" in texts
    assert "근무 조건 일치: 주 5일 유연근무" in texts
    joined = " ".join(texts)
    assert "nursing_assistant" not in joined
    assert "근무 근무" not in joined
    assert "유연근무 근무" not in joined


def test_a_certificate_alias_staff_add_counts_at_once(backend: SearchBackend) -> None:
    employer, _ = employer_with_user()
    posting = forklift_posting(employer)
    holder = seeker_with(certificates=["지게차 면허"])
    index_all()
    policy = ordinance_policy_current()
    assert recommend(holder, policy, backend=backend) == []
    certificate = Certificate.objects.get(name="지게차운전기능사")
    certificate.aliases = [*certificate.aliases, "지게차 면허"]
    certificate.save()  # as the admin's change form saves it
    assert ids_of(recommend(holder, policy, backend=backend)) == {posting.pk}


def test_another_processs_edit_is_seen_through_the_shared_version(
    backend: SearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    employer, _ = employer_with_user()
    posting = forklift_posting(employer)
    holder = seeker_with(certificates=["지게차 면허"])
    index_all()
    policy = ordinance_policy_current()
    assert recommend(holder, policy, backend=backend) == []
    # Another process edits (no signal here) and bumps the shared version.
    Certificate.objects.filter(name="지게차운전기능사").update(aliases=["지게차 면허"])
    cache.set(reference.VERSION_KEY, "edited elsewhere", timeout=None)
    monkeypatch.setattr(reference, "CHECK_SECONDS", 0.0)
    assert ids_of(recommend(holder, policy, backend=backend)) == {posting.pk}
    assert Posting.objects.filter(pk=posting.pk).exists()
