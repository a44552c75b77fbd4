"""The seeker's applications page shows each application's status history: the status in
plain words, when, and who by role ("나", "기업", "시 담당자"), never a person's name; with
a pinned query count that does not grow with the applications or their changes."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from backend.jobs import hiring
from backend.jobs.models import Application, ApplicationStatusChange, Posting
from backend.seekers.models import SeekerProfile
from tests.factories.accounts import employer_user, staff_user
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

APPLICATIONS_QUERIES = 5  # session, user, COUNT, the page, the history prefetch


@pytest.fixture
def profile(embedded_search: None) -> SeekerProfile:
    return graduate_profile()


def _apply_and_move(profile: SeekerProfile, posting: Posting, *moves: str) -> Application:
    """Apply through the service, then the employer's moves: one history row each."""
    boss = employer_user()
    application = hiring.application_submit(
        posting=posting, seeker=profile.user, provision_consent=True, message=""
    )
    for status in moves:
        application = hiring.application_set_status(
            application=application, actor=boss, status=status
        )
    return application


def _history_items(text: str) -> list[str]:
    lists = re.findall(r'<ol class="status-history"[^>]*>(.*?)</ol>', text, re.S)
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for block in lists
        for item in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]


def test_history_in_order_with_roles_and_no_names(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    posting = open_posting(title="이력 공고")
    application = _apply_and_move(profile, posting, "reviewing", "interview")
    hiring.application_withdraw(application=application, actor=profile.user)
    # City staff acted once (written as a service would, with the role).
    ApplicationStatusChange.objects.create(
        application=application,
        from_status="withdrawn",
        to_status="withdrawn",
        changed_by=staff_user(),
        changed_by_role="staff",
    )
    text = html(client_for(profile.user).get("/me/applications/"))
    items = _history_items(text)
    assert [item.split(" · ")[0] for item in items] == [
        "지원 완료",
        "서류 검토 중",
        "면접",
        "지원 취소",
        "지원 취소",
    ]
    assert [item.split(" · ")[-1] for item in items] == ["나", "기업", "기업", "나", "시 담당자"]
    assert "지금까지의 기록" in text
    assert '<time datetime="' in text
    for change in ApplicationStatusChange.objects.select_related("changed_by"):
        assert change.changed_by is not None
        assert change.changed_by.email not in text  # a role, never the person


def test_backfilled_rows_say_their_time_is_approximate(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    application = Application.objects.create(
        posting=open_posting(), seeker=profile.user, status="reviewing"
    )
    ApplicationStatusChange.objects.create(
        application=application,
        to_status="reviewing",
        changed_by_role="employer",
        created_at=application.updated_at,
        backfilled=True,
    )
    text = html(client_for(profile.user).get("/me/applications/"))
    (item,) = _history_items(text)
    assert item.startswith("서류 검토 중")
    assert "시각은 대략이에요" in item


def test_query_count_is_pinned_for_5_applications_with_3_changes(
    profile: SeekerProfile, open_posting: Callable[..., Posting]
) -> None:
    postings = [open_posting(title=f"공고 {n}") for n in range(5)]
    client = client_for(profile.user)
    _apply_and_move(profile, postings[0])
    client.get("/me/applications/")  # warm caches outside the count
    few, response = count_queries(lambda: client.get("/me/applications/"))
    assert response.status_code == 200
    assert len(_history_items(html(response))) == 1
    Application.objects.all().delete()
    for posting in postings:
        _apply_and_move(profile, posting, "reviewing", "interview")
    many, response = count_queries(lambda: client.get("/me/applications/"))
    assert response.status_code == 200
    assert len(_history_items(html(response))) == 15
    assert many == few <= APPLICATIONS_QUERIES, (few, many)
