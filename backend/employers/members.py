"""Colleagues of an organisation (기업 구성원): invite by email, accept, cancel, remove.

    invitation_create  a member invites an address: a row with the hash of a random token and
                       an expiry, and a mail (kind `employer_invitation`) with the accept link
    invitation_accept  the invitee, logged in as an employer user with that address, joins
    invitation_cancel  a member withdraws a pending invitation
    member_remove      a member removes a colleague (or leaves), never the last one

Access is read per request from `EmployerMember`, so a removed colleague loses every page and
endpoint of the organisation at once. The callers (pages, API) check that the actor is a
member of the organisation first (`backend.employers.access`).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, ForbiddenError, NotFoundError
from backend.employers.models import (
    INVITATION_DAYS,
    Employer,
    EmployerInvitation,
    EmployerMember,
    MemberRole,
)
from backend.notifications.services import notification_queue

INVITATION_NOT_FOUND = gettext_lazy(
    "초대를 찾을 수 없어요. 링크가 만료되었거나 취소되었을 수 있어요."
)
INVITATION_KIND = "employer_invitation"


def invitation_token_hash(token: str) -> str:
    """What the database keeps of an invitation token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _normalized_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [gettext("올바른 이메일 주소를 입력해 주세요.")]}) from None
    return email


def _require_member(employer: Employer, actor: User) -> None:
    if (
        actor.role != Role.EMPLOYER
        or not EmployerMember.objects.filter(employer=employer, user=actor).exists()
    ):
        raise ForbiddenError(gettext("이 기업의 구성원만 할 수 있어요."))


@transaction.atomic
def invitation_create(
    *, employer: Employer, actor: User, email: str
) -> tuple[EmployerInvitation, str]:
    """A member invites `email` to the organisation. Returns the invitation and its token
    (only the mail carries it on). 400 for a malformed address; 409 when the address is
    already a member, or has an invitation still open (cancel it to send a new one)."""
    _require_member(employer, actor)
    email = _normalized_email(email)
    # Lock the organisation: two invitations of the same address race on the checks below.
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    if EmployerMember.objects.filter(employer=employer, user__email__iexact=email).exists():
        raise ConflictError(gettext("이미 이 기업의 구성원이에요."), code="already_member")
    now = timezone.now()
    open_rows = EmployerInvitation.objects.filter(
        employer=employer, email=email, accepted_at__isnull=True, cancelled_at__isnull=True
    )
    # An expired invitation is closed, so that a new one may be written.
    open_rows.filter(expires_at__lte=now).update(cancelled_at=now)
    if open_rows.exists():
        raise ConflictError(
            gettext("이미 초대한 주소예요. 다시 보내려면 먼저 초대를 취소해 주세요."),
            code="already_invited",
        )
    token = secrets.token_urlsafe(32)
    invitation = EmployerInvitation(
        employer=employer,
        email=email,
        token_hash=invitation_token_hash(token),
        invited_by=actor,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        raise ConflictError(
            gettext("이미 초대한 주소예요. 다시 보내려면 먼저 초대를 취소해 주세요."),
            code="already_invited",
        ) from None
    invitee = User.objects.filter(email__iexact=email).first()
    notification_queue(
        recipient=invitee,
        kind=INVITATION_KIND,
        obj=invitation,
        to_email=email,
        # A new account reads the mail in the inviter's language.
        language=None if invitee is not None else actor.language,
        context={"token": token},
    )
    return invitation, token


def invitation_by_token(token: str) -> EmployerInvitation:
    """The pending invitation of `token`; `NotFoundError` for an unknown, expired, cancelled
    or already accepted one (a 404 either way: the link tells nothing more)."""
    invitation = (
        EmployerInvitation.objects.select_related("employer", "invited_by")
        .filter(
            token_hash=invitation_token_hash(token),
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if invitation is None:
        raise NotFoundError(INVITATION_NOT_FOUND)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, actor: User) -> EmployerMember:
    """The invitee joins the organisation as a hiring manager (채용 담당자).

    404 for a token that opens no pending invitation; 403 for a user who is not an employer
    user or whose address is not the invited one; 409 when the user already belongs to an
    organisation (one per user).
    """
    invitation = invitation_by_token(token)
    invitation = EmployerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.cancelled_at is not None:
        raise NotFoundError(INVITATION_NOT_FOUND)
    if actor.role != Role.EMPLOYER:
        raise ForbiddenError(gettext("기업 회원 계정으로 로그인해야 초대를 받을 수 있어요."))
    if actor.email.lower() != invitation.email:
        raise ForbiddenError(
            gettext("이 초대는 다른 이메일 주소로 보낸 것이에요. 초대받은 주소로 로그인해 주세요.")
        )
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if EmployerMember.objects.filter(user=actor).exists():
        raise ConflictError(gettext("이미 소속된 기업이 있습니다."), code="already_member")
    member = EmployerMember.objects.create(
        employer=invitation.employer, user=actor, role=MemberRole.MANAGER
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


@transaction.atomic
def invitation_cancel(*, invitation: EmployerInvitation, actor: User) -> EmployerInvitation:
    """A member withdraws an invitation not yet accepted (its link stops working); 409 once
    accepted or cancelled."""
    _require_member(invitation.employer, actor)
    invitation = EmployerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.cancelled_at is not None:
        raise ConflictError(gettext("이미 끝난 초대예요."), code="invitation_closed")
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    return invitation


@transaction.atomic
def member_remove(*, member: EmployerMember, actor: User) -> None:
    """A member removes a colleague, or leaves (removes itself). 409 for the last member:
    an organisation always has someone to answer for it."""
    _require_member(member.employer, actor)
    # Lock the organisation: two members removing each other at once must leave one.
    Employer.objects.select_for_update().filter(pk=member.employer_id).first()
    if EmployerMember.objects.filter(employer_id=member.employer_id).count() <= 1:
        raise ConflictError(
            gettext("마지막 구성원은 뺄 수 없어요. 다른 구성원을 먼저 초대해 주세요."),
            code="last_member",
        )
    EmployerMember.objects.filter(pk=member.pk).delete()
