"""The caller of a page, typed for the access functions."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from backend.accounts.models import User


def request_actor(request: HttpRequest) -> User | AnonymousUser:
    """The caller of a page for the access functions: the user, or AnonymousUser."""
    user = request.user
    return user if isinstance(user, User) else AnonymousUser()
