"""Colleagues through the API: list, invite (a mail with a one-time link, only its hash kept),
accept, cancel, remove; 400/403/404/409 as API.md says; a removed colleague loses access at
once."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from backend.employers.members import invitation_token_hash
from backend.employers.models import EmployerInvitation, EmployerMember
from backend.notifications.models import Notification
from tests.api import ClientFor, assert_status
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.employers import employer_with_user

pytestmark = [pytest.mark.django_db]

INLINE = override_settings(
    WORKER_ENGINE="inline", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
)


def _token_from_mail(address: str) -> str:
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, [m.to for m in mail.outbox]
    found = re.search(r"/employer/invitations/([A-Za-z0-9_-]+)/", str(sent[-1].body))
    assert found, sent[-1].body
    return found.group(1)


@INLINE
def test_a_member_invites_and_the_invitee_accepts(
    client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    employer, boss = employer_with_user()
    invitee = employer_user(email="Kim@Daeya.example.kr")
    url = f"/api/v1/employers/{employer.pk}/invitations/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(boss).post(url, {"email": " kim@daeya.example.kr "}, format="json")
    assert_status(response, 201)
    body = response.json()
    assert body["email"] == "kim@daeya.example.kr"
    assert body["invited_by"] == boss.email
    assert "token" not in body
    token = _token_from_mail("kim@daeya.example.kr")
    # The database keeps the hash only, and the sent mail's row forgets the token.
    invitation = EmployerInvitation.objects.get()
    assert invitation.token_hash == invitation_token_hash(token)
    assert token not in invitation.token_hash
    row = Notification.objects.get(kind="employer_invitation")
    assert row.status == "sent"
    assert "token" not in row.context
    listed = client_for(boss).get(url).json()
    assert [item["email"] for item in listed["results"]] == ["kim@daeya.example.kr"]

    accepted = client_for(invitee).post(
        "/api/v1/invitations/accept/", {"token": token}, format="json"
    )
    assert_status(accepted, 201)
    assert accepted.json()["employer"] == employer.pk
    member = EmployerMember.objects.get(user=invitee)
    assert member.employer == employer
    assert member.role == "manager"
    members = client_for(invitee).get(f"/api/v1/employers/{employer.pk}/members/").json()
    assert [item["email"] for item in members["results"]] == [boss.email, invitee.email]
    # The link works once.
    again = client_for(invitee).post("/api/v1/invitations/accept/", {"token": token}, format="json")
    assert_status(again, 404)
    assert client_for(boss).get(url).json()["count"] == 0


def test_inviting_twice_or_a_member_is_409_and_a_bad_address_400(client_for: ClientFor) -> None:
    employer, boss = employer_with_user()
    url = f"/api/v1/employers/{employer.pk}/invitations/"
    client = client_for(boss)
    assert_status(client.post(url, {"email": "new@example.kr"}, format="json"), 201)
    second = client.post(url, {"email": "NEW@example.kr"}, format="json")
    assert_status(second, 409)
    assert second.json()["code"] == "already_invited"
    member = client.post(url, {"email": boss.email.upper()}, format="json")
    assert_status(member, 409)
    assert member.json()["code"] == "already_member"
    bad = client.post(url, {"email": "not-an-address"}, format="json")
    assert_status(bad, 400)
    assert "email" in bad.json()
    assert EmployerInvitation.objects.count() == 1


def test_an_expired_invitation_opens_nothing_and_may_be_sent_again(client_for: ClientFor) -> None:
    employer, boss = employer_with_user()
    invitee = employer_user(email="late@example.kr")
    url = f"/api/v1/employers/{employer.pk}/invitations/"
    client_for(boss).post(url, {"email": invitee.email}, format="json")
    EmployerInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    row = Notification.objects.get(kind="employer_invitation")
    token = row.context["token"]  # not sent yet in this test: the row still holds it
    response = client_for(invitee).post(
        "/api/v1/invitations/accept/", {"token": token}, format="json"
    )
    assert_status(response, 404)
    assert client_for(boss).get(url).json()["count"] == 0
    assert_status(client_for(boss).post(url, {"email": invitee.email}, format="json"), 201)


def test_accepting_needs_the_invited_address_an_employer_user_and_no_organisation(
    client_for: ClientFor,
) -> None:
    employer, boss = employer_with_user()
    client_for(boss).post(
        f"/api/v1/employers/{employer.pk}/invitations/", {"email": "kim@example.kr"}, format="json"
    )
    token = Notification.objects.get(kind="employer_invitation").context["token"]
    accept = "/api/v1/invitations/accept/"
    assert_status(client_for(seeker(email="kim2@example.kr")).post(accept, {"token": token}), 403)
    assert_status(
        client_for(employer_user(email="other@example.kr")).post(accept, {"token": token}), 403
    )
    _, elsewhere = employer_with_user()
    elsewhere.email = "kim@example.kr"
    elsewhere.save()
    conflict = client_for(elsewhere).post(accept, {"token": token})
    assert_status(conflict, 409)
    assert_status(client_for(employer_user()).post(accept, {"token": "nonsense"}), 404)
    assert not EmployerMember.objects.filter(employer=employer).exclude(user=boss).exists()


def test_removing_a_colleague_cuts_access_at_once_but_never_the_last(
    client_for: ClientFor,
) -> None:
    employer, boss = employer_with_user()
    colleague = employer_user()
    member = EmployerMember.objects.create(employer=employer, user=colleague, role="manager")
    detail = f"/api/v1/employers/{employer.pk}/"
    assert_status(client_for(colleague).get(detail), 200)
    assert_status(
        client_for(boss).delete(f"/api/v1/employers/{employer.pk}/members/{member.pk}/"), 204
    )
    assert_status(client_for(colleague).get(detail), 404)
    assert_status(client_for(colleague).get(f"{detail}members/"), 404)
    own = EmployerMember.objects.get(user=boss)
    last = client_for(boss).delete(f"/api/v1/employers/{employer.pk}/members/{own.pk}/")
    assert_status(last, 409)
    assert last.json()["code"] == "last_member"
    # Another organisation's member is a 404; a seeker a 403; staff may list, not remove.
    other, stranger = employer_with_user()
    assert_status(
        client_for(stranger).delete(f"/api/v1/employers/{employer.pk}/members/{own.pk}/"), 404
    )
    assert_status(client_for(seeker()).get(f"{detail}members/"), 403)
    officer = staff_user()
    assert_status(client_for(officer).get(f"{detail}members/"), 200)
    assert_status(
        client_for(officer).delete(f"/api/v1/employers/{employer.pk}/members/{own.pk}/"), 403
    )
    assert other.pk != employer.pk


def test_a_pending_invitation_is_cancelled_and_its_link_dies(client_for: ClientFor) -> None:
    employer, boss = employer_with_user()
    url = f"/api/v1/employers/{employer.pk}/invitations/"
    created = client_for(boss).post(url, {"email": "kim@example.kr"}, format="json").json()
    token = Notification.objects.get(kind="employer_invitation").context["token"]
    _, stranger = employer_with_user()
    assert_status(client_for(stranger).delete(f"{url}{created['id']}/"), 404)
    assert_status(client_for(boss).delete(f"{url}{created['id']}/"), 204)
    assert_status(client_for(boss).delete(f"{url}{created['id']}/"), 404)
    invitee = employer_user(email="kim@example.kr")
    assert_status(client_for(invitee).post("/api/v1/invitations/accept/", {"token": token}), 404)


def test_the_invitees_export_lists_the_invitations_without_the_token(
    client_for: ClientFor,
) -> None:
    employer, boss = employer_with_user(name="대야경리 (가상)")
    client_for(boss).post(
        f"/api/v1/employers/{employer.pk}/invitations/", {"email": "kim@example.kr"}, format="json"
    )
    token = Notification.objects.get(kind="employer_invitation").context["token"]
    invitee = employer_user(email="Kim@example.kr")
    data = client_for(invitee).get("/api/v1/me/export/").json()
    (row,) = data["employer_invitations"]
    assert row["employer_name"] == "대야경리 (가상)"
    assert row["accepted_at"] is None
    assert token not in str(data)
    assert (
        client_for(employer_user()).get("/api/v1/me/export/").json()["employer_invitations"] == []
    )
