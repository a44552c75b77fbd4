"""Domain errors raised by services, mapped to HTTP by `backend.core.api.exception_handler`.

Services never import DRF: they raise these (or Django's `ValidationError`,
`PermissionDenied`, `Http404`), and the one exception handler turns them into the responses
API.md fixes: 400 `{field: [messages]}`, 403, 404, 409.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DomainError(Exception):
    """Base of the errors a use case raises on purpose; `code` is stable for clients."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message: StrOrPromise, *, code: str | None = None) -> None:
        # A lazy message is translated here, at raise time, in the active language (the
        # request's, which LocaleMiddleware takes from the language switch or Accept-Language).
        self.message = str(message)
        super().__init__(self.message)
        self.code = code or self.default_code


class ConflictError(DomainError):
    """The request is valid but the object's state forbids it (409): an illegal status
    transition, a second application to the same posting."""

    status_code = 409
    default_code = "conflict"


class NotFoundError(DomainError):
    """The object does not exist or the caller may not see it (404: never leak existence)."""

    status_code = 404
    default_code = "not_found"


class ForbiddenError(DomainError):
    """The caller's role may never do this (403)."""

    status_code = 403
    default_code = "forbidden"


class RateLimitedError(DomainError):
    """The caller used up a budget (429): `retry_after` seconds until it refills. The API
    sends it as `Retry-After`; the web shows the wait on the page."""

    status_code = 429
    default_code = "rate_limited"

    def __init__(self, message: StrOrPromise, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = max(1, int(retry_after))


class UnavailableError(RuntimeError):
    """A server the request needs cannot answer now (503, never a 500). Subclasses (search's
    `SearchUnavailableError`) name the part in `code` and give the message users see in
    `public_message`; the exception's own text (the server's error) is for the logs only."""

    code = "unavailable"
    public_message = gettext_lazy("서비스를 잠시 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.")
