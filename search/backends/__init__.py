"""`get_backend()`: the configured search backend, created lazily once per process."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings

from search.backends.base import SearchBackend


@functools.cache
def _backend(
    name: str, location: str, prefix: str, refresh: bool, timeout: float, replicas: int = 0
) -> SearchBackend:
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(
            url=location, prefix=prefix, refresh=refresh, timeout=timeout, replicas=replicas
        )
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend(path=location, prefix=prefix)


def get_backend() -> SearchBackend:
    """The backend named by `SEARCH_BACKEND`, for the current settings (tests override them)."""
    refresh, timeout = settings.SEARCH_REFRESH_ON_WRITE, settings.ELASTICSEARCH_TIMEOUT
    if settings.SEARCH_BACKEND == "elasticsearch":
        return _backend(
            "elasticsearch",
            settings.ELASTICSEARCH_URL,
            settings.SEARCH_INDEX_PREFIX,
            refresh,
            timeout,
            settings.ELASTICSEARCH_REPLICAS,
        )
    path = str(settings.SEARCH_EMBEDDED_PATH)
    return _backend("embedded", path, settings.SEARCH_INDEX_PREFIX, refresh, timeout)


def probe_search() -> dict[str, Any]:
    """The readiness probe of search (`/readyz`, registered by `SearchConfig.ready()`).

    The backend's own health: for Elasticsearch, cluster health (the test distribution has
    no rest-root module, so GET / is not served); for the embedded file, that it opens."""
    health = get_backend().health()
    if health.get("cluster_status") == "red":
        raise RuntimeError("cluster health is red")
    return dict(health)
