"""Search: Korean analysis (Kiwi), one backend interface, two backends, and the outbox sync.

- `search.analysis`: text → normalized terms (the same for indexing and queries, both backends),
  and highlighting on the original text;
- `search.documents`: the documents both backends index (`PostingDocument`, `ProfileDocument`);
- `search.query`: `PostingQuery`, the validated request of a search;
- `search.backends`: `SearchBackend` (the contract) and `get_backend()` (from settings).
"""
