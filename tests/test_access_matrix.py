"""Every API operation × every kind of caller, including someone else's object.

Table-driven: each row names an operation, who may do it (`allowed`) and who must not even
learn that the object exists (`hidden`, exactly 404). Every other caller gets 401 when
anonymous and 403 or 404 otherwise. An allowed caller may still get 400 or 409 (the world's
state decides); what it must never get is 401/403/404 or a 500.
`test_every_operation_is_in_the_table` keeps the table complete as the API grows.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from backend.accounts.models import User
from backend.employers.members import invitation_create
from backend.employers.models import EmployerMember
from backend.fairs.services import fair_create, fair_registration_set
from backend.jobs.models import PostingReport, seoul_today
from backend.jobs.saved_searches import saved_search_create
from backend.matching.models import DecisionRequest, MatchRun
from backend.reports.snapshots import snapshots_yearly
from backend.seekers.assisted import assisted_seeker_create
from backend.training.models import TrainingCourse
from tests.factories.accounts import log_in, mentor_user, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, placement_for, posting_in
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import graduate_profile, returner_profile

pytestmark = [pytest.mark.django_db]

ACTORS = (
    "anon",
    "seeker",
    "other_seeker",
    "employer",
    "other_employer",
    "mentor",
    "other_mentor",
    "staff",
)
SEEKERS = {"seeker", "other_seeker"}
EMPLOYERS = {"employer", "other_employer"}
MENTORS = {"mentor", "other_mentor"}
SIGNED_IN = set(ACTORS) - {"anon"}


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)  # filled into string body values


def build_world() -> World:
    world = World()
    org_a, boss_a = employer_with_user()
    _org_b, boss_b = employer_with_user()
    profile_a = graduate_profile()
    profile_b = returner_profile()
    open_posting = posting_in("open", employer=org_a)
    hiring_posting = posting_in("open", employer=org_a, openings=3)
    draft = posting_in("draft", employer=org_a)
    pending = posting_in("pending", employer=org_a)
    application = ApplicationFactory.create(posting=open_posting, seeker=profile_a.user)
    hired = ApplicationFactory.create(posting=hiring_posting, seeker=profile_a.user)
    placement = placement_for(hired)
    mentor_a = expert_mentor(user=mentor_user())
    mentor_b = expert_mentor(user=mentor_user(), career_fields=["service"])
    request = mentoring_request(seeker=profile_a.user)
    report = PostingReport.objects.create(posting=open_posting, reason="scam")
    run = MatchRun.objects.create(kind="assign", policy_version=1, as_of=datetime.date.today())
    decision = DecisionRequest.objects.create(
        seeker=profile_a, posting=open_posting, kind="explanation", subject="shortlist"
    )
    # Org A invites B's member: B may accept (and is told it belongs elsewhere, 409); A may not.
    invitation, token = invitation_create(employer=org_a, actor=boss_a, email=boss_b.email)
    saved = saved_search_create(user=profile_a.user, query={"q": "경리"}, frequency="daily")
    expired = posting_in("expired", employer=org_a)
    world.users = {
        "anon": None,
        "seeker": profile_a.user,
        "other_seeker": profile_b.user,
        "employer": boss_a,
        "other_employer": boss_b,
        "mentor": mentor_a.user,
        "other_mentor": mentor_b.user,
        "staff": staff_user(),
    }
    world.ids = {
        "org": org_a.pk,
        "posting": open_posting.pk,
        "draft": draft.pk,
        "pending": pending.pk,
        "application": application.pk,
        "placement": placement.pk,
        "request": request.pk,
        "mentor_profile": mentor_b.pk,
        "report": report.pk,
        "profile": profile_a.pk,
        "run": run.pk,
        "decision": decision.pk,
        "member": EmployerMember.objects.get(user=boss_a).pk,
        "invitation": invitation.pk,
        "snapshot": snapshots_yearly(seoul_today())[0].pk,
        "saved_search": saved.pk,
        "expired": expired.pk,
        "assisted": assisted_seeker_create(
            actor=User.objects.get(pk=world.users["staff"].pk),  # type: ignore[union-attr]
            consent_scan_ref="새일-0",
            consent_signed_on=seoul_today(),
            matching_consent=False,
        )[0].pk,
        "course": TrainingCourse.objects.create(
            provider="기관",
            title="과정",
            skills=["엑셀"],
            starts_on=seoul_today(),
            ends_on=seoul_today() + datetime.timedelta(days=30),
        ).pk,
    }
    fair = fair_create(
        actor=staff_user(),
        title="접근 점검 박람회",
        date=seoul_today() + datetime.timedelta(days=10),
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
        place="시흥시청",
        slot_minutes=30,
        max_choices=2,
        registration_closes_at=timezone.now() + datetime.timedelta(days=5),
        posting_ids=[open_posting.pk],
    )
    fair_registration_set(seeker=profile_a, fair=fair, choices=[open_posting.pk])
    world.ids["fair"] = fair.pk
    world.strings = {"token": token}
    return world


@dataclass(frozen=True)
class Op:
    method: str
    path: str  # with {name} placeholders filled from World.ids
    allowed: frozenset[str]
    hidden: frozenset[str] = frozenset()
    body: dict[str, Any] | None = None
    schema_path: str = ""  # the path as the OpenAPI schema names it, when it differs

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


def op(method: str, path: str, allowed: set[str], hidden: set[str] = frozenset(), **kw: Any) -> Op:  # type: ignore[assignment]
    return Op(method, path, frozenset(allowed), frozenset(hidden), **kw)


EVERYONE = set(ACTORS)
TABLE: list[Op] = [
    # reference data (public)
    op("get", "/api/v1/areas/", EVERYONE),
    op("get", "/api/v1/career-fields/", EVERYONE),
    op("get", "/api/v1/occupations/", EVERYONE),
    op("get", "/api/v1/certificates/", EVERYONE),
    # accounts
    op("get", "/api/v1/me/", SIGNED_IN),
    op("delete", "/api/v1/me/", SIGNED_IN),
    op("get", "/api/v1/me/consents/", SIGNED_IN),
    op("post", "/api/v1/me/consents/", SIGNED_IN, body={"decisions": {"marketing": False}}),
    op("get", "/api/v1/me/export/", SIGNED_IN),
    # notifications
    op("get", "/api/v1/me/notification-preferences/", SIGNED_IN),
    op(
        "patch",
        "/api/v1/me/notification-preferences/",
        SIGNED_IN,
        body={"preferences": {"mentoring_message": False}},
    ),
    # seekers
    op("get", "/api/v1/me/profile/", SEEKERS),
    op("put", "/api/v1/me/profile/", SEEKERS, body={"cohort": "graduate"}),
    op("patch", "/api/v1/me/profile/", SEEKERS, body={"about": "안녕하세요"}),
    op("get", "/api/v1/seekers/", {"staff"}),
    op("get", "/api/v1/seekers/{profile}/", {"staff"}, schema_path="/api/v1/seekers/{seeker_id}/"),
    # matching
    op("get", "/api/v1/me/eligibility/", SEEKERS),
    op("get", "/api/v1/ordinance-policy/", {"staff"}),
    op("put", "/api/v1/ordinance-policy/", {"staff"}, body={"document": {}, "note": "x"}),
    op("get", "/api/v1/ordinance-policy/versions/", {"staff"}),
    op(
        "get",
        "/api/v1/ordinance-policy/versions/1/",
        {"staff"},
        schema_path="/api/v1/ordinance-policy/versions/{version}/",
    ),
    op("get", "/api/v1/me/recommendations/", SEEKERS),
    op("get", "/api/v1/postings/{posting}/candidates/", {"employer", "staff"}, {"other_employer"}),
    op("get", "/api/v1/match-runs/", {"staff"}),
    op("post", "/api/v1/match-runs/", {"staff"}, body={"kind": "recommend"}),
    op("get", "/api/v1/match-runs/{run}/", {"staff"}),
    op("get", "/api/v1/match-runs/{run}/assignments/", {"staff"}),
    # job fairs
    op("get", "/api/v1/fairs/", EVERYONE),
    op("post", "/api/v1/fairs/", {"staff"}, body={"title": "새 박람회"}),
    op("get", "/api/v1/fairs/{fair}/", EVERYONE, schema_path="/api/v1/fairs/{id}/"),
    op(
        "get",
        "/api/v1/fairs/{fair}/registration/",
        {"seeker"},
        {"other_seeker"},
        schema_path="/api/v1/fairs/{id}/registration/",
    ),
    op(
        "put",
        "/api/v1/fairs/{fair}/registration/",
        SEEKERS,
        body={"choices": []},
        schema_path="/api/v1/fairs/{id}/registration/",
    ),
    op(
        "delete",
        "/api/v1/fairs/{fair}/registration/",
        SEEKERS,
        schema_path="/api/v1/fairs/{id}/registration/",
    ),
    op(
        "get",
        "/api/v1/fairs/{fair}/schedule/",
        {"employer", "staff"},
        {"other_employer"},
        schema_path="/api/v1/fairs/{id}/schedule/",
    ),
    op(
        "get",
        "/api/v1/fairs/{fair}/schedule/pdf/",
        {"employer", "staff"},
        {"other_employer"},
        schema_path="/api/v1/fairs/{id}/schedule/pdf/",
    ),
    op(
        "post",
        "/api/v1/fairs/{fair}/schedule/publish/",
        {"staff"},
        body={"match_run": 0},
        schema_path="/api/v1/fairs/{id}/schedule/publish/",
    ),
    op("get", "/api/v1/me/fair-schedule/", SEEKERS),
    op("get", "/api/v1/me/decision-requests/", SEEKERS),
    op("post", "/api/v1/me/decision-requests/", SEEKERS, body={"kind": "explanation"}),
    op("get", "/api/v1/decision-requests/", {"staff"}),
    op(
        "post",
        "/api/v1/decision-requests/{decision}/answer/",
        {"staff"},
        body={"answer": "설명드려요."},
        schema_path="/api/v1/decision-requests/{id}/answer/",
    ),
    # employers
    op("get", "/api/v1/employers/", EMPLOYERS | {"staff"}),
    op("post", "/api/v1/employers/", EMPLOYERS, body={"name": "새 회사"}),
    op("get", "/api/v1/employers/{org}/", {"employer", "staff"}, {"other_employer"}),
    op(
        "patch",
        "/api/v1/employers/{org}/",
        {"employer", "staff"},
        {"other_employer"},
        body={"staff_count": 50},
    ),
    op("post", "/api/v1/employers/{org}/verify/", {"staff"}),
    op("post", "/api/v1/employers/{org}/refuse/", {"staff"}, body={"reason": "사업자 정보 불일치"}),
    op("get", "/api/v1/employers/{org}/members/", {"employer", "staff"}, {"other_employer"}),
    # The only member: allowed, and refused as the last one (409).
    op("delete", "/api/v1/employers/{org}/members/{member}/", {"employer"}, {"other_employer"}),
    op("get", "/api/v1/employers/{org}/invitations/", {"employer", "staff"}, {"other_employer"}),
    op(
        "post",
        "/api/v1/employers/{org}/invitations/",
        {"employer"},
        {"other_employer"},
        body={"email": "new-colleague@example.kr"},
    ),
    op(
        "delete",
        "/api/v1/employers/{org}/invitations/{invitation}/",
        {"employer"},
        {"other_employer"},
    ),
    op("post", "/api/v1/invitations/accept/", {"other_employer"}, body={"token": "{token}"}),
    # search (public)
    op("get", "/api/v1/postings/search/?q=용접", EVERYONE, schema_path="/api/v1/postings/search/"),
    op("get", "/api/v1/postings/suggest/?q=용", EVERYONE, schema_path="/api/v1/postings/suggest/"),
    # postings
    op("get", "/api/v1/postings/", EMPLOYERS | {"staff"}),
    op("post", "/api/v1/postings/", EMPLOYERS, body={"title": "새 공고"}),
    op("get", "/api/v1/postings/{posting}/", EVERYONE),
    op("get", "/api/v1/postings/{draft}/", {"employer", "staff"}, EVERYONE - {"employer", "staff"}),
    op(
        "patch", "/api/v1/postings/{draft}/", {"employer"}, {"other_employer"}, body={"openings": 3}
    ),
    op("post", "/api/v1/postings/{draft}/submit/", {"employer"}, {"other_employer"}),
    op("post", "/api/v1/postings/{pending}/approve/", {"staff"}),
    op(
        "post",
        "/api/v1/postings/{pending}/reject/",
        {"staff"},
        body={"reason": "급여 정보 보완 필요"},
    ),
    op("post", "/api/v1/postings/{posting}/close/", {"employer", "staff"}, {"other_employer"}),
    # applications and placements
    op(
        "get", "/api/v1/postings/{posting}/applications/", {"employer", "staff"}, {"other_employer"}
    ),
    op(
        "post",
        "/api/v1/postings/{posting}/applications/",
        SEEKERS,
        body={"message": "지원합니다", "consent_provision": True},
    ),
    op("get", "/api/v1/me/applications/", SEEKERS),
    # saved searches and renewals (issue 16)
    op("get", "/api/v1/me/saved-searches/", SEEKERS),
    op("post", "/api/v1/me/saved-searches/", SEEKERS, body={"query": {"q": "바리스타"}}),
    op("get", "/api/v1/me/saved-searches/{saved_search}/", {"seeker"}, {"other_seeker"}),
    op(
        "patch",
        "/api/v1/me/saved-searches/{saved_search}/",
        {"seeker"},
        {"other_seeker"},
        body={"frequency": "weekly"},
    ),
    op("delete", "/api/v1/me/saved-searches/{saved_search}/", {"seeker"}, {"other_seeker"}),
    op(
        "post",
        "/api/v1/postings/{posting}/extend/",
        {"employer"},
        {"other_employer"},
        body={"deadline": (seoul_today() + datetime.timedelta(days=40)).isoformat()},
    ),
    op("post", "/api/v1/postings/{expired}/renew/", {"employer"}, {"other_employer"}, body={}),
    op("post", "/api/v1/applications/{application}/withdraw/", {"seeker"}, {"other_seeker"}),
    op(
        "patch",
        "/api/v1/applications/{application}/",
        {"employer"},
        {"other_employer"},
        body={"status": "reviewing"},
    ),
    op("get", "/api/v1/placements/", SEEKERS | EMPLOYERS | {"staff"}),
    op(
        "patch",
        "/api/v1/placements/{placement}/checkpoints/1/",
        {"employer", "staff"},
        {"other_employer"},
        body={"status": "retained"},
        schema_path="/api/v1/placements/{id}/checkpoints/{month}/",
    ),
    op(
        "get",
        "/api/v1/placements/{placement}/checkpoints/1/history/",
        {"employer", "staff"},
        {"other_employer"},
        schema_path="/api/v1/placements/{id}/checkpoints/{month}/history/",
    ),
    # mentoring
    op("get", "/api/v1/me/mentor-profile/", SEEKERS | MENTORS),
    op("put", "/api/v1/me/mentor-profile/", SEEKERS | MENTORS, body={"kind": "expert"}),
    op("get", "/api/v1/mentoring-requests/", SEEKERS | MENTORS | {"staff"}),
    op("get", "/api/v1/mentors/", {"staff"}),
    # mentoring sessions and ratings: the thread's two sides (staff read the sessions)
    op(
        "get",
        "/api/v1/mentoring-requests/{request}/sessions/",
        {"seeker", "staff"},
        {"other_seeker", "mentor", "other_mentor"},
        schema_path="/api/v1/mentoring-requests/{request_id}/sessions/",
    ),
    op(
        "post",
        "/api/v1/mentoring-requests/{request}/sessions/",
        {"seeker"},
        {"other_seeker", "mentor", "other_mentor"},
        body={"held_on": "2026-01-05", "minutes": 30, "topic": "진로"},
        schema_path="/api/v1/mentoring-requests/{request_id}/sessions/",
    ),
    op(
        "get",
        "/api/v1/mentoring-requests/{request}/rating/",
        {"seeker"},
        {"other_seeker", "mentor", "other_mentor"},
        schema_path="/api/v1/mentoring-requests/{request_id}/rating/",
    ),
    op(
        "post",
        "/api/v1/mentoring-requests/{request}/rating/",
        {"seeker"},
        {"other_seeker", "mentor", "other_mentor"},
        body={"score": 5},
        schema_path="/api/v1/mentoring-requests/{request_id}/rating/",
    ),
    # the training catalogue and suggestions
    op("get", "/api/v1/training-courses/", SIGNED_IN),
    op(
        "post",
        "/api/v1/training-courses/",
        {"staff"},
        body={
            "provider": "기관",
            "title": "과정",
            "skills": ["엑셀"],
            "starts_on": "2030-01-01",
            "ends_on": "2030-02-01",
        },
    ),
    op(
        "get",
        "/api/v1/training-courses/{course}/",
        SIGNED_IN,
        schema_path="/api/v1/training-courses/{course_id}/",
    ),
    op(
        "patch",
        "/api/v1/training-courses/{course}/",
        {"staff"},
        body={"title": "바뀐 과정"},
        schema_path="/api/v1/training-courses/{course_id}/",
    ),
    op("get", "/api/v1/me/training-suggestions/", SEEKERS),
    # counsellor-assisted enrolment (staff) and the letter's first login (anyone)
    op("get", "/api/v1/assisted-seekers/", {"staff"}),
    op(
        "post",
        "/api/v1/assisted-seekers/",
        {"staff"},
        body={"consent_scan_ref": "새일-1", "consent_signed_on": "2026-01-01"},
    ),
    op("post", "/api/v1/assisted-seekers/{assisted}/code/", {"staff"}),
    op("put", "/api/v1/assisted-seekers/{assisted}/profile/", {"staff"}, body={}),
    op(
        "post",
        "/api/v1/accounts/assisted/activate/",
        EVERYONE,
        body={"login_id": "sh00000000", "code": "AAAAA-AAAAA", "password": "x"},
    ),
    # reports of postings (신고) and revisions of open postings
    op("post", "/api/v1/postings/{posting}/reports/", EVERYONE, body={"reason": "scam"}),
    op("get", "/api/v1/posting-reports/", {"staff"}),
    op("post", "/api/v1/posting-reports/{report}/dismiss/", {"staff"}, body={}),
    op("post", "/api/v1/posting-reports/{report}/act/", {"staff"}, body={"reason": "사기"}),
    op("post", "/api/v1/postings/{posting}/revision/approve/", {"staff"}),
    op("post", "/api/v1/postings/{posting}/revision/reject/", {"staff"}, body={"reason": "x"}),
    op(
        "post",
        "/api/v1/mentors/{mentor_profile}/refuse/",
        {"staff"},
        body={"reason": "경력 확인 불가"},
        schema_path="/api/v1/mentors/{profile_id}/refuse/",
    ),
    op(
        "post",
        "/api/v1/mentors/{mentor_profile}/verify/",
        {"staff"},
        schema_path="/api/v1/mentors/{profile_id}/verify/",
    ),
    op(
        "post", "/api/v1/mentoring-requests/", SEEKERS, body={"career_field": "it", "topic": "진로"}
    ),
    op("post", "/api/v1/mentoring-requests/{request}/accept/", {"mentor"}, {"other_mentor"}),
    op("post", "/api/v1/mentoring-requests/{request}/decline/", {"mentor"}, {"other_mentor"}),
    op("post", "/api/v1/mentoring-requests/{request}/complete/", {"mentor"}, {"other_mentor"}),
    op("post", "/api/v1/mentoring-requests/{request}/cancel/", {"seeker"}, {"other_seeker"}),
    op(
        "get",
        "/api/v1/mentoring-requests/{request}/suggested-mentors/",
        {"seeker", "staff"},
        {"other_seeker"},
    ),
    # reports (staff only; REPORTS.md)
    op("get", "/api/v1/reports/placements/", {"staff"}),
    op("get", "/api/v1/reports/mentoring/", {"staff"}),
    # The ledger: staff, and an institution its own row (org A is neither covered nor a
    # partner, so its members get 403 like everyone else).
    op("get", "/api/v1/reports/ordinance/", {"staff"}),
    op("get", "/api/v1/reports/snapshots/", {"staff"}),
    op(
        "post",
        "/api/v1/reports/snapshots/",
        {"staff"},
        body={"kind": "ordinance", "parameters": {"year": 2025}},
    ),
    op(
        "get",
        "/api/v1/reports/snapshots/{snapshot}/",
        {"staff"},
        schema_path="/api/v1/reports/snapshots/{id}/",
    ),
    op(
        "post",
        "/api/v1/reports/snapshots/{snapshot}/publish/",
        {"staff"},
        schema_path="/api/v1/reports/snapshots/{id}/publish/",
    ),
    # hiring surveys (its members or staff)
    op(
        "get",
        "/api/v1/employers/{org}/hiring-surveys/",
        {"employer", "staff"},
        {"other_employer"},
        schema_path="/api/v1/employers/{id}/hiring-surveys/",
    ),
    op(
        "post",
        "/api/v1/employers/{org}/hiring-surveys/",
        {"employer", "staff"},
        {"other_employer"},
        body={
            "year": 2025,
            "new_hires_total": 10,
            "local_graduate_hires": 2,
            "returner_hires": 1,
            "senior_hires": 0,
        },
        schema_path="/api/v1/employers/{id}/hiring-surveys/",
    ),
]

CASES = [(row, actor) for row in TABLE for actor in ACTORS]


@pytest.mark.parametrize(("row", "actor"), CASES, ids=[f"{r.label} as {a}" for r, a in CASES])
def test_access(row: Op, actor: str) -> None:
    world = build_world()
    client = Client()
    user = world.users[actor]
    if user is not None:
        log_in(client, user)
    path = row.path.format(**world.ids)
    kwargs: dict[str, Any] = {}
    if row.body is not None:
        body = {
            key: value.format(**world.strings) if isinstance(value, str) else value
            for key, value in row.body.items()
        }
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    response = getattr(client, row.method)(path, **kwargs)
    status = response.status_code
    assert status < 500, response.content
    if actor in row.allowed:
        assert status not in (401, 403), f"{actor} refused: {status} {response.content[:300]!r}"
        # A 404 for an allowed caller only where the caller's own resource is not made yet.
        assert status != 404 or row.path.startswith("/api/v1/me/"), response.content[:300]
    elif actor in row.hidden:
        assert status == 404, f"{actor} should not see it exists: {status}"
    elif actor == "anon":
        assert status == 401
    else:
        assert status in (403, 404), f"{actor} got {status}: {response.content[:300]!r}"


def test_every_operation_is_in_the_table(tmp_path) -> None:
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    documented = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    import re

    def normalise(path: str) -> str:
        return re.sub(r"\{[^}]+\}", "{}", path)

    covered = {(row.method, normalise(row.schema_path or row.path)) for row in TABLE}
    missing = {(m, p) for m, p in documented if (m, normalise(p)) not in covered}
    assert not missing, f"operations without an access row: {sorted(missing)}"
    assert len(TABLE) * len(ACTORS) == len(CASES)
