"""API throttles (anti-automation): anonymous callers by client IP, signed-in callers by user
with a budget per role, and the public search/suggest by IP with a budget of its own.

Rates are `settings.API_THROTTLE_RATES` (`scope → "N/period"`, from env, read on every request
so tests can change them); counts live in the `default` cache, which must be shared between
processes in production (`CACHE_URL=redis://…`, else each process counts on its own).
DRF answers a throttled request with 429 and `Retry-After`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from backend.core.client_ip import client_ip
from backend.core.errors import RateLimitedError


class _SettingsRateThrottle(SimpleRateThrottle):
    """A throttle whose rate is looked up in `settings.API_THROTTLE_RATES` at request time."""

    def get_rate(self) -> str | None:
        rates: dict[str, str] = getattr(settings, "API_THROTTLE_RATES", {})
        return rates.get(self.scope or "")

    def _ident(self, request: Request | HttpRequest) -> str:
        return client_ip(getattr(request, "_request", request)) or "unknown"


class RoleRateThrottle(_SettingsRateThrottle):
    """The default throttle: per user with the rate of their role (`seeker`, `employer`,
    `mentor`, `staff`), per client IP for anonymous callers (`anon`)."""

    def allow_request(self, request: Request, view: Any) -> bool:
        user = request.user
        self.scope = getattr(user, "role", "anon") if user and user.is_authenticated else "anon"
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str:
        user = request.user
        if user and user.is_authenticated:
            return f"throttle:{self.scope}:user:{user.pk}"
        return f"throttle:anon:ip:{self._ident(request)}"


class SearchRateThrottle(_SettingsRateThrottle):
    """Public search and typeahead: by client IP, whoever calls (the views take no login)."""

    scope = "search"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return f"throttle:search:ip:{self._ident(request)}"


def enforce_page_rate(request: HttpRequest, *, search: bool = False) -> None:
    """The web pages spend the same budgets as the API (the same cache keys): the public
    search page and its typeahead the `search` budget by client IP, every other page the
    caller's role budget (`anon` by IP). Raises `RateLimitedError` with the wait."""
    throttle: _SettingsRateThrottle = SearchRateThrottle() if search else RoleRateThrottle()
    if throttle.allow_request(request, None):  # type: ignore[arg-type]
        return
    wait = throttle.wait() or 1
    raise RateLimitedError(
        _("요청이 너무 많아 잠시 멈췄어요."), retry_after=int(wait) + 1, code="throttled"
    )
