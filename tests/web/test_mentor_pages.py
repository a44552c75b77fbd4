"""The mentor's pages (/mentor/…) and the seeker's page of one request (/me/mentoring/<id>/):
who may open them, accept/decline/complete, the profile form, the mentee's contact, the
message thread on both sides, and the query counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from backend.accounts.models import User
from backend.mentoring.models import (
    MentoringMessage,
    MentoringRequest,
    MentorProfile,
    RequestStatus,
)
from backend.mentoring.services import mentoring_message_post
from backend.notifications.models import Notification
from backend.notifications.services import notification_render
from tests.factories.accounts import employer_user, mentor_user, seeker, staff_user
from tests.factories.mentoring import expert_mentor, mentoring_offer, mentoring_request
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db]

MENTOR_PAGES = ["/mentor/", "/mentor/profile/"]
# Every page's queries, the session and the user of the request included.
MAX_QUERIES = {
    "/mentor/": 6,
    "/mentor/profile/": 4,
    "request": 9,  # + the sessions, + the own rating
    "seeker_request": 6,  # + the sessions, + the own rating
}


@pytest.fixture
def mentor() -> MentorProfile:
    return expert_mentor(display_name="김멘토")


def _accepted(mentor: MentorProfile, **kwargs: object) -> MentoringRequest:
    profile = graduate_profile()
    return mentoring_request(
        seeker=profile.user,
        mentor=mentor,
        status=RequestStatus.ACCEPTED,
        accepted_at=timezone.now(),
        **kwargs,
    )


@pytest.mark.parametrize("path", [*MENTOR_PAGES, "/mentor/requests/1/", "/me/mentoring/1/"])
def test_anonymous_is_sent_to_login(path: str) -> None:
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("make_user", [seeker, employer_user, staff_user])
def test_other_roles_get_the_403_page(mentor: MentorProfile, make_user: Callable[[], User]) -> None:
    request = mentoring_request()
    client = client_for(make_user())
    for path in [*MENTOR_PAGES, f"/mentor/requests/{request.pk}/"]:
        assert client.get(path).status_code == 403, path
    assert client.post(f"/mentor/requests/{request.pk}/accept/").status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


def test_seeker_request_page_is_for_seekers(mentor: MentorProfile) -> None:
    request = _accepted(mentor)
    assert client_for(mentor.user).get(f"/me/mentoring/{request.pk}/").status_code == 403


def test_login_leads_a_mentor_to_the_mentor_page(mentor: MentorProfile) -> None:
    response = client_for(mentor.user).get("/")
    assert 'href="/mentor/"' in html(response)


def test_without_profile_the_dashboard_asks_for_one() -> None:
    response = client_for(mentor_user()).get("/mentor/")
    assert response.status_code == 200
    text = html(response)
    assert "먼저 멘토 프로필을 만들어 주세요" in text
    assert 'href="/mentor/profile/"' in text


def test_dashboard_lists_offered_first_then_open_with_plain_status(mentor: MentorProfile) -> None:
    open_one = mentoring_request(topic="열린 요청")
    offered = mentoring_request(topic="제안된 요청")
    mentoring_offer(request=offered, mentor=mentor)
    mine = _accepted(mentor, topic="맡은 요청")
    other_field = mentoring_request(topic="다른 계열", career_field_id="health_welfare")
    response = client_for(mentor.user).get("/mentor/")
    assert response.status_code == 200
    text = html(response)
    assert text.index("제안된 요청") < text.index("맡은 요청") < text.index("열린 요청")
    assert "다른 계열" not in text
    assert "나에게 온 요청이에요" in text
    assert "이 계열의 멘토 누구나 맡을 수 있어요" in text
    assert "내가 맡고 있어요" in text
    assert f"/mentor/requests/{offered.pk}/decline/" in text
    assert f"/mentor/requests/{open_one.pk}/decline/" not in text  # open to the field
    assert f"/mentor/requests/{open_one.pk}/accept/" in text
    assert f"/mentor/requests/{mine.pk}/complete/" in text
    assert other_field.pk not in [r.pk for r in response.context["page"].object_list]


def test_accept_shows_the_mentee_and_their_contact(mentor: MentorProfile) -> None:
    profile = graduate_profile(display_name="박지현")
    request = mentoring_request(seeker=profile.user, shared_contact="010-2222-3333")
    client = client_for(mentor.user)
    before = html(client.get(f"/mentor/requests/{request.pk}/"))
    assert "010-2222-3333" not in before
    assert "박지현" not in before
    response = client.post(f"/mentor/requests/{request.pk}/accept/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/mentor/requests/{request.pk}/"
    text = html(response)
    assert "요청을 수락했어요" in text
    assert "010-2222-3333" in text
    assert "박지현" in text
    assert "내가 수락했어요" in text  # history
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert request.mentor == mentor


def test_accept_when_full_says_so(mentor: MentorProfile) -> None:
    _accepted(mentor)
    _accepted(mentor)  # max_mentees = 2
    request = mentoring_request()
    response = client_for(mentor.user).post(f"/mentor/requests/{request.pk}/accept/", follow=True)
    assert response.status_code == 200
    assert "멘티 정원(2명)이 찼습니다" in html(response)
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


def test_decline_passes_an_offer_on(mentor: MentorProfile) -> None:
    request = mentoring_request()
    mentoring_offer(request=request, mentor=mentor)
    response = client_for(mentor.user).post(f"/mentor/requests/{request.pk}/decline/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/mentor/"
    assert "요청을 거절했어요" in html(response)
    assert request.offers.get(mentor=mentor).declined_at is not None


def test_decline_an_open_field_request_is_a_message_not_a_500(mentor: MentorProfile) -> None:
    request = mentoring_request()
    response = client_for(mentor.user).post(f"/mentor/requests/{request.pk}/decline/", follow=True)
    assert response.status_code == 200
    assert "나에게 제안된 요청만 거절할 수 있습니다" in html(response)


def test_complete(mentor: MentorProfile) -> None:
    request = _accepted(mentor)
    response = client_for(mentor.user).post(f"/mentor/requests/{request.pk}/complete/", follow=True)
    assert response.status_code == 200
    assert "멘토링을 마쳤어요" in html(response)
    request.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED


def test_actions_are_posts_only(mentor: MentorProfile) -> None:
    request = mentoring_request()
    for action in ("accept", "decline", "complete"):
        response = client_for(mentor.user).get(f"/mentor/requests/{request.pk}/{action}/")
        assert response.status_code == 405


def test_requests_the_mentor_may_not_see_are_404(mentor: MentorProfile) -> None:
    other = expert_mentor()
    hidden = [
        mentoring_request(career_field_id="health_welfare"),  # another field
        _accepted(other),  # another mentor's mentee
        mentoring_request(seeker=mentor.user),  # their own
    ]
    waiting = mentoring_request()
    mentoring_offer(request=waiting, mentor=other)  # offered to someone else, still waiting
    hidden.append(waiting)
    client = client_for(mentor.user)
    for request in hidden:
        assert client.get(f"/mentor/requests/{request.pk}/").status_code == 404
        for action in ("accept", "decline", "complete"):
            assert client.post(f"/mentor/requests/{request.pk}/{action}/").status_code == 404
    assert client.get("/mentor/requests/999999/").status_code == 404
    assert client_for(mentor_user()).get(f"/mentor/requests/{waiting.pk}/").status_code == 404


def test_profile_form_creates_and_edits(mentor: MentorProfile) -> None:
    user = mentor_user()
    client = client_for(user)
    data = {
        "display_name": "이선배",
        "kind": "college_student",
        "expertise": "기계공학과 3학년",
        "career_fields": ["engineering", "it"],
        "bio": "전공 선택 상담",
        "availability": "주말",
        "max_mentees": "4",
    }
    response = client.post("/mentor/profile/", data)
    assert response.status_code == 302
    assert response["Location"] == "/mentor/"
    profile = MentorProfile.objects.get(user=user)
    assert profile.career_fields == ["engineering", "it"]
    assert profile.max_mentees == 4
    assert profile.kind == "college_student"
    text = html(client.get("/mentor/profile/"))
    assert 'value="이선배"' in text
    assert 'value="it" checked' in text or 'value="it"\n' in text or "checked" in text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"career_fields": []}, "career_fields", "계열을 한 가지 이상 골라 주세요"),
        ({"career_fields": ["nope"]}, "career_fields", "목록에 있는 계열"),
        ({"max_mentees": "0"}, "max_mentees", "1명 이상"),
        ({"max_mentees": "99"}, "max_mentees", "50명 이하"),
        ({"max_mentees": "셋"}, "max_mentees", "숫자로 적어 주세요"),
        ({"kind": "guru"}, "kind", "목록에 있는 멘토 유형"),
        ({"expertise": ""}, "expertise", "전문 분야를 적어 주세요"),
        ({"bio": "주민번호 900101-1234567"}, "bio", "주민등록번호"),
    ],
)
def test_profile_bad_input_keeps_it(change: dict[str, object], field: str, message: str) -> None:
    user = mentor_user()
    data: dict[str, object] = {
        "display_name": "이선배",
        "kind": "expert",
        "expertise": "용접 30년",
        "career_fields": ["engineering"],
        "bio": "남길 소개",
        "availability": "평일 오후",
        "max_mentees": "3",
    }
    data.update(change)
    response = client_for(user).post("/mentor/profile/", data)
    assert response.status_code == 400
    text = html(response)
    assert 'id="error-summary"' in text
    assert f'id="error-{field}"' in text
    assert message in text
    assert "이선배" in text  # input kept
    assert "평일 오후" in text
    assert not MentorProfile.objects.filter(user=user).exists()


def test_the_thread_is_seen_by_both_sides_and_nobody_else(mentor: MentorProfile) -> None:
    request = _accepted(mentor)
    seeker_client = client_for(request.seeker)
    mentor_client = client_for(mentor.user)
    # The seeker finds the request's page from /me/mentoring/ and writes.
    assert f'href="/me/mentoring/{request.pk}/"' in html(seeker_client.get("/me/mentoring/"))
    response = seeker_client.post(f"/me/mentoring/{request.pk}/", {"body": "안녕하세요, 멘토님"})
    assert response.status_code == 302
    # The mentor reads it and answers.
    text = html(mentor_client.get(f"/mentor/requests/{request.pk}/"))
    assert "안녕하세요, 멘토님" in text
    response = mentor_client.post(f"/mentor/requests/{request.pk}/", {"body": "반가워요"})
    assert response.status_code == 302
    text = html(seeker_client.get(f"/me/mentoring/{request.pk}/"))
    assert "안녕하세요, 멘토님" in text
    assert "반가워요" in text
    assert "김멘토" in text  # who wrote it
    assert MentoringMessage.objects.filter(request=request).count() == 2
    # Nobody else: another seeker, another mentor of the field, an offered-only mentor.
    other_seeker = graduate_profile().user
    assert client_for(other_seeker).get(f"/me/mentoring/{request.pk}/").status_code == 404
    assert (
        client_for(other_seeker)
        .post(f"/me/mentoring/{request.pk}/", {"body": "끼어들기"})
        .status_code
        == 404
    )
    other_mentor = expert_mentor()
    assert client_for(other_mentor.user).get(f"/mentor/requests/{request.pk}/").status_code == 404
    assert (
        client_for(other_mentor.user)
        .post(f"/mentor/requests/{request.pk}/", {"body": "끼어들기"})
        .status_code
        == 404
    )
    assert not MentoringMessage.objects.filter(body="끼어들기").exists()


def test_an_offered_mentor_sees_the_request_but_not_the_thread(mentor: MentorProfile) -> None:
    request = mentoring_request()
    mentoring_offer(request=request, mentor=mentor)
    response = client_for(mentor.user).get(f"/mentor/requests/{request.pk}/")
    assert response.status_code == 200
    assert 'id="thread-title"' not in html(response)
    response = client_for(mentor.user).post(f"/mentor/requests/{request.pk}/", {"body": "안녕"})
    assert response.status_code == 404


def test_message_bad_input_keeps_it(mentor: MentorProfile) -> None:
    request = _accepted(mentor)
    client = client_for(mentor.user)
    response = client.post(f"/mentor/requests/{request.pk}/", {"body": ""})
    assert response.status_code == 400
    assert "메시지를 적어 주세요" in html(response)
    body = "제 번호는 900101-1234567 입니다"
    response = client.post(f"/mentor/requests/{request.pk}/", {"body": body})
    assert response.status_code == 400
    text = html(response)
    assert "주민등록번호" in text
    assert body in text
    assert not MentoringMessage.objects.exists()


def test_no_messages_once_the_mentoring_ended(mentor: MentorProfile) -> None:
    request = _accepted(mentor)
    mentoring_message_post(author=request.seeker, request_id=request.pk, body="고마워요")
    MentoringRequest.objects.filter(pk=request.pk).update(
        status=RequestStatus.COMPLETED, closed_at=timezone.now()
    )
    text = html(client_for(mentor.user).get(f"/mentor/requests/{request.pk}/"))
    assert "고마워요" in text  # kept with the request
    assert "멘토링이 진행 중일 때만" in text
    response = client_for(request.seeker).post(
        f"/me/mentoring/{request.pk}/", {"body": "또"}, follow=True
    )
    assert response.status_code == 200
    assert "진행 중인 멘토링에만" in html(response)
    assert not MentoringMessage.objects.filter(body="또").exists()


def test_seeker_shares_a_contact_when_asking(mentor: MentorProfile) -> None:
    profile = graduate_profile()
    response = client_for(profile.user).post(
        "/me/mentoring/",
        {"career_field": "engineering", "topic": "첫 직장", "shared_contact": " 010-1111-2222 "},
    )
    assert response.status_code == 302
    request = MentoringRequest.objects.get(seeker=profile.user)
    assert request.shared_contact == "010-1111-2222"
    text = html(client_for(profile.user).get(f"/me/mentoring/{request.pk}/"))
    assert "010-1111-2222" in text


def _load(mentor: MentorProfile, many: int) -> MentoringRequest:
    """`many` requests of each kind the mentor sees; the accepted one has `many` messages."""
    for number in range(many):
        mentoring_request(topic=f"열린 {number}")
        offered = mentoring_request(topic=f"제안 {number}")
        mentoring_offer(request=offered, mentor=mentor)
    request = _accepted(mentor, topic="맡은 요청")
    for number in range(many):
        mentoring_message_post(author=request.seeker, request_id=request.pk, body=f"질문 {number}")
        mentoring_message_post(author=mentor.user, request_id=request.pk, body=f"답 {number}")
    return request


@pytest.mark.parametrize("page", ["/mentor/", "/mentor/profile/", "request", "seeker_request"])
def test_query_counts_are_pinned_and_do_not_grow(mentor: MentorProfile, page: str) -> None:
    MentorProfile.objects.filter(pk=mentor.pk).update(max_mentees=10)
    first = _load(mentor, 1)
    second = _load(mentor, 4)
    paths = {
        "request": lambda r: (mentor.user, f"/mentor/requests/{r.pk}/"),
        "seeker_request": lambda r: (r.seeker, f"/me/mentoring/{r.pk}/"),
    }

    def where(request: MentoringRequest) -> tuple[User, str]:
        return paths[page](request) if page in paths else (mentor.user, page)

    user, path = where(first)
    client = client_for(user)
    client.get(path)  # warm caches outside the count
    few, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200
    user, path = where(second)
    client = client_for(user)
    client.get(path)
    many, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200
    assert many == few, (page, few, many)
    assert many <= MAX_QUERIES[page], (page, many)


def test_history_lists_each_step(mentor: MentorProfile) -> None:
    request = mentoring_request()
    mentoring_offer(request=request, mentor=mentor)
    client = client_for(mentor.user)
    client.post(f"/mentor/requests/{request.pk}/accept/")
    client.post(f"/mentor/requests/{request.pk}/complete/")
    text = html(client.get(f"/mentor/requests/{request.pk}/"))
    steps = ["멘티가 멘토링을 요청했어요", "나에게 먼저 제안됐어요", "내가 수락했어요"]
    positions = [text.index(step) for step in steps]
    assert positions == sorted(positions)
    assert text.count("멘토링을 마쳤어요") >= 1


def test_each_message_mails_the_other_side_with_a_link_to_its_page(mentor: MentorProfile) -> None:
    request = _accepted(mentor, topic="첫 직장 준비")
    to_mentor = mentoring_message_post(author=request.seeker, request_id=request.pk, body="질문")
    to_seeker = mentoring_message_post(author=mentor.user, request_id=request.pk, body="비밀 답")
    rows = {row.object_id: row for row in Notification.objects.filter(kind="mentoring_message")}
    assert rows[str(to_mentor.pk)].recipient == mentor.user
    assert rows[str(to_seeker.pk)].recipient == request.seeker
    mail = notification_render(rows[str(to_mentor.pk)])
    assert mail is not None
    assert "첫 직장 준비" in mail.subject
    assert f"/mentor/requests/{request.pk}/" in str(mail.body)
    mail = notification_render(rows[str(to_seeker.pk)])
    assert mail is not None
    assert f"/me/mentoring/{request.pk}/" in str(mail.body)
    assert "비밀 답" not in str(mail.body)  # the mail never quotes the message
