"""Liveness and readiness endpoints (public, no login, not under /api/), and the 404/500
handlers that answer in JSON under /api/ (API.md: JSON everywhere under /api/)."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views import defaults
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


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An unknown path or a malformed id (`/api/v1/postings/abc/`) under /api/ is a JSON 404;
    elsewhere the site's 404 page."""
    if _is_api(request):
        return JsonResponse(
            {"detail": gettext("찾을 수 없습니다."), "code": "not_found"}, status=404
        )
    return defaults.page_not_found(request, exception)


#: Seconds a client is told to wait when the database cannot answer (`Retry-After`).
DATABASE_RETRY_AFTER = 5


def _database_unavailable(request: HttpRequest) -> HttpResponse:
    """The database went away under the request (a restart, a fail-over, a lost connection):
    503 with Retry-After. Nothing of the request stayed half-written: its transaction was
    rolled back with the connection."""
    message = gettext("데이터베이스에 잠시 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.")
    if _is_api(request):
        response: HttpResponse = JsonResponse(
            {"detail": message, "code": "database_unavailable"}, status=503
        )
    else:
        response = HttpResponse(_database_unavailable_page(request, message), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _database_unavailable_page(request: HttpRequest, message: str) -> str:
    """The site's styled page (`503.html`, in the active language), rendered without the
    request's context processors: they read the session and the user, i.e. the database that
    is gone. A GET may be retried as it was; after a POST, "다시 시도" opens the page again."""
    try:
        # One leading slash: "//host/…" would be a link to another site.
        retry_path = "/" + request.get_full_path().lstrip("/")
        return render_to_string("503.html", {"retry_path": retry_path})
    except Exception:  # the plain sentence rather than a second error
        return message


def server_error(request: HttpRequest) -> HttpResponse:
    """A server error under /api/ is JSON too (never the HTML page for an API client); a lost
    database is a 503 (`_database_unavailable`), not a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return _database_unavailable(request)
    if _is_api(request):
        return JsonResponse(
            {
                "detail": gettext("서버에서 문제가 생겼습니다. 잠시 후 다시 시도해 주세요."),
                "code": "error",
            },
            status=500,
        )
    return defaults.server_error(request)
