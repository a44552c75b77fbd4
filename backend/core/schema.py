"""OpenAPI extensions: document the session-token authentication (drf-spectacular).

The schema's words are Korean msgids through gettext, English through the catalogs
(`/api/schema/?lang=en`); docstrings stay developer documentation and never reach the schema
(tests/core/test_schema_language.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SessionTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "backend.core.authentication.SessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, StrOrPromise]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": _(
                "allauth headless 앱 세션 토큰(`POST /_allauth/app/v1/auth/login`에서 받음)"
            ),
        }


# --- error responses (one shared shape, declared on every operation) ------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": _("오류: 요청 언어로 쓴 메시지와 바뀌지 않는 코드."),
    "properties": {
        "detail": {"type": "string", "description": _("무엇이 잘못되었는지(요청 언어로)")},
        "code": {"type": "string", "description": _("바뀌지 않는 기계용 코드(예: `not_found`)")},
    },
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": _(
        "입력 오류: 잘못된 필드마다 그 메시지 목록(요청 전체에 대한 것은 "
        "`non_field_errors`, 중첩된 필드는 중첩된 객체로), 또는 `detail`과 `code`."
    ),
    "additionalProperties": {},
}

_ERROR_DESCRIPTIONS = {
    "400": ("ValidationError", _("잘못된 입력")),
    "401": ("Error", _("로그인하지 않음")),
    "403": ("Error", _("호출한 사용자의 역할로는 할 수 없음")),
    "404": ("Error", _("없는 객체이거나 호출한 사용자가 볼 수 없음")),
    "409": ("Error", _("객체의 지금 상태로는 할 수 없음(예: 허용되지 않는 상태 전환)")),
    "429": ("Error", _("요청이 너무 많음: `Retry-After` 참고")),
    "503": ("Error", _("요청에 필요한 서버(데이터베이스, 검색)가 지금 응답하지 못함")),
}
_WRITES = {"post", "put", "patch", "delete"}
# drf-spectacular's own words for an answer without a body (`204: None`); the package carries no
# Korean catalog, so the hook puts ours in their place.
_SPECTACULAR_NO_BODY = "No response body"
_NO_BODY = _("응답 본문 없음")


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
    generated clients get typed errors instead of "unexpected status". An answer without a
    body is described in the request's language, not in drf-spectacular's English."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for response in responses.values():
                if "content" not in response and response.get("description") == (
                    _SPECTACULAR_NO_BODY
                ):
                    response["description"] = _NO_BODY
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
