"""What every page's frame needs: where the signed-in user's dashboard is."""

from __future__ import annotations

from django.http import HttpRequest

from backend.web.navigation import dashboard_url


def site(request: HttpRequest) -> dict[str, object]:
    """Template context of every page: `site.dashboard_url`, the signed-in role's console."""
    user = getattr(request, "user", None)
    return {"site": {"dashboard_url": dashboard_url(user) if user is not None else None}}
