"""The Elasticsearch 9 search backend (`SEARCH_BACKEND=elasticsearch`).

Indices are versioned behind aliases: `{prefix}-postings-v{n}` is read through `{prefix}-postings`
and written through `{prefix}-postings-write` (the same for profiles). A rebuild fills a new
version (`create_index_version`, `index_postings_into`) and moves both aliases in one atomic
`_aliases` call (`swap_aliases`), refusing an index that is suspiciously small.

Limits of the integ-test distribution (`make test`) this module designs around:
- no `rest-root` module: `GET /`, `info()` and `ping()` fail, so health uses `/_cluster/health`;
- no painless: nothing here uses a script (scoring is `function_score` with `gauss` decays);
- no reindex: a rebuild re-bulks documents from the database, it never calls `_reindex`;
- no analysis-common / mapper-extras: see `search.backends.es_mappings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers

from search.backends.base import (
    FacetValue,
    PostingHit,
    PostingResults,
    ProfileHit,
    SearchUnavailableError,
)
from search.backends.es_mappings import (
    KINDS,
    Kind,
    added_posting_properties,
    index_definition,
    known_terms_request,
    parse_versioned_index,
    posting_from_source,
    posting_search,
    posting_source,
    profile_search,
    profile_source,
    read_alias,
    suggest_request,
    suggestion_of,
    versioned_index,
    vocabulary_request,
    write_alias,
)
from search.backends.geo import haversine_km
from search.documents import PostingDocument, ProfileDocument
from search.query import PostingQuery, ProfileQuery
from search.spelling import Vocabulary, VocabularyCache

REBUILD_TIMEOUT_S = 60.0  # a rebuild's bulk chunks may take longer than an online request
BATCH_TIMEOUT_S = 30.0  # a `_msearch` of a job's batch (search_postings_many)
MSEARCH_QUERIES = 50  # searches per `_msearch` request (bounds one answer's size)


@contextmanager
def _unavailable_on_server_errors(action: str) -> Iterator[None]:
    """Turn "the server cannot answer" into `SearchUnavailableError` (the API answers 503).

    Connection refused, timeouts, 5xx, 429 (rejected: overloaded), 401/403 (misconfigured
    credentials) and a missing index all mean the search cannot be served now. Other 4xx are
    bugs in the request and propagate as they are.
    """
    try:
        yield
    except TransportError as error:  # ConnectionError, ConnectionTimeout, TLS, serialization
        raise SearchUnavailableError(
            f"Elasticsearch unreachable while {action}: {error}"
        ) from error
    except ApiError as error:
        status = error.meta.status
        if status >= 500 or status in (401, 403, 429):
            raise SearchUnavailableError(
                f"Elasticsearch answered {status} while {action}: {error.message}"
            ) from error
        if status == 404 and error.error == "index_not_found_exception":
            raise SearchUnavailableError(
                f"search index missing while {action}: run the search rebuild ({error.message})"
            ) from error
        raise


class ElasticsearchBackend:
    """`SearchBackend` on an Elasticsearch 9 cluster. Thread-safe (the client is)."""

    name = "elasticsearch"

    def __init__(
        self,
        *,
        url: str,
        prefix: str,
        timeout: float = 2.0,
        refresh: bool = False,
        replicas: int = 0,
    ) -> None:
        """No network here: the client is created on first use.

        `timeout` bounds every request (settings `ELASTICSEARCH_TIMEOUT`); `refresh=True`
        makes writes visible to searches at once (tests); `replicas` is the replica count of
        new indices (0 on a single-node cluster, where a replica could never be assigned).
        """
        self.url = url
        self.prefix = prefix
        self.timeout = timeout
        self.refresh_writes = refresh
        self.replicas = replicas
        self._client: Elasticsearch | None = None
        self._ensured = False
        self._vocabulary = VocabularyCache()

    @property
    def client(self) -> Elasticsearch:
        """The lazily created client: no retries, so a dead or cut-off server costs one attempt
        and at most one `timeout` (the API must answer 503 within ~2 s). Writes lose nothing by
        it: the outbox keeps their events and the job machinery retries the sync."""
        if self._client is None:
            # `url` may name several nodes of a cluster, separated by commas.
            nodes = [node.strip() for node in self.url.split(",") if node.strip()]
            self._client = Elasticsearch(
                nodes, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
            )
        return self._client

    # --- Indices and aliases ------------------------------------------------------------------

    def ensure_indices(self) -> None:
        """Create `v1` of each kind with both aliases unless the read alias exists.

        Idempotent and race-tolerant: the index and its aliases are created in one request, and
        a concurrent creator's `resource_already_exists_exception` counts as success."""
        with _unavailable_on_server_errors("creating indices"):
            for kind in KINDS:
                if self.client.indices.exists_alias(name=read_alias(self.prefix, kind)):
                    if kind == "postings":
                        # An index from before the retrieval fields: add them (additive).
                        self.client.indices.put_mapping(
                            index=write_alias(self.prefix, kind),
                            properties=added_posting_properties(),
                        )
                    continue
                self._create_index(versioned_index(self.prefix, kind, 1), kind, with_aliases=True)
        self._ensured = True

    def _create_index(self, name: str, kind: Kind, *, with_aliases: bool) -> None:
        aliases: dict[str, Any] = {}
        if with_aliases:
            aliases = {read_alias(self.prefix, kind): {}, write_alias(self.prefix, kind): {}}
        definition = index_definition(name, kind, replicas=self.replicas, aliases=aliases)
        try:
            definition.create(using=self.client)
        except ApiError as error:
            if error.error != "resource_already_exists_exception":
                raise

    def _ensure_once(self) -> None:
        if not self._ensured:
            self.ensure_indices()

    def _versioned_indices(self) -> dict[str, tuple[Kind, int]]:
        """This prefix's versioned indices (exact names only, never another prefix's)."""
        with _unavailable_on_server_errors("listing indices"):
            found = self.client.indices.get(
                index=f"{self.prefix}-*", ignore_unavailable=True, allow_no_indices=True
            )
        indices = {}
        for name in found.body:
            parsed = parse_versioned_index(self.prefix, name)
            if parsed is not None:
                indices[name] = parsed
        return indices

    def create_index_version(self, kind: Kind = "postings") -> str:
        """Create the next version of `kind`'s index, without aliases, and return its name."""
        numbers = [n for k, n in self._versioned_indices().values() if k == kind]
        name = versioned_index(self.prefix, kind, max(numbers, default=0) + 1)
        with _unavailable_on_server_errors("creating an index version"):
            self._create_index(name, kind, with_aliases=False)
        return name

    def drop_abandoned_versions(self, kind: Kind = "postings") -> list[str]:
        """Delete `kind`'s versions newer than the one its read alias points at: what a rebuild
        that failed half-way (an outage, a refused swap) left behind. Never the aliased index,
        never an older one (kept for a roll-back). Returns the names deleted."""
        alias = read_alias(self.prefix, kind)
        with _unavailable_on_server_errors("listing aliases"):
            if not self.client.indices.exists_alias(name=alias):
                return []
            live = list(self.client.indices.get_alias(name=alias).body)
        numbers = [
            parsed[1]
            for parsed in (parse_versioned_index(self.prefix, name) for name in live)
            if parsed is not None and parsed[0] == kind
        ]
        if not numbers:
            return []
        newest_live = max(numbers)
        abandoned = sorted(
            name
            for name, (k, number) in self._versioned_indices().items()
            if k == kind and number > newest_live
        )
        if abandoned:
            with _unavailable_on_server_errors("deleting abandoned index versions"):
                self.client.indices.delete(index=",".join(abandoned), ignore_unavailable=True)
        return abandoned

    def swap_aliases(self, new_index: str, *, min_count: int) -> None:
        """Point the read and write aliases of `new_index`'s kind at it, in one atomic call.

        Raises `ValueError` when `new_index` is not one of this prefix's versions or holds
        fewer than `min_count` documents (a rebuild that lost rows must not go live). The old
        index is kept (drop it once the swap is verified)."""
        parsed = parse_versioned_index(self.prefix, new_index)
        if parsed is None:
            raise ValueError(f"{new_index!r} is not a versioned index of prefix {self.prefix!r}")
        kind = parsed[0]
        with _unavailable_on_server_errors("swapping aliases"):
            self.client.indices.refresh(index=new_index)
            count = int(self.client.count(index=new_index)["count"])
            if count < min_count:
                raise ValueError(
                    f"refusing to swap to {new_index}: {count} documents < min_count {min_count}"
                )
            actions: list[dict[str, Any]] = []
            for alias in (read_alias(self.prefix, kind), write_alias(self.prefix, kind)):
                # `remove` with a wildcard index detaches the alias from whatever holds it;
                # `must_exist: false` keeps the call valid when the alias is new.
                actions.append(
                    {
                        "remove": {
                            "index": f"{self.prefix}-{kind}-v*",
                            "alias": alias,
                            "must_exist": False,
                        }
                    }
                )
                actions.append({"add": {"index": new_index, "alias": alias}})
            self.client.indices.update_aliases(actions=actions)
        self._vocabulary.clear()

    def refresh(self) -> None:
        """Make every write so far visible to searches (tests; the cluster refreshes each 1 s)."""
        with _unavailable_on_server_errors("refreshing"):
            for kind in KINDS:
                self.client.indices.refresh(index=write_alias(self.prefix, kind))

    def drop(self) -> None:
        """Delete this prefix's indices (their aliases go with them); nothing is recreated.
        Other prefixes are never touched, even one that starts with this prefix."""
        names = sorted(self._versioned_indices())
        if names:
            with _unavailable_on_server_errors("deleting indices"):
                # Explicit names: `action.destructive_requires_name` refuses wildcard deletes.
                self.client.indices.delete(index=",".join(names), ignore_unavailable=True)
        self._ensured = False
        self._vocabulary.clear()

    def reset(self) -> None:
        """Delete this prefix's indices and create `v1` of each again, empty."""
        self.drop()
        self.ensure_indices()

    # --- Writes -------------------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict[str, Any]], *, action: str, timeout: float) -> int:
        """Run a bulk request; returns how many items succeeded. A version conflict (409: the
        index already holds a newer or equal version) is a skip, not an error."""
        with _unavailable_on_server_errors(action):
            ok, errors = helpers.bulk(
                self.client.options(request_timeout=timeout),
                actions,
                raise_on_error=False,
                refresh=self.refresh_writes,
            )
        failures = []
        for item in errors if isinstance(errors, list) else []:
            result = next(iter(item.values()))
            if result.get("status") not in (409, 404):
                failures.append(result)
        if failures:
            statuses = {int(failure.get("status", 0)) for failure in failures}
            message = f"{action}: {len(failures)} items failed, first: {failures[0]}"
            if any(status >= 500 or status == 429 for status in statuses):
                raise SearchUnavailableError(message)
            raise RuntimeError(message)
        return ok

    def _index_actions(
        self, index: str, documents: Iterable[PostingDocument]
    ) -> Iterator[dict[str, Any]]:
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": str(document.id),
                "version": document.version,
                "version_type": "external",
                "_source": posting_source(document),
            }

    def index_postings(self, documents: Iterable[PostingDocument]) -> int:
        """Insert or replace through the write alias with external versioning: a document not
        newer than the indexed one is skipped. Returns how many were written."""
        self._ensure_once()
        written = self._bulk(
            self._index_actions(write_alias(self.prefix, "postings"), documents),
            action="indexing postings",
            timeout=self.timeout,
        )
        self._vocabulary.clear()
        return written

    def index_postings_into(self, index_name: str, documents: Iterable[PostingDocument]) -> int:
        """As `index_postings`, into a concrete index (a rebuild's new version)."""
        return self._bulk(
            self._index_actions(index_name, documents),
            action=f"indexing postings into {index_name}",
            timeout=max(self.timeout, REBUILD_TIMEOUT_S),
        )

    def _delete(self, kind: Kind, ids: Iterable[int]) -> int:
        self._ensure_once()
        index = write_alias(self.prefix, kind)
        actions = ({"_op_type": "delete", "_index": index, "_id": str(i)} for i in ids)
        # 404s (already gone) are not failures, but neither are they removals.
        return self._bulk(actions, action=f"removing {kind}", timeout=self.timeout)

    def remove_postings(self, ids: Iterable[int]) -> int:
        """Remove postings; missing ids are fine. Returns how many were removed."""
        removed = self._delete("postings", ids)
        self._vocabulary.clear()
        return removed

    def index_profiles(self, documents: Iterable[ProfileDocument]) -> int:
        """As `index_postings`, for seeker profiles."""
        self._ensure_once()
        index = write_alias(self.prefix, "profiles")
        actions = (
            {
                "_op_type": "index",
                "_index": index,
                "_id": str(document.id),
                "version": document.version,
                "version_type": "external",
                "_source": profile_source(document),
            }
            for document in documents
        )
        return self._bulk(actions, action="indexing profiles", timeout=self.timeout)

    def search_profiles(self, query: ProfileQuery) -> list[ProfileHit]:
        """Profiles open to employers within the filters of `query`, BM25 on their terms."""
        body = {**profile_search(query).to_dict(), "_source": False}  # the ids and scores only
        self._ensure_once()
        with _unavailable_on_server_errors("searching profiles"):
            response = self.client.search(index=read_alias(self.prefix, "profiles"), body=body)
        return [
            ProfileHit(id=int(raw["_id"]), score=float(raw.get("_score") or 0.0))
            for raw in response["hits"]["hits"]
        ]

    def remove_profiles(self, ids: Iterable[int]) -> int:
        """Remove seeker profiles; missing ids are fine."""
        return self._delete("profiles", ids)

    # --- Reads --------------------------------------------------------------------------------

    def search_postings(self, query: PostingQuery) -> PostingResults:
        """The asked page of hits, with facets over every match and `distance_km` (great-circle,
        computed as the embedded backend does) on each hit when `near` is given."""
        body = posting_search(query, read_alias(self.prefix, "postings")).to_dict()
        self._ensure_once()  # a fresh cluster answers empty results, not errors
        with _unavailable_on_server_errors("searching postings"):
            response = self.client.search(index=read_alias(self.prefix, "postings"), body=body)
        return _posting_results(query, response.body)

    def search_postings_many(self, queries: Sequence[PostingQuery]) -> list[PostingResults]:
        """`search_postings` of each query, in order, `MSEARCH_QUERIES` to a `_msearch`
        request: the same request bodies, so the same hits, order and scores. A batch is a
        job's work (the nightly refresh's), not a request a user waits for: its timeout is
        `BATCH_TIMEOUT_S` (at least the client's)."""
        index = read_alias(self.prefix, "postings")
        self._ensure_once()
        client = self.client.options(request_timeout=max(self.timeout, BATCH_TIMEOUT_S))
        found: list[PostingResults] = []
        for start in range(0, len(queries), MSEARCH_QUERIES):
            batch = queries[start : start + MSEARCH_QUERIES]
            searches: list[dict[str, Any]] = []
            for query in batch:
                searches += [{"index": index}, posting_search(query, index).to_dict()]
            with _unavailable_on_server_errors("searching postings (batch)"):
                response = client.msearch(searches=searches)
            for query, item in zip(batch, response.body["responses"], strict=True):
                if "error" in item:
                    _raise_item_error(item, "searching postings (batch)")
                found.append(_posting_results(query, item))
        return found

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Distinct suggestions whose case-folded form starts with the case-folded `prefix`, the
        ones in most postings first, then alphabetical (as the embedded backend orders them).
        A blank prefix suggests nothing."""
        if not prefix.strip() or limit < 1:
            return []
        self._ensure_once()
        with _unavailable_on_server_errors("suggesting"):
            response = self.client.search(
                index=read_alias(self.prefix, "postings"),
                **suggest_request(prefix, limit),
            )
        buckets = response["aggregations"]["typeahead"]["buckets"]
        ranked = sorted(
            (-int(bucket["doc_count"]), suggestion_of(str(bucket["key"]))) for bucket in buckets
        )
        return [suggestion for _, suggestion in ranked[:limit]]

    def vocabulary(self) -> Vocabulary:
        """The terms of the indexed titles with how many postings have each (cached)."""
        return self._vocabulary.get(self._load_vocabulary)

    def _load_vocabulary(self) -> dict[str, int]:
        self._ensure_once()
        with _unavailable_on_server_errors("reading the vocabulary"):
            response = self.client.search(
                index=read_alias(self.prefix, "postings"), **vocabulary_request()
            )
        buckets = response["aggregations"]["vocabulary"]["buckets"]
        return {str(bucket["key"]): int(bucket["doc_count"]) for bucket in buckets}

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        """Those of `terms` that some indexed posting has, in its title or body."""
        wanted = sorted(set(terms))
        if not wanted:
            return set()
        self._ensure_once()
        with _unavailable_on_server_errors("looking up terms"):
            response = self.client.search(
                index=read_alias(self.prefix, "postings"), **known_terms_request(wanted)
            )
        buckets = response["aggregations"]["known"]["buckets"]
        return {term for index, term in enumerate(wanted) if buckets[str(index)]["doc_count"] > 0}

    def count_postings(self) -> int:
        """How many postings the read alias holds."""
        self._ensure_once()  # a fresh cluster answers empty results, not errors
        with _unavailable_on_server_errors("counting postings"):
            return int(self.client.count(index=read_alias(self.prefix, "postings"))["count"])

    def posting_versions(self, ids: Iterable[int]) -> dict[int, int]:
        """id → indexed (external) version, through the write alias; missing ids are absent."""
        wanted = [str(i) for i in ids]
        if not wanted:
            return {}
        with _unavailable_on_server_errors("reading posting versions"):
            response = self.client.mget(
                index=write_alias(self.prefix, "postings"), ids=wanted, source=False
            )
        return {int(doc["_id"]): int(doc["_version"]) for doc in response["docs"] if doc["found"]}

    def health(self) -> dict[str, object]:
        """Cluster status and posting count (`/_cluster/health`: the test distribution has no
        `GET /`, so `info()`/`ping()` would fail there)."""
        self._ensure_once()  # a fresh cluster answers empty results, not errors
        with _unavailable_on_server_errors("checking health"):
            status = self.client.cluster.health()["status"]
        return {"backend": self.name, "cluster_status": status, "postings": self.count_postings()}


def _posting_results(query: PostingQuery, response: Mapping[str, Any]) -> PostingResults:
    """A search response (or one of a `_msearch`'s) as `PostingResults`."""
    hits = []
    for raw in response["hits"]["hits"]:
        document = posting_from_source(raw["_source"])
        distance = None
        if query.near is not None:
            distance = haversine_km(query.near, document.location)
        hits.append(
            PostingHit(
                id=document.id,
                score=float(raw.get("_score") or 0.0),
                document=document,
                distance_km=distance,
            )
        )
    facets = {
        name: [
            FacetValue(value=str(bucket["key"]), count=int(bucket["doc_count"]))
            for bucket in aggregation["buckets"]
        ]
        for name, aggregation in response.get("aggregations", {}).items()
    }
    total = int(response["hits"]["total"]["value"])
    return PostingResults(total=total, hits=hits, facets=facets)


def _raise_item_error(item: Mapping[str, Any], action: str) -> None:
    """A `_msearch` answer's failed search, judged as `_unavailable_on_server_errors` judges
    a single search's: the server cannot answer (5xx, 429, 401/403, a missing index) is
    `SearchUnavailableError`; anything else is a bug in the request (`ValueError`)."""
    status = int(item.get("status") or 500)
    error = item.get("error") or {}
    kind = error.get("type", "") if isinstance(error, dict) else str(error)
    reason = error.get("reason", "") if isinstance(error, dict) else str(error)
    if status >= 500 or status in (401, 403, 429):
        raise SearchUnavailableError(f"Elasticsearch answered {status} while {action}: {reason}")
    if status == 404 and kind == "index_not_found_exception":
        raise SearchUnavailableError(
            f"search index missing while {action}: run the search rebuild ({reason})"
        )
    raise ValueError(f"Elasticsearch refused a search while {action}: {status} {kind}: {reason}")
