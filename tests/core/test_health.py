"""`/healthz` and `/readyz` as API.md says: each part named with its state, 503 on failure."""

from __future__ import annotations

import socket
import time

import pytest
from django.test import Client, override_settings


def closed_port() -> int:
    """A loopback port that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_healthz_answers_without_dependencies(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_names_every_part_with_embedded_defaults(client: Client, tmp_path) -> None:
    with override_settings(
        SEARCH_BACKEND="embedded",
        SEARCH_EMBEDDED_PATH=tmp_path / "search.sqlite3",
        WORKER_ENGINE="inline",
    ):
        response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["parts"]["database"]["state"] == "ok"
    assert body["parts"]["database"]["backend"] == "postgresql"
    assert body["parts"]["search"] == {
        **body["parts"]["search"],
        "state": "ok",
        "backend": "embedded",
    }
    assert body["parts"]["jobs"]["engine"] == "inline"
    assert "broker" not in body["parts"]


@pytest.mark.django_db
def test_readyz_with_real_elasticsearch_and_broker(
    client: Client, elasticsearch_url: str, broker_url: str
) -> None:
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=elasticsearch_url,
        WORKER_ENGINE="celery",
        BROKER_URL=broker_url,
    ):
        response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["parts"]["search"]["backend"] == "elasticsearch"
    assert body["parts"]["search"]["cluster_status"] in ("green", "yellow")
    assert body["parts"]["broker"]["state"] == "ok"


@pytest.mark.django_db
def test_readyz_names_the_failing_search_part_with_503_quickly(client: Client) -> None:
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port()}",
    ):
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["parts"]["search"]["state"] == "error"
    assert "error" in body["parts"]["search"]
    assert body["parts"]["database"]["state"] == "ok"
    assert elapsed < 5


@pytest.mark.django_db
def test_readyz_names_a_failing_broker(client: Client) -> None:
    with override_settings(
        WORKER_ENGINE="dramatiq", BROKER_URL=f"redis://127.0.0.1:{closed_port()}/0"
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    parts = response.json()["parts"]
    assert parts["broker"]["state"] == "error"
    assert parts["jobs"]["engine"] == "dramatiq"


def test_schema_and_docs_are_served_without_a_cdn(client: Client) -> None:
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html
