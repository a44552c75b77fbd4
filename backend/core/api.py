"""API plumbing shared by every app: the exception handler and small DRF helpers."""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from backend.core.errors import DomainError, RateLimitedError, UnavailableError


def exception_handler(error: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain and Django errors to API.md's responses; DRF handles the rest.

    - Django `ValidationError` → 400 `{field: [messages]}` (`non_field_errors` when unbound);
    - `DomainError` → its status with `{"detail": message, "code": code}`;
    - `PermissionDenied` → 403, `Http404` → 404 (DRF's own mapping);
    - `RateLimitedError` and DRF's `Throttled` → 429 with `Retry-After` (seconds);
    - `UnavailableError` (e.g. search's `SearchUnavailableError`, on any endpoint that needs
      the search backend, such as matching's) → 503 with a clear message, never a 500.
    """
    if isinstance(error, UnavailableError):
        return Response(
            {"detail": error.public_message, "code": error.code},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    if isinstance(error, DjangoValidationError):
        error = exceptions.ValidationError(as_serializer_error(error))
    elif isinstance(error, RateLimitedError):
        return Response(
            {"detail": error.message, "code": error.code},
            status=error.status_code,
            headers={"Retry-After": str(error.retry_after)},
        )
    elif isinstance(error, DomainError):
        return Response({"detail": error.message, "code": error.code}, status=error.status_code)
    elif isinstance(error, exceptions.Throttled):
        wait = max(1, math.ceil(getattr(error, "wait", None) or 1))
        # Built without `wait`, which would append DRF's English sentence; the header
        # (Retry-After) is read from the attribute.
        throttled = exceptions.Throttled(
            detail=gettext("요청이 너무 많아요. %(seconds)s초 뒤에 다시 시도해 주세요.")
            % {"seconds": wait}
        )
        setattr(throttled, "wait", wait)  # noqa: B010 (not in the stubs)
        error = throttled
    elif isinstance(error, Http404):
        error = exceptions.NotFound()
    elif isinstance(error, PermissionDenied):
        error = exceptions.PermissionDenied()
    response = drf_exception_handler(error, context)
    if response is not None and response.status_code == status.HTTP_401_UNAUTHORIZED:
        response.data = {"detail": gettext("로그인이 필요합니다.")}
    return response
