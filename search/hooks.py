"""Search's hooks (see `backend.core.hooks`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from backend.core.hooks import Hook


class DocumentsChanged(Protocol):
    def __call__(self, *, profile_ids: Sequence[int], posting_ids: Sequence[int]) -> None: ...


#: Fired by the search sync (`search.indexing.sync_pending`) after it pushed a batch, inside
#: the transaction that marks the outbox events done, with the ids of the profiles and
#: postings whose documents were indexed or removed; only when MATCHING_REFRESH_ON_CHANGE is
#: on. Matching subscribes to refresh recommendations.
documents_changed: Hook[DocumentsChanged] = Hook("documents_changed")
