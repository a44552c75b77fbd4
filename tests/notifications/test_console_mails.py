"""The consoles' mails: employer verified or refused, posting approved or rejected, mentoring
offered, accepted and declined. Each is written with its use case (gone when it rolls back),
goes to the right people, and is sent once even when the job runs twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from backend.accounts.models import User
from backend.employers.services import employer_refuse, employer_update, employer_verify
from backend.jobs.services import posting_approve, posting_reject, posting_submit
from backend.mentoring.models import MentoringRequest, MentorProfile
from backend.mentoring.services import (
    mentoring_request_accept,
    mentoring_request_create,
    mentoring_request_decline,
)
from backend.notifications.models import Notification, NotificationStatus
from backend.notifications.services import notification_send
from tests.factories.accounts import staff_user
from tests.factories.employers import EmployerMemberFactory, employer_with_user
from tests.factories.jobs import posting_in
from tests.factories.mentoring import expert_mentor
from tests.factories.seekers import senior_profile
from workers.models import JobRun, JobStatus
from workers.runner import execute_run

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SITE = "https://jobs.example"


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WORKER_ENGINE = "inline"
    settings.SITE_URL = SITE


def html_of(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def sent_to(kind: str) -> dict[str, Any]:
    """The mails of `kind` that went out, by address, after checking each row went once:
    the job run again (a second delivery) sends nothing more."""
    rows = list(Notification.objects.filter(kind=kind))
    assert rows
    assert {row.status for row in rows} == {NotificationStatus.SENT}
    before = len(mail.outbox)
    for row in rows:
        assert notification_send(row.pk) is False
    for run in JobRun.objects.filter(job="send_notification"):
        run.status = JobStatus.QUEUED
        run.save()
        execute_run(run.pk, engine="inline")
    assert len(mail.outbox) == before
    assert {row.attempts for row in Notification.objects.filter(kind=kind)} == {1}
    addresses = [row.to_email for row in rows]
    assert len(addresses) == len(set(addresses)), "one mail per recipient"
    messages = {address: m for m in mail.outbox for address in m.to if address in addresses}
    assert set(messages) == set(addresses)
    return messages


class _Rollback(Exception):
    pass


def rolled_back(action: Callable[[], object]) -> None:
    """Run `action` in a transaction that is then rolled back."""
    try:
        with transaction.atomic():
            action()
            raise _Rollback
    except _Rollback:
        pass


def team() -> tuple[Any, list[User]]:
    """An unverified organisation with two members."""
    employer, owner = employer_with_user(verified=False)
    colleague = EmployerMemberFactory.create(employer=employer).user
    return employer, [owner, colleague]


# --- Employers ---------------------------------------------------------------------------


def test_verified_goes_to_every_member(django_capture_on_commit_callbacks: Any) -> None:
    employer, members = team()
    with django_capture_on_commit_callbacks(execute=True):
        employer_verify(employer=employer, actor=staff_user())
        assert Notification.objects.filter(kind="employer_verified").count() == 2
        assert mail.outbox == []  # written with the verification, sent after commit
    messages = sent_to("employer_verified")
    assert set(messages) == {member.email for member in members}
    message = messages[members[0].email]
    assert employer.name in message.subject
    assert f"{SITE}/employer/" in message.body.splitlines()
    assert f"{SITE}/employer/organisation/" in message.body.splitlines()
    assert f'href="{SITE}/employer/"' in html_of(message)


def test_verified_again_after_an_edit_is_a_new_mail(
    django_capture_on_commit_callbacks: Any,
) -> None:
    employer, members = team()
    staff = staff_user()
    with django_capture_on_commit_callbacks(execute=True):
        employer_verify(employer=employer, actor=staff)
    employer_update(employer=employer, actor=members[0], fields={"name": "새 이름 (주)"})
    with django_capture_on_commit_callbacks(execute=True):
        employer_verify(employer=employer, actor=staff)
    assert Notification.objects.filter(kind="employer_verified").count() == 4


def test_refused_carries_the_reason(django_capture_on_commit_callbacks: Any) -> None:
    employer, members = team()
    reason = "사업자등록증의 상호와\n입력한 이름이 달라요."
    with django_capture_on_commit_callbacks(execute=True):
        employer_refuse(employer=employer, actor=staff_user(), reason=reason)
    messages = sent_to("employer_refused")
    assert set(messages) == {member.email for member in members}
    message = messages[members[1].email]
    assert "사업자등록증의 상호와" in message.body
    assert "입력한 이름이 달라요." in message.body
    assert f"{SITE}/employer/organisation/" in message.body.splitlines()
    assert "사업자등록증의 상호와" in html_of(message)
    # The reason stays with the mail after the record clears it (the employer fixes it).
    employer_update(employer=employer, actor=members[0], fields={"address": "정왕동 2"})
    row = Notification.objects.filter(kind="employer_refused").first()
    assert row is not None
    assert row.context == {"reason": reason}


def test_employer_mails_roll_back_with_the_decision() -> None:
    employer, _members = team()
    staff = staff_user()
    rolled_back(lambda: employer_verify(employer=employer, actor=staff))
    rolled_back(lambda: employer_refuse(employer=employer, actor=staff, reason="서류 불일치"))
    assert not Notification.objects.exists()
    assert mail.outbox == []


# --- Postings ----------------------------------------------------------------------------


def pending_posting() -> tuple[Any, list[User]]:
    employer, owner = employer_with_user()
    colleague = EmployerMemberFactory.create(employer=employer).user
    posting = posting_in("pending", employer=employer)
    return posting, [owner, colleague]


def test_approved_goes_to_the_employers_members(
    django_capture_on_commit_callbacks: Any,
) -> None:
    posting, members = pending_posting()
    EmployerMemberFactory.create()  # another organisation's member hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        posting_approve(posting=posting, actor=staff_user())
    messages = sent_to("posting_approved")
    assert set(messages) == {member.email for member in members}
    message = messages[members[0].email]
    assert posting.title in message.subject
    assert f"{SITE}/employer/postings/{posting.pk}/edit/" in message.body.splitlines()


def test_rejected_carries_the_reason_and_a_resubmission_is_told_again(
    django_capture_on_commit_callbacks: Any,
) -> None:
    posting, members = pending_posting()
    staff = staff_user()
    with django_capture_on_commit_callbacks(execute=True):
        posting_reject(posting=posting, actor=staff, reason="근무 시간이 적혀 있지 않아요.")
    messages = sent_to("posting_rejected")
    assert set(messages) == {member.email for member in members}
    message = messages[members[0].email]
    assert "근무 시간이 적혀 있지 않아요." in message.body
    assert f"{SITE}/employer/postings/{posting.pk}/edit/" in message.body.splitlines()
    assert "근무 시간이 적혀 있지 않아요." in html_of(message)
    # Fixed and resubmitted, then rejected again and approved: each decision is its own mail.
    with django_capture_on_commit_callbacks(execute=True):
        posting_submit(posting=posting, actor=members[0])
        posting_reject(posting=posting, actor=staff, reason="임금을 다시 확인해 주세요.")
        posting_submit(posting=posting, actor=members[0])
        posting_approve(posting=posting, actor=staff)
    assert Notification.objects.filter(kind="posting_rejected").count() == 4
    assert Notification.objects.filter(kind="posting_approved").count() == 2


def test_posting_mails_roll_back_with_the_decision() -> None:
    posting, _members = pending_posting()
    staff = staff_user()
    rolled_back(lambda: posting_approve(posting=posting, actor=staff))
    rolled_back(lambda: posting_reject(posting=posting, actor=staff, reason="사유"))
    assert not Notification.objects.exists()
    assert mail.outbox == []


# --- Mentoring ---------------------------------------------------------------------------


def ask(*, mentor: MentorProfile | None = None) -> MentoringRequest:
    return mentoring_request_create(
        seeker=senior_profile().user,
        career_field="engineering",
        topic="용접 자격증 준비",
        mentor_id=mentor.pk if mentor is not None else None,
    )


def test_offered_goes_to_each_offered_mentor_and_accepted_to_the_seeker(
    django_capture_on_commit_callbacks: Any,
) -> None:
    mentors = [expert_mentor() for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        request = ask()
    offered = sent_to("mentoring_offered")
    assert len(offered) == 3  # the first wave
    assert set(offered) <= {mentor.user.email for mentor in mentors}
    message = next(iter(offered.values()))
    assert request.topic in message.subject
    assert f"{SITE}/mentor/requests/{request.pk}/" in message.body.splitlines()
    accepter = next(mentor for mentor in mentors if mentor.user.email in offered)
    with django_capture_on_commit_callbacks(execute=True):
        mentoring_request_accept(mentor=accepter, request_id=request.pk)
    accepted = sent_to("mentoring_accepted")
    assert set(accepted) == {request.seeker.email}
    body = accepted[request.seeker.email].body
    assert accepter.public_name in body
    assert f"{SITE}/me/mentoring/{request.pk}/" in body.splitlines()


def test_a_decline_passes_the_offer_on_and_the_seeker_hears_when_it_opens_to_the_field(
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, second = expert_mentor(), expert_mentor()
    with django_capture_on_commit_callbacks(execute=True):
        request = mentoring_request_create(
            seeker=senior_profile().user, career_field="engineering", topic="용접 자격증 준비"
        )
    assert Notification.objects.filter(kind="mentoring_offered").count() == 2
    # A decline while another offer is live: nobody is left to offer, the other still waits.
    with django_capture_on_commit_callbacks(execute=True):
        mentoring_request_decline(mentor=first, request_id=request.pk)
    assert not Notification.objects.filter(kind="mentoring_declined").exists()
    # The last live offer declined: the request opens to the field, and the seeker is told.
    with django_capture_on_commit_callbacks(execute=True):
        mentoring_request_decline(mentor=second, request_id=request.pk)
    declined = sent_to("mentoring_declined")
    assert set(declined) == {request.seeker.email}
    row = Notification.objects.get(kind="mentoring_declined")
    assert row.key == "field"
    assert f"{SITE}/me/mentoring/{request.pk}/" in declined[request.seeker.email].body.splitlines()


def test_a_late_decline_passes_the_offer_on_to_the_next_mentor(
    django_capture_on_commit_callbacks: Any,
) -> None:
    mentors = [expert_mentor() for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        request = ask()
    offered = set(
        Notification.objects.filter(kind="mentoring_offered").values_list("recipient", flat=True)
    )
    decliner = next(mentor for mentor in mentors if mentor.user_id in offered)
    with django_capture_on_commit_callbacks(execute=True):
        mentoring_request_decline(mentor=decliner, request_id=request.pk)
    assert Notification.objects.filter(kind="mentoring_offered").count() == 4
    assert {row.recipient_id for row in Notification.objects.filter(kind="mentoring_offered")} == {
        mentor.user_id for mentor in mentors
    }
    assert not Notification.objects.filter(kind="mentoring_declined").exists()


def test_the_chosen_mentor_is_offered_it_and_their_decline_ends_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    chosen = expert_mentor()
    expert_mentor()  # not offered: the seeker chose
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(mentor=chosen)
    assert set(sent_to("mentoring_offered")) == {chosen.user.email}
    with django_capture_on_commit_callbacks(execute=True):
        mentoring_request_decline(mentor=chosen, request_id=request.pk)
    declined = sent_to("mentoring_declined")
    assert set(declined) == {request.seeker.email}
    assert Notification.objects.get(kind="mentoring_declined").key == "declined"


def test_mentoring_mails_roll_back_with_the_use_case() -> None:
    mentor = expert_mentor()

    def ask_and_accept() -> None:
        request = ask(mentor=mentor)
        mentoring_request_accept(mentor=mentor, request_id=request.pk)

    rolled_back(ask_and_accept)
    assert not Notification.objects.exists()
    assert mail.outbox == []
