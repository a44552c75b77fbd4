"""compose.yaml keeps what docs/operations.md promises (the schema check is in `make lint`)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

pytestmark = [pytest.mark.embedded]


def services() -> dict[str, Any]:
    document = yaml.safe_load((REPO / "compose.yaml").read_text())
    return dict(document["services"])


def test_every_part_of_a_production_run_is_there_with_a_health_check() -> None:
    found = services()
    wanted = {"web", "proxy", "worker", "scheduler", "postgres", "redis", "es01", "es02", "es03"}
    assert wanted <= set(found)
    for name in wanted:
        assert "healthcheck" in found[name], name
    assert found["scheduler"]["deploy"]["replicas"] == 1
    assert "gunicorn" in found["web"]["command"]
    worker = " ".join(found["worker"]["command"])
    assert "celery -A config worker" in worker
    assert "rundramatiq" in worker
    nodes = {found[n]["environment"]["node.name"] for n in ("es01", "es02", "es03")}
    assert nodes == {"es01", "es02", "es03"}
    assert found["es01"]["environment"]["cluster.initial_master_nodes"] == "es01,es02,es03"


def test_secrets_come_from_the_environment_and_are_required() -> None:
    text = (REPO / "compose.yaml").read_text()
    for secret in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "POSTGRES_PASSWORD", "EMAIL_URL"):
        assert re.search(rf"\$\{{{secret}:\?", text), secret
    environment = services()["web"]["environment"]
    assert environment["DEBUG"] == "false"
    assert environment["SEARCH_BACKEND"] == "elasticsearch"
    assert environment["ELASTICSEARCH_URL"].count("http://") == 3
