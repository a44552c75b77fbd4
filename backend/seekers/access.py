"""Who may see which seeker profile. Every seekers view goes through these functions.

Anything the caller may not see is a 404 (`NotFoundError`), never a hint that it exists.
Staff reads of one profile are personal-data access and are written to the access log (PIPA).
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from backend.accounts.models import Role, User
from backend.accounts.services import access_log
from backend.core.errors import NotFoundError
from backend.seekers import selectors
from backend.seekers.models import SeekerProfile
from backend.seekers.services import PROFILE_MISSING

SEEKER_NOT_FOUND = gettext_lazy("구직자를 찾을 수 없습니다.")
ACCESS_LOG_WHAT = "seeker profile"


def own_profile(user: User) -> SeekerProfile:
    """The caller's own profile; 404 with a Korean message before it is created."""
    profile = selectors.seeker_profile_of(user=user) if user.role == Role.SEEKER else None
    if profile is None:
        raise NotFoundError(PROFILE_MISSING, code="profile_missing")
    return profile


def profile_for_staff(
    user: User, seeker_id: int, *, request: HttpRequest | None = None
) -> SeekerProfile:
    """One full profile for a staff member, recorded in the access log on every read."""
    if user.role != Role.STAFF:
        raise NotFoundError(SEEKER_NOT_FOUND)
    profile = selectors.seeker_profile_list().select_related("user").filter(pk=seeker_id).first()
    if profile is None:
        raise NotFoundError(SEEKER_NOT_FOUND)
    access_log(actor=user, subject=profile.user, what=ACCESS_LOG_WHAT, request=request)
    return profile


def profiles_for_staff(
    user: User, *, cohorts: Collection[str] = (), areas: Collection[str] = ()
) -> QuerySet[SeekerProfile]:
    """The profiles a staff member may list (all of them; nobody else lists any).

    The list shows no personal fields, so it is not written to the access log; opening one
    profile (`profile_for_staff`) is.
    """
    if user.role != Role.STAFF:
        return SeekerProfile.objects.none()
    return selectors.seeker_profile_list(cohorts=cohorts, areas=areas)
