"""The caller of a page, typed for the access functions."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from backend.accounts.models import User


def request_actor(request: HttpRequest) -> User | AnonymousUser:
    user = request.user
    return user if isinstance(user, User) else AnonymousUser()


def request_user(request: HttpRequest) -> User:
    """The signed-in user of a page behind `login_required`."""
    user = request.user
    assert isinstance(user, User), "request_user() is for pages behind login_required"
    return user
