"""Search sources: each searchable app tells `search` how to read its rows.

`search` knows its two document kinds (`search.documents`) and the backends; it does not know
the apps' models. The app that owns a searchable entity registers a `SearchSource` in its
`AppConfig.ready()` (postings: `backend/jobs/search.py`; profiles: `backend/seekers/search.py`),
the way privacy exporters are registered. Indexing, the sync, reconciliation and the rebuild
read rows only through these.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from search.documents import PostingDocument, ProfileDocument
from search.models import Entity

Document = TypeVar("Document", PostingDocument, ProfileDocument)


@dataclass(frozen=True)
class SearchSource(Generic[Document]):
    """How search reads one entity's rows.

    - `load(ids)`: the rows that still exist, by id, with what `document` reads (one query);
    - `document(row)`: its search document, or None when it must not be searchable;
    - `rows()`: every row that may be searchable, in id order, for a rebuild (streamed);
    - `expected()`: how many documents a rebuild must produce (the short-index guard);
    - `versions()`: (id, version, searchable) of every row, for reconciliation; None when the
      entity is not reconciled;
    - `term_fields`: the fields on the row holding its stored terms (tokenized once, when the
      row is written, with `search.indexing.posting_terms` / `profile_terms`).
    """

    entity: Entity
    load: Callable[[Collection[int]], Mapping[int, Any]]
    document: Callable[[Any], Document | None]
    rows: Callable[[], Iterator[Any]]
    expected: Callable[[], int]
    term_fields: tuple[str, ...]
    versions: Callable[[], list[tuple[int, int, bool]]] | None = None


_SOURCES: dict[Entity, SearchSource[Any]] = {}


class UnknownSourceError(LookupError):
    """No app registered a search source for this entity."""


def register_source(source: SearchSource[Any]) -> None:
    """Register the source of `source.entity` (registering the same one again is harmless)."""
    existing = _SOURCES.get(source.entity)
    if existing is not None and existing != source:
        raise ValueError(f"search source {source.entity!r} is already registered")
    _SOURCES[source.entity] = source


def postings_source() -> SearchSource[PostingDocument]:
    return _get(Entity.POSTING)


def profiles_source() -> SearchSource[ProfileDocument]:
    return _get(Entity.PROFILE)


def _get(entity: Entity) -> SearchSource[Any]:
    try:
        return _SOURCES[entity]
    except KeyError:
        raise UnknownSourceError(f"no search source registered for {entity!r}") from None
