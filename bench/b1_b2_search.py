#!/usr/bin/env python
"""B1/B2 — search ingest, rebuild and retrieval, each against a baseline measured in the same run.

Run with `make bench`, or by hand with the servers' env sourced::

    . var/servers/env && .venv/bin/python bench/b1_b2_search.py [--ingest 100000] [--search 200000]

Method:

0. Corpus (`bench/corpus.py`): synthetic postings from the demo templates, each with ~1,500
   characters of Korean text (duties plus sentences about conditions, benefits, location in a
   Siheung dong, schedule, requirements), deterministic by `--seed`. Tokenized once with
   `search.analysis.analyze_many` and cached with the terms in
   /var/tmp/sjl-cache/bench-corpus-<n>-<seed>.jsonl.gz; later runs read the cache.
1. B1 ingest (`--ingest` N postings, freshly generated texts, never the cached terms). Kiwi is
   loaded before any timing. Both sides run on the same texts, in the same batches, in this
   one process, interleaved: each batch is tokenized alone and run through the pipeline back
   to back, the order alternating from batch to batch and from repeat to repeat
   (`--repeats` passes over the N postings), so that load changes and process state hit both
   alike.
   - Baseline: `analyze_many` over the batch's texts (title and body of each posting, as
     `search.indexing.posting_terms` splits them).
   - Pipeline: `analyze_many` → `Posting` rows with their terms and one `OutboxEvent` per
     row, bulk-created in one transaction (as a service writes them; the events are created
     directly instead of through `record_change`, which would also enqueue a `sync_search`
     job) → `sync_all_pending()` (claims the events, re-reads the rows, builds the
     `PostingDocument`s and bulk-indexes them into Elasticsearch with refresh off); after the
     last batch of a repeat one index refresh, counted in the pipeline.
   ratio per repeat = tokenize-only seconds ÷ pipeline seconds over all batches (1.0 = the
   database, the outbox and Elasticsearch cost nothing on top of Kiwi); the median, min and
   max over the repeats, and each repeat's per-batch spread. The pipeline's own tokenize step
   ÷ the baseline checks that both sides were timed alike (≈ 1). `--no-outbox` replaces the
   database and outbox step by `index_postings` of documents built in memory (the JSON says
   which was measured).
2. B1b rebuild from stored terms (`--search` N postings from the cache): in chunks of 5,000,
   read and decoded outside the timing, so both sides time only the indexing.
   - Baseline: a bare `elasticsearch.helpers.bulk` of the same `_source` bodies
     (`posting_source`, built outside the timing) into a fresh index with the same mapping.
   - Rebuild: `create_index_version` + `index_postings_into` of the `PostingDocument`s.
   Each ends with a refresh, inside the timing. After an untimed warm-up bulk of 2,000
   postings into a throwaway index, the two sides run interleaved, chunk by chunk, alternating
   which goes first, so that load changes and background merges hit both alike.
   ratio = rebuild docs/s ÷ bare docs/s. The rebuilt index then goes live (`swap_aliases`)
   and serves B2; the bare one is deleted.
3. B2 retrieval: Q (`--queries`) seeker-shaped queries, drawn from the first `--embedded`
   postings: 2–4 terms (one from a target posting's title, the rest from the 3,000 most
   common body terms of the corpus, weighted by document frequency), 3 filters taken from the
   target posting (career_field, employment_type, one of its shifts), sort=relevance, default
   page size and facets, and `near` a random point within ~1.5 km of a Siheung dong centroid
   (so the gauss location decay applies). Each query runs with `near` and without it (the
   plain variant: the same query with `near=None`), alternating which goes first; after a
   warm-up of `--warmup` queries, latency = wall time of `backend.search_postings(query)`
   (request, response and the hits' decoding). p50/p95/p99 over the Q samples; ratio = near
   ÷ plain. The same queries run on Elasticsearch with `--search` postings and on the
   embedded backend (SQLite FTS5 in a temporary file) with `--embedded` postings (its
   index_postings rate, 1,000 per call, is reported too). The embedded backend has no decays:
   for it `near` only switches to its other path (one FTS pass, distances and facets in
   Python, instead of count, facets and page as separate SQL queries).

Isolation: Elasticsearch indices under the prefix `bench-<pid>` only (dropped at the end,
never another prefix); a fresh database `sjl_bench_search` on the PostgreSQL server of
DATABASE_URL (migrated, dropped at the end unless --keep-db); the embedded index in a
temporary directory. Everything runs in this one process with `DEBUG=false` and
`ELASTICSEARCH_TIMEOUT=30` (the 2 s default is for online requests; a bulk of 500 postings on
a busy 2-core machine can exceed it). Results: a table on stdout and
bench/results/b1_b2_search.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import corpus  # noqa: E402  (after the path fix, for `python bench/…`)

PYTHON = sys.executable
BENCH_DB = "sjl_bench_search"
RESULTS = REPO / "bench" / "results" / "b1_b2_search.json"
REBUILD_CHUNK = 5000
EMBEDDED_CHUNK = 1000
EMPLOYERS = 200
VOCABULARY = 3000
BENCH_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    "FIELD_ENCRYPTION_KEY": "YmVuY2gtb25seS1maWVsZC1rZXktbm90LXNlY3JldCE=",  # Fernet
    "EMAIL_URL": "memorymail://",
    "ALLOWED_HOSTS": "localhost",
    "LOG_LEVEL": "warning",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "PYTHONPATH": str(REPO),
    "VAR_DIR": str(REPO / "var" / "bench" / "var"),
    "WORKER_ENGINE": "inline",
    "SEARCH_BACKEND": "elasticsearch",
    "SEARCH_REFRESH_ON_WRITE": "false",
    "ELASTICSEARCH_TIMEOUT": "30",
}


def log(message: str) -> None:
    print(f"b1/b2: {message}", flush=True)


def with_path(url: str, path: str) -> str:
    """`url` with its path (database name) replaced by `path`."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{path}"))


def percentile(values: Sequence[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summary(latencies_ms: Sequence[float]) -> dict[str, float | int]:
    return {
        "samples": len(latencies_ms),
        "p50_ms": percentile(latencies_ms, 50),
        "p95_ms": percentile(latencies_ms, 95),
        "p99_ms": percentile(latencies_ms, 99),
        "mean_ms": statistics.fmean(latencies_ms),
        "max_ms": max(latencies_ms),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def batches(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def admin_execute(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


# --------------------------------------------------------------------------- B1: ingest


def tokenize_batch(part: Sequence[dict[str, Any]]) -> float:
    """The baseline: `analyze_many` over one batch's texts. Seconds."""
    from search.analysis import analyze_many

    texts = corpus.texts_of(part)
    mark = time.perf_counter()
    analyze_many(texts)
    return time.perf_counter() - mark


def make_employers(rng: random.Random) -> list[Any]:
    from backend.employers.models import Employer
    from backend.taxonomy.models import Area

    areas = list(Area.objects.order_by("code"))
    numbers = rng.sample(range(1_000_000_000, 9_999_999_999), EMPLOYERS)
    rows = [
        Employer(
            name=f"벤치 기업 {index} (가상)",
            business_number=str(number),
            area=rng.choice(areas),
            verified_at=dt.datetime.now(UTC),
        )
        for index, number in enumerate(numbers)
    ]
    return Employer.objects.bulk_create(rows)


def pipeline_batch(
    part: Sequence[dict[str, Any]], employers: list[Any], now: dt.datetime, outbox: bool
) -> dict[str, float]:
    """The pipeline on one batch: tokenize → `Posting` + `OutboxEvent` rows in one transaction
    → `sync_all_pending` (or, without the outbox, `index_postings` of documents built in
    memory). Seconds of each step; `indexed` the documents sent to the index."""
    from django.db import transaction

    from backend.jobs.models import Posting
    from search.analysis import analyze_many
    from search.backends import get_backend
    from search.indexing import sync_all_pending
    from search.models import Entity, OutboxEvent

    texts = corpus.texts_of(part)
    mark = time.perf_counter()
    terms = analyze_many(texts)
    after_tokenize = time.perf_counter()
    if not outbox:
        copies = [dict(posting) for posting in part]
        corpus.with_terms(copies, terms)
        indexed = get_backend().index_postings([corpus.document(p, now) for p in copies])
        done = time.perf_counter()
        return {
            "tokenize_s": after_tokenize - mark,
            "index_s": done - after_tokenize,
            "total_s": done - mark,
            "indexed": indexed,
        }
    rows = []
    for index, posting in enumerate(part):
        employer = employers[posting["id"] % len(employers)]
        rows.append(
            Posting(
                employer=employer,
                title=posting["title"],
                description=posting["description"],
                career_field_id=posting["career_field"],
                occupation=posting["occupation"],
                skills_required=posting["skills"],
                certificates_required=posting["certificates"],
                min_experience_years=posting["min_experience_years"],
                employment_type=posting["employment_type"],
                days_per_week=posting["days_per_week"],
                shifts=posting["shifts"],
                hourly_wage=posting["hourly_wage"],
                area_id=posting["area_code"],
                lat=posting["lat"],
                lon=posting["lon"],
                deadline=now.date() + dt.timedelta(days=posting["deadline_days"]),
                cohorts_welcome=posting["cohorts_welcome"],
                status="open",
                published_at=now - dt.timedelta(days=posting["published_days_ago"]),
                title_terms=list(terms[2 * index]),
                body_terms=list(terms[2 * index + 1]),
            )
        )
    with transaction.atomic():
        created = Posting.objects.bulk_create(rows)
        OutboxEvent.objects.bulk_create(
            [OutboxEvent(entity=Entity.POSTING, entity_id=p.pk, version=p.version) for p in created]
        )
    after_rows = time.perf_counter()
    indexed = sync_all_pending()["indexed"]
    done = time.perf_counter()
    return {
        "tokenize_s": after_tokenize - mark,
        "rows_s": after_rows - after_tokenize,
        "sync_s": done - after_rows,
        "total_s": done - mark,
        "indexed": indexed,
    }


def b1_ingest(
    postings: Sequence[dict[str, Any]], batch: int, seed: int, repeats: int, outbox: bool
) -> dict[str, Any]:
    """B1, both sides timed alike: every batch is tokenized alone and run through the
    pipeline back to back, in an order that alternates from batch to batch (and from repeat
    to repeat), in this one process, so that load changes and the process's state (Kiwi's
    warm caches, the allocator, the database and index connections) hit both alike."""
    from search.backends import get_backend

    employers = make_employers(random.Random(seed)) if outbox else []
    backend = get_backend()
    backend.reset()  # this run's prefix only: creates v1 and its aliases, outside the timing
    now = dt.datetime.now(UTC)
    # Untimed warm-up of both sides on other postings: the first bulk into a fresh index, the
    # first queries of each kind and Kiwi's first calls are not part of either figure.
    warm = corpus.generate(seed, len(postings), len(postings) + min(batch, 100))
    for part in batches(warm, batch):
        tokenize_batch(part)
        pipeline_batch(part, employers, now, outbox)
    parts = batches(postings, batch)
    chars = sum(len(text) for part in parts for text in corpus.texts_of(part))
    runs: list[dict[str, Any]] = []
    for repeat in range(repeats):
        load_before = os.getloadavg()[0]
        tokenize_s: list[float] = []
        pipeline: list[dict[str, float]] = []
        for index, part in enumerate(parts):
            if (index + repeat) % 2 == 0:
                tokenize_s.append(tokenize_batch(part))
                pipeline.append(pipeline_batch(part, employers, now, outbox))
            else:
                pipeline.append(pipeline_batch(part, employers, now, outbox))
                tokenize_s.append(tokenize_batch(part))
        mark = time.perf_counter()
        backend.refresh()  # type: ignore[attr-defined]  # the ES backend's
        refresh_s = time.perf_counter() - mark
        base_s = sum(tokenize_s)
        pipe_s = sum(p["total_s"] for p in pipeline) + refresh_s
        steps = {
            name: sum(p.get(name, 0.0) for p in pipeline)
            for name in ("tokenize_s", "rows_s", "sync_s", "index_s")
            if any(name in p for p in pipeline)
        }
        per_batch = [t / p["total_s"] for t, p in zip(tokenize_s, pipeline, strict=True)]
        runs.append(
            {
                "repeat": repeat + 1,
                "loadavg_1m_before": load_before,
                "tokenize_only_s": base_s,
                "tokenize_only_docs_per_s": len(postings) / base_s,
                "pipeline_s": pipe_s,
                "pipeline_docs_per_s": len(postings) / pipe_s,
                "pipeline_steps_s": {**steps, "refresh_s": refresh_s},
                "indexed": sum(int(p["indexed"]) for p in pipeline),
                "ratio": base_s / pipe_s,
                # The pipeline's own Kiwi step against the baseline on the same texts: ≈ 1 when
                # both sides are timed alike (the old, sequential B1 had 933 s against 1,071 s).
                "pipeline_tokenize_over_baseline": steps["tokenize_s"] / base_s,
                "per_batch_ratio": {
                    "median": statistics.median(per_batch),
                    "min": min(per_batch),
                    "max": max(per_batch),
                },
            }
        )
        log(
            f"B1:   repeat {repeat + 1}: ratio {runs[-1]['ratio']:.3f} "
            f"(tokenize {base_s:.1f} s, pipeline {pipe_s:.1f} s, load {load_before:.1f})"
        )
    ratios = [run["ratio"] for run in runs]
    return {
        "mode": (
            "tokenize + Posting/OutboxEvent rows + sync_all_pending (outbox)"
            if outbox
            else "tokenize + PostingDocument + index_postings (no database, no outbox)"
        ),
        "chars": chars,
        "count_after": backend.count_postings(),
        "repeats": runs,
        "ratio": {"median": statistics.median(ratios), "min": min(ratios), "max": max(ratios)},
        "pipeline_tokenize_over_baseline": statistics.median(
            run["pipeline_tokenize_over_baseline"] for run in runs
        ),
    }


# --------------------------------------------------------------------------- B1b: rebuild


def rebuild(backend: Any, path: Path, n: int, now: dt.datetime) -> dict[str, Any]:
    from elasticsearch import helpers

    from search.backends.es_mappings import posting_source

    client = backend.client.options(request_timeout=60)
    # Warm-up (untimed): the first bulk into a fresh JVM pays JIT and allocation costs that
    # would otherwise land on whichever side runs first.
    warm_index = backend.create_index_version()
    for chunk in corpus.read_chunks(path, min(n, 2000), REBUILD_CHUNK):
        backend.index_postings_into(warm_index, [corpus.document(p, now) for p in chunk])
    client.indices.delete(index=warm_index)
    bare_index = backend.create_index_version()
    new_index = backend.create_index_version()
    bare_s = rebuild_s = 0.0
    bare_ok = rebuilt = 0
    # Interleaved chunk by chunk, alternating which side goes first, so that a change of
    # load (or Elasticsearch's background merges of either index) hits both sides alike.
    for number, chunk in enumerate(corpus.read_chunks(path, n, REBUILD_CHUNK)):
        documents = [corpus.document(posting, now) for posting in chunk]
        actions = [
            {
                "_op_type": "index",
                "_index": bare_index,
                "_id": str(document.id),
                "version": document.version,
                "version_type": "external",
                "_source": posting_source(document),
            }
            for document in documents
        ]
        for side in ("bare", "rebuild") if number % 2 == 0 else ("rebuild", "bare"):
            mark = time.perf_counter()
            if side == "bare":
                ok, _ = helpers.bulk(client, actions, raise_on_error=True, refresh=False)
                bare_s += time.perf_counter() - mark
                bare_ok += ok
            else:
                rebuilt += backend.index_postings_into(new_index, documents)
                rebuild_s += time.perf_counter() - mark
    for index in (bare_index, new_index):
        mark = time.perf_counter()
        client.indices.refresh(index=index)
        if index == bare_index:
            bare_s += time.perf_counter() - mark
        else:
            rebuild_s += time.perf_counter() - mark
    client.indices.delete(index=bare_index)
    backend.swap_aliases(new_index, min_count=n)
    return {
        "N": n,
        "bare_bulk": {"seconds": bare_s, "docs_per_s": bare_ok / bare_s, "indexed": bare_ok},
        "rebuild": {
            "seconds": rebuild_s,
            "docs_per_s": rebuilt / rebuild_s,
            "indexed": rebuilt,
            "index": new_index,
        },
        "ratio_rebuild_vs_bare": ratio(rebuilt / rebuild_s, bare_ok / bare_s),
    }


# --------------------------------------------------------------------------- B2: retrieval


def make_queries(postings: Sequence[dict[str, Any]], count: int, seed: int) -> list[Any]:
    from search.documents import GeoPoint
    from search.query import PostingQuery

    rng = random.Random(seed + 2)
    frequency: Counter[str] = Counter()
    for posting in postings:
        frequency.update(set(posting["body_terms"]))
    common = [
        (term, df)
        for term, df in frequency.most_common(VOCABULARY + 200)
        if not term.isdigit() and len(term) > 1
    ][:VOCABULARY]
    vocabulary = [term for term, _ in common]
    weights = [df for _, df in common]
    dongs = corpus.siheung_dongs()
    queries = []
    for _ in range(count):
        target = rng.choice(postings)
        terms = [rng.choice(target["title_terms"])] if target["title_terms"] else []
        wanted = rng.randint(2, 4)
        while len(terms) < wanted:
            term = rng.choices(vocabulary, weights)[0]
            if term not in terms:
                terms.append(term)
        dong = rng.choice(dongs)
        near = GeoPoint(
            dong.lat + rng.uniform(-0.012, 0.012), dong.lon + rng.uniform(-0.015, 0.015)
        )
        shifts = tuple(rng.sample(target["shifts"], 1)) if target["shifts"] else ()
        queries.append(
            PostingQuery(
                terms=tuple(terms),
                text=" ".join(terms),
                career_fields=(target["career_field"],),
                employment_types=(target["employment_type"],),
                shifts=shifts,
                near=near,
                sort="relevance",
            )
        )
    return queries


def retrieval(backend: Any, queries: Sequence[Any], warmup: int) -> dict[str, Any]:
    import dataclasses

    plain = [dataclasses.replace(query, near=None) for query in queries]
    for index in range(min(warmup, len(queries))):
        backend.search_postings(queries[-1 - index])
        backend.search_postings(plain[-1 - index])
    near_ms: list[float] = []
    plain_ms: list[float] = []
    totals: list[int] = []

    def timed(query: Any, into: list[float]) -> int:
        mark = time.perf_counter()
        result = backend.search_postings(query)
        into.append((time.perf_counter() - mark) * 1000)
        return int(result.total)

    for index, (with_near, without) in enumerate(zip(queries, plain, strict=True)):
        if index % 2:
            totals.append(timed(with_near, near_ms))
            timed(without, plain_ms)
        else:
            timed(without, plain_ms)
            totals.append(timed(with_near, near_ms))
    near, base = summary(near_ms), summary(plain_ms)
    return {
        "near": near,
        "plain": base,
        "ratio_p50": ratio(near["p50_ms"], base["p50_ms"]),
        "ratio_p95": ratio(near["p95_ms"], base["p95_ms"]),
        "hits_total": {
            "mean": statistics.fmean(totals),
            "median": statistics.median(totals),
            "zero": sum(1 for total in totals if total == 0),
        },
    }


def embedded_run(
    postings: Sequence[dict[str, Any]], queries: Sequence[Any], warmup: int, now: dt.datetime
) -> dict[str, Any]:
    from search.backends.embedded import EmbeddedBackend

    with tempfile.TemporaryDirectory(prefix="sjl-bench-embedded-") as folder:
        backend = EmbeddedBackend(path=str(Path(folder) / "search.sqlite3"), prefix="bench")
        documents = [corpus.document(posting, now) for posting in postings]
        started = time.perf_counter()
        for part in batches(documents, EMBEDDED_CHUNK):
            backend.index_postings(part)
        index_s = time.perf_counter() - started
        result = retrieval(backend, queries, warmup)
        backend.close()
    return {
        "N": len(postings),
        "index": {"seconds": index_s, "docs_per_s": len(postings) / index_s},
        **result,
    }


# --------------------------------------------------------------------------- report


def machine_info(es_client: Any) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    nodes = es_client.nodes.info(node_id="_local", metric="process")["nodes"]
    return {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg_at_start": os.getloadavg(),
        "kiwipiepy": metadata.version("kiwipiepy"),
        "elasticsearch-py": metadata.version("elasticsearch"),
        "elasticsearch_server": [node.get("version") for node in nodes.values()],
        "django": metadata.version("django"),
        "psycopg": metadata.version("psycopg"),
        "postgresql_server": pg_version,
        "sqlite": sqlite3.sqlite_version,
    }


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def print_table(report: dict[str, Any]) -> None:
    print()
    b1 = report.get("b1_ingest")
    if b1:
        print(
            f"B1 ingest — N={b1['N']:,}, batches of {b1['batch']:,} ({b1['mode']}), "
            f"both sides interleaved by batch"
        )
        print(
            f"  {'repeat':<8}{'tokenize docs/s':>17}{'pipeline docs/s':>17}{'ratio':>8}{'load':>6}"
        )
        for run in b1["repeats"]:
            print(
                f"  {run['repeat']:<8}{fmt(run['tokenize_only_docs_per_s']):>17}"
                f"{fmt(run['pipeline_docs_per_s']):>17}{fmt(run['ratio'], 3):>8}"
                f"{fmt(run['loadavg_1m_before']):>6}"
            )
        r = b1["ratio"]
        print(
            f"  ratio end-to-end ÷ tokenize-only: median {fmt(r['median'], 3)} "
            f"[{fmt(r['min'], 3)}–{fmt(r['max'], 3)}]  (aim ≥ 0.85); the pipeline's own "
            f"tokenize ÷ the baseline's: {fmt(b1['pipeline_tokenize_over_baseline'], 3)}"
        )
    b1b = report.get("b1b_rebuild")
    if b1b:
        print(f"B1b rebuild from stored terms — N={b1b['N']:,}")
        print(f"  {'bare helpers.bulk':<22}{fmt(b1b['bare_bulk']['docs_per_s']):>10}")
        print(f"  {'index_postings_into':<22}{fmt(b1b['rebuild']['docs_per_s']):>10}")
        print(f"  ratio rebuild ÷ bare: {fmt(b1b['ratio_rebuild_vs_bare'], 3)}  (aim ≥ 0.8)")
    for key, label in (("b2_elasticsearch", "Elasticsearch"), ("b2_embedded", "embedded")):
        b2 = report.get(key)
        if not b2:
            continue
        print(f"B2 retrieval, {label} — N={b2['N']:,}, {b2['near']['samples']:,} queries")
        print(f"  {'':<10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
        for name in ("near", "plain"):
            s = b2[name]
            print(
                f"  {name:<10}{fmt(s['p50_ms'], 2):>9}{fmt(s['p95_ms'], 2):>9}"
                f"{fmt(s['p99_ms'], 2):>9}{fmt(s['mean_ms'], 2):>9}"
            )
        print(
            f"  ratio near ÷ plain: p50 {fmt(b2['ratio_p50'], 2)}, p95 {fmt(b2['ratio_p95'], 2)}"
            f"  (aim p95 ratio ≤ 1.5, p95 ≤ 25 ms); hits median {b2['hits_total']['median']:g}"
        )
    print(f"total {fmt(report['total_s'])} s; results in {report['output']}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--ingest", type=int, default=100_000, help="B1 postings (0: skip)")
    parser.add_argument(
        "--search", type=int, default=200_000, help="B1b and B2 Elasticsearch postings (0: skip)"
    )
    parser.add_argument(
        "--embedded", type=int, default=20_000, help="B2 embedded postings (0: skip)"
    )
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--batch", type=int, default=1000, help="B1 postings per batch")
    parser.add_argument("--repeats", type=int, default=3, help="B1 passes over the postings")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-outbox", action="store_true", help="B1 without database/outbox")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    if not database_url.startswith("postgres") or not es_url.startswith("http"):
        print(
            "b1_b2_search: needs DATABASE_URL=postgres://… and ELASTICSEARCH_URL=http://… "
            "(. var/servers/env, or run `make bench`)",
            file=sys.stderr,
        )
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    prefix = f"bench-{os.getpid()}"
    os.environ.update(BENCH_ENV)
    os.environ.update(DATABASE_URL=with_path(database_url, BENCH_DB), SEARCH_INDEX_PREFIX=prefix)
    created = False
    backend: Any = None
    try:
        admin_execute(
            database_url,
            f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
            f'CREATE DATABASE "{BENCH_DB}"',
        )
        created = True
        log(f"database {BENCH_DB} created; migrating …")
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=dict(os.environ),
            check=True,
        )
        import django

        django.setup()
        from search.analysis import get_analyzer
        from search.backends import get_backend

        backend = get_backend()
        get_analyzer()  # Kiwi's load (1–2 s) is outside every timing
        now = dt.datetime.now(UTC)
        report: dict[str, Any] = {
            "benchmark": "B1/B2 search",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine_info(backend.client),
            "sizes": {
                "ingest": args.ingest,
                "search": args.search,
                "embedded": args.embedded,
                "queries": args.queries,
                "warmup": args.warmup,
                "batch": args.batch,
                "seed": args.seed,
            },
            "es_prefix": prefix,
            "method": (__doc__ or "").split("Method:", 1)[1].split("Isolation:", 1)[0].strip(),
        }
        corpus_size = max(args.search, args.embedded)
        if corpus_size:
            log(f"corpus of {corpus_size:,} tokenized postings (cached) …")
            path, info = corpus.ensure_corpus(corpus_size, args.seed, log)
            report["corpus"] = info
        if args.ingest:
            postings = corpus.generate(args.seed, 0, args.ingest)
            report["corpus_chars_per_posting"] = statistics.fmean(
                len(p["title"]) + len(corpus.body_text(p)) for p in postings[:1000]
            )
            log(
                f"B1: tokenize-only and end to end, interleaved by batch, {args.ingest:,} "
                f"postings × {args.repeats} repeats …"
            )
            b1 = b1_ingest(postings, args.batch, args.seed, args.repeats, not args.no_outbox)
            report["b1_ingest"] = {
                "N": args.ingest,
                "batch": args.batch,
                "outbox": not args.no_outbox,
                **b1,
            }
            del postings
        queries: list[Any] = []
        if args.search or args.embedded:
            sample = corpus.load(min(n for n in (args.search, args.embedded) if n), args.seed)
            queries = make_queries(sample, args.queries, args.seed)
            del sample
        if args.search:
            log(f"B1b: bare bulk vs rebuild, {args.search:,} postings …")
            report["b1b_rebuild"] = rebuild(backend, path, args.search, now)
            b1b = report["b1b_rebuild"]
            log(f"B1b:   ratio {b1b['ratio_rebuild_vs_bare']:.3f}")
            log(f"B2: Elasticsearch, {len(queries):,} queries …")
            report["b2_elasticsearch"] = {
                "N": args.search,
                **retrieval(backend, queries, args.warmup),
            }
        if args.embedded:
            log(f"B2: embedded, {args.embedded:,} postings …")
            postings = list(corpus.load(args.embedded, args.seed))
            report["b2_embedded"] = embedded_run(postings, queries, args.warmup, now)
        report["loadavg_at_end"] = os.getloadavg()
        report["total_s"] = time.perf_counter() - started
        report["output"] = str(args.output)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2, default=str, ensure_ascii=False) + "\n")
        print_table(report)
        return 0
    finally:
        if backend is not None:
            backend.drop()
        if created and not args.keep_db:
            if "django.db" in sys.modules:
                from django.db import connections

                connections.close_all()
            admin_execute(database_url, f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
