"""The embedded search backend: SQLite FTS5 in its own file, no server needed.

It serves `make run` on a fresh laptop and the embedded test pass, and is a real backend (the
same contract suite as Elasticsearch), sized for one city: up to ~50k postings.

- Terms arrive already analysed (Kiwi morphemes, `search.analysis`); they are space-joined into
  FTS5 columns whose `unicode61` tokenizer keeps each term whole (Hangul is a letter class to
  it; `remove_diacritics 0` keeps it from folding anything but case).
- User text never reaches FTS5 as syntax: `match_expression` quotes every term as a string
  literal and ORs them; BM25 (`bm25()`, title weighted 3:1 over body) ranks the hits.
- Filters are plain columns of a narrow table (documents' JSON lives apart). Without `near`,
  SQLite counts, facets and pages; with `near`, the radius is a bounding box in SQL refined by
  haversine in Python, and total, facets and paging are computed over that exact set.
- One connection per thread (WAL, 5 s busy timeout); every `sqlite3.Error` or file error
  becomes `SearchUnavailableError`, which the API answers with 503.
"""

# S608: table names are built from a prefix reduced to [A-Za-z0-9_] (`_table_prefix`) and
# double-quoted; every value is a bound parameter, and user text reaches MATCH only as bound,
# quoted string literals (`match_expression`).
# ruff: noqa: S608

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple

from search.backends.base import (
    FacetValue,
    PostingHit,
    PostingResults,
    ProfileHit,
    SearchUnavailableError,
)
from search.backends.embedded_profiles import search_profiles as _search_profiles
from search.backends.geo import bounding_box, haversine_km
from search.documents import GeoPoint, PostingDocument, ProfileDocument
from search.query import PostingQuery, ProfileQuery
from search.spelling import Vocabulary, VocabularyCache

# Mean Earth radius (IUGG), the one Elasticsearch's arc distance uses, so both backends agree
# on distances and on which postings fall inside a radius.
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
BUSY_TIMEOUT_S = 5.0
# Analysed terms are space-separated and contain no spaces; these extra token characters keep
# terms such as "c++", "3.5t" or "b2b-영업" whole instead of splitting them into phrases.
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '-_.+#&/·'"
_ID_CHUNK = 500  # ids per `IN (...)`, well under SQLite's bound-parameter limit
# Postings columns newer than the first files: (name, definition), added by `_upgrade`.
_ADDED_COLUMNS = (
    ("minor_suitable", "INTEGER NOT NULL DEFAULT 0"),
    ("days_per_week", "INTEGER"),
    ("certificate_codes", "TEXT NOT NULL DEFAULT '[]'"),
    ("certificate_count", "INTEGER"),
)


def match_expression(terms: Iterable[str]) -> str | None:
    """The FTS5 MATCH expression for analysed query terms: each term a quoted string literal
    (`"` doubled), distinct terms OR-ed, in order. None when no term is left (match all).

    Inside a string literal FTS5 reads no syntax (`OR`, `NOT`, `*`, `^`, `:`, parentheses), so
    a term can never change the shape of the query.
    """
    quoted: list[str] = []
    seen: set[str] = set()
    for term in terms:
        if not term.strip() or term in seen:
            continue
        seen.add(term)
        quoted.append('"' + term.replace('"', '""') + '"')
    return " OR ".join(quoted) if quoted else None


def prefix_range(prefix: str) -> tuple[str, str | None]:
    """[low, high) bounds on case-folded strings that start with `prefix` (case-folded), for an
    indexed range scan; high is None when there is no upper bound."""
    low = prefix.casefold()
    stem = low.rstrip(chr(0x10FFFF))
    if not stem:
        return low, None
    successor = ord(stem[-1]) + 1
    if 0xD800 <= successor <= 0xDFFF:  # surrogates cannot be stored; skip past them
        successor = 0xE000
    return low, stem[:-1] + chr(successor)


def _table_prefix(prefix: str) -> str:
    """A prefix safe inside SQL identifiers: anything but [A-Za-z0-9_] becomes "_" (index
    prefixes such as "sjl-test" are shared with Elasticsearch, which allows hyphens)."""
    return re.sub(r"[^A-Za-z0-9_]", "_", prefix)


def _utc_timestamp(moment: datetime.datetime) -> float:
    """Seconds since the epoch; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _document_json(document: PostingDocument | ProfileDocument) -> str:
    data = dataclasses.asdict(document)
    for key, value in data.items():
        if isinstance(value, datetime.date):  # dates and datetimes
            data[key] = value.isoformat()
    return _dumps(data)


def _posting_from_json(text: str) -> PostingDocument:
    data: dict[str, Any] = json.loads(text)
    data = {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}
    data["location"] = GeoPoint(**data["location"])
    data["deadline"] = datetime.date.fromisoformat(data["deadline"])
    data["published_at"] = datetime.datetime.fromisoformat(data["published_at"])
    return PostingDocument(**data)


class _Candidate(NamedTuple):
    """One matching posting, with just the columns needed to filter, sort and count."""

    id: int
    published_ts: float
    deadline: str
    career_field: str
    employment_type: str
    area_code: str
    bm25: float | None  # FTS5 bm25(): lower is better; None without terms
    distance_km: float | None


_CANDIDATE_COLUMNS = (
    "p.id, p.published_at, p.deadline, p.career_field, p.employment_type, p.area_code"
)
# facet name (the API's) → postings column
_FACET_COLUMNS = {
    "career_field": "career_field",
    "employment_type": "employment_type",
    "area": "area_code",
}


def _candidate(row: Sequence[Any], distance_km: float | None) -> _Candidate:
    """A `_Candidate` from a row starting with `_CANDIDATE_COLUMNS` and the bm25 value."""
    return _Candidate(
        id=row[0],
        published_ts=row[1],
        deadline=row[2],
        career_field=row[3],
        employment_type=row[4],
        area_code=row[5],
        bm25=row[6],
        distance_km=distance_km,
    )


class EmbeddedBackend:
    """`SearchBackend` on a SQLite file at `path`; tables are named `{prefix}_...`, so several
    backends (tests) can share one file. Creating it opens nothing: the file is opened (and
    its folder created) on first use in each thread."""

    name = "embedded"

    def __init__(self, path: str, prefix: str = "sjl") -> None:
        self.path = str(path)
        safe = _table_prefix(prefix)
        self._postings = f'"{safe}_postings"'
        self._documents = f'"{safe}_posting_documents"'
        self._fts = f'"{safe}_postings_fts"'
        self._suggestions = f'"{safe}_posting_suggestions"'
        self._profiles = f'"{safe}_profiles"'
        self._vocab = f'"{safe}_postings_vocab"'  # fts5vocab over the FTS table's terms
        self._index_prefix = safe
        self._local = threading.local()
        self._vocabulary = VocabularyCache()

    # -- connection and schema ---------------------------------------------------------------

    def _schema(self) -> list[str]:
        p = self._index_prefix
        return [
            # Filter columns only: kept narrow so that counting, faceting and sorting scan
            # a few pages, not every document's JSON (which lives in the next table).
            f"""CREATE TABLE IF NOT EXISTS {self._postings} (
                id INTEGER PRIMARY KEY, version INTEGER NOT NULL,
                career_field TEXT NOT NULL, employment_type TEXT NOT NULL,
                area_code TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
                hourly_wage INTEGER NOT NULL, deadline TEXT NOT NULL,
                published_at REAL NOT NULL, shifts TEXT NOT NULL, cohorts TEXT NOT NULL,
                minor_suitable INTEGER NOT NULL DEFAULT 0, days_per_week INTEGER,
                certificate_codes TEXT NOT NULL DEFAULT '[]', certificate_count INTEGER)""",
            f"""CREATE TABLE IF NOT EXISTS {self._documents} (
                id INTEGER PRIMARY KEY, document TEXT NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{p}_postings_geo" ON {self._postings} (lat, lon)',
            f"""CREATE INDEX IF NOT EXISTS "{p}_postings_newest"
                ON {self._postings} (published_at DESC, id DESC)""",
            f"""CREATE INDEX IF NOT EXISTS "{p}_postings_deadline"
                ON {self._postings} (deadline, id)""",
            f"""CREATE VIRTUAL TABLE IF NOT EXISTS {self._fts}
                USING fts5(title_terms, body_terms, tokenize="{TOKENIZER}")""",
            f"""CREATE VIRTUAL TABLE IF NOT EXISTS {self._vocab}
                USING fts5vocab('{p}_postings_fts', 'col')""",
            f"""CREATE TABLE IF NOT EXISTS {self._suggestions} (
                posting_id INTEGER NOT NULL, suggestion TEXT NOT NULL, folded TEXT NOT NULL,
                PRIMARY KEY (posting_id, suggestion)) WITHOUT ROWID""",
            f'CREATE INDEX IF NOT EXISTS "{p}_suggestions_folded" ON {self._suggestions} (folded)',
            f"""CREATE TABLE IF NOT EXISTS {self._profiles} (
                id INTEGER PRIMARY KEY, version INTEGER NOT NULL, document TEXT NOT NULL,
                cohort TEXT NOT NULL, area_code TEXT NOT NULL, lat REAL NOT NULL,
                lon REAL NOT NULL, max_commute_km REAL, min_hourly_wage INTEGER,
                open_to_employers INTEGER NOT NULL, terms TEXT NOT NULL,
                career_fields TEXT NOT NULL, employment_types TEXT NOT NULL,
                shifts TEXT NOT NULL)""",
        ]

    def _open(self) -> sqlite3.Connection:
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (see _transaction).
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # WAL: searches keep reading while the sync job writes. NORMAL sync is enough for
            # an index that can always be rebuilt from the database.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            for statement in self._schema():
                connection.execute(statement)
            self._upgrade(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _upgrade(self, connection: sqlite3.Connection) -> None:
        """Add the columns newer than an existing file (CREATE TABLE IF NOT EXISTS keeps its
        old shape). Their defaults are the safe answer until the postings are indexed again:
        `minor_suitable` 0 shows nothing to a minor; a NULL `days_per_week` or
        `certificate_count` lets a posting through matching's retrieval (scoring decides)."""
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({self._postings})")}
        for column, definition in _ADDED_COLUMNS:
            if column not in columns:
                # Another thread or process may add it first: then the column is there.
                with suppress(sqlite3.OperationalError):
                    connection.execute(
                        f"ALTER TABLE {self._postings} ADD COLUMN {column} {definition}"
                    )

    @contextmanager
    def _transaction(self, action: str, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """This thread's connection inside one transaction (IMMEDIATE for writes, so a writer
        waits for the lock up front instead of failing to upgrade a read lock midway). Any
        SQLite or file error rolls back and surfaces as `SearchUnavailableError`."""
        try:
            connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
            if connection is None:
                connection = self._open()
                self._local.connection = connection
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                # Also after a failed COMMIT (busy): never leave the thread's connection
                # inside a transaction, or its next BEGIN would fail.
                if connection.in_transaction:
                    with suppress(sqlite3.Error):
                        connection.rollback()
                raise
        except (sqlite3.Error, OSError) as error:
            raise SearchUnavailableError(
                f"embedded search file {self.path!r}: cannot {action}: {error}"
            ) from error

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            self._local.connection = None
            connection.close()

    # -- postings ------------------------------------------------------------------------------

    def index_postings(self, documents: Iterable[PostingDocument]) -> int:
        """Insert or replace postings in one transaction. A document older than the indexed
        one (lower `version`) is skipped; an equal version replaces it (idempotent replays).
        Returns how many were written."""
        batch = list(documents)
        written = 0
        with self._transaction("index postings", write=True) as connection:
            versions = self._versions(connection, self._postings, [d.id for d in batch])
            for document in batch:
                if document.version < versions.get(document.id, document.version):
                    continue
                self._write_posting(connection, document)
                versions[document.id] = document.version
                written += 1
        self._vocabulary.clear()  # after the commit: a reload now sees the new titles
        return written

    def _write_posting(self, connection: sqlite3.Connection, document: PostingDocument) -> None:
        connection.execute(
            f"""INSERT OR REPLACE INTO {self._postings} (id, version, career_field,
                employment_type, area_code, lat, lon, hourly_wage, deadline, published_at,
                shifts, cohorts, minor_suitable, days_per_week, certificate_codes,
                certificate_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                document.id,
                document.version,
                document.career_field,
                document.employment_type,
                document.area_code,
                document.location.lat,
                document.location.lon,
                document.hourly_wage,
                document.deadline.isoformat(),
                _utc_timestamp(document.published_at),
                _dumps(list(document.shifts)),
                _dumps(list(document.cohorts_welcome)),
                int(document.minor_suitable),
                document.days_per_week,
                _dumps(list(dict.fromkeys(document.certificate_codes))),
                len(set(document.certificate_codes)),
            ),
        )
        connection.execute(
            f"INSERT OR REPLACE INTO {self._documents} (id, document) VALUES (?, ?)",
            (document.id, _document_json(document)),
        )
        connection.execute(f"DELETE FROM {self._fts} WHERE rowid = ?", (document.id,))
        connection.execute(
            f"INSERT INTO {self._fts} (rowid, title_terms, body_terms) VALUES (?, ?, ?)",
            (document.id, " ".join(document.title_terms), " ".join(document.body_terms)),
        )
        connection.execute(f"DELETE FROM {self._suggestions} WHERE posting_id = ?", (document.id,))
        suggestions = dict.fromkeys(s.strip() for s in document.suggest if s.strip())
        connection.executemany(
            f"INSERT INTO {self._suggestions} (posting_id, suggestion, folded) VALUES (?, ?, ?)",
            [(document.id, text, text.casefold()) for text in suggestions],
        )

    def remove_postings(self, ids: Iterable[int]) -> int:
        """Remove postings; missing ids are fine. Returns how many were indexed."""
        removed = 0
        with self._transaction("remove postings", write=True) as connection:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                marks = _marks(chunk)
                cursor = connection.execute(
                    f"DELETE FROM {self._postings} WHERE id IN ({marks})", chunk
                )
                removed += cursor.rowcount
                connection.execute(f"DELETE FROM {self._documents} WHERE id IN ({marks})", chunk)
                connection.execute(f"DELETE FROM {self._fts} WHERE rowid IN ({marks})", chunk)
                connection.execute(
                    f"DELETE FROM {self._suggestions} WHERE posting_id IN ({marks})", chunk
                )
        self._vocabulary.clear()
        return removed

    def count_postings(self) -> int:
        """How many postings are indexed."""
        with self._transaction("count postings") as connection:
            return int(connection.execute(f"SELECT COUNT(*) FROM {self._postings}").fetchone()[0])

    def posting_versions(self, ids: Iterable[int]) -> dict[int, int]:
        """id → indexed version, for the ids that are indexed."""
        with self._transaction("read posting versions") as connection:
            return self._versions(connection, self._postings, list(ids))

    def _versions(
        self, connection: sqlite3.Connection, table: str, ids: Sequence[int]
    ) -> dict[int, int]:
        versions: dict[int, int] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            rows = connection.execute(
                f"SELECT id, version FROM {table} WHERE id IN ({_marks(chunk)})", chunk
            )
            versions.update((int(row[0]), int(row[1])) for row in rows)
        return versions

    # -- search --------------------------------------------------------------------------------

    def search_postings(self, query: PostingQuery) -> PostingResults:
        """The page of hits asked for, in the asked order, with `total` and facet counts over
        every match (after the radius). Without terms every posting matches (score 0.0).

        Without `near`, SQLite counts, groups and pages (the browse page over every posting
        stays fast); with `near`, every candidate is fetched and distances, the radius, counts,
        sorting and paging happen in Python. Both paths order and count identically."""
        with self._transaction("search postings") as connection:
            if query.near is None:
                total, facets, page = self._page_in_sql(connection, query)
            else:
                candidates = self._candidates(connection, query, query.near)
                total = len(candidates)
                facets = _facets(candidates, query.facets)
                _sort(candidates, query.sort)
                page = candidates[query.offset : query.offset + query.page_size]
            documents = self._posting_documents(connection, [c.id for c in page])
        hits = [
            PostingHit(
                id=c.id,
                score=-c.bm25 if c.bm25 is not None else 0.0,
                document=documents[c.id],
                distance_km=c.distance_km,
            )
            for c in page
            if c.id in documents
        ]
        return PostingResults(total=total, hits=hits, facets=facets)

    def search_postings_many(self, queries: Sequence[PostingQuery]) -> list[PostingResults]:
        """One search per query (a local file: no round trip to save)."""
        return [self.search_postings(query) for query in queries]

    def _matches(self, query: PostingQuery) -> tuple[str, list[object], str]:
        """`FROM ... WHERE ...` for the query's terms and filters (postings as `p`), its
        parameters, and the bm25 expression (`NULL` without terms)."""
        where, params = posting_filters(query)
        expression = match_expression(query.terms)
        if expression is None:
            source, rank = f"{self._postings} AS p", "NULL"
        elif query.retrieval:
            # The terms only rank: every posting within the filters is a candidate, those
            # sharing no term after the others (their bm25 is NULL).
            matched = (
                f"(SELECT rowid AS hit, bm25({self._fts}, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank"
                f" FROM {self._fts} WHERE {self._fts} MATCH ?) AS m"
            )
            source = f"{self._postings} AS p LEFT JOIN {matched} ON m.hit = p.id"
            rank = "m.rank"
            params = [expression, *params]
        else:
            source = f"{self._fts} JOIN {self._postings} AS p ON p.id = {self._fts}.rowid"
            rank = f"bm25({self._fts}, {TITLE_WEIGHT}, {BODY_WEIGHT})"
            where = [f"{self._fts} MATCH ?", *where]
            params = [expression, *params]
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"FROM {source}{clause}", params, rank

    def _page_in_sql(
        self, connection: sqlite3.Connection, query: PostingQuery
    ) -> tuple[int, dict[str, list[FacetValue]], list[_Candidate]]:
        """Total, facets and the page, computed by SQLite (no distances involved)."""
        matches, params, rank = self._matches(query)
        total = int(connection.execute(f"SELECT COUNT(*) {matches}", params).fetchone()[0])
        facets: dict[str, list[FacetValue]] = {}
        for name in query.facets:
            column = _FACET_COLUMNS.get(name)
            if column is not None:
                rows = connection.execute(
                    f"SELECT p.{column}, COUNT(*) {matches} GROUP BY p.{column}"
                    f" ORDER BY COUNT(*) DESC, p.{column} ASC",
                    params,
                )
                facets[name] = [FacetValue(value=str(row[0]), count=row[1]) for row in rows]
        if query.sort == "deadline":
            order = "p.deadline ASC, p.id ASC"
        elif query.sort == "relevance" and rank != "NULL":
            order = f"{rank} IS NULL, {rank} ASC, p.published_at DESC, p.id DESC"
        else:  # newest, or relevance without terms
            order = "p.published_at DESC, p.id DESC"
        rows = connection.execute(
            f"SELECT {_CANDIDATE_COLUMNS}, {rank} {matches} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, query.page_size, query.offset],
        )
        return total, facets, [_candidate(row, None) for row in rows]

    def _candidates(
        self, connection: sqlite3.Connection, query: PostingQuery, near: GeoPoint
    ) -> list[_Candidate]:
        """Every posting matching terms and filters, with its distance from `near`; the
        radius (a bounding box in SQL) is made exact here by haversine."""
        matches, params, rank = self._matches(query)
        sql = f"SELECT {_CANDIDATE_COLUMNS}, {rank}, p.lat, p.lon {matches}"
        candidates: list[_Candidate] = []
        for row in connection.execute(sql, params):
            distance = haversine_km(near, GeoPoint(row[7], row[8]))
            if query.radius_km is None or distance <= query.radius_km:
                candidates.append(_candidate(row, distance))
        return candidates

    def _posting_documents(
        self, connection: sqlite3.Connection, ids: list[int]
    ) -> dict[int, PostingDocument]:
        if not ids:
            return {}
        rows = connection.execute(
            f"SELECT id, document FROM {self._documents} WHERE id IN ({_marks(ids)})", ids
        )
        return {int(row[0]): _posting_from_json(row[1]) for row in rows}

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Distinct suggestion strings whose case-folded form starts with the case-folded
        `prefix`, the ones in most postings first, then alphabetical. A blank prefix (nothing
        typed yet) suggests nothing."""
        if not prefix.strip() or limit <= 0:
            return []
        low, high = prefix_range(prefix)
        sql = f"SELECT suggestion FROM {self._suggestions} WHERE folded >= ?"
        params: list[object] = [low]
        if high is not None:
            sql += " AND folded < ?"
            params.append(high)
        sql += " GROUP BY suggestion ORDER BY COUNT(*) DESC, suggestion ASC LIMIT ?"
        params.append(limit)
        with self._transaction("suggest") as connection:
            return [str(row[0]) for row in connection.execute(sql, params)]

    def vocabulary(self) -> Vocabulary:
        """The terms of the indexed titles with how many postings have each (cached)."""
        return self._vocabulary.get(self._load_vocabulary)

    def _load_vocabulary(self) -> dict[str, int]:
        with self._transaction("read the vocabulary") as connection:
            rows = connection.execute(
                f"SELECT term, doc FROM {self._vocab} WHERE col = 'title_terms'"
            )
            return {str(row[0]): int(row[1]) for row in rows}

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        """Those of `terms` that some indexed posting has, in its title or body."""
        wanted = sorted(set(terms))
        if not wanted:
            return set()
        with self._transaction("look up terms") as connection:
            rows = connection.execute(
                f"SELECT DISTINCT term FROM {self._vocab} WHERE term IN ({_marks(wanted)})", wanted
            )
            return {str(row[0]) for row in rows}

    # -- profiles ------------------------------------------------------------------------------

    def index_profiles(self, documents: Iterable[ProfileDocument]) -> int:
        """As `index_postings`, for seeker profiles (stored with their filter columns)."""
        batch = list(documents)
        written = 0
        with self._transaction("index profiles", write=True) as connection:
            versions = self._versions(connection, self._profiles, [d.id for d in batch])
            for document in batch:
                if document.version < versions.get(document.id, document.version):
                    continue
                connection.execute(
                    f"""INSERT OR REPLACE INTO {self._profiles} (id, version, document, cohort,
                        area_code, lat, lon, max_commute_km, min_hourly_wage, open_to_employers,
                        terms, career_fields, employment_types, shifts)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        document.id,
                        document.version,
                        _document_json(document),
                        document.cohort,
                        document.area_code,
                        document.location.lat,
                        document.location.lon,
                        document.max_commute_km,
                        document.min_hourly_wage,
                        int(document.open_to_employers),
                        " ".join(document.terms),
                        _dumps(list(document.career_fields)),
                        _dumps(list(document.employment_types)),
                        _dumps(list(document.shifts)),
                    ),
                )
                versions[document.id] = document.version
                written += 1
        return written

    def search_profiles(self, query: ProfileQuery) -> list[ProfileHit]:
        """Profiles open to employers within the filters of `query`, ranked by shared terms."""
        with self._transaction("search profiles") as connection:
            return _search_profiles(connection, self._profiles, query)

    def remove_profiles(self, ids: Iterable[int]) -> int:
        """Remove seeker profiles; missing ids are fine. Returns how many were indexed."""
        removed = 0
        with self._transaction("remove profiles", write=True) as connection:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                cursor = connection.execute(
                    f"DELETE FROM {self._profiles} WHERE id IN ({_marks(chunk)})", chunk
                )
                removed += cursor.rowcount
        return removed

    def count_profiles(self) -> int:
        """How many seeker profiles are indexed."""
        with self._transaction("count profiles") as connection:
            return int(connection.execute(f"SELECT COUNT(*) FROM {self._profiles}").fetchone()[0])

    def profile_versions(self, ids: Iterable[int]) -> dict[int, int]:
        """id → indexed profile version, for the ids that are indexed."""
        with self._transaction("read profile versions") as connection:
            return self._versions(connection, self._profiles, list(ids))

    # -- operations ----------------------------------------------------------------------------

    def health(self) -> dict[str, object]:
        """`{"backend": "embedded", "path": ..., "postings": n}`; raises when the file is
        unusable."""
        return {"backend": self.name, "path": self.path, "postings": self.count_postings()}

    def reset(self) -> None:
        """Drop and recreate this prefix's tables (other prefixes in the file are untouched)."""
        self._drop_tables(recreate=True)

    def drop(self) -> None:
        """Drop this prefix's tables; this thread's next use creates them again."""
        self._drop_tables(recreate=False)

    def _drop_tables(self, *, recreate: bool) -> None:
        with self._transaction("drop tables", write=True) as connection:
            self._vocabulary.clear()
            connection.execute(f"DROP TABLE IF EXISTS {self._vocab}")
            tables = (self._postings, self._documents, self._fts, self._suggestions, self._profiles)
            for table in tables:
                connection.execute(f"DROP TABLE IF EXISTS {table}")
            if recreate:
                for statement in self._schema():
                    connection.execute(statement)


def posting_filters(query: PostingQuery) -> tuple[list[str], list[object]]:
    """SQL conditions (on alias `p`) and their parameters for the query's filters. The radius
    becomes its bounding box here; the exact haversine check happens on the rows."""
    where: list[str] = []
    params: list[object] = []

    def within(column: str, values: Sequence[str]) -> None:
        if values:
            where.append(f"{column} IN ({_marks(values)})")
            params.extend(values)

    within("p.career_field", query.career_fields)
    within("p.employment_type", query.employment_types)
    within("p.area_code", query.areas)
    if query.shifts:
        overlap = (
            f"EXISTS (SELECT 1 FROM json_each(p.shifts) WHERE value IN ({_marks(query.shifts)}))"
        )
        # In a retrieval a posting that names no shift fits any (scoring's filter).
        where.append(f"(p.shifts = '[]' OR {overlap})" if query.retrieval else overlap)
        params.extend(query.shifts)
    if query.max_days_per_week is not None:
        where.append("(p.days_per_week IS NULL OR p.days_per_week <= ?)")
        params.append(query.max_days_per_week)
    if query.certificates_held is not None:
        held = sorted(set(query.certificates_held))
        none_required = "p.certificate_count IS NULL OR p.certificate_count = 0"
        if held:
            count = (
                "(SELECT COUNT(*) FROM json_each(p.certificate_codes)"
                f" WHERE value IN ({_marks(held)}))"
            )
            where.append(f"({none_required} OR {count} >= p.certificate_count)")
            params.extend(held)
        else:
            where.append(f"({none_required})")
    if query.open_on is not None:
        where.append("p.deadline >= ?")
        params.append(query.open_on.isoformat())
    if query.cohort is not None:
        # No cohorts listed means every cohort is welcome.
        where.append(
            "(p.cohorts = '[]' OR EXISTS (SELECT 1 FROM json_each(p.cohorts) WHERE value = ?))"
        )
        params.append(query.cohort)
    if query.min_wage is not None:
        where.append("p.hourly_wage >= ?")
        params.append(query.min_wage)
    if query.minors_only:
        where.append("p.minor_suitable = 1")
    if query.near is not None and query.radius_km is not None:
        box = bounding_box(query.near, query.radius_km)
        where.append("p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?")
        params.extend(box)
    return where, params


def _facets(candidates: list[_Candidate], names: Sequence[str]) -> dict[str, list[FacetValue]]:
    """Counts per facet over all candidates: by count descending, then value."""
    facets: dict[str, list[FacetValue]] = {}
    for name in names:
        column = _FACET_COLUMNS.get(name)
        if column is None:
            continue
        counts = Counter(str(getattr(candidate, column)) for candidate in candidates)
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        facets[name] = [FacetValue(value=value, count=count) for value, count in ordered]
    return facets


def _sort(candidates: list[_Candidate], sort: str) -> None:
    """Order candidates in place. Ties always end on the id, so paging is stable."""
    if sort == "distance":
        candidates.sort(key=lambda c: (c.distance_km or 0.0, c.id))
    elif sort == "deadline":
        candidates.sort(key=lambda c: (c.deadline, c.id))
    elif sort == "newest":
        candidates.sort(key=lambda c: (-c.published_ts, -c.id))
    else:  # relevance: best BM25 first (bm25() is lower for better), then newest
        candidates.sort(
            key=lambda c: (c.bm25 if c.bm25 is not None else 0.0, -c.published_ts, -c.id)
        )


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _ID_CHUNK):
        yield ids[start : start + _ID_CHUNK]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))
