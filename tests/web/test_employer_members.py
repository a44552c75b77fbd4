"""Colleagues on the employer console (/employer/members/): the list, inviting (bad input kept
beside the field, a second invitation or a member refused), the invitation's page for the
logged-out, the wrong account and the invitee, cancelling, removing (never the last member;
the removed colleague loses the console at once)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from backend.employers.models import Employer, EmployerInvitation, EmployerMember
from backend.notifications.models import Notification
from tests.factories.accounts import employer_user, seeker
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.web.seeker_helpers import client_for, html

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _inline(settings: Any) -> None:
    settings.WORKER_ENGINE = "inline"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _invite(client: Any, email: str, capture: Any) -> Any:
    with capture(execute=True):
        return client.post("/employer/members/", {"email": email})


def _link(address: str) -> str:
    sent = [message for message in mail.outbox if address in message.to]
    assert sent
    found = re.search(
        r"https?://[^/\s]+(/employer/invitations/[A-Za-z0-9_-]+/)", str(sent[-1].body)
    )
    assert found, sent[-1].body
    return found.group(1)


def test_an_invitation_from_the_page_to_a_new_colleague(
    django_capture_on_commit_callbacks: Any,
) -> None:
    employer, boss = employer_with_user()
    client = client_for(boss)
    page = html(client.get("/employer/members/"))
    assert boss.email in page
    assert "마지막 구성원은 뺄 수 없어요" in page
    response = _invite(client, "kim@daeya.example.kr", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    page = html(client.get("/employer/members/"))
    assert "kim@daeya.example.kr 주소로 초대 메일을 보냈어요." in page
    assert 'id="invitation-' in page
    message = mail.outbox[-1]
    assert employer.name in str(message.subject)
    link = _link("kim@daeya.example.kr")

    # Logged out: who invites where, and the way to log in or sign up, coming back here.
    anonymous = html(client_for(None).get(link))
    assert boss.email in anonymous
    assert f"/accounts/login/?next={link}" in anonymous
    assert f"/accounts/signup/?next={link}" in anonymous
    # The wrong account is told so, with no button.
    stranger = html(client_for(employer_user()).get(link))
    assert "다른 이메일 주소로 보낸 것" in stranger
    assert "초대 받기</button>" not in stranger
    refused = client_for(seeker()).post(link)
    assert refused.status_code == 403

    invitee = employer_user(email="kim@daeya.example.kr")
    invitee_client = client_for(invitee)
    assert "초대 받기</button>" in html(invitee_client.get(link))
    accepted = invitee_client.post(link)
    assert accepted.status_code == 302
    assert accepted["Location"] == "/employer/"
    assert EmployerMember.objects.get(user=invitee).employer == employer
    dashboard = html(invitee_client.get("/employer/"))
    assert employer.name in dashboard
    # The link is spent.
    assert invitee_client.get(link).status_code == 404


def test_bad_addresses_and_repeats_come_back_beside_the_field(
    django_capture_on_commit_callbacks: Any,
) -> None:
    _, boss = employer_with_user()
    client = client_for(boss)
    bad = _invite(client, "kim at daeya", django_capture_on_commit_callbacks)
    assert bad.status_code == 400
    page = html(bad)
    assert "올바른 이메일 주소를 입력해 주세요." in page
    assert 'value="kim at daeya"' in page
    assert 'aria-invalid="true"' in page
    _invite(client, "kim@daeya.example.kr", django_capture_on_commit_callbacks)
    again = _invite(client, "KIM@daeya.example.kr", django_capture_on_commit_callbacks)
    assert again.status_code == 400
    assert "이미 초대한 주소예요" in html(again)
    member = _invite(client, boss.email, django_capture_on_commit_callbacks)
    assert member.status_code == 400
    assert "이미 이 기업의 구성원이에요." in html(member)
    assert EmployerInvitation.objects.count() == 1
    assert Notification.objects.filter(kind="employer_invitation").count() == 1


def test_cancelling_an_invitation_kills_its_link(django_capture_on_commit_callbacks: Any) -> None:
    _, boss = employer_with_user()
    client = client_for(boss)
    _invite(client, "kim@daeya.example.kr", django_capture_on_commit_callbacks)
    link = _link("kim@daeya.example.kr")
    invitation = EmployerInvitation.objects.get()
    _, other = employer_with_user()
    assert (
        client_for(other).post(f"/employer/members/invitations/{invitation.pk}/cancel/").status_code
        == 404
    )
    response = client.post(f"/employer/members/invitations/{invitation.pk}/cancel/")
    assert response.status_code == 302
    assert 'id="invitation-' not in html(client.get("/employer/members/"))
    assert client_for(None).get(link).status_code == 404


def test_a_removed_colleague_loses_the_console_at_once() -> None:
    employer, boss = employer_with_user()
    posting = posting_in("draft", employer=employer)
    colleague = employer_user()
    member = EmployerMember.objects.create(employer=employer, user=colleague, role="manager")
    colleague_client = client_for(colleague)
    assert colleague_client.get(f"/employer/postings/{posting.pk}/edit/").status_code == 200
    page = html(client_for(boss).get("/employer/members/"))
    assert colleague.email in page
    assert "마지막 구성원은 뺄 수 없어요" not in page
    # Another organisation's member cannot remove them.
    _, other = employer_with_user()
    assert client_for(other).post(f"/employer/members/{member.pk}/remove/").status_code == 404
    response = client_for(boss).post(f"/employer/members/{member.pk}/remove/")
    assert response.status_code == 302
    assert not EmployerMember.objects.filter(pk=member.pk).exists()
    assert colleague_client.get(f"/employer/postings/{posting.pk}/edit/").status_code == 404
    assert colleague_client.get("/employer/members/")["Location"] == "/employer/organisation/"
    # The last member stays: the page says why (409).
    own = EmployerMember.objects.get(user=boss)
    last = client_for(boss).post(f"/employer/members/{own.pk}/remove/")
    assert last.status_code == 409
    assert "마지막 구성원은 뺄 수 없어요" in html(last)
    assert Employer.objects.get(pk=employer.pk).members.count() == 1


def test_leaving_is_removing_yourself() -> None:
    employer, boss = employer_with_user()
    colleague = employer_user()
    member = EmployerMember.objects.create(employer=employer, user=colleague, role="manager")
    response = client_for(colleague).post(f"/employer/members/{member.pk}/remove/")
    assert response.status_code == 302
    assert response["Location"] == "/employer/"
    assert list(employer.members.values_list("user_id", flat=True)) == [boss.pk]


def test_an_unknown_invitation_link_is_the_404_page() -> None:
    response = client_for(None).get("/employer/invitations/not-a-token/")
    assert response.status_code == 404
