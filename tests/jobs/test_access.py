"""Every jobs endpoint × role × someone else's object (table-driven), and list scoping:
403 for a role that may never do it, 404 for an object the caller may not see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from backend.accounts.models import User
from tests.api import ClientFor, assert_status
from tests.factories.accounts import mentor_user, seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, placement_for, posting_in
from tests.jobs.conftest import posting_payload

pytestmark = [pytest.mark.django_db]


@dataclass
class World:
    """One employer's postings, an applicant and a placement; and outsiders."""

    users: dict[str, User | None]
    ids: dict[str, int]


@pytest.fixture
def world() -> World:
    employer, owner = employer_with_user()
    _, other_employer = employer_with_user()
    postings = {
        status: posting_in(status, employer=employer, openings=5)
        for status in ("draft", "pending", "open")
    }
    application = ApplicationFactory.create(posting=postings["open"])
    hired = ApplicationFactory.create(posting=postings["open"])
    placement = placement_for(hired)
    return World(
        users={
            "anon": None,
            "seeker": seeker(),  # a seeker who did not apply
            "applicant": application.seeker,
            "mentor": mentor_user(),
            "other": other_employer,
            "owner": owner,
            "staff": staff_user(),
        },
        ids={
            **{status: posting.pk for status, posting in postings.items()},
            "application": application.pk,
            "placement": placement.pk,
        },
    )


BODIES: dict[str, Any] = {
    "edit": {"title": "새 제목"},
    "reject": {"reason": "보완해 주세요."},
    "apply": {"message": "지원합니다.", "consent_provision": True},
    "move": {"status": "reviewing"},
    "checkpoint": {"status": "retained"},
    "create": posting_payload(),
}

# (method, path, body, {role: expected}) — roles absent from a row are not meaningful there.
MATRIX: list[tuple[str, str, str | None, dict[str, int]]] = [
    ("get", "/api/v1/postings/", None,
     {"anon": 401, "seeker": 403, "mentor": 403, "other": 200, "owner": 200, "staff": 200}),
    ("post", "/api/v1/postings/", "create",
     {"anon": 401, "seeker": 403, "mentor": 403, "staff": 403, "owner": 201}),
    ("get", "/api/v1/postings/{draft}/", None,
     {"anon": 404, "seeker": 404, "mentor": 404, "other": 404, "owner": 200, "staff": 200}),
    ("get", "/api/v1/postings/{pending}/", None,
     {"anon": 404, "applicant": 404, "other": 404, "owner": 200, "staff": 200}),
    ("get", "/api/v1/postings/{open}/", None,
     {"anon": 200, "seeker": 200, "other": 200, "owner": 200, "staff": 200}),
    ("patch", "/api/v1/postings/{draft}/", "edit",
     {"anon": 401, "seeker": 403, "staff": 403, "other": 404, "owner": 200}),
    ("post", "/api/v1/postings/{draft}/submit/", None,
     {"anon": 401, "seeker": 403, "staff": 403, "other": 404, "owner": 200}),
    ("post", "/api/v1/postings/{pending}/approve/", None,
     {"anon": 401, "seeker": 403, "owner": 403, "other": 403, "staff": 200}),
    ("post", "/api/v1/postings/{pending}/reject/", "reject",
     {"anon": 401, "seeker": 403, "owner": 403, "staff": 200}),
    ("post", "/api/v1/postings/999999/approve/", None, {"staff": 404}),
    ("post", "/api/v1/postings/{open}/close/", None,
     {"anon": 401, "applicant": 403, "mentor": 403, "other": 404, "owner": 200, "staff": 200}),
    ("get", "/api/v1/postings/{open}/applications/", None,
     {"anon": 401, "applicant": 403, "mentor": 403, "other": 404, "owner": 200, "staff": 200}),
    ("post", "/api/v1/postings/{open}/applications/", "apply",
     {"anon": 401, "owner": 403, "other": 403, "staff": 403, "mentor": 403, "seeker": 201}),
    ("post", "/api/v1/postings/{draft}/applications/", "apply", {"seeker": 404}),
    ("get", "/api/v1/me/applications/", None,
     {"anon": 401, "owner": 403, "staff": 403, "mentor": 403, "applicant": 200}),
    ("post", "/api/v1/applications/{application}/withdraw/", None,
     {"anon": 401, "owner": 403, "staff": 403, "seeker": 404, "applicant": 200}),
    ("patch", "/api/v1/applications/{application}/", "move",
     {"anon": 401, "applicant": 403, "staff": 403, "other": 404, "owner": 200}),
    ("get", "/api/v1/placements/", None,
     {"anon": 401, "mentor": 403, "seeker": 200, "other": 200, "owner": 200, "staff": 200}),
    ("patch", "/api/v1/placements/{placement}/checkpoints/1/", "checkpoint",
     {"anon": 401, "applicant": 403, "mentor": 403, "other": 404, "owner": 200, "staff": 200}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "body", "role", "expected"),
    [
        (method, path, body, role, expected)
        for method, path, body, by_role in MATRIX
        for role, expected in by_role.items()
    ],
)
def test_endpoint_by_role(
    client_for: ClientFor,
    world: World,
    method: str,
    path: str,
    body: str | None,
    role: str,
    expected: int,
) -> None:
    client = client_for(world.users[role])
    payload = BODIES[body] if body else None
    response = getattr(client, method)(path.format(**world.ids), payload, format="json")
    assert_status(response, expected)


def _ids(client_for: ClientFor, user: User | None, url: str) -> set[int]:
    response = client_for(user).get(url)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_lists_never_show_someone_elses_rows(client_for: ClientFor, world: World) -> None:
    other, owner, staff = (world.users[k] for k in ("other", "owner", "staff"))
    assert _ids(client_for, other, "/api/v1/postings/") == set()
    assert _ids(client_for, other, "/api/v1/placements/") == set()
    assert _ids(client_for, world.users["seeker"], "/api/v1/me/applications/") == set()
    assert _ids(client_for, world.users["seeker"], "/api/v1/placements/") == set()
    postings = {world.ids[s] for s in ("draft", "pending", "open")}
    assert _ids(client_for, owner, "/api/v1/postings/") == postings
    assert _ids(client_for, staff, "/api/v1/postings/") == postings
    assert _ids(client_for, world.users["applicant"], "/api/v1/me/applications/") == {
        world.ids["application"]
    }


def test_every_member_of_the_organisation_manages_its_postings_once(
    client_for: ClientFor, world: World
) -> None:
    from backend.jobs.models import Posting
    from tests.factories.employers import EmployerMemberFactory

    employer = Posting.objects.get(pk=world.ids["open"]).employer
    colleague = EmployerMemberFactory.create(employer=employer, role="manager").user
    response = client_for(colleague).get("/api/v1/postings/")
    ids = [row["id"] for row in response.json()["results"]]
    assert sorted(ids) == sorted(world.ids[s] for s in ("draft", "pending", "open"))
    response = client_for(colleague).get(f"/api/v1/postings/{world.ids['draft']}/")
    assert response.status_code == 200
