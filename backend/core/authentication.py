"""API authentication: allauth's headless session token, then the browser session."""

from __future__ import annotations

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication
from django.http import HttpRequest


class SessionTokenAuthentication(XSessionTokenAuthentication):  # type: ignore[misc]
    """`X-Session-Token` from `/_allauth/app/v1/…`. Names itself in `WWW-Authenticate`, so
    an unauthenticated request gets 401 (as API.md says), not DRF's fallback 403."""

    def authenticate_header(self, request: HttpRequest) -> str:
        return "X-Session-Token"
