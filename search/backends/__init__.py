"""`get_backend()`: the configured search backend, created lazily once per process."""

from __future__ import annotations

import functools

from django.conf import settings

from search.backends.base import SearchBackend


@functools.cache
def _backend(name: str, location: str, prefix: str, refresh: bool, timeout: float) -> SearchBackend:
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(url=location, prefix=prefix, refresh=refresh, timeout=timeout)
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
        )
    path = str(settings.SEARCH_EMBEDDED_PATH)
    return _backend("embedded", path, settings.SEARCH_INDEX_PREFIX, refresh, timeout)
