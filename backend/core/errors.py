"""Domain errors raised by services, mapped to HTTP by `backend.core.api.exception_handler`.

Services never import DRF: they raise these (or Django's `ValidationError`,
`PermissionDenied`, `Http404`), and the one exception handler turns them into the responses
API.md fixes: 400 `{field: [messages]}`, 403, 404, 409.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a use case raises on purpose; `code` is stable for clients."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
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
