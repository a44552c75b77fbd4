"""Liveness and readiness endpoints (public, no login, not under /api/)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from backend.core.readiness import readiness


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive and serving requests; it checks no dependency."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when every part answers, else 503; the body names each part and its state."""
    parts = readiness()
    ready = all(part.ok for part in parts)
    body = {
        "status": "ok" if ready else "unavailable",
        "parts": {part.name: part.as_json() for part in parts},
    }
    return JsonResponse(body, status=200 if ready else 503)
