"""The page a person sees when a budget is used up (`RateLimitedError`): what happened and
how long to wait, with status 429 and `Retry-After`, as the API answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from backend.core.errors import RateLimitedError


def wait_text(seconds: int) -> str:
    """'3시간 20분', '5분', '1분' (at least a minute): the wait in plain words."""
    minutes = max(1, -(-seconds // 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)s시간", "%(count)s시간", hours) % {"count": hours})
    if minutes:
        parts.append(ngettext("%(count)s분", "%(count)s분", minutes) % {"count": minutes})
    return " ".join(parts)


def rate_limited_page(request: HttpRequest, error: RateLimitedError) -> HttpResponse:
    response = render(
        request,
        "web/rate_limited.html",
        {"nav": "me", "message": error.message, "wait": wait_text(error.retry_after)},
        status=429,
    )
    response["Retry-After"] = str(error.retry_after)
    response["Cache-Control"] = "no-store"
    return response
