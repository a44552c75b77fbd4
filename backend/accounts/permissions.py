"""Role-based DRF permissions: a role that may never do something gets 403.

Object-level checks (whose profile, whose posting) live in each app's `access.py` and answer
404 for anything the caller may not see.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from backend.accounts.models import Role, User
from backend.accounts.staff_security import (
    IDLE_MESSAGE,
    MFA_MESSAGE,
    is_staff_account,
    token_session_problem,
)


class _RolePermission(BasePermission):
    roles: frozenset[str] = frozenset()
    message = gettext_lazy("이 역할로는 할 수 없는 요청입니다.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        allowed = bool(user and user.is_authenticated and getattr(user, "role", None) in self.roles)
        if allowed and isinstance(request.auth, SessionBase) and is_staff_account(user):
            # A staff member on an X-Session-Token (allauth headless): the browser session's
            # rules (StaffSessionMiddleware) hold for the token's session too.
            problem = token_session_problem(request.auth, user)
            if problem == "idle":
                raise NotAuthenticated(IDLE_MESSAGE)
            if problem == "mfa":
                raise PermissionDenied(MFA_MESSAGE)
        return allowed


def roles(*allowed: str) -> type[BasePermission]:
    """A permission class admitting authenticated users whose role is in `allowed`."""
    return type(
        f"Roles_{'_'.join(sorted(allowed))}", (_RolePermission,), {"roles": frozenset(allowed)}
    )


IsSeeker = roles(Role.SEEKER)
IsEmployer = roles(Role.EMPLOYER)
IsMentor = roles(Role.MENTOR)
IsStaff = roles(Role.STAFF)
IsEmployerOrStaff = roles(Role.EMPLOYER, Role.STAFF)


def request_user(request: Request | HttpRequest) -> User:
    """The authenticated user of a request whose view's permission classes (or login check)
    have already refused anonymous callers: the one place that narrows `request.user`."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated()
    return user
