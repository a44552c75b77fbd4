"""The real servers behind `make test` answer, and are what the project expects."""

from __future__ import annotations

import json
import urllib.request

import pytest
import redis
from django.db import connection


def test_elasticsearch_is_a_real_9x_node(elasticsearch_url: str) -> None:
    # No rest-root module in the test distribution: GET / is not served, so readiness
    # and version come from /_cluster/health and /_nodes/_local.
    with urllib.request.urlopen(f"{elasticsearch_url}/_cluster/health", timeout=5) as response:
        assert response.headers["X-elastic-product"] == "Elasticsearch"
        health = json.load(response)
    assert health["status"] in ("green", "yellow")
    with urllib.request.urlopen(f"{elasticsearch_url}/_nodes/_local", timeout=5) as response:
        nodes = json.load(response)["nodes"]
    versions = {node["version"] for node in nodes.values()}
    assert len(versions) == 1
    assert versions.pop().startswith("9.")


def test_elasticsearch_client_talks_to_the_node(elasticsearch_url: str) -> None:
    from elasticsearch import Elasticsearch

    client = Elasticsearch(elasticsearch_url, request_timeout=5)
    try:
        assert client.cluster.health()["status"] in ("green", "yellow")
    finally:
        client.close()


@pytest.mark.django_db
def test_postgresql_answers(database_url: str) -> None:
    assert database_url.startswith(("postgres://", "postgresql://"))
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        (version,) = cursor.fetchone()
    assert version >= 130000


def test_redis_answers(broker_url: str) -> None:
    client = redis.Redis.from_url(broker_url, socket_timeout=2)
    try:
        assert client.ping() is True
        client.set("sjl:test:ping", "pong", ex=10)
        assert client.get("sjl:test:ping") == b"pong"
    finally:
        client.close()
