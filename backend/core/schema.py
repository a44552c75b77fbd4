"""OpenAPI extensions: document the session-token authentication (drf-spectacular)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SessionTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "backend.core.authentication.SessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "allauth headless app session token (POST /_allauth/app/v1/auth/login)",
        }


# --- error responses (one shared shape, declared on every operation) ------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: a message in the request's language and a stable code.",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the request's language"},
        "code": {"type": "string", "description": "A stable machine code (e.g. not_found)"},
    },
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "Validation errors: each invalid field with its messages (`non_field_errors` for the "
        "request as a whole; nested objects for nested fields), or `detail` and `code`."
    ),
    "additionalProperties": {},
}

_ERROR_DESCRIPTIONS = {
    "400": ("ValidationError", "Invalid input"),
    "401": ("Error", "Not signed in"),
    "403": ("Error", "The caller's role may not do this"),
    "404": ("Error", "No such object, or the caller may not see it"),
    "409": ("Error", "The object's state forbids it (e.g. an illegal transition)"),
    "429": ("Error", "Too many requests; see Retry-After"),
    "503": ("Error", "A server the request needs (database, search) cannot answer now"),
}
_WRITES = {"post", "put", "patch", "delete"}


def _error_statuses(method: str, operation: dict[str, Any]) -> list[str]:
    # 404 everywhere: a path's object may be missing, and a singular resource (`/me/profile/`)
    # answers 404 before it exists.
    statuses = ["404", "429", "503"]
    security = operation.get("security") or []
    if {} not in security:  # the operation needs a signed-in caller
        statuses += ["401", "403"]
    parameters = operation.get("parameters") or []
    has_query = any(parameter.get("in") == "query" for parameter in parameters)
    if method in _WRITES or has_query:
        statuses.append("400")
    if method in _WRITES:
        statuses.append("409")
    return statuses


def _untyped(response: dict[str, Any]) -> bool:
    """A response declared as a bare object (`OpenApiTypes.OBJECT`) or with no body."""
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return schema is None or schema == {"type": "object", "additionalProperties": {}}


def declare_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation declares the errors it can answer
    (API.md's error contract) with one shared `Error` schema (400: `ValidationError`), so
    generated clients get typed errors instead of "unexpected status"."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status in _error_statuses(method, operation):
                if status in responses and not _untyped(responses[status]):
                    continue
                schema_name, description = _ERROR_DESCRIPTIONS[status]
                responses[status] = {
                    "description": description,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": f"#/components/schemas/{schema_name}"}
                        }
                    },
                }
    return result
