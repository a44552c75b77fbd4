"""The OpenAPI schema of the employers and jobs endpoints: valid, and without a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

SCHEMA_URLS = "tests.jobs.schema_urls"


@pytest.mark.django_db
def test_schema_generates_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    # --fail-on-warn raises (SystemExit / SchemaGenerationError) on any warning of ours.
    call_command(
        "spectacular",
        "--validate",
        "--format",
        "openapi-json",
        "--fail-on-warn",
        "--urlconf",
        SCHEMA_URLS,
        "--file",
        str(target),
    )
    schema = json.loads(target.read_text())
    paths = schema["paths"]
    for path in (
        "/api/v1/employers/",
        "/api/v1/employers/{id}/verify/",
        "/api/v1/postings/",
        "/api/v1/postings/{id}/",
        "/api/v1/postings/{id}/applications/",
        "/api/v1/me/applications/",
        "/api/v1/applications/{id}/withdraw/",
        "/api/v1/placements/",
        "/api/v1/placements/{id}/checkpoints/{month}/",
    ):
        assert path in paths
    create = paths["/api/v1/postings/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/PostingInput"
    )
    # The public detail admits anonymous callers.
    assert {} in paths["/api/v1/postings/{id}/"]["get"]["security"]
