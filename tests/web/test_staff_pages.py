"""The staff console: who may open it, the queues and their decisions (verify, refuse, approve,
reject), match runs and the polled status partial, a seeker's record (access-logged), and the
pages' query counts (pinned, and not growing with the rows shown)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from backend.accounts.models import AccessLog, User
from backend.employers.models import Employer
from backend.employers.services import employer_refuse, employer_update
from backend.jobs.models import Posting, PostingReviewFlag, PostingStatus
from backend.matching.models import Assignment, MatchRun
from backend.mentoring.models import MentorStatus
from backend.seekers.models import SeekerProfile
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.employers import EmployerFactory
from tests.factories.jobs import applicant, placement_for, posting_in
from tests.factories.mentoring import expert_mentor
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, count_queries, html
from workers.models import JobRun, JobStatus

pytestmark = [pytest.mark.django_db]

STAFF_PAGES = [
    "/staff/",
    "/staff/employers/",
    "/staff/mentors/",
    "/staff/postings/",
    "/staff/match-runs/",
    "/staff/jobs/",
    "/staff/checkpoints/",
]
# Every page's queries, the session and the user of the request included.
MAX_QUERIES = {
    # + mentors, revisions, reports; + explanation/review requests, access-log months;
    # + the "surveys missing" count: the policy of the year (1-2), the institutions, the surveys
    "/staff/": 16,
    "/staff/employers/": 4,
    "/staff/mentors/": 5,
    "/staff/postings/": 7,  # + the revisions queue's count, the revisions prefetch
    "/staff/match-runs/": 6,
    "/staff/jobs/": 4,
    "/staff/checkpoints/": 4,
}
RUN_PAGE_QUERIES = 6
SEEKER_RECORD_QUERIES = 6  # + the bulk-read alert counts the reader's last hour


@pytest.fixture
def staff() -> User:
    return staff_user()


def unverified(**kwargs: object) -> Employer:
    return EmployerFactory.create(verified_at=None, **kwargs)


def flagged_pending() -> Posting:
    posting = posting_in(PostingStatus.PENDING)
    PostingReviewFlag.objects.create(
        posting=posting,
        code="age_limit",
        clause="시흥시 지역인재 채용 조례 제7조 (연령 제한 금지)",
        pattern="만 \\d+세 이하",
        matched="… 만 35세 이하 지원 가능 …",
        policy_version=1,
    )
    return posting


def done_run(staff: User, *, assigned: int = 2, unassigned: int = 1) -> MatchRun:
    posting = posting_in(PostingStatus.OPEN)
    run = MatchRun.objects.create(
        kind="assign",
        status="done",
        policy_version=1,
        as_of=timezone.localdate(),
        created_by=staff,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        summary={
            "seekers": assigned + unassigned,
            "postings": 1,
            "assigned": assigned,
            "unassigned": unassigned,
            "objective": 1.5,
            "quota": [
                {
                    "employer_id": posting.employer_id,
                    "target_share": 0.2,
                    "achieved_share": 0.5,
                    "met": True,
                    "required": 1,
                    "achieved": 1,
                    "slots": 2,
                    "feasible": True,
                }
            ],
        },
    )
    for n in range(assigned):
        Assignment.objects.create(
            match_run=run,
            seeker=graduate_profile(),
            posting=posting,
            score=0.9 - n / 10,
            reasons=["기술이 맞아요"],
        )
    for _ in range(unassigned):
        Assignment.objects.create(
            match_run=run, seeker=graduate_profile(), unassigned_reason="맞는 공고가 없음"
        )
    return run


# --- who may open the console -----------------------------------------------------------------


@pytest.mark.parametrize("path", [*STAFF_PAGES, "/staff/seekers/1/", "/staff/match-runs/1/"])
def test_anonymous_is_sent_to_login(path: str) -> None:
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "path",
    [*STAFF_PAGES, "/staff/seekers/1/", "/staff/match-runs/1/", "/staff/match-runs/1/status/"],
)
@pytest.mark.parametrize("make_user", [seeker, employer_user, mentor_user])
def test_other_roles_get_the_403_page(path: str, make_user: Callable[[], User]) -> None:
    response = client_for(make_user()).get(path)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/staff/employers/1/verify/",
        "/staff/employers/1/refuse/",
        "/staff/mentors/1/verify/",
        "/staff/mentors/1/refuse/",
        "/staff/postings/1/approve/",
        "/staff/postings/1/reject/",
        "/staff/jobs/1/retry/",
    ],
)
def test_a_seeker_may_not_post_decisions(path: str) -> None:
    assert client_for(seeker()).post(path, {"reason": "x"}).status_code == 403


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_each_page_answers_staff(staff: User, path: str) -> None:
    response = client_for(staff).get(path)
    assert response.status_code == 200, path
    text = html(response)
    assert 'href="/staff/"' in text  # the header's dashboard link (navigation.DASHBOARDS)
    assert 'aria-current="page"' in text


def test_dashboard_counts_each_queue(staff: User) -> None:
    unverified()
    unverified()
    for _ in range(3):
        expert_mentor(status=MentorStatus.PENDING)
    expert_mentor()  # verified: not waiting
    flagged_pending()
    JobRun.objects.create(job="noop", engine="inline", status=JobStatus.DEAD, max_attempts=3)
    application, _ = applicant(posting_in(PostingStatus.OPEN))
    placement_for(application)  # a year and a day ago: all four checkpoints are overdue
    text = html(client_for(staff).get("/staff/"))
    for path, count in [
        ("/staff/employers/", 2),
        ("/staff/mentors/", 3),
        ("/staff/postings/", 1),
        ("/staff/jobs/", 1),
        ("/staff/checkpoints/", 4),
    ]:
        assert f'href="{path}"' in text
        assert f"{count}건" in text


# --- employers ------------------------------------------------------------------------------


def test_the_queue_lists_unverified_and_not_refused(staff: User) -> None:
    waiting = unverified(name="정왕정밀 (주)")
    EmployerFactory.create(name="이미인증 (주)")
    unverified(name="거절됨 (주)", refused_at=timezone.now(), refusal_reason="서류 불일치")
    text = html(client_for(staff).get("/staff/employers/"))
    assert waiting.name in text
    assert "이미인증" not in text
    assert "거절됨" not in text
    assert f'id="id_reason_{waiting.pk}"' in text


def test_verify(staff: User) -> None:
    employer = unverified()
    response = client_for(staff).post(f"/staff/employers/{employer.pk}/verify/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/employers/"
    employer.refresh_from_db()
    assert employer.verified_at is not None
    assert employer.verified_by == staff


def test_verify_twice_is_a_message_not_an_error(staff: User) -> None:
    employer = EmployerFactory.create()
    client = client_for(staff)
    response = client.post(f"/staff/employers/{employer.pk}/verify/", follow=True)
    assert response.status_code == 200
    assert "이미 인증된 기업" in html(response)


def test_refuse_with_a_reason(staff: User) -> None:
    employer = unverified()
    response = client_for(staff).post(
        f"/staff/employers/{employer.pk}/refuse/", {"reason": "사업자등록증과 상호가 달라요."}
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.refused_at is not None
    assert employer.refused_by == staff
    assert employer.refusal_reason == "사업자등록증과 상호가 달라요."
    assert employer.verified_at is None


def test_refuse_without_a_reason_shows_the_error_beside_the_field(staff: User) -> None:
    employer = unverified()
    other = unverified()
    response = client_for(staff).post(f"/staff/employers/{employer.pk}/refuse/", {"reason": "  "})
    assert response.status_code == 400
    text = html(response)
    assert "error-summary" in text
    assert f'href="#id_reason_{employer.pk}"' in text
    assert f'id="error-id_reason_{employer.pk}"' in text
    assert f'id="error-id_reason_{other.pk}"' not in text
    assert "사유를 적어 주세요" in text
    employer.refresh_from_db()
    assert employer.refused_at is None


def test_an_edit_after_refusal_puts_the_employer_back_in_the_queue(staff: User) -> None:
    employer = unverified()
    employer_refuse(employer=employer, actor=staff, reason="주소 확인 필요")
    employer = employer_update(
        employer=employer, actor=staff, fields={"address": "경기도 시흥시 정왕동 2"}
    )
    assert employer.refused_at is None
    assert employer.refusal_reason == ""
    assert employer.name in html(client_for(staff).get("/staff/employers/"))


def test_unknown_employer_is_a_404(staff: User) -> None:
    assert client_for(staff).post("/staff/employers/999999/verify/").status_code == 404


def test_refuse_api(staff: User) -> None:
    employer = unverified()
    client = client_for(staff)
    bad = client.post(f"/api/v1/employers/{employer.pk}/refuse/", {"reason": ""})
    assert bad.status_code == 400
    assert "reason" in bad.json()
    good = client.post(f"/api/v1/employers/{employer.pk}/refuse/", {"reason": "서류 불일치"})
    assert good.status_code == 200
    assert good.json()["refusal_reason"] == "서류 불일치"
    assert (
        client.post(f"/api/v1/employers/{employer.pk}/refuse/", {"reason": "x"}).status_code == 409
    )


# --- postings -------------------------------------------------------------------------------


def test_the_review_queue_shows_flags_clauses_and_quoted_text(staff: User) -> None:
    posting = flagged_pending()
    text = html(client_for(staff).get("/staff/postings/"))
    assert posting.title in text
    assert "제7조 (연령 제한 금지)" in text
    assert "만 35세 이하 지원 가능" in text


def test_approve(staff: User) -> None:
    posting = flagged_pending()
    response = client_for(staff).post(f"/staff/postings/{posting.pk}/approve/")
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.OPEN
    flag = posting.review_flags.get()
    assert flag.reviewed_by == staff


def test_approve_twice_is_a_message(staff: User) -> None:
    posting = posting_in(PostingStatus.OPEN)
    response = client_for(staff).post(f"/staff/postings/{posting.pk}/approve/", follow=True)
    assert response.status_code == 200
    assert "site-message" in html(response)


def test_reject_with_a_reason(staff: User) -> None:
    posting = flagged_pending()
    response = client_for(staff).post(
        f"/staff/postings/{posting.pk}/reject/", {"reason": "연령 제한 문구를 지워 주세요."}
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT
    assert posting.rejection_reason == "연령 제한 문구를 지워 주세요."


def test_reject_without_a_reason_shows_the_error_beside_the_field(staff: User) -> None:
    posting = flagged_pending()
    response = client_for(staff).post(f"/staff/postings/{posting.pk}/reject/", {"reason": ""})
    assert response.status_code == 400
    text = html(response)
    assert f'id="error-id_reason_{posting.pk}"' in text
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PENDING


# --- match runs -----------------------------------------------------------------------------


def test_start_a_run(staff: User) -> None:
    response = client_for(staff).post("/staff/match-runs/", {"kind": "assign"})
    run = MatchRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/match-runs/{run.pk}/"
    assert run.kind == "assign"
    assert run.created_by == staff
    assert run.scope == {"areas": [], "career_fields": [], "posting_ids": []}


def test_start_a_run_with_bad_input_keeps_it(staff: User) -> None:
    response = client_for(staff).post(
        "/staff/match-runs/", {"kind": "everything", "posting_ids": "12, abc"}
    )
    assert response.status_code == 400
    text = html(response)
    assert "목록에 있는 종류를 골라 주세요" in text
    assert "공고 번호는 숫자로" in text
    assert 'value="12, abc"' in text
    assert not MatchRun.objects.exists()


def test_a_missing_posting_in_the_scope_is_named_beside_the_field(staff: User) -> None:
    response = client_for(staff).post(
        "/staff/match-runs/", {"kind": "recommend", "posting_ids": "999999"}
    )
    assert response.status_code == 400
    assert 'id="error-posting_ids"' in html(response)


def test_a_running_run_polls_its_status_partial(staff: User) -> None:
    run = MatchRun.objects.create(
        kind="recommend", status="running", policy_version=1, as_of=timezone.localdate()
    )
    page = html(client_for(staff).get(f"/staff/match-runs/{run.pk}/"))
    assert f'hx-get="/staff/match-runs/{run.pk}/status/"' in page
    assert 'hx-trigger="every 2s"' in page
    fragment = client_for(staff).get(f"/staff/match-runs/{run.pk}/status/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    text = html(fragment)
    assert "<html" not in text
    assert 'hx-trigger="every 2s"' in text


def test_a_finished_run_stops_polling_and_shows_its_results(staff: User) -> None:
    run = done_run(staff)
    fragment = html(client_for(staff).get(f"/staff/match-runs/{run.pk}/status/"))
    assert "hx-trigger" not in fragment
    assert "기업별 지역인재 비율" in fragment
    page = html(client_for(staff).get(f"/staff/match-runs/{run.pk}/"))
    assert "hx-trigger" not in page
    quota_employer = Employer.objects.get(pk=run.summary["quota"][0]["employer_id"])
    assert quota_employer.name in page
    assert page.count("기술이 맞아요") == 2
    unassigned = html(client_for(staff).get(f"/staff/match-runs/{run.pk}/?show=unassigned"))
    assert "맞는 공고가 없음" in unassigned


def test_an_unknown_run_is_a_404(staff: User) -> None:
    assert client_for(staff).get("/staff/match-runs/999999/").status_code == 404


def test_the_run_page_does_not_grow_with_its_assignments(staff: User) -> None:
    few = done_run(staff, assigned=1, unassigned=0)
    many = done_run(staff, assigned=6, unassigned=0)
    client = client_for(staff)
    client.get("/staff/")  # the session row exists before counting
    counted = [count_queries(lambda: client.get(f"/staff/match-runs/{few.pk}/"))[0]]
    counted.append(count_queries(lambda: client.get(f"/staff/match-runs/{many.pk}/"))[0])
    assert counted[0] == counted[1] == RUN_PAGE_QUERIES


# --- a seeker's record ----------------------------------------------------------------------


def test_a_seeker_record_is_written_to_the_access_log(staff: User) -> None:
    profile: SeekerProfile = graduate_profile()
    response = client_for(staff).get(f"/staff/seekers/{profile.pk}/")
    assert response.status_code == 200
    text = html(response)
    assert profile.display_name in text
    assert "지역 고교 졸업생 우선 채용" in text
    log = AccessLog.objects.get()
    assert log.actor == staff
    assert log.subject == profile.user
    client_for(staff).get(f"/staff/seekers/{profile.pk}/")
    assert AccessLog.objects.count() == 2  # every view, not the first only


def test_an_unknown_seeker_is_a_404_and_not_logged(staff: User) -> None:
    assert client_for(staff).get("/staff/seekers/999999/").status_code == 404
    assert not AccessLog.objects.exists()


def test_seeker_record_queries(staff: User) -> None:
    profile = graduate_profile()
    client = client_for(staff)
    client.get("/staff/")
    queries, response = count_queries(lambda: client.get(f"/staff/seekers/{profile.pk}/"))
    assert response.status_code == 200
    assert queries == SEEKER_RECORD_QUERIES


# --- query counts ---------------------------------------------------------------------------


def _fill_queues(staff: User, n: int) -> None:
    for _ in range(n):
        unverified()
        expert_mentor(status=MentorStatus.PENDING)
        flagged_pending()
        JobRun.objects.create(job="noop", engine="inline", status=JobStatus.DEAD, max_attempts=3)
        application, _ = applicant(posting_in(PostingStatus.OPEN))
        placement_for(application, hired_on=timezone.localdate() - datetime.timedelta(days=40))
        MatchRun.objects.create(
            kind="recommend", policy_version=1, as_of=timezone.localdate(), created_by=staff
        )


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_query_counts_are_pinned_and_flat(staff: User, path: str) -> None:
    client = client_for(staff)
    client.get("/staff/")
    _fill_queues(staff, 1)
    one, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200
    _fill_queues(staff, 3)
    four, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200
    assert one == four, path
    assert four == MAX_QUERIES[path], (path, four)
