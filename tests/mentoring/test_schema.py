"""OpenAPI for the seekers and mentoring endpoints: generated, valid, without warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

OPERATIONS = {
    ("/api/v1/me/profile/", "get"),
    ("/api/v1/me/profile/", "put"),
    ("/api/v1/me/profile/", "patch"),
    ("/api/v1/seekers/", "get"),
    ("/api/v1/seekers/{seeker_id}/", "get"),
    ("/api/v1/assisted-seekers/", "get"),
    ("/api/v1/assisted-seekers/", "post"),
    ("/api/v1/assisted-seekers/{enrolment_id}/code/", "post"),
    ("/api/v1/assisted-seekers/{enrolment_id}/profile/", "put"),
    ("/api/v1/accounts/assisted/activate/", "post"),
    ("/api/v1/me/mentor-profile/", "get"),
    ("/api/v1/me/mentor-profile/", "put"),
    ("/api/v1/mentoring-requests/", "get"),
    ("/api/v1/mentoring-requests/", "post"),
    ("/api/v1/mentoring-requests/{request_id}/accept/", "post"),
    ("/api/v1/mentoring-requests/{request_id}/decline/", "post"),
    ("/api/v1/mentoring-requests/{request_id}/complete/", "post"),
    ("/api/v1/mentoring-requests/{request_id}/cancel/", "post"),
    ("/api/v1/mentoring-requests/{request_id}/suggested-mentors/", "get"),
    ("/api/v1/mentoring-requests/{request_id}/sessions/", "get"),
    ("/api/v1/mentoring-requests/{request_id}/sessions/", "post"),
    ("/api/v1/mentoring-requests/{request_id}/rating/", "get"),
    ("/api/v1/mentoring-requests/{request_id}/rating/", "post"),
    ("/api/v1/mentors/", "get"),
    ("/api/v1/mentors/{profile_id}/verify/", "post"),
    ("/api/v1/mentors/{profile_id}/refuse/", "post"),
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # Only our routes (tests/mentoring/schema_urls.py): other apps' warnings are theirs.
    out: Path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command(
        "spectacular",
        "--urlconf",
        "tests.mentoring.schema_urls",
        "--validate",
        "--file",
        str(out),
    )
    # The generator resets these at the start of every generation.
    assert list(GENERATOR_STATS._warn_cache) == []
    assert not GENERATOR_STATS._error_cache
    return cast(dict[str, Any], yaml.safe_load(out.read_text()))


def test_every_endpoint_is_documented(schema: dict[str, Any]) -> None:
    documented = {
        (path, method)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "put", "patch", "post", "delete")
    }
    assert documented == OPERATIONS


def test_lists_are_paginated_and_bodies_named(schema: dict[str, Any]) -> None:
    def response_ref(path: str, method: str, code: str) -> str:
        content = schema["paths"][path][method]["responses"][code]["content"]
        return str(content["application/json"]["schema"]["$ref"]).rsplit("/", 1)[-1]

    assert response_ref("/api/v1/seekers/", "get", "200") == "PaginatedSeekerSummaryOutputList"
    assert response_ref("/api/v1/mentoring-requests/", "get", "200") == (
        "PaginatedMentoringRequestOutputList"
    )
    assert response_ref(
        "/api/v1/mentoring-requests/{request_id}/suggested-mentors/", "get", "200"
    ) == ("PaginatedMentorSuggestionOutputList")
    patch = schema["paths"]["/api/v1/me/profile/"]["patch"]["requestBody"]
    assert patch["content"]["application/json"]["schema"]["$ref"].endswith(
        "PatchedSeekerProfileInput"
    )
    area = schema["components"]["schemas"]["AreaBrief"]["properties"]
    assert set(area) == {"code", "name", "approximate"}
