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
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from backend.core.client_ip import client_ip


class _SettingsRateThrottle(SimpleRateThrottle):
    """A throttle whose rate is looked up in `settings.API_THROTTLE_RATES` at request time."""

    def get_rate(self) -> str | None:
        rates: dict[str, str] = getattr(settings, "API_THROTTLE_RATES", {})
        return rates.get(self.scope or "")

    def _ident(self, request: Request) -> str:
        return client_ip(request._request) or "unknown"


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
