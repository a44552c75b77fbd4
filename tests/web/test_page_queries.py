"""Query counts of the pages the other page tests do not pin: the search and a posting's page,
the apply step, the privacy notice and goodbye pages, the data download, the employer's
shortlist and invitation page, the staff's polled run status, allauth's pages without a form,
the 403 and 404 pages. Each is counted with few and
with more rows, and must not grow (the session and the user of the request included)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.employers.members import invitation_create
from backend.jobs.models import Posting
from backend.matching.models import MatchRun
from tests.contract.test_matching_backends import forklift_posting, index_all, seeker_with
from tests.factories.accounts import employer_user, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

PINNED = {
    "/jobs/": 2,
    "/jobs/<id>/": 2,
    "/jobs/<id>/apply/": 4,  # + whether the seeker is a minor (근로기준법 §66 notice)
    "/privacy/": 1,  # anonymous: no session; the policy in force (the matching criteria)
    "/goodbye/": 0,
    # + the provision records (PIPA §17), + mentoring follow-ups, + saved searches and their
    # hits, + fair registrations, + mail preferences, + mentoring sessions and own ratings,
    # + an assisted enrolment
    "/me/privacy/export/": 21,
    "/employer/postings/<id>/candidates/": 12,  # + the newest revision (posting_for_employer)
    "/employer/invitations/<token>/": 1,  # anonymous: the invitation
    "/staff/match-runs/<id>/status/": 3,
}


def _count(client: Any, path: str) -> int:
    client.get(path)  # warm caches (content types, policy) outside the count
    queries, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200, (path, response.status_code)
    return queries


def test_public_and_seeker_pages(open_posting: Callable[..., Posting]) -> None:
    profile = graduate_profile()
    seeker = client_for(profile.user)
    anonymous = client_for(None)
    first = open_posting(title="지게차 운전원 1")
    counted: dict[str, list[int]] = {name: [] for name in PINNED}
    for extra in (0, 4):
        for n in range(extra):
            open_posting(title=f"지게차 운전원 {n + 2}")
        counted["/jobs/"].append(_count(anonymous, "/jobs/?q=지게차"))
        counted["/jobs/<id>/"].append(_count(anonymous, f"/jobs/{first.pk}/"))
        counted["/jobs/<id>/apply/"].append(_count(seeker, f"/jobs/{first.pk}/apply/"))
        counted["/privacy/"].append(_count(anonymous, "/privacy/"))
        counted["/goodbye/"].append(_count(anonymous, "/goodbye/"))
        counted["/me/privacy/export/"].append(_count(seeker, "/me/privacy/export/"))
    for name in ("/jobs/", "/jobs/<id>/", "/jobs/<id>/apply/", "/privacy/", "/goodbye/"):
        few, many = counted[name]
        assert few == many, (name, counted[name])
        assert many <= PINNED[name], (name, many)
    few, many = counted["/me/privacy/export/"]
    assert many <= PINNED["/me/privacy/export/"], many


def test_employer_and_staff_pages(embedded_search: None) -> None:
    employer, boss = employer_with_user()
    posting = forklift_posting(employer)
    seeker_with()
    index_all()
    invitation, token = invitation_create(employer=employer, actor=boss, email="kim@example.kr")
    employer_user(email="kim@example.kr")
    run = MatchRun.objects.create(kind="assign", policy_version=1, as_of=posting.deadline)
    shortlist = f"/employer/postings/{posting.pk}/candidates/"
    few = _count(client_for(boss), shortlist)
    for _ in range(4):
        seeker_with()
    index_all()
    counts = {
        "/employer/postings/<id>/candidates/": _count(client_for(boss), shortlist),
        "/employer/invitations/<token>/": _count(
            client_for(None), f"/employer/invitations/{token}/"
        ),
        "/staff/match-runs/<id>/status/": _count(
            client_for(staff_user()), f"/staff/match-runs/{run.pk}/status/"
        ),
    }
    assert counts["/employer/postings/<id>/candidates/"] == few
    for name, queries in counts.items():
        assert queries <= PINNED[name], (name, queries)
    assert invitation.pk


ERROR_AND_ACCOUNT_PAGES = {
    "/accounts/password/reset/done/": 0,
    "/accounts/confirm-email/": 0,
    "/accounts/confirm-email/not-a-key/": 1,
    "/accounts/password/reset/key/done/": 0,
}


@pytest.mark.parametrize("path", list(ERROR_AND_ACCOUNT_PAGES))
def test_allauth_pages_nobody_else_counts(path: str) -> None:
    queries, response = count_queries(lambda: client_for(None).get(path))
    assert response.status_code == 200, response.status_code
    assert queries <= ERROR_AND_ACCOUNT_PAGES[path], (path, queries)


ERROR_PAGE_QUERIES = 2  # the session and the user; the 404 also looked for the posting


def test_the_403_and_404_pages() -> None:
    client = client_for(graduate_profile().user)
    client.get("/staff/")
    forbidden, response = count_queries(lambda: client.get("/staff/"))
    assert response.status_code == 403
    missing, response = count_queries(lambda: client.get("/jobs/999999/"))
    assert response.status_code == 404
    assert (forbidden, missing) == (ERROR_PAGE_QUERIES, ERROR_PAGE_QUERIES + 1)
