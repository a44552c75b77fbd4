"""The access-log review of the staff console: filters (reader, person, days), paging that
keeps them, bad filters (400 beside the field), the reading itself logged; and the monthly
review (개인정보의 안전성 확보조치 기준 §8): months reviewed by whom, months not yet, marking
one done with a note, and the dashboard's count of months left. Query counts pinned."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.accounts.models import AccessLog, AccessLogReview, User
from backend.accounts.selectors import access_log_months_unreviewed, access_log_review_months
from backend.accounts.services import access_log, access_log_review_record
from backend.core.errors import ConflictError, ForbiddenError
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db]

ACCESS_LOG_QUERIES = 6  # session, user, the staff list, the reading's row, count, rows
REVIEWS_QUERIES = 4


@pytest.fixture
def staff() -> User:
    return staff_user()


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def months_ago(n: int) -> datetime.date:
    month = this_month()
    for _ in range(n):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def logged(actor: User, subject: User, *, at: datetime.datetime | None = None) -> AccessLog:
    entry = access_log(actor=actor, subject=subject, what="seeker profile")
    if at is not None:
        AccessLog.objects.filter(pk=entry.pk).update(at=at)
        entry.refresh_from_db()
    return entry


def at_month(month: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(month.year, month.month, 10, 10, 0))


# --- who may open it --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/staff/access-log/", "/staff/access-log/reviews/"])
def test_only_staff(path: str) -> None:
    assert client_for(None).get(path).status_code == 302
    for user in (seeker(), employer_user()):
        assert client_for(user).get(path).status_code == 403
    assert client_for(seeker()).post(path, {"month": "2026-01", "note": "x"}).status_code == 403


# --- the log ----------------------------------------------------------------------------------


def test_filters_by_reader_person_and_days(staff: User) -> None:
    other = staff_user()
    alice, bob = graduate_profile(), graduate_profile()
    logged(staff, alice.user)
    logged(other, bob.user)
    old = logged(staff, bob.user, at=timezone.now() - datetime.timedelta(days=40))
    client = client_for(staff)

    by_reader = html(client.get(f"/staff/access-log/?actor={other.pk}"))
    assert f"구직자 {bob.pk}번" in by_reader
    assert "구직자 프로필 전체 (연락처 포함)" in by_reader  # what was read, in plain words
    assert f"구직자 {alice.pk}번" not in by_reader

    by_person = html(client.get(f"/staff/access-log/?subject={alice.pk}"))
    assert f"구직자 {alice.pk}번" in by_person
    assert f"구직자 {bob.pk}번" not in by_person

    by_email = html(client.get(f"/staff/access-log/?subject={bob.user.email.upper()}"))
    assert "열람 3건" in by_email  # bob's two, and this reading of them

    since = timezone.localdate() - datetime.timedelta(days=7)
    recent = client.get(f"/staff/access-log/?subject={bob.pk}&from={since:%Y-%m-%d}")
    day = timezone.localtime(old.at).strftime("%Y-%m-%d %H:%M:%S")
    assert day not in html(recent)


def test_reading_the_log_is_itself_logged_and_the_person_sees_it(staff: User) -> None:
    profile = graduate_profile()
    logged(staff, profile.user)
    client_for(staff).get("/staff/access-log/")
    reading = AccessLog.objects.order_by("-id").first()
    assert reading is not None
    assert reading.actor == staff
    assert reading.subject is None
    assert reading.subject_ref == "access-log"
    assert reading.path == "/staff/access-log/"
    client_for(staff).get(f"/staff/access-log/?subject={profile.pk}")
    about = AccessLog.objects.order_by("-id").first()
    assert about is not None
    assert about.subject == profile.user
    assert f"subject=user:{profile.user.pk}" in about.what
    client_for(staff).get(f"/staff/access-log/?subject={profile.user.email}")
    by_email = AccessLog.objects.order_by("-id").first()
    assert by_email is not None
    assert profile.user.email not in by_email.what  # the log names the account, not the text
    privacy = html(client_for(profile.user).get("/me/privacy/"))
    assert "나를 누가 열람했는지" in privacy


def test_paging_keeps_the_filters(staff: User) -> None:
    profile = graduate_profile()
    for _ in range(55):
        logged(staff, profile.user)
    text = html(client_for(staff).get(f"/staff/access-log/?actor={staff.pk}&subject={profile.pk}"))
    assert f"?actor={staff.pk}&subject={profile.pk}&page=2" in text
    second = html(
        client_for(staff).get(f"/staff/access-log/?actor={staff.pk}&subject={profile.pk}&page=2")
    )
    assert "2쪽 중 2쪽" in second
    assert f"?actor={staff.pk}&subject={profile.pk}&page=1" in second


@pytest.mark.parametrize(
    ("query", "field", "kept"),
    [
        ("?from=2026-13-01", "from", 'value="2026-13-01"'),
        ("?from=2026-11-20&to=2026-11-01", "to", 'value="2026-11-01"'),
        ("?subject=홍길동", "subject", 'value="홍길동"'),
        ("?actor=999999", "actor", ""),
    ],
)
def test_bad_filters_are_a_400_beside_the_field(
    staff: User, query: str, field: str, kept: str
) -> None:
    response = client_for(staff).get(f"/staff/access-log/{query}")
    assert response.status_code == 400
    text = html(response)
    assert f'id="error-{field}"' in text
    assert kept in text
    assert not AccessLog.objects.exists()  # nothing was read, so nothing is logged


def test_an_unknown_person_finds_nothing(staff: User) -> None:
    logged(staff, graduate_profile().user)
    text = html(client_for(staff).get("/staff/access-log/?subject=999999"))
    assert "조건에 맞는 열람 기록이 없어요" in text


def test_the_log_page_does_not_grow_with_its_rows(staff: User) -> None:
    client = client_for(staff)
    client.get("/staff/")
    logged(staff, graduate_profile().user)
    few, _ = count_queries(lambda: client.get("/staff/access-log/"))
    for _ in range(5):
        logged(staff_user(), graduate_profile().user)
    many, response = count_queries(lambda: client.get("/staff/access-log/"))
    assert response.status_code == 200
    assert few == many == ACCESS_LOG_QUERIES


# --- the monthly review -----------------------------------------------------------------------


def test_months_since_the_first_entry_reviewed_or_not(staff: User) -> None:
    logged(staff, graduate_profile().user, at=at_month(months_ago(2)))
    months = access_log_review_months()
    assert [row.month for row in months] == [this_month(), months_ago(1), months_ago(2)]
    assert months[0].open
    assert access_log_months_unreviewed() == 2
    access_log_review_record(actor=staff, month=months_ago(2), note="이상 없음")
    assert access_log_months_unreviewed() == 1


def test_no_log_no_months() -> None:
    assert access_log_review_months() == []
    assert access_log_months_unreviewed() == 0


def test_the_review_rules(staff: User) -> None:
    with pytest.raises(ForbiddenError):
        access_log_review_record(actor=seeker(), month=months_ago(1), note="x")
    with pytest.raises(ValidationError) as running:
        access_log_review_record(actor=staff, month=this_month(), note="x")
    assert "month" in running.value.message_dict
    with pytest.raises(ValidationError) as blank:
        access_log_review_record(actor=staff, month=months_ago(1), note="  ")
    assert "note" in blank.value.message_dict
    later_day = months_ago(1) + datetime.timedelta(days=3)
    review = access_log_review_record(actor=staff, month=later_day, note="ok")
    assert review.month == months_ago(1)
    assert review.reviewer_ref == staff.email
    with pytest.raises(ConflictError):
        access_log_review_record(actor=staff_user(), month=months_ago(1), note="again")


def test_the_page_shows_who_reviewed_which_month(staff: User) -> None:
    logged(staff, graduate_profile().user, at=at_month(months_ago(2)))
    access_log_review_record(actor=staff, month=months_ago(2), note="업무 외 열람 없음")
    text = html(client_for(staff).get("/staff/access-log/reviews/"))
    assert "업무 외 열람 없음" in text
    assert staff.email in text
    assert "점검 안 한 달 1개" in text
    assert "진행 중인 달" in text
    assert f'<option value="{months_ago(1):%Y-%m}">' in text
    assert f'<option value="{months_ago(2):%Y-%m}">' not in text


def test_mark_a_month_reviewed(staff: User) -> None:
    logged(staff, graduate_profile().user, at=at_month(months_ago(1)))
    month = f"{months_ago(1):%Y-%m}"
    response = client_for(staff).post(
        "/staff/access-log/reviews/", {"month": month, "note": "민원 처리 열람 2건 확인"}
    )
    assert response.status_code == 302
    review = AccessLogReview.objects.get()
    assert review.reviewed_by == staff
    assert review.month == months_ago(1)
    dashboard = html(client_for(staff).get("/staff/"))
    assert 'href="/staff/access-log/reviews/"' in dashboard


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"month": "", "note": "살펴봄"}, "month"),
        ({"month": "current", "note": "살펴봄"}, "month"),
        ({"month": "1999-01", "note": "살펴봄"}, "month"),
        ({"month": "LAST", "note": ""}, "note"),
    ],
)
def test_bad_review_input_is_a_400_with_the_input_kept(
    staff: User, data: dict[str, str], field: str
) -> None:
    logged(staff, graduate_profile().user, at=at_month(months_ago(1)))
    named = {"current": f"{this_month():%Y-%m}", "LAST": f"{months_ago(1):%Y-%m}"}
    data = {**data, "month": named.get(data["month"], data["month"])}
    response = client_for(staff).post("/staff/access-log/reviews/", data)
    assert response.status_code == 400
    text = html(response)
    assert f'id="error-{field}"' in text
    if data["note"]:
        assert data["note"] in text  # the input is kept
    assert not AccessLogReview.objects.exists()


def test_a_month_reviewed_meanwhile_is_a_409_not_a_500(staff: User) -> None:
    logged(staff, graduate_profile().user, at=at_month(months_ago(1)))
    month = f"{months_ago(1):%Y-%m}"
    client = client_for(staff)
    client.get("/staff/access-log/reviews/")
    access_log_review_record(actor=staff_user(), month=months_ago(1), note="먼저 점검")
    # The month is no longer offered: the form says so beside the field.
    response = client.post("/staff/access-log/reviews/", {"month": month, "note": "나중"})
    assert response.status_code == 400
    assert AccessLogReview.objects.get().note == "먼저 점검"


def test_the_reviews_page_queries(staff: User) -> None:
    client = client_for(staff)
    client.get("/staff/")
    logged(staff, graduate_profile().user, at=at_month(months_ago(5)))
    access_log_review_record(actor=staff, month=months_ago(3), note="ok")
    few, response = count_queries(lambda: client.get("/staff/access-log/reviews/"))
    assert response.status_code == 200
    access_log_review_record(actor=staff_user(), month=months_ago(2), note="ok")
    many, _ = count_queries(lambda: client.get("/staff/access-log/reviews/"))
    assert few == many == REVIEWS_QUERIES


def test_the_dashboard_counts_the_months_not_reviewed(staff: User) -> None:
    logged(staff, graduate_profile().user, at=at_month(months_ago(3)))
    access_log_review_record(actor=staff, month=months_ago(2), note="이상 없음")

    def card() -> str:
        text = html(client_for(staff).get("/staff/"))
        start = text.index("점검하지 않은 달의 개인정보 열람 기록")
        return text[start : text.index("</li>", start)]

    assert "2건" in card()  # three ended months, one reviewed; the running month waits
    access_log_review_record(actor=staff, month=months_ago(1), note="이상 없음")
    assert "1건" in card()
