"""Matching through each search backend (embedded and the real Elasticsearch node): profile
retrieval, stored recommendations, shortlists and match runs, via the API and the jobs."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from backend.accounts.models import AccessLog
from backend.accounts.services import consents_record
from backend.core.refs import candidate_ref, seeker_ref
from backend.jobs import services as posting_services
from backend.jobs.models import Posting, seoul_today
from backend.matching.models import MatchRun, Recommendation
from backend.matching.tasks import refresh_recommendations
from backend.seekers.models import SeekerProfile
from backend.seekers.services import seeker_profile_replace
from backend.training.models import TrainingCourse
from search.backends.base import SearchBackend
from search.documents import GeoPoint, ProfileDocument
from search.indexing import push_postings, push_profiles
from search.query import ProfileQuery
from tests.api import assert_status
from tests.contract.test_search_backends import DAEYA, make_posting
from tests.factories.accounts import seeker as seeker_user
from tests.factories.accounts import staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory
from tests.factories.seekers import graduate_payload

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

CENTRE = GeoPoint(DAEYA[1], DAEYA[2])
FAR_AWAY = {"lat": 37.30, "lon": 126.62}  # ~22 km from 대야동


def profile_document(id: int, **overrides: Any) -> ProfileDocument:
    fields: dict[str, Any] = {
        "id": id,
        "version": 1,
        "cohort": "graduate",
        "terms": ("용접", "지게차"),
        "career_fields": ("engineering",),
        "skills": ("용접",),
        "certificates": ("지게차운전기능사",),
        "employment_types": ("full_time",),
        "shifts": ("morning",),
        "area_code": DAEYA[0],
        "location": CENTRE,
        "max_commute_km": 10.0,
        "min_hourly_wage": None,
        "open_to_employers": True,
    }
    fields.update(overrides)
    return ProfileDocument(**fields)


def test_profile_search_filters_and_ranks_alike(backend: SearchBackend) -> None:
    backend.index_profiles(
        [
            profile_document(1, terms=("용접",)),
            profile_document(2, terms=("용접", "지게차", "물류")),
            profile_document(3, open_to_employers=False, terms=("용접", "지게차", "물류")),
            profile_document(4, cohort="senior"),
            profile_document(5, employment_types=()),  # accepts every type
            profile_document(6, employment_types=("part_time",)),
            profile_document(7, location=GeoPoint(37.30, 126.62)),  # ~22 km away
        ]
    )
    query = ProfileQuery(near=CENTRE, terms=("지게차", "물류"), radius_km=15.0)
    hits = backend.search_profiles(query)
    assert [hit.id for hit in hits][:1] == [2]  # shares the most terms
    assert {hit.id for hit in hits} == {1, 2, 4, 5, 6}
    full_time = ProfileQuery(near=CENTRE, employment_type="full_time", cohorts=("graduate",))
    assert {hit.id for hit in backend.search_profiles(full_time)} == {1, 2, 5, 7}
    everyone = ProfileQuery(near=CENTRE, radius_km=15.0, open_only=False, limit=3)
    found = backend.search_profiles(everyone)
    assert len(found) == 3
    assert 7 not in {hit.id for hit in found}
    assert [hit.id for hit in found] == sorted(hit.id for hit in found)  # ties by id
    backend.remove_profiles([2])
    assert 2 not in {hit.id for hit in backend.search_profiles(query)}


def covered_employer() -> tuple[Any, Any]:
    return employer_with_user(is_city_funded=True, staff_count=120)


def forklift_posting(employer: Any, **fields: Any) -> Posting:
    values: dict[str, Any] = {
        "title": "지게차 운전원 모집",
        "description": "물류 창고에서 지게차로 상하차와 재고 정리를 합니다.",
        "career_field_id": "engineering",
        "occupation": "지게차운전원",
        "skills_required": ["지게차 운전"],
        "certificates_required": ["지게차운전기능사"],
        "employment_type": "full_time",
        "shifts": ["morning"],
        "hourly_wage": 12500,
    }
    values.update(fields)
    return make_posting(employer, **values)


def seeker_with(*, consent: bool | None = None, **overrides: Any) -> SeekerProfile:
    """A forklift-minded graduate; `consent` (default: whether the profile is open to
    employers) records the `matching` consent that shortlists and assign runs require."""
    payload = graduate_payload(
        area=DAEYA[0],
        career_fields=["engineering"],
        skills=["지게차 운전", "재고 관리"],
        certificates=["지게차운전기능사"],
        about="물류 창고에서 지게차를 운전하고 싶습니다.",
        employment_types=["full_time"],
        shifts=["morning", "afternoon"],
        max_commute_km=10,
        open_to_employers=True,
    )
    payload.update(overrides)
    payload.pop("location", None)
    fields = {**payload, "location": overrides.get("location")}
    user = seeker_user()
    if consent if consent is not None else payload["open_to_employers"]:
        consents_record(user=user, decisions={"service": True, "matching": True})
    return seeker_profile_replace(user=user, fields=fields)


def index_all() -> None:
    push_postings(Posting.objects.values_list("pk", flat=True))
    push_profiles(SeekerProfile.objects.values_list("pk", flat=True))


def test_recommendations_follow_hard_filters_rank_and_explain(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, _ = covered_employer()
    forklift = forklift_posting(employer)
    office = make_posting(
        employer,
        title="사무 보조원",
        description="물품 재고 관리와 문서 정리를 합니다.",
        career_field_id="business",
        employment_type="full_time",
    )
    far = forklift_posting(employer, title="지게차 기사", lat=FAR_AWAY["lat"], lon=FAR_AWAY["lon"])
    night = forklift_posting(employer, title="야간 지게차", shifts=["night"])
    gated = forklift_posting(
        employer, title="굴착기 운전", certificates_required=["굴착기운전기능사"]
    )
    holder = seeker_with()
    index_all()

    body = client_for(holder.user).get("/api/v1/me/recommendations/").json()
    ids = [row["posting"]["id"] for row in body["results"]]
    assert ids[0] == forklift.pk
    assert office.pk in ids  # a weaker match still passes the filters
    assert not {far.pk, night.pk, gated.pk} & set(ids)
    top = body["results"][0]
    assert set(top["components"]) == {
        "text",
        "skills",
        "certificates",
        "field",
        "experience",
        "schedule",
        "commute",
        "wage",
        "ordinance",
    }
    assert 0 < top["score"] <= 1
    assert top["policy_version"] == 1
    assert "지게차운전기능사 자격 일치" in top["reasons"]
    assert any(reason.startswith("통근 ") for reason in top["reasons"])
    # 김하늘 is an eligible local graduate at a city-funded employer with 120 staff.
    assert top["components"]["ordinance"] == 1.0
    assert top["posting"]["employer_name"] == employer.name
    stored = Recommendation.objects.filter(seeker=holder)
    assert stored.count() == len(ids)
    assert {r.policy_version for r in stored} == {1}


def test_a_closed_posting_leaves_the_recommendations_when_the_job_runs(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, boss = covered_employer()
    forklift = forklift_posting(employer)
    other = forklift_posting(employer, title="지게차 상하차")
    holder = seeker_with()
    index_all()
    client = client_for(holder.user)
    first = [
        row["posting"]["id"] for row in client.get("/api/v1/me/recommendations/").json()["results"]
    ]
    assert set(first) == {forklift.pk, other.pk}

    posting_services.posting_close(posting=forklift, actor=boss)
    push_postings([forklift.pk])
    assert refresh_recommendations(posting_ids=[forklift.pk])["seekers"] == 1
    assert not Recommendation.objects.filter(posting=forklift).exists()
    after = [
        row["posting"]["id"] for row in client.get("/api/v1/me/recommendations/").json()["results"]
    ]
    assert after == [other.pk]


def test_a_changed_profile_gets_new_recommendations(backend: SearchBackend) -> None:
    employer, _ = covered_employer()
    forklift = forklift_posting(employer)
    office = make_posting(
        employer,
        title="회계 사무원",
        description="장부 정리와 재고 관리를 합니다.",
        career_field_id="business",
        employment_type="part_time",
    )
    holder = seeker_with()
    index_all()
    refresh_recommendations(profile_ids=[holder.pk])
    assert list(Recommendation.objects.filter(seeker=holder).values_list("posting", flat=True)) == [
        forklift.pk
    ]
    holder = seeker_with(employment_types=["part_time"])  # another seeker, part-time only
    push_profiles([holder.pk])
    refresh_recommendations(profile_ids=[holder.pk])
    assert list(Recommendation.objects.filter(seeker=holder).values_list("posting", flat=True)) == [
        office.pk
    ]


def test_candidates_are_anonymous_until_the_seeker_applies_here(
    backend: SearchBackend, client_for: Any
) -> None:
    employer, boss = covered_employer()
    forklift = forklift_posting(employer)
    shown = seeker_with()
    hidden = seeker_with(open_to_employers=False)
    no_certificate = seeker_with(certificates=[])
    index_all()
    client = client_for(boss)

    body = client.get(f"/api/v1/postings/{forklift.pk}/candidates/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["candidate_ref"].startswith("C-")
    assert row["cohort"] == "graduate"
    assert row["applied"] is False
    assert row["contact"] is None
    assert not {"display_name", "email", "phone", "birth_year"} & set(row)
    assert "지게차운전기능사 자격 일치" in row["reasons"]
    assert row["area"]["code"] == DAEYA[0]
    # Stable for this employer, unlinkable across employers.
    assert row["candidate_ref"] == candidate_ref(employer.pk, shown.pk)
    assert candidate_ref(employer.pk + 1, shown.pk) != row["candidate_ref"]
    assert hidden.pk
    assert no_certificate.pk

    ApplicationFactory.create(posting=forklift, seeker=shown.user)
    row = client.get(f"/api/v1/postings/{forklift.pk}/candidates/").json()["results"][0]
    assert row["applied"] is True
    assert row["contact"]["display_name"] == shown.display_name
    assert row["contact"]["email"] == shown.user.email
    assert AccessLog.objects.filter(actor=boss, subject=shown.user).exists()
    staff = client_for(staff_user()).get(f"/api/v1/postings/{forklift.pk}/candidates/")
    assert_status(staff, 200)


def test_an_assign_run_fills_slots_meets_the_quota_and_explains_the_rest(
    backend: SearchBackend, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    employer, _ = covered_employer()
    # One slot at a covered employer: the 20% quota needs one eligible graduate there.
    forklift = forklift_posting(employer, openings=1)
    # An eligible local graduate who scores lower than the outsider (no skills listed): only
    # the quota gives them the slot.
    graduate = seeker_with(skills=[], about="성실하게 일하겠습니다.")
    outsider = seeker_with(
        is_resident=False,
        school_in_city=False,
        about="물류 창고 지게차 운전 상하차 재고 관리 경력이 있습니다.",
    )
    nobody = seeker_with(certificates=[])  # no posting passes the hard filters
    index_all()
    staff = client_for(staff_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post("/api/v1/match-runs/", {"kind": "assign"}, format="json")
    assert_status(response, 202)
    run = staff.get(f"/api/v1/match-runs/{response.json()['id']}/").json()
    assert run["status"] == "done", run
    assert run["policy_version"] == 1
    assert run["inputs_digest"]
    summary = run["summary"]
    assert summary["seekers"] == 3
    assert summary["assigned"] == 1
    assert summary["unassigned"] == 2
    assert summary["quota"] == [
        {
            "employer_id": employer.pk,
            "target_share": 0.2,
            "achieved_share": 1.0,
            "met": True,
            "required": 1,
            "achieved": 1,
            "slots": 1,
            "feasible": True,
        }
    ]
    assert summary["objective"] == pytest.approx(summary["optimum"])

    assigned = staff.get(f"/api/v1/match-runs/{run['id']}/assignments/").json()["results"]
    assert [(row["seeker_ref"], row["posting"]["id"]) for row in assigned] == [
        (seeker_ref(graduate.user_id), forklift.pk)
    ]
    assert assigned[0]["reasons"]
    assert assigned[0]["seeker_id"] == graduate.pk  # staff only: opens /seekers/{id}/
    assert assigned[0]["score"] > 0
    left = staff.get(f"/api/v1/match-runs/{run['id']}/assignments/?unassigned=true").json()
    reasons = {row["seeker_ref"]: row["unassigned_reason"] for row in left["results"]}
    assert reasons[seeker_ref(outsider.user_id)].startswith("후보 공고의 정원이")
    assert reasons[seeker_ref(nobody.user_id)].startswith("조건에 맞는 모집 중 공고가 없음")
    bad = staff.get(f"/api/v1/match-runs/{run['id']}/assignments/?unassigned=maybe")
    assert_status(bad, 400)


def test_a_run_is_reproducible_from_its_inputs(
    backend: SearchBackend, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    employer, _ = covered_employer()
    for index in range(3):
        forklift_posting(employer, title=f"지게차 운전원 {index}", openings=2)
    for _ in range(5):
        seeker_with()
    index_all()
    staff = client_for(staff_user())
    outcomes = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            run_id = staff.post("/api/v1/match-runs/", {"kind": "assign"}, format="json").json()[
                "id"
            ]
        run = MatchRun.objects.get(pk=run_id)
        rows = staff.get(f"/api/v1/match-runs/{run_id}/assignments/").json()["results"]
        outcomes.append((run.inputs_digest, [(r["seeker_ref"], r["posting"]["id"]) for r in rows]))
    assert outcomes[0] == outcomes[1]


def test_match_run_scope_is_validated(backend: SearchBackend, client_for: Any) -> None:
    staff = client_for(staff_user())
    bad = staff.post(
        "/api/v1/match-runs/",
        {"kind": "assign", "scope": {"areas": ["nowhere"], "posting_ids": [999999]}},
        format="json",
    )
    assert_status(bad, 400)
    errors = bad.json()
    assert "scope.areas" in str(errors)
    assert "scope.posting_ids" in str(errors)
    assert_status(staff.post("/api/v1/match-runs/", {"kind": "shuffle"}, format="json"), 400)
    assert not MatchRun.objects.exists()


def test_a_recommend_run_stores_recommendations_with_its_run(
    backend: SearchBackend, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    employer, _ = covered_employer()
    forklift = forklift_posting(employer)
    holder = seeker_with()
    other_field = seeker_with(career_fields=["business"], area="4139052000")
    index_all()
    staff = client_for(staff_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            "/api/v1/match-runs/",
            {"kind": "recommend", "scope": {"career_fields": ["engineering"]}},
            format="json",
        )
    run = MatchRun.objects.get(pk=response.json()["id"])
    assert run.status == "done"
    assert run.summary["seekers"] == 1
    assert run.summary["recommendations"] == 1
    assert run.summary["postings"] == 1
    stored = Recommendation.objects.get(seeker=holder)
    assert stored.posting_id == forklift.pk
    assert stored.match_run_id == run.pk
    assert not Recommendation.objects.filter(seeker=other_field).exists()


def test_a_search_outage_leaves_the_run_queued_for_the_retry(
    backend: SearchBackend, client_for: Any, settings: Any
) -> None:
    from backend.matching.runs import execute_match_run
    from backend.matching.services import match_run_create
    from search.backends.base import SearchUnavailableError

    seeker_with()
    run = match_run_create(actor=None, kind="assign", scope={})
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(SearchUnavailableError):
        execute_match_run(run.pk)
    run.refresh_from_db()
    assert run.status == "queued"
    assert "검색 서버" in run.error


def test_matching_endpoints_answer_503_while_search_is_down(client_for: Any, settings: Any) -> None:
    employer, boss = covered_employer()
    forklift = forklift_posting(employer)
    holder = seeker_with()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    for client, path in (
        (client_for(holder.user), "/api/v1/me/recommendations/"),
        (client_for(boss), f"/api/v1/postings/{forklift.pk}/candidates/"),
    ):
        response = client.get(path)
        assert_status(response, 503)
        assert response.json()["code"] == "search_unavailable"
    assert not Recommendation.objects.exists()  # nothing half-written


def test_training_suggestions_count_near_misses_alike(
    backend: SearchBackend, client_for: Any
) -> None:
    """The certificates that keep a seeker from postings they nearly match, with the course
    that gives them, the same on every search backend."""
    employer, _ = covered_employer()
    for n in range(2):
        forklift_posting(employer, title=f"굴착기 운전원 {n}", certificates_required=["굴삭기"])
    forklift_posting(
        employer, title="야간 굴착기", certificates_required=["굴삭기"], shifts=["night"]
    )
    forklift_posting(employer)  # held: no gap
    holder = seeker_with()
    TrainingCourse.objects.create(
        provider="한국폴리텍대학 (협력 훈련기관)",
        title="굴착기운전기능사 취득",
        certificates=["굴착기운전기능사"],
        starts_on=seoul_today(),
        ends_on=seoul_today() + datetime.timedelta(days=30),
    )
    index_all()
    gaps = client_for(holder.user).get("/api/v1/me/training-suggestions/").json()
    assert [(g["kind"], g["name"], g["postings"]) for g in gaps] == [("certificate", "굴삭기", 2)]
    assert [c["title"] for c in gaps[0]["courses"]] == ["굴착기운전기능사 취득"]
