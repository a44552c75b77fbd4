"""Response headers that keep personal data out of caches."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Pages and endpoints that show or take personal data even before anyone signs in
# (a password-reset key page, a signup form with what was typed) or that carry a token.
PRIVATE_PREFIXES = (
    "/me/",
    "/employer/",
    "/mentor/",
    "/staff/",
    "/accounts/",
    "/admin/",
    "/_allauth/",
    "/api/",
)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in person and on every private
    path, so that a shared computer's back button, a browser cache on disk or a caching proxy
    never keeps a profile, an applicant list or an export (안전성 확보조치 기준: 개인정보의
    출력·복사 시 보호조치). Public pages for anonymous visitors keep their caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or request.path.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        return response
