"""The pages obey the API's throttles (anti-automation): a scraper gains nothing by reading
`/jobs/` instead of `/api/v1/postings/search/`. The API's own views are throttled by DRF."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from backend.core.errors import RateLimitedError
from backend.core.throttling import enforce_page_rate
from backend.web.views.limits import rate_limited_page

# Paths that are not pages a person reads: the API (DRF throttles it), static files and probes.
UNTHROTTLED_PREFIXES = ("/api/", "/static/", "/healthz", "/readyz", "/favicon.ico")
SEARCH_PREFIXES = ("/jobs/",)


class PageThrottleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if not path.startswith(UNTHROTTLED_PREFIXES):
            # The search page and its partials by IP; a posting's detail, apply and report
            # pages are ordinary pages of the caller's role.
            search = path == SEARCH_PREFIXES[0]
            try:
                enforce_page_rate(request, search=search)
            except RateLimitedError as error:
                return rate_limited_page(request, error)
        return self.get_response(request)
