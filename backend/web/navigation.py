"""Where each role starts: login redirects there and the header links to it (UI.md)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse

from backend.accounts.models import Role, User

# Each role starts on its own console (UI.md).
DASHBOARDS = {
    Role.SEEKER: "web:me",
    Role.EMPLOYER: "web:employer",
    Role.MENTOR: "web:mentor",
    Role.STAFF: "web:staff",
}


def dashboard_url(user: User | AnonymousUser) -> str | None:
    """The dashboard of `user`'s role, or None (anonymous, or a role without one yet)."""
    if not user.is_authenticated:
        return None
    name = DASHBOARDS.get(Role(user.role)) if isinstance(user, User) else None
    if name is None:
        return None
    try:
        return reverse(name)
    except NoReverseMatch:  # the dashboard's page has not landed yet (another branch)
        return None
