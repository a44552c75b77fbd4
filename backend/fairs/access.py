"""Who may see which fair (STYLE.md, Access control): 404 (`NotFoundError`) for anything the
caller may not see. A fair's existence, place and postings are public, like open postings;
its registrations are the seeker's own and staff's."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import NotFoundError
from backend.fairs.models import JobFair
from backend.jobs.access import postings_managed_by

FAIR_NOT_FOUND = gettext_lazy("채용박람회를 찾을 수 없습니다.")


def fair_public(fair_id: int) -> JobFair:
    fair = JobFair.objects.filter(pk=fair_id).first()
    if fair is None:
        raise NotFoundError(FAIR_NOT_FOUND)
    return fair


def fair_for_staff(user: User | AnonymousUser, fair_id: int) -> JobFair:
    if getattr(user, "role", None) != Role.STAFF:
        raise NotFoundError(FAIR_NOT_FOUND)
    return fair_public(fair_id)


def fair_for_employer_or_staff(user: User | AnonymousUser, fair_id: int) -> JobFair:
    """A fair in which one of the caller's employer's postings takes part (any, for staff)."""
    fair = fair_public(fair_id)
    if getattr(user, "role", None) == Role.STAFF:
        return fair
    if not fair.fair_postings.filter(posting__in=postings_managed_by(user)).exists():
        raise NotFoundError(FAIR_NOT_FOUND)
    return fair
