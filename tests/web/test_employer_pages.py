"""The employer console (/employer/…): who may open it, the organisation and posting forms
(bad input kept, errors beside the fields), the status actions, applicants' moves with the
hire date, the anonymous shortlist, checkpoints; query counts pinned and not growing."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

import pytest

from backend.accounts.models import AccessLog, User
from backend.employers.members import invitation_create
from backend.employers.models import Employer, EmployerMember
from backend.employers.services import employer_refuse, employer_update
from backend.jobs.checkpoints import placement_checkpoint_record
from backend.jobs.hiring import add_months
from backend.jobs.models import (
    Application,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingReviewFlag,
    seoul_today,
)
from backend.notifications.models import Notification
from tests.contract.test_matching_backends import forklift_posting, index_all, seeker_with
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, applicant, placement_for, posting_in
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

DAEYA = "4139051000"


def pages(posting: Posting) -> list[str]:
    return [
        "/employer/",
        "/employer/organisation/",
        "/employer/postings/",
        "/employer/postings/new/",
        f"/employer/postings/{posting.pk}/edit/",
        f"/employer/postings/{posting.pk}/applications/",
        f"/employer/postings/{posting.pk}/candidates/",
        "/employer/placements/",
        "/employer/members/",
    ]


@pytest.fixture
def boss(embedded_search: None) -> tuple[Employer, User]:
    return employer_with_user()


def posting_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "오전 경리 사무원",
        "description": "전표 정리와 전화 응대를 합니다.",
        "career_field": "business",
        "occupation": "경리 사무원",
        "skills_required": "엑셀, 전화 응대",
        "skills_preferred": "",
        "certificates_required": "전산회계 2급",
        "min_experience_years": "0",
        "employment_type": "part_time",
        "days_per_week": "3",
        "shifts": ["morning"],
        "hourly_wage": "11000",
        "area": DAEYA,
        "address": "경기도 시흥시 대야동 1",
        "openings": "2",
        "deadline": (seoul_today() + datetime.timedelta(days=30)).isoformat(),
        "cohorts_welcome": [],
    }
    body.update(overrides)
    return body


# --- who may open the console ---------------------------------------------------------------


def test_anonymous_is_sent_to_login(boss: tuple[Employer, User]) -> None:
    posting = posting_in("open", employer=boss[0])
    for path in pages(posting):
        response = client_for(None).get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("make_user", [seeker, mentor_user, staff_user])
def test_other_roles_get_the_403_page(
    boss: tuple[Employer, User], make_user: Callable[[], User]
) -> None:
    posting = posting_in("open", employer=boss[0])
    client = client_for(make_user())
    for path in pages(posting):
        response = client.get(path)
        assert response.status_code == 403, path
    response = client.post(f"/employer/postings/{posting.pk}/close/")
    assert response.status_code == 403


def test_every_page_answers_its_employer(boss: tuple[Employer, User]) -> None:
    employer, user = boss
    posting = posting_in("open", employer=employer)
    client = client_for(user)
    for path in pages(posting):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'aria-current="page"' in html(response)
    # The header's dashboard link leads here.
    assert 'href="/employer/"' in html(client.get("/"))


def test_another_employers_posting_is_a_404(boss: tuple[Employer, User]) -> None:
    other = posting_in("open")
    application, _ = applicant(other)
    client = client_for(boss[1])
    for path in pages(other)[4:7]:
        assert client.get(path).status_code == 404, path
    for path in ("submit", "close"):
        assert client.post(f"/employer/postings/{other.pk}/{path}/").status_code == 404
    moved = client.post(
        f"/employer/postings/{other.pk}/applications/{application.pk}/", {"status": "reviewing"}
    )
    assert moved.status_code == 404
    placement = placement_for(applicant(other)[0])
    assert (
        client.post(
            f"/employer/placements/{placement.pk}/checkpoints/1/", {"status": "retained"}
        ).status_code
        == 404
    )
    application.refresh_from_db()
    assert application.status == "submitted"


# --- the organisation -----------------------------------------------------------------------


def test_a_new_employer_user_starts_with_its_organisation(embedded_search: None) -> None:
    user = employer_user()
    client = client_for(user)
    assert "기업 등록하기" in html(client.get("/employer/"))
    response = client.get("/employer/postings/")
    assert response.status_code == 302
    assert response["Location"] == "/employer/organisation/"

    bad = client.post(
        "/employer/organisation/",
        {"name": "", "business_number": "123-45-67890", "area": DAEYA, "staff_count": "12"},
    )
    assert bad.status_code == 400
    text = html(bad)
    assert "입력한 내용을 확인해 주세요" in text
    assert "기업 이름을 적어 주세요." in text
    assert 'value="123-45-67890"' in text  # kept
    assert not Employer.objects.exists()

    # The service's check digit comes back beside the field.
    bad = client.post(
        "/employer/organisation/",
        {"name": "시흥정밀", "business_number": "123-45-67890", "area": DAEYA},
    )
    assert bad.status_code == 400
    assert 'id="error-business_number"' in html(bad)
    assert 'value="시흥정밀"' in html(bad)

    good = client.post(
        "/employer/organisation/",
        {"name": "시흥정밀", "business_number": "124-81-00998", "area": DAEYA, "staff_count": "12"},
    )
    assert good.status_code == 302
    employer = Employer.objects.get()
    assert employer.business_number == "1248100998"
    assert employer.members.get().user == user
    text = html(client.get("/employer/"))
    assert "인증 기다리는 중" in text


def test_a_duplicate_business_number_is_an_error_beside_it(boss: tuple[Employer, User]) -> None:
    client = client_for(employer_user())
    response = client.post(
        "/employer/organisation/",
        {"name": "다른 회사", "business_number": boss[0].business_number, "area": DAEYA},
    )
    assert response.status_code == 400
    assert "이미 등록된 사업자등록번호" in html(response)


def test_editing_what_verification_vouches_for_sends_it_back(
    boss: tuple[Employer, User],
) -> None:
    employer, user = boss
    client = client_for(user)
    assert "인증됨" in html(client.get("/employer/organisation/"))
    body = {
        "name": employer.name,
        "business_number": employer.business_number,
        "area": employer.area_id,
        "address": "경기도 시흥시 정왕동 2",
        "industry": "제조업",
        "staff_count": "41",
    }
    assert client.post("/employer/organisation/", body).status_code == 302
    employer.refresh_from_db()
    assert employer.verified
    assert employer.staff_count == 41
    response = client.post("/employer/organisation/", {**body, "is_city_funded": "on"}, follow=True)
    employer.refresh_from_db()
    assert not employer.verified
    assert employer.is_city_funded
    assert "다시 확인해요" in html(response)


# --- postings -------------------------------------------------------------------------------


def test_a_posting_is_written_with_the_apis_field_names(boss: tuple[Employer, User]) -> None:
    employer, user = boss
    client = client_for(user)
    form = html(client.get("/employer/postings/new/"))
    for name in ("title", "career_field", "skills_required", "shifts", "cohorts_welcome"):
        assert f'name="{name}"' in form
    response = client.post(
        "/employer/postings/new/",
        posting_body(shifts=["morning", "afternoon"], cohorts_welcome=["returner"]),
    )
    assert response.status_code == 302
    posting = Posting.objects.get(employer=employer)
    assert response["Location"] == f"/employer/postings/{posting.pk}/edit/"
    assert posting.status == "draft"
    assert posting.skills_required == ["엑셀", "전화 응대"]
    assert posting.certificates_required == ["전산회계 2급"]
    assert posting.shifts == ["morning", "afternoon"]
    assert posting.cohorts_welcome == ["returner"]
    assert posting.hourly_wage == 11000
    assert posting.area_id == DAEYA


def test_bad_posting_input_comes_back_kept_with_messages(boss: tuple[Employer, User]) -> None:
    client = client_for(boss[1])
    response = client.post(
        "/employer/postings/new/",
        posting_body(hourly_wage="만원", days_per_week="9", title="", shifts=["dawn"]),
    )
    assert response.status_code == 400
    text = html(response)
    assert "입력한 내용을 확인해 주세요" in text
    assert "숫자로만 적어 주세요" in text
    assert "공고 제목을 적어 주세요." in text
    assert 'value="만원"' in text
    assert "전표 정리와 전화 응대를 합니다." in text
    # The service's rules too: a deadline in the past, beside the deadline.
    past = (seoul_today() - datetime.timedelta(days=1)).isoformat()
    response = client.post("/employer/postings/new/", posting_body(deadline=past))
    assert response.status_code == 400
    assert 'id="error-deadline"' in html(response)
    assert not Posting.objects.exists()


def test_edit_submit_and_the_staffs_reasons_in_plain_words(boss: tuple[Employer, User]) -> None:
    employer, user = boss
    posting = posting_in(
        "draft", employer=employer, rejection_reason="시급이 최저임금보다 낮습니다."
    )
    PostingReviewFlag.objects.create(
        posting=posting,
        code="cohort_exclusion",
        clause="직무와 무관한 학력·연령·경력단절 제한 금지 (no cohort exclusion)",
        matched="대졸 이상",
        policy_version=1,
    )
    client = client_for(user)
    text = html(client.get(f"/employer/postings/{posting.pk}/edit/"))
    assert "시급이 최저임금보다 낮습니다." in text
    assert "학력·나이·경력단절을 이유로" in text
    assert "대졸 이상" in text
    assert "(no cohort exclusion)" not in text  # one language at a time
    assert "시급이 최저임금보다 낮습니다." in html(client.get("/employer/postings/"))

    response = client.post(
        f"/employer/postings/{posting.pk}/edit/", posting_body(title="고친 제목")
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "고친 제목"
    response = client.post(f"/employer/postings/{posting.pk}/submit/", follow=True)
    posting.refresh_from_db()
    assert posting.status == "pending"
    assert posting.rejection_reason == ""
    assert "검토를 요청했어요" in html(response)
    # Pending: no edit form, and an edit is refused.
    assert 'name="title"' not in html(client.get(f"/employer/postings/{posting.pk}/edit/"))
    client.post(f"/employer/postings/{posting.pk}/edit/", posting_body(title="또"))
    posting.refresh_from_db()
    assert posting.title == "고친 제목"


def test_an_unverified_organisation_cannot_submit_but_hears_why(embedded_search: None) -> None:
    employer, user = employer_with_user(verified=False)
    posting = posting_in("draft", employer=employer)
    response = client_for(user).post(f"/employer/postings/{posting.pk}/submit/", follow=True)
    assert response.status_code == 200
    assert "기업 인증이 끝난 뒤에" in html(response)
    posting.refresh_from_db()
    assert posting.status == "draft"


def test_close_an_open_posting_and_not_a_draft(boss: tuple[Employer, User]) -> None:
    employer, user = boss
    open_one = posting_in("open", employer=employer)
    draft = posting_in("draft", employer=employer)
    client = client_for(user)
    assert client.post(f"/employer/postings/{open_one.pk}/close/").status_code == 302
    open_one.refresh_from_db()
    assert open_one.status == "closed"
    response = client.post(f"/employer/postings/{draft.pk}/close/", follow=True)
    assert "마감할 수 없습니다" in html(response)
    listing = html(client.get("/employer/postings/?status=closed"))
    assert open_one.title in listing
    assert draft.title not in listing


# --- applicants -----------------------------------------------------------------------------


def test_applicants_get_only_the_next_moves_with_a_message(
    boss: tuple[Employer, User], django_capture_on_commit_callbacks: Any
) -> None:
    employer, user = boss
    posting = posting_in("open", employer=employer)
    application, person = applicant(posting)
    client = client_for(user)
    page = html(client.get(f"/employer/postings/{posting.pk}/applications/"))
    assert 'value="reviewing"' in page
    assert 'value="rejected"' in page
    assert 'value="interview"' not in page
    assert 'value="hired"' not in page
    assert AccessLog.objects.filter(actor=user, subject=person).exists()

    skip = client.post(
        f"/employer/postings/{posting.pk}/applications/{application.pk}/",
        {"status": "hired", "message": "축하해요"},
    )
    assert skip.status_code == 400
    assert "지금 고를 수 있는 단계가 아니에요." in html(skip)
    assert "축하해요" in html(skip)  # kept

    moved = client.post(
        f"/employer/postings/{posting.pk}/applications/{application.pk}/",
        {"status": "reviewing", "message": "서류를 보고 있어요."},
    )
    assert moved.status_code == 302
    application.refresh_from_db()
    assert application.status == "reviewing"
    mail = Notification.objects.get(kind="application_status_changed", recipient=person)
    assert mail.context["employer_message"] == "서류를 보고 있어요."


def test_hiring_records_hired_on_within_ninety_days(boss: tuple[Employer, User]) -> None:
    employer, user = boss
    posting = posting_in("open", employer=employer)
    application = ApplicationFactory.create(posting=posting, status="offered")
    client = client_for(user)
    path = f"/employer/postings/{posting.pk}/applications/{application.pk}/"
    assert 'name="hired_on"' in html(client.get(f"/employer/postings/{posting.pk}/applications/"))
    too_old = (seoul_today() - datetime.timedelta(days=91)).isoformat()
    response = client.post(path, {"status": "hired", "hired_on": too_old})
    assert response.status_code == 400
    assert "90일 전까지만" in html(response)
    assert f'value="{too_old}"' in html(response)
    ahead = (seoul_today() + datetime.timedelta(days=1)).isoformat()
    assert client.post(path, {"status": "hired", "hired_on": ahead}).status_code == 400
    assert not Placement.objects.exists()

    hired_on = seoul_today() - datetime.timedelta(days=40)
    assert (
        client.post(path, {"status": "hired", "hired_on": hired_on.isoformat()}).status_code == 302
    )
    placement = Placement.objects.get()
    assert placement.hired_on == hired_on
    first = placement.checkpoints.get(month=1)
    assert first.due_on == add_months(hired_on, 1)
    # Due already (40 days ago + 1 month): the dashboard says so.
    assert "기록할 고용 유지 확인" in html(client.get("/employer/"))


# --- the shortlist --------------------------------------------------------------------------


def test_the_shortlist_is_anonymous_until_the_seeker_applies(embedded_search: None) -> None:
    employer, user = employer_with_user(is_city_funded=True, staff_count=120)
    posting = forklift_posting(employer)
    shown = seeker_with()
    index_all()
    client = client_for(user)
    text = html(client.get(f"/employer/postings/{posting.pk}/candidates/"))
    assert "후보 1명" in text
    assert "지게차운전기능사 자격 일치" in text
    assert shown.display_name not in text
    assert shown.user.email not in text
    assert not AccessLog.objects.filter(actor=user, subject=shown.user).exists()

    ApplicationFactory.create(posting=posting, seeker=shown.user)
    text = html(client.get(f"/employer/postings/{posting.pk}/candidates/"))
    assert shown.user.email in text
    assert AccessLog.objects.filter(actor=user, subject=shown.user).exists()


# --- placements -----------------------------------------------------------------------------


def test_checkpoints_are_recorded_and_refusals_come_back(boss: tuple[Employer, User]) -> None:
    employer, user = boss
    posting = posting_in("open", employer=employer)
    placement = placement_for(
        applicant(posting)[0], hired_on=seoul_today() - datetime.timedelta(days=40)
    )
    client = client_for(user)
    text = html(client.get("/employer/placements/"))
    assert "확인일이 되면 기록할 수 있어요" in text  # 3, 6, 12 months are not due
    assert (
        client.post(
            f"/employer/placements/{placement.pk}/checkpoints/1/", {"status": "retained"}
        ).status_code
        == 302
    )
    assert PlacementCheckpoint.objects.get(placement=placement, month=1).status == "retained"

    early = client.post(
        f"/employer/placements/{placement.pk}/checkpoints/3/", {"status": "retained"}
    )
    assert early.status_code == 400
    assert "확인일" in html(early)
    assert "입력한 내용을 확인해 주세요" in html(early)
    nothing = client.post(
        f"/employer/placements/{placement.pk}/checkpoints/1/", {"status": "maybe"}
    )
    assert nothing.status_code == 400
    assert "둘 중 하나를 골라 주세요." in html(nothing)
    assert (
        client.post(
            f"/employer/placements/{placement.pk}/checkpoints/2/", {"status": "left"}
        ).status_code
        == 404
    )


# --- query counts ---------------------------------------------------------------------------

# Every page's queries, the session and the user of the request included; the same with one
# row as with five (no N+1). The applicants page writes one access-log row per applicant
# shown on top (as the API does). The shortlist's are the search backend's.
MAX_QUERIES = {
    "/employer/": 9,
    "/employer/organisation/": 4,
    "/employer/postings/": 8,
    "/employer/postings/new/": 5,
    "edit": 7,  # + the newest revision (a pending edit, a rejection)
    "/employer/placements/": 7,  # + each checkpoint's history (one query)
    "/employer/members/": 7,
    "applications": 8,  # + the newest revision (posting_for_employer), + the contact rule
}


def _rows(employer: Employer, count: int, user: User) -> Posting:
    posting = posting_in("open", employer=employer, openings=10)
    for number in range(count):
        other = posting_in("draft", employer=employer)
        PostingReviewFlag.objects.create(
            posting=other, code="cohort_exclusion", clause="c", matched="m", policy_version=1
        )
        placement = placement_for(applicant(posting)[0])
        # A recorded and corrected checkpoint: two history rows.
        checkpoint = placement.checkpoints.get(month=1)
        placement_checkpoint_record(checkpoint=checkpoint, actor=user, status="left")
        placement_checkpoint_record(checkpoint=checkpoint, actor=user, status="retained")
        applicant(posting)
        EmployerMember.objects.create(employer=employer, user=employer_user(), role="manager")
        invitation_create(employer=employer, actor=user, email=f"invitee{number}@example.kr")
    return posting


@pytest.mark.parametrize("count", [1, 5])
def test_query_counts_are_pinned_and_flat(boss: tuple[Employer, User], count: int) -> None:
    employer, user = boss
    posting = _rows(employer, count, user)
    client = client_for(user)
    for path, limit in MAX_QUERIES.items():
        url = {
            "applications": f"/employer/postings/{posting.pk}/applications/",
            "edit": f"/employer/postings/{posting.pk}/edit/",
        }.get(path, path)
        queries, response = count_queries(functools.partial(client.get, url))
        assert response.status_code == 200, url
        # The applicants page writes one access-log row per applicant shown.
        shown = min(2 * count, 10) if path == "applications" else 0
        assert queries - shown <= limit, (url, queries)
    assert Application.objects.filter(posting=posting).count() == 2 * count


def test_a_refused_organisation_sees_the_reason(boss: tuple[Employer, User]) -> None:
    employer, user = boss
    Employer.objects.filter(pk=employer.pk).update(verified_at=None)
    employer.refresh_from_db()
    employer_refuse(employer=employer, actor=staff_user(), reason="사업자등록증의 상호가 달라요.")
    for path in ("/employer/", "/employer/organisation/"):
        page = html(client_for(user).get(path))
        assert "인증 거절됨" in page
        assert "사업자등록증의 상호가 달라요." in page
    # Fixed and saved: back in the queue, the reason gone.
    employer_update(employer=employer, actor=user, fields={"address": "경기도 시흥시 정왕동 2"})
    page = html(client_for(user).get("/employer/"))
    assert "사업자등록증의 상호가 달라요." not in page
    assert "인증 기다리는 중" in page
