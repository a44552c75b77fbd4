"""Who may see which employer. Anything the caller may not see is a 404 (never leak existence).

Role checks (a seeker may never list employers: 403) are the views' permission classes;
these functions answer the object-level question and every employers view goes through them.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, NotFoundError
from backend.employers import selectors
from backend.employers.models import Employer, EmployerInvitation, EmployerMember

EMPLOYER_NOT_FOUND = gettext_lazy("기업을 찾을 수 없습니다.")
MEMBER_NOT_FOUND = gettext_lazy("구성원을 찾을 수 없습니다.")
INVITATION_NOT_FOUND = gettext_lazy("초대를 찾을 수 없습니다.")


def is_staff(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and getattr(user, "role", None) == Role.STAFF)


def employers_visible_to(user: User | AnonymousUser) -> QuerySet[Employer]:
    """Staff see every employer; an employer user sees its own; anyone else nothing."""
    employers = selectors.employer_list()
    if is_staff(user):
        return employers
    if user.is_authenticated and getattr(user, "role", None) == Role.EMPLOYER:
        return employers.filter(members__user_id=user.pk)
    return employers.none()


def employer_for_member_or_staff(user: User | AnonymousUser, employer_id: int) -> Employer:
    """The employer `employer_id` if `user` is one of its members or staff, else 404."""
    employer = employers_visible_to(user).filter(pk=employer_id).first()
    if employer is None:
        raise NotFoundError(EMPLOYER_NOT_FOUND)
    return employer


def employer_for_staff(user: User | AnonymousUser, employer_id: int) -> Employer:
    if not is_staff(user):
        raise NotFoundError(EMPLOYER_NOT_FOUND)
    return employer_for_member_or_staff(user, employer_id)


def own_employer(user: User) -> Employer:
    """The organisation an employer user acts for; 409 when it has not registered one yet."""
    employer = selectors.employer_of_user(user=user)
    if employer is None:
        raise ConflictError(
            gettext("먼저 기업 정보를 등록해 주세요."),
            code="no_employer",
        )
    return employer


def member_of_employer(employer: Employer, member_id: int) -> EmployerMember:
    """A colleague of `employer` (which the caller may see already); 404 otherwise."""
    member = selectors.members_of(employer).filter(pk=member_id).first()
    if member is None:
        raise NotFoundError(MEMBER_NOT_FOUND)
    return member


def invitation_of_employer(employer: Employer, invitation_id: int) -> EmployerInvitation:
    """A pending invitation of `employer` (which the caller may see already); 404 otherwise."""
    invitation = selectors.invitations_pending(employer).filter(pk=invitation_id).first()
    if invitation is None:
        raise NotFoundError(INVITATION_NOT_FOUND)
    return invitation
