"""Job-fair pages: staff create a fair (bad input kept, 400), seekers rank postings (400 beside
`choices`, 409 after closing), staff run and publish the schedule, employers see and print it;
roles are kept apart and query counts pinned."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from backend.fairs.models import FairRegistration, JobFair
from backend.jobs.models import PostingStatus
from backend.matching.models import FairSchedule, MatchRun
from tests.factories.accounts import seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.factories.seekers import graduate_profile, returner_profile
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db]


def form_data(posting_ids: list[int], **overrides: Any) -> dict[str, Any]:
    day = timezone.localdate() + dt.timedelta(days=10)
    closes = timezone.localtime() + dt.timedelta(days=3)
    data: dict[str, Any] = {
        "title": "시흥 청년 일자리 박람회",
        "date": day.isoformat(),
        "starts_at": "13:00",
        "ends_at": "14:00",
        "place": "시흥ABC행복학습타운",
        "slot_minutes": "30",
        "max_choices": "2",
        "registration_closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
        "posting_ids": [str(p) for p in posting_ids],
    }
    data.update(overrides)
    return data


@pytest.fixture
def setup() -> dict[str, Any]:
    employer, boss = employer_with_user()
    other, other_boss = employer_with_user()
    office = posting_in(PostingStatus.OPEN, employer=employer, title="사무 보조")
    driver = posting_in(PostingStatus.OPEN, employer=other, title="배송 기사")
    staff = staff_user()
    response = client_for(staff).post("/staff/fairs/new/", form_data([office.pk, driver.pk]))
    assert response.status_code == 302, html(response)
    fair = JobFair.objects.get()
    return {
        "fair": fair,
        "staff": staff,
        "boss": boss,
        "other_boss": other_boss,
        "office": office,
        "driver": driver,
    }


def test_staff_create_a_fair_from_the_form(setup: dict[str, Any]) -> None:
    fair = setup["fair"]
    assert fair.max_choices == 2
    page = html(client_for(setup["staff"]).get(f"/staff/fairs/{fair.pk}/"))
    assert "30분씩 2번" in page
    assert "면접 배정 실행하기" in page


def test_a_bad_fair_comes_back_with_the_input_kept() -> None:
    staff = staff_user()
    posting = posting_in(PostingStatus.OPEN)
    response = client_for(staff).post(
        "/staff/fairs/new/", form_data([posting.pk], ends_at="12:00", title="마감 테스트 박람회")
    )
    assert response.status_code == 400
    page = html(response)
    assert "끝나는 시각은 시작 시각보다 늦어야 해요." in page
    assert 'value="마감 테스트 박람회"' in page
    assert not JobFair.objects.exists()
    response = client_for(staff).post("/staff/fairs/new/", form_data([]))
    assert response.status_code == 400
    assert "참가할 공고를 하나 이상 골라 주세요." in html(response)


def test_seekers_rank_postings_with_errors_beside_choices(setup: dict[str, Any]) -> None:
    fair, office, driver = setup["fair"], setup["office"], setup["driver"]
    profile = graduate_profile()
    client = client_for(profile.user)
    url = f"/fairs/{fair.pk}/"
    page = html(client.get(url))
    assert page.count('name="choices"') == 2  # K selects
    response = client.post(url, {"choices": [office.pk, office.pk]})
    assert response.status_code == 400
    page = html(response)
    assert "같은 공고를 두 번 고를 수 없어요." in page
    assert 'href="#id_choices"' in page  # the error summary points at the first select
    response = client.post(url, {"choices": [driver.pk, office.pk]})
    assert response.status_code == 302
    choices = FairRegistration.objects.get(seeker=profile).choices.order_by("rank")
    assert [c.fair_posting.posting_id for c in choices] == [driver.pk, office.pk]
    # The choices come back in rank order.
    page = html(client.get(url))
    assert page.index(f'value="{driver.pk}" selected') < page.index(f'value="{office.pk}" selected')


def test_ranking_after_the_deadline_is_a_409_page(setup: dict[str, Any]) -> None:
    fair = setup["fair"]
    JobFair.objects.filter(pk=fair.pk).update(registration_closes_at=timezone.now())
    client = client_for(graduate_profile().user)
    response = client.post(f"/fairs/{fair.pk}/", {"choices": [setup["office"].pk]})
    assert response.status_code == 409
    assert "참가 신청이 마감되었어요." in html(response)


def test_other_roles_do_not_register(setup: dict[str, Any]) -> None:
    url = f"/fairs/{setup['fair'].pk}/"
    response = client_for(setup["boss"]).post(url, {"choices": [setup["office"].pk]})
    assert response.status_code == 403
    response = client_for(None).post(url, {"choices": [setup["office"].pk]})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client_for(None).get(url).status_code == 200  # the fair itself is public
    assert client_for(seeker()).get("/staff/fairs/").status_code == 403
    assert client_for(seeker()).get("/employer/fairs/").status_code == 403


def test_staff_assign_publish_and_the_employer_prints(
    setup: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    fair, office, driver = setup["fair"], setup["office"], setup["driver"]
    people = [
        graduate_profile(display_name="김하늘"),
        returner_profile(display_name="이바다"),
        graduate_profile(display_name="박들"),
    ]
    for profile in people:
        client_for(profile.user).post(f"/fairs/{fair.pk}/", {"choices": [office.pk, driver.pk]})
    staff = client_for(setup["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(f"/staff/fairs/{fair.pk}/assign/").status_code == 302
    run = MatchRun.objects.get()
    assert run.status == "done", run.error
    page = html(staff.get(f"/staff/fairs/{fair.pk}/"))
    assert "이 배정을 면접 일정으로 공개하기" in page
    assert "김하늘" not in page  # staff see opaque references here

    boss = client_for(setup["boss"])
    assert "아직 면접 일정이 공개되지 않았어요." in html(boss.get(f"/employer/fairs/{fair.pk}/"))
    assert staff.post(f"/staff/fairs/{fair.pk}/publish/", {"match_run": run.pk}).status_code == 302
    assert FairSchedule.objects.get(fair=fair).match_run_id == run.pk

    page = html(boss.get(f"/employer/fairs/{fair.pk}/"))
    assert "사무 보조" in page
    assert "배송 기사" not in page  # the other employer's posting
    assert sum(name in page for name in ("김하늘", "이바다", "박들")) == 2  # 2 office slots
    pdf = boss.get(f"/employer/fairs/{fair.pk}/schedule.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")

    mine = html(client_for(people[0].user).get("/me/fairs/"))
    assert fair.title in mine

    _, stranger = employer_with_user()
    assert client_for(stranger).get(f"/employer/fairs/{fair.pk}/").status_code == 404
    assert client_for(stranger).get(f"/employer/fairs/{fair.pk}/schedule.pdf").status_code == 404


def test_publishing_a_run_of_another_fair_is_refused(setup: dict[str, Any]) -> None:
    other = MatchRun.objects.create(
        kind="assign",
        scope={"fair_id": 999},
        status="done",
        policy_version=1,
        as_of=dt.date.today(),
    )
    fair = setup["fair"]
    response = client_for(setup["staff"]).post(
        f"/staff/fairs/{fair.pk}/publish/", {"match_run": other.pk}, follow=True
    )
    assert "이 박람회의 끝난 배정 실행만 일정으로 공개할 수 있어요." in html(response)
    assert not FairSchedule.objects.exists()


@pytest.mark.parametrize(
    ("role", "path", "limit"),
    [
        ("anyone", "/fairs/", 2),
        ("anyone", "/fairs/{id}/", 3),
        ("seeker", "/fairs/{id}/", 8),
        ("seeker", "/me/fairs/", 5),
        ("staff", "/staff/fairs/", 4),
        ("staff", "/staff/fairs/{id}/", 7),
        ("employer", "/employer/fairs/", 5),
        ("employer", "/employer/fairs/{id}/", 6),
    ],
)
def test_query_counts(setup: dict[str, Any], role: str, path: str, limit: int) -> None:
    fair = setup["fair"]
    for _ in range(3):
        profile = graduate_profile()
        client_for(profile.user).post(f"/fairs/{fair.pk}/", {"choices": [setup["office"].pk]})
    user = {
        "anyone": None,
        "seeker": graduate_profile().user,
        "staff": setup["staff"],
        "employer": setup["boss"],
    }[role]
    client = client_for(user)
    url = path.format(id=fair.pk)
    count, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    assert count <= limit, count
