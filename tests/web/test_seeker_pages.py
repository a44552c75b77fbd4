"""The seeker's pages: who may open them, what they show, withdrawing, mentoring, and their
query counts (pinned, and not growing with the rows shown)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from django.utils.translation import override

from backend.accounts.models import User
from backend.jobs.models import Application, Posting
from backend.matching import reasons as why
from backend.matching.models import Recommendation
from backend.matching.reasons import render_reasons, stored_reasons
from backend.mentoring.models import MentoringRequest
from backend.seekers.models import SeekerProfile
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_request
from tests.factories.seekers import graduate_profile, returner_profile
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SEEKER_PAGES = [
    "/me/",
    "/me/profile/",
    "/me/eligibility/",
    "/me/recommendations/",
    "/me/applications/",
    "/me/mentoring/",
]
# Every page's queries, the session and the user of the request included.
MAX_QUERIES = {
    "/me/": 11,  # + the policy of the training suggestions, + the catalogue when gaps exist
    "/me/profile/": 4,
    "/me/eligibility/": 4,
    "/me/recommendations/": 7,  # + the seeker's explanation/review requests
    "/me/applications/": 5,  # + the status history prefetch
    "/me/mentoring/": 8,
    "/me/privacy/": 4,
}


@pytest.fixture
def profile(embedded_search: None) -> SeekerProfile:
    return graduate_profile()


@pytest.mark.parametrize("path", [*SEEKER_PAGES, "/me/privacy/"])
def test_anonymous_is_sent_to_login(path: str) -> None:
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", SEEKER_PAGES)
@pytest.mark.parametrize("make_user", [employer_user, mentor_user, staff_user])
def test_other_roles_get_the_403_page(path: str, make_user: Callable[[], User]) -> None:
    response = client_for(make_user()).get(path)
    assert response.status_code == 403


def test_privacy_is_for_seekers_mentors_and_employers_not_staff() -> None:
    for make_user in (seeker, mentor_user, employer_user):
        assert client_for(make_user()).get("/me/privacy/").status_code == 200
    assert client_for(staff_user()).get("/me/privacy/").status_code == 403


@pytest.mark.parametrize("path", [*SEEKER_PAGES, "/me/privacy/"])
def test_each_page_answers_a_seeker(profile: SeekerProfile, path: str) -> None:
    response = client_for(profile.user).get(path)
    assert response.status_code == 200, path
    text = html(response)
    assert 'aria-current="page"' in text  # header "내 페이지" (nav = me) and the sub-menu
    assert 'href="/me/"' in text


def test_dashboard_without_profile_starts_one(embedded_search: None) -> None:
    response = client_for(seeker()).get("/me/")
    assert response.status_code == 200
    assert "프로필 만들기" in html(response)
    assert 'href="/me/profile/"' in html(response)
    for path in ("/me/eligibility/", "/me/recommendations/"):
        response = client_for(seeker()).get(path)
        assert response.status_code == 302
        assert response["Location"] == "/me/profile/"


def _recommend(profile: SeekerProfile, postings: list[Posting]) -> None:
    Recommendation.objects.filter(seeker=profile).delete()
    for rank, posting in enumerate(postings, start=1):
        Recommendation.objects.create(
            seeker=profile,
            posting=posting,
            rank=rank,
            score=0.8 - rank / 100,
            components={
                "text": 0.5,
                "skills": 1.0,
                "certificates": 1.0,
                "field": 1.0,
                "experience": 1.0,
                "schedule": 0.75,
                "commute": 0.9,
                "wage": 1.0,
                "ordinance": 1.0,
            },
            reasons=["희망 계열과 같아요", "집에서 2km"],
            policy_version=1,
            computed_at=timezone.now(),
        )


def _apply(profile: SeekerProfile, postings: list[Posting]) -> None:
    for posting in postings:
        Application.objects.get_or_create(posting=posting, seeker=profile.user)


def _ask(profile: SeekerProfile, count: int) -> None:
    for number in range(count):
        mentoring_request(seeker=profile.user, topic=f"질문 {number}")


def test_dashboard_shows_what_to_do_next(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    postings = [open_posting(title=f"전기 설비 보조 {n}") for n in range(4)]
    _recommend(profile, postings)
    _apply(profile, postings[:1])
    _ask(profile, 1)
    text = html(client_for(profile.user).get("/me/"))
    assert "김하늘님" in text
    assert "'기업에 공개' 채우기" in text  # the one step not done yet
    assert 'href="/me/profile/?step=visibility"' in text
    assert "지역 고교 졸업생 우선 채용" in text
    assert "대상이에요" in text
    assert text.count("나와 맞는 정도") == 3  # the top three
    assert "79%" in text
    assert "희망 계열과 같아요" in text
    assert "지원 완료" in text
    assert "질문 0" in text
    assert "멘토를 찾는 중" in text


def test_eligibility_in_plain_words(embedded_search: None) -> None:
    returner = returner_profile(is_resident=False)
    text = html(client_for(returner.user).get("/me/eligibility/"))
    assert "경력단절여성 재취업 지원" in text
    assert "대상이 아니에요" in text
    assert "시흥시 거주 아님" in text  # the failed rule, as a sentence


def test_recommendations_show_score_reasons_and_components(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    posting = open_posting(title="전기 설비 보조")
    _recommend(profile, [posting])
    text = html(client_for(profile.user).get("/me/recommendations/"))
    assert f'href="/jobs/{posting.pk}/"' in text
    assert "나와 맞는 정도 79%" in text
    assert "희망 계열과 같아요" in text
    assert "<strong>근무 시간</strong> 75%" in text  # the text carries the value, not only the bar
    assert text.count('class="bar-fill"') == 9
    assert "width: 75%" in text


def test_recommendations_render_stored_reason_codes_in_the_pages_language(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    _recommend(profile, [open_posting(title="전기 설비 보조")])
    Recommendation.objects.filter(seeker=profile).update(
        reasons=stored_reasons(
            [
                why.field_wanted("engineering", "전기·전자", "Electrical and electronics"),
                why.commute(2.04),
                why.schedule(3, "part_time", ["morning"]),
            ]
        )
    )
    for path in ("/me/recommendations/", "/me/"):
        korean = html(client_for(profile.user).get(path, HTTP_ACCEPT_LANGUAGE="ko"))
        assert "<li>희망 계열 일치: 전기·전자</li>" in korean, path
        assert "<li>통근 2.0km</li>" in korean, path
        assert "<li>근무 조건 일치: 주 3일 오전 시간제</li>" in korean, path
        assert "engineering" not in korean  # no raw codes
        assert "part_time" not in korean
        english = html(client_for(profile.user).get(path, HTTP_ACCEPT_LANGUAGE="en"))
        with override("en"):
            expected = render_reasons(
                [why.field_wanted("engineering", "전기·전자", "Electrical and electronics")]
            )
        assert "Electrical and electronics" in expected[0]
        assert f"<li>{expected[0]}</li>" in english, path


def test_recommendations_are_computed_on_the_first_read(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    open_posting(
        title="전기 배선 기능공",
        career_field_id="engineering",
        skills_required=["전기 배선"],
        employment_type="full_time",
        shifts=["morning"],
    )
    assert not Recommendation.objects.filter(seeker=profile).exists()
    response = client_for(profile.user).get("/me/recommendations/")
    assert response.status_code == 200
    assert Recommendation.objects.filter(seeker=profile).exists()
    assert "전기 배선 기능공" in html(response)


def test_applications_show_status_and_withdraw(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    first, second = open_posting(title="첫째 공고"), open_posting(title="둘째 공고")
    _apply(profile, [first, second])
    Application.objects.filter(posting=second).update(status="interview")
    client = client_for(profile.user)
    text = html(client.get("/me/applications/"))
    assert "지금 상태: 면접" in text
    assert 'aria-current="step"' in text
    application = Application.objects.get(posting=first)
    response = client.post(f"/me/applications/{application.pk}/withdraw/", follow=True)
    assert response.redirect_chain[-1][0] == "/me/applications/"
    assert "'첫째 공고' 지원을 취소했어요." in html(response)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    # Withdrawing again is a conflict in the service: a message, never a 500.
    response = client.post(f"/me/applications/{application.pk}/withdraw/", follow=True)
    assert response.status_code == 200
    assert "취소할 수 없어요" in html(response)


def test_withdraw_someone_elses_application_is_404(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    posting = open_posting()
    other = graduate_profile()
    _apply(other, [posting])
    application = Application.objects.get(seeker=other.user)
    response = client_for(profile.user).post(f"/me/applications/{application.pk}/withdraw/")
    assert response.status_code == 404
    assert (
        client_for(profile.user).get(f"/me/applications/{application.pk}/withdraw/").status_code
        == 405
    )


def test_applying_leads_to_my_applications(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    posting = open_posting(title="지원할 공고")
    response = client_for(profile.user).post(
        f"/jobs/{posting.pk}/apply/", {"message": "안녕하세요", "consent_provision": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/applications/"


def test_mentoring_request_and_suggested_mentors(profile: SeekerProfile) -> None:
    mentor = expert_mentor(display_name="김멘토")
    client = client_for(profile.user)
    response = client.post(
        "/me/mentoring/",
        {"career_field": "engineering", "topic": "첫 직장 준비", "message": "평일 오후 좋아요"},
        follow=True,
    )
    assert response.status_code == 200
    text = html(response)
    assert "멘토링을 요청했어요" in text
    assert MentoringRequest.objects.filter(seeker=profile.user, topic="첫 직장 준비").exists()
    assert "첫 직장 준비" in text
    assert "멘토를 찾는 중" in text
    assert mentor.public_name in text  # suggested for the waiting request


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"career_field": "", "topic": "질문"}, "career_field", "계열을 골라 주세요."),
        ({"career_field": "nope", "topic": "질문"}, "career_field", "목록에 있는 계열"),
        ({"career_field": "engineering", "topic": ""}, "topic", "한 줄로 적어 주세요"),
        ({"career_field": "engineering", "topic": "x" * 201}, "topic", "200"),
        (
            {"career_field": "engineering", "topic": "주민번호 900101-1234567"},
            "topic",
            "주민등록번호",
        ),
    ],
)
def test_mentoring_bad_input_keeps_it(
    profile: SeekerProfile, data: dict[str, str], field: str, message: str
) -> None:
    response = client_for(profile.user).post("/me/mentoring/", {"message": "남길 말", **data})
    assert response.status_code == 200
    text = html(response)
    assert 'class="error-summary"' in text
    assert f'id="error-{field}"' in text
    assert message in text
    assert "남길 말" in text  # input kept
    assert not MentoringRequest.objects.filter(seeker=profile.user).exists()


@pytest.mark.parametrize("path", [*SEEKER_PAGES, "/me/privacy/"])
def test_query_counts_are_pinned_and_do_not_grow(
    profile: SeekerProfile, open_posting: Callable[..., Posting], path: str
) -> None:
    postings = [open_posting(title=f"공고 {n}") for n in range(5)]
    client = client_for(profile.user)
    _recommend(profile, postings[:1])
    _apply(profile, postings[:1])
    _ask(profile, 1)
    client.get(path)  # warm caches (content types, policy) outside the count
    few, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200
    _recommend(profile, postings)
    _apply(profile, postings)
    _ask(profile, 4)
    many, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200
    assert many == few, (path, few, many)
    assert many <= MAX_QUERIES[path], (path, many)
