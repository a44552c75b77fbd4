"""Who may open which page: a role's pages refuse the others with a 403 page (UI.md).

Objects inside a page go through the apps' `access.py` functions (404 for what the caller
may not see); this module only guards whole pages by role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from backend.accounts.models import Role

View = TypeVar("View", bound=Callable[..., HttpResponse])


def role_required(role: str) -> Callable[[View], View]:
    """Only `role` may open the page; put under `login_required` (anonymous → login)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if getattr(request.user, "role", None) != role:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


seeker_required = role_required(Role.SEEKER)
