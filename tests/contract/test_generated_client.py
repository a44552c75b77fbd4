"""Issue 17, 'API clients': a client no one here wrote, generated from `/api/schema/` by
openapi-python-client, runs a seeker's journey against a live server — signing in through
allauth headless, the profile, a search, an application — and gets the API's errors as typed
`Error` / `ValidationError` objects instead of "unexpected status"."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from allauth.account.models import EmailAddress
from django.apps import apps
from django.test import Client

from backend.matching.policy import load_default_policy
from backend.taxonomy.loading import load_reference_data
from tests.conftest import REPO
from tests.contract.test_matching_backends import forklift_posting, index_all
from tests.factories.accounts import PASSWORD, seeker
from tests.factories.employers import employer_with_user
from tests.factories.seekers import graduate_payload
from tests.web.postings import embedded_search

__all__ = ["embedded_search"]

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGE = "siheung_jobs_link_client"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


def _schema_file(directory: Path) -> Path:
    response = Client().get("/api/schema/")
    assert response.status_code == 200
    path = directory / "schema.yaml"
    path.write_bytes(response.content)
    return path


@pytest.fixture
def client_package(tmp_path: Path) -> Iterator[ModuleType]:
    schema = _schema_file(tmp_path)
    out = tmp_path / "generated"
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema),
            "--config",
            str(REPO / "scripts" / "api-client.yaml"),
            "--output-path",
            str(out),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Warnings would be schema parts the generator could not type: there must be none.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    (tmp_path / PACKAGE).symlink_to(out, target_is_directory=True)
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
            del sys.modules[name]


def _operation(package: ModuleType, operation_id: str) -> Any:
    """The generated module of one operation (api/<tag>/<operation_id>.py)."""
    root = Path(str(package.__file__)).parent / "api"
    matches = list(root.glob(f"*/{operation_id}.py"))
    assert len(matches) == 1, operation_id
    tag = matches[0].parent.name
    return importlib.import_module(f"{PACKAGE}.api.{tag}.{operation_id}")


def _login(base_url: str, email: str) -> str:
    request = urllib.request.Request(
        f"{base_url}/_allauth/app/v1/auth/login",
        data=json.dumps({"email": email, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(json.load(response)["meta"]["session_token"])


def test_operation_ids_are_consistent_and_errors_are_declared() -> None:
    schema = yaml.safe_load(Client().get("/api/schema/").content)
    assert schema["info"]["x-machine-name"] == "siheung-jobs-link"
    operations = [
        operation
        for path_item in schema["paths"].values()
        for operation in path_item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    ids = [operation["operationId"] for operation in operations]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if i.startswith(("v1_", "api_"))]
    for operation in operations:
        responses = operation["responses"]
        assert {"404", "429", "503"} <= set(responses), operation["operationId"]
        for status in ("401", "403", "404", "409", "429", "503"):
            if status in responses:
                ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error"


@pytest.fixture
def reference_data(live_server: Any) -> None:
    """The reference data the migrations load (a transactional test before emptied them)."""
    load_reference_data(apps)
    apps.get_model("matching", "OrdinancePolicy").objects.get_or_create(
        version=1, defaults={"document": load_default_policy(), "note": "기본 정책"}
    )


def test_a_seeker_journey_through_the_generated_client(
    client_package: ModuleType, live_server: Any, reference_data: None, embedded_search: None
) -> None:
    employer, _user = employer_with_user()
    posting = forklift_posting(employer)
    index_all()
    person = seeker()
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    token = _login(live_server.url, person.email)
    api = client_package.AuthenticatedClient(
        base_url=live_server.url, token=token, prefix="", auth_header_name="X-Session-Token"
    )
    models = importlib.import_module(f"{PACKAGE}.models")

    # Before the profile exists: a typed 404.
    missing = _operation(client_package, "me_profile_retrieve").sync_detailed(client=api)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, models.Error)
    assert missing.parsed.detail

    # A bad profile: a typed 400 naming the field.
    bad = graduate_payload(birth_year=1800)
    replace = _operation(client_package, "me_profile_replace")
    refused = replace.sync_detailed(client=api, body=models.SeekerProfileInput.from_dict(bad))
    assert refused.status_code == 400
    assert isinstance(refused.parsed, models.ValidationError)
    assert "birth_year" in refused.parsed.additional_properties

    created = replace.sync_detailed(
        client=api, body=models.SeekerProfileInput.from_dict(graduate_payload())
    )
    assert created.status_code == 201, created.content
    assert created.parsed.cohort.value == "graduate"

    # Search as a client would, then apply to what was found.
    search = _operation(client_package, "postings_search_retrieve").sync_detailed(
        client=api, q="지게차"
    )
    assert search.status_code == 200, search.content
    found = [hit.id for hit in search.parsed.results]
    assert posting.pk in found

    apply = _operation(client_package, "postings_applications_create")
    body = {"message": "성실히 일하겠습니다.", "consent_provision": True}
    applied = apply.sync_detailed(
        id=posting.pk, client=api, body=models.ApplicationInput.from_dict(body)
    )
    assert applied.status_code == 201, applied.content
    again = apply.sync_detailed(
        id=posting.pk, client=api, body=models.ApplicationInput.from_dict(body)
    )
    assert again.status_code == 409
    assert isinstance(again.parsed, models.Error)
    assert again.parsed.code

    mine = _operation(client_package, "me_applications_list").sync_detailed(client=api)
    assert mine.status_code == 200
    assert [item.posting.id for item in mine.parsed.results] == [posting.pk]
