"""Rebuild the search index from the terms stored on the rows (no re-tokenizing).

Elasticsearch: build a new versioned index behind the scenes while the aliases keep serving
the old one, check its document count against the database, then swap both aliases in one
atomic call — refused when the new index is short. Embedded: re-push every row in place (the
file keeps serving; there is nothing to swap) and remove documents that are no longer open.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from search.backends import get_backend
from search.documents import PostingDocument, ProfileDocument
from search.indexing import reconcile
from search.sources import postings_source, profiles_source

logger = logging.getLogger("search.rebuild")
CHUNK = 2000


def posting_documents() -> Iterator[PostingDocument]:
    source = postings_source()
    for posting in source.rows():
        document = source.document(posting)
        if document is not None:
            yield document


def profile_documents() -> Iterator[ProfileDocument]:
    source = profiles_source()
    for profile in source.rows():
        document = source.document(profile)
        if document is not None:
            yield document


def _chunks(items: Iterator[PostingDocument] | Iterator[ProfileDocument]) -> Iterator[list]:  # type: ignore[type-arg]
    batch: list = []  # type: ignore[type-arg]
    for item in items:
        batch.append(item)
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild(*, min_ratio: float = 1.0) -> dict[str, object]:
    """Rebuild postings and profiles; returns counts and timing. Raises ValueError (and leaves
    the old index serving) when the new posting index holds fewer than `min_ratio` of the
    documents the database says it should."""
    started = time.monotonic()
    backend = get_backend()
    expected = postings_source().expected()
    create_version = getattr(backend, "create_index_version", None)
    if create_version is not None:
        # A rebuild that failed half-way (Elasticsearch went away, the swap was refused) left
        # its new, never-aliased version behind: drop it before starting again.
        backend.drop_abandoned_versions()  # type: ignore[attr-defined]
        new_index = create_version()
        written = 0
        for batch in _chunks(posting_documents()):
            written += backend.index_postings_into(new_index, batch)  # type: ignore[attr-defined]
        # The guard: the aliases move only to an index holding what the database expects.
        backend.swap_aliases(new_index, min_count=int(expected * min_ratio))  # type: ignore[attr-defined]
    else:
        written = 0
        for batch in _chunks(posting_documents()):
            written += backend.index_postings(batch)
    # Writes during the rebuild went through the write alias to the old index (Elasticsearch)
    # or raced the re-push (embedded): one reconcile pass brings them in.
    reconcile()
    profiles = 0
    for batch in _chunks(profile_documents()):
        profiles += backend.index_profiles(batch)
    return {
        "backend": backend.name,
        "expected": expected,
        "indexed": written,
        "profiles": profiles,
        "indexed_count": backend.count_postings(),
        "seconds": round(time.monotonic() - started, 2),
    }
