#!/usr/bin/env python
"""B7 — recommendations (retrieve, score, rank, store) against retrieval alone, in the same run.

Run with `make bench`, or by hand with the servers' env sourced::

    . var/servers/env && .venv/bin/python bench/b7_recommend.py [--postings 200000] [--seekers 1000]

Method:

0. Postings (setup, untimed): the first `--postings` N postings of the cached, tokenized corpus
   (`bench/corpus.py`, seed `--seed`), as `corpus.document` builds them — with the matching
   facts scoring reads from `_source.matching` (skills split as their template splits them,
   certificates, minimum experience, days per week, openings left 1–7, one of 300 employers:
   30% city-funded with ≥ 30 staff, 20% pledged partners) — bulk-indexed into a fresh
   Elasticsearch index, then refreshed.
1. Seekers (setup, untimed): S (`--seekers`) `SeekerProfile` rows with their users, made as
   the demo seeder makes them (deterministic by `--seed`): cohorts 40% graduates (고졸
   지역인재), 30% career-break returners (경력단절여성), 30% seniors (신중년); 1–2 career
   fields; skills from the templates of those fields; 0–2 certificates of those fields (1–2
   for graduates); experience for returners and seniors; 1–3 employment types and shifts,
   3–6 days, a minimum wage (80%), a commute limit of 3–20 km from a point near their dong;
   `search_terms` by `search.indexing.profile_terms` (Kiwi). Policy:
   `ordinance_policy_current()` (version 1, loaded by the migration).
2. Warm-up (untimed): one full pass of `recommend` over the S seekers. The postings it
   recommends get `Posting` rows (with their 300 `Employer` rows), so the store's existence
   check finds them, and each seeker's matches are stored once, so the timed store replaces
   a full set as the nightly refresh does.
3. Measured, per seeker, the three variants in an order rotated seeker by seeker (R-C-W,
   C-W-R, W-R-C), each timed with `perf_counter` around:
   - R, retrieval alone (the baseline): `recommend.retrieve(profile, seeker_side(profile,
     policy.document, this_year=…))` — the searches `recommend` sends (`retrieval_query`:
     terms that only rank, and the hard filters: employment types, shifts, days per week,
     certificates held, the wage floor, cohort, open today, near within the commute; 200
     hits, no facets; then the same inside the career fields the profile names), with the
     requests, the responses and the decoding of hits into documents. Before 2026-12-01 22:00
     UTC R sent only the first search, so the second one counted as scoring;
   - C, recommend: `recommend(profile, policy, backend=backend)` — the same, then each hit
     turned into a `PostingSide` and scored (`scoring.match`), the best 30 kept;
   - W, recommend + store: C, then `recommendations_store(profile, matches, policy.version)`
     (one transaction: delete the seeker's set, check the postings exist, bulk insert).
   seekers/s = S ÷ the summed latencies of a variant; p50/p95/p99 per seeker; ratios =
   summed C (or W) time ÷ summed R time (aim C ÷ R ≤ 1.20: scoring adds at most 20%), and
   the same ratio of medians.
3b. Measured, per chunk of `--chunk` seekers (the nightly refresh's way), four variants in
   an order rotated chunk by chunk: retrieval alone for each seeker of the chunk (R, one
   search each, as in 3); the chunk's searches batched as `recommend_many` sends them (RB:
   every seeker's retrieval query and, when it names career fields, the one within them,
   through `search_postings_many`, one `_msearch` per 50 searches); `recommend_many` (those
   batched searches, each retrieved posting's `PostingSide` built once per chunk, every hit
   scored); `recommendations_refresh_batch` (that, plus one transaction storing the chunk's
   sets: lock, delete, check the postings, insert). Ratios to R as in 3, and to RB (the
   same searches as `recommend_many`: what scoring adds to them). Two more variants take
   the batching apart: RL, RB's searches one request each (`search_postings` in a loop:
   what `_msearch` saves), and RF, RB with every hit's whole `_source` (the
   `RETRIEVAL_SOURCE` includes replaced by "*" for that call: what they save).
4. Breakdown (after the measurement, untimed for the figures above, `--profile` seekers): the
   steps of `recommend` timed apart (search, `posting_side` of every hit, `match` of every
   hit, `rank`), with how many hits pass the hard filters; then one cProfile pass of
   `recommend` over the same seekers, its top functions by own time in the JSON.
5. Coverage (after the measurement, untimed): by brute force over all N postings, which
   seekers have at least one feasible open posting — scoring's own `hard_filter_failures`
   (open, deadline, certificates, employment type, days, shifts, commute, cohort, minors)
   and openings left — and which have one at or above the wage floor retrieval asks for;
   against the seekers `recommend` left without any recommendation in step 3. Aim: the two
   shares equal (± 1 point), i.e. no seeker with a feasible posting goes without.

Isolation: Elasticsearch indices under the prefix `bench7-<pid>` only (dropped at the end,
never another prefix); a fresh database `sjl_bench_recommend` on the PostgreSQL server of
DATABASE_URL (migrated, dropped at the end unless --keep-db). Everything runs in this one
process with `DEBUG=false` and `ELASTICSEARCH_TIMEOUT=30`. Results: a table on stdout and
bench/results/b7_recommend.json.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import random
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import corpus  # noqa: E402  (after the path fix, for `python bench/…`)
from bench.b1_b2_search import (  # noqa: E402
    admin_execute,
    fmt,
    machine_info,
    percentile,
    ratio,
    with_path,
)

PYTHON = sys.executable
BENCH_DB = "sjl_bench_recommend"
RESULTS = REPO / "bench" / "results" / "b7_recommend.json"
INDEX_CHUNK = 5000
COHORTS = ("graduate", "returner", "senior")
COHORT_WEIGHTS = (0.4, 0.3, 0.3)
VARIANTS = ("retrieval", "recommend", "recommend_store")
ORDERS = ((0, 1, 2), (1, 2, 0), (2, 0, 1))  # rotated seeker by seeker
BENCH_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    "FIELD_ENCRYPTION_KEY": "YmVuY2gtb25seS1maWVsZC1rZXktbm90LXNlY3JldCE=",  # Fernet
    "EMAIL_URL": "memorymail://",
    "ALLOWED_HOSTS": "localhost",
    "LOG_LEVEL": "warning",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "PYTHONPATH": str(REPO),
    "VAR_DIR": str(REPO / "var" / "bench" / "var7"),
    "WORKER_ENGINE": "inline",
    "SEARCH_BACKEND": "elasticsearch",
    "SEARCH_REFRESH_ON_WRITE": "false",
    "ELASTICSEARCH_TIMEOUT": "30",
    "MATCHING_REFRESH_ON_CHANGE": "false",
}


def log(message: str) -> None:
    print(f"b7: {message}", flush=True)


def summary(seconds: Sequence[float]) -> dict[str, float | int]:
    latencies_ms = [s * 1000 for s in seconds]
    return {
        "samples": len(latencies_ms),
        "seekers_per_s": len(seconds) / sum(seconds),
        "total_s": sum(seconds),
        "p50_ms": percentile(latencies_ms, 50),
        "p95_ms": percentile(latencies_ms, 95),
        "p99_ms": percentile(latencies_ms, 99),
        "mean_ms": statistics.fmean(latencies_ms),
        "max_ms": max(latencies_ms),
    }


# --------------------------------------------------------------------------- setup


def index_postings(backend: Any, path: Path, n: int, now: dt.datetime) -> dict[str, Any]:
    backend.reset()  # this run's prefix only: v1 of each kind with its aliases
    started = time.perf_counter()
    indexed = 0
    for chunk in corpus.read_chunks(path, n, INDEX_CHUNK):
        indexed += backend.index_postings([corpus.document(p, now) for p in chunk])
        log(f"  indexed {indexed:,}/{n:,}")
    backend.refresh()
    return {"indexed": indexed, "seconds": time.perf_counter() - started}


def make_seekers(count: int, seed: int) -> list[Any]:
    """S seeker profiles with their users, as the demo seeder makes them (module docstring)."""
    from django.contrib.auth.hashers import make_password

    from backend.accounts.models import Role, User
    from backend.demo.seed import ABOUT_OPENERS, BREAK_REASONS, SCHOOL_KINDS, SCHOOLS
    from backend.seekers.models import SeekerProfile
    from backend.taxonomy.models import Area, Certificate
    from backend.taxonomy.posting_templates import TEMPLATES, PostingTemplate
    from search.indexing import profile_terms

    rng = random.Random(seed * 7 + 1)
    year = dt.date.today().year
    areas = list(Area.objects.order_by("code"))
    by_field: dict[str, list[PostingTemplate]] = {}
    for template in TEMPLATES:
        by_field.setdefault(template.career_field, []).append(template)
    fields = sorted(by_field)
    certificates: dict[str, set[str]] = {f: set() for f in fields}
    for name, field in Certificate.objects.values_list("name", "career_field_id"):
        if field in certificates:
            certificates[field].add(name)
    for template in TEMPLATES:
        certificates[template.career_field].update(template.certificates_required)
    unusable = make_password(None)  # nobody logs in as a bench seeker
    users = User.objects.bulk_create(
        [
            User(email=f"b7-seeker{i}@bench.invalid", role=Role.SEEKER, password=unusable)
            for i in range(count)
        ]
    )
    rows = []
    for user in users:
        cohort = rng.choices(COHORTS, COHORT_WEIGHTS)[0]
        chosen = rng.sample(fields, k=rng.randint(1, 2))
        templates = [t for f in chosen for t in by_field[f]]
        picked = rng.sample(templates, k=min(2, len(templates)))
        skills = {s for t in picked for s in t.skills_required}
        if rng.random() < 0.3:
            skills.update(rng.choice(picked).skills_preferred)
        pool = sorted({c for f in chosen for c in certificates[f]})
        wanted = rng.randint(1, 2) if cohort == "graduate" else rng.randint(0, 2)
        area = rng.choice(areas)
        profile = SeekerProfile(
            user=user,
            cohort=cohort,
            display_name=f"벤치 구직자 {user.pk}",
            area=area,
            location_lat=round(area.lat + rng.uniform(-0.01, 0.01), 6),
            location_lon=round(area.lon + rng.uniform(-0.012, 0.012), 6),
            is_resident=rng.random() < 0.88,
            career_fields=chosen,
            skills=sorted(skills),
            certificates=rng.sample(pool, k=min(wanted, len(pool))),
            employment_types=sorted(
                rng.sample(["full_time", "part_time", "flexible", "contract"], k=rng.randint(1, 3))
            ),
            max_days_per_week=rng.choice((3, 4, 5, 5, 5, 6)),
            shifts=sorted(
                rng.sample(["morning", "afternoon", "evening", "night"], k=rng.randint(1, 3))
            ),
            min_hourly_wage=rng.randrange(10320, 14000, 10) if rng.random() < 0.8 else None,
            max_commute_km=float(rng.choice((3, 5, 8, 10, 15, 20))),
            about=rng.choice(ABOUT_OPENERS),
            open_to_employers=rng.random() < 0.6,
        )
        if cohort == "graduate":
            profile.graduation_year = rng.randint(year - 5, year + 1)
            profile.birth_year = profile.graduation_year - 19
            profile.school_name = f"{rng.choice(SCHOOLS)}{rng.choice(SCHOOL_KINDS)}"
            profile.school_in_city = rng.random() < 0.75
            profile.entered_college = rng.random() < 0.1
            profile.employment_types = sorted({*profile.employment_types, "full_time"})
        else:
            template = rng.choice(templates)
            if cohort == "returner":
                profile.birth_year = rng.randint(year - 52, year - 30)
                profile.career_break_years = float(rng.randint(1, 12))
                profile.career_break_reason = rng.choice(BREAK_REASONS)
                profile.employment_types = sorted({*profile.employment_types, "part_time"})
                profile.shifts = sorted({*profile.shifts, "morning"})
                years, summary_text = rng.randint(1, 8), "이전 직장 경력"
            else:
                profile.birth_year = rng.randint(year - 69, year - 50)
                profile.employment_types = sorted({*profile.employment_types, "flexible"})
                years, summary_text = rng.randint(10, 35), "현장 실무와 후배 지도"
            profile.experience = [
                {"occupation": template.occupation, "years": years, "summary": summary_text}
            ]
        profile.search_terms = profile_terms(
            skills=profile.skills,
            certificates=profile.certificates,
            experience=profile.experience,
            about=profile.about,
        )
        rows.append(profile)
    SeekerProfile.objects.bulk_create(rows, batch_size=500)
    return list(SeekerProfile.objects.select_related("area").order_by("pk"))


def make_posting_rows(path: Path, n: int, ids: set[int], now: dt.datetime) -> int:
    """`Employer` rows 1..300 and `Posting` rows (pk = corpus id) for the postings in `ids`."""
    from backend.employers.models import Employer
    from backend.jobs.models import Posting
    from backend.taxonomy.models import Area

    areas = list(Area.objects.order_by("code"))
    Employer.objects.bulk_create(
        [
            Employer(
                pk=number,
                name=f"벤치 기업 {number} (가상)",
                business_number=str(1_000_000_000 + number),
                area=areas[number % len(areas)],
                staff_count=facts.staff_count,
                is_city_funded=facts.city_funded,
                partner_pledge=facts.partner,
                verified_at=now,
            )
            for number, facts in enumerate(corpus.employer_facts())
            if number > 0
        ]
    )
    created = 0
    for chunk in corpus.read_chunks(path, n, INDEX_CHUNK):
        rows = []
        for posting in chunk:
            if posting["id"] not in ids:
                continue
            facts = corpus.matching_facts(posting)
            rows.append(
                Posting(
                    pk=posting["id"],
                    employer_id=facts["employer_id"],
                    title=posting["title"],
                    description=posting["description"],
                    career_field_id=posting["career_field"],
                    occupation=posting["occupation"],
                    skills_required=list(facts["skills_required"]),
                    skills_preferred=list(facts["skills_preferred"]),
                    certificates_required=posting["certificates"],
                    min_experience_years=posting["min_experience_years"],
                    employment_type=posting["employment_type"],
                    days_per_week=posting["days_per_week"],
                    shifts=posting["shifts"],
                    hourly_wage=posting["hourly_wage"],
                    area_id=posting["area_code"],
                    lat=posting["lat"],
                    lon=posting["lon"],
                    openings=facts["openings_left"],
                    deadline=now.date() + dt.timedelta(days=posting["deadline_days"]),
                    cohorts_welcome=posting["cohorts_welcome"],
                    status="open",
                    published_at=now - dt.timedelta(days=posting["published_days_ago"]),
                    title_terms=posting["title_terms"],
                    body_terms=posting["body_terms"],
                )
            )
        created += len(Posting.objects.bulk_create(rows, batch_size=1000))
    return created


# --------------------------------------------------------------------------- measurement


def measure(backend: Any, profiles: Sequence[Any], policy: Any) -> dict[str, Any]:
    from backend.matching.facts import seeker_side, today
    from backend.matching.recommend import recommend, retrieve
    from backend.matching.services import recommendations_store

    seconds: dict[str, list[float]] = {name: [] for name in VARIANTS}
    hits: list[int] = []
    kept: list[int] = []
    without: list[int] = []
    stored: list[int] = []

    def retrieval(profile: Any) -> None:
        mark = time.perf_counter()
        seeker = seeker_side(profile, policy.document, this_year=today().year)
        found = retrieve(profile, seeker, backend=backend)
        count = len(found)
        del found  # freed inside the timing, as `recommend` frees its hits inside its own
        seconds["retrieval"].append(time.perf_counter() - mark)
        hits.append(count)

    def scored(profile: Any) -> None:
        mark = time.perf_counter()
        matches = recommend(profile, policy, backend=backend)
        seconds["recommend"].append(time.perf_counter() - mark)
        kept.append(len(matches))
        if not matches:
            without.append(profile.pk)

    def scored_stored(profile: Any) -> None:
        mark = time.perf_counter()
        matches = recommend(profile, policy, backend=backend)
        stored.append(recommendations_store(profile, matches, policy.version))
        seconds["recommend_store"].append(time.perf_counter() - mark)

    steps: tuple[Callable[[Any], None], ...] = (retrieval, scored, scored_stored)
    for index, profile in enumerate(profiles):
        for step in ORDERS[index % len(ORDERS)]:
            steps[step](profile)
    variants = {name: summary(values) for name, values in seconds.items()}
    base = variants["retrieval"]
    return {
        **variants,
        "ratio_recommend_vs_retrieval": ratio(variants["recommend"]["total_s"], base["total_s"]),
        "ratio_recommend_store_vs_retrieval": ratio(
            variants["recommend_store"]["total_s"], base["total_s"]
        ),
        "ratio_p50_recommend_vs_retrieval": ratio(variants["recommend"]["p50_ms"], base["p50_ms"]),
        "ratio_p50_recommend_store_vs_retrieval": ratio(
            variants["recommend_store"]["p50_ms"], base["p50_ms"]
        ),
        "scoring_ms_per_seeker": variants["recommend"]["mean_ms"] - base["mean_ms"],
        "store_ms_per_seeker": variants["recommend_store"]["mean_ms"]
        - variants["recommend"]["mean_ms"],
        "hits_per_seeker": {  # both searches of `retrieve`, new hits only
            "mean": statistics.fmean(hits),
            "median": statistics.median(hits),
            "zero": sum(1 for h in hits if h == 0),
        },
        "matches_kept": {"mean": statistics.fmean(kept), "zero": kept.count(0)},
        "seekers_without_recommendations": sorted(without),
        "recommendations_stored_mean": statistics.fmean(stored),
    }


def chunk_queries(profiles: Sequence[Any], policy: Any) -> list[Any]:
    """The searches `recommend_many` sends for these profiles (`retrieval_queries`: each
    seeker's retrieval query, and the same within the career fields it names)."""
    from backend.matching.facts import seeker_side, today
    from backend.matching.recommend import retrieval_queries

    on = today()
    queries: list[Any] = []
    for profile in profiles:
        seeker = seeker_side(profile, policy.document, this_year=on.year, on=on)
        queries += retrieval_queries(profile, seeker, on=on)
    return queries


def measure_chunks(backend: Any, profiles: Sequence[Any], policy: Any, size: int) -> dict[str, Any]:
    """The nightly refresh's way (step 3b): per chunk of `size` seekers, in an order rotated
    chunk by chunk, retrieval alone for each seeker of the chunk (one search each, the peer
    of step 3), the same chunk's searches batched as `recommend_many` sends them
    (`search_postings_many`: every seeker's one or two queries, `_msearch`), `recommend_many`
    (those searches, then each retrieved posting's `PostingSide` built once per chunk and
    every hit scored), and `recommendations_refresh_batch` (that, plus one transaction
    storing the whole chunk)."""
    from backend.matching.facts import seeker_side, today
    from backend.matching.recommend import recommend_many, retrieve
    from backend.matching.selectors import applied_posting_ids
    from backend.matching.services import recommendations_refresh_batch
    from search.backends import es_mappings

    names = (
        "retrieval",
        "retrieval_batched",
        "retrieval_looped",
        "retrieval_batched_full_source",
        "recommend_many",
        "refresh_batch",
    )
    seconds: dict[str, float] = dict.fromkeys(names, 0.0)
    searches = {"retrieval": 0, "retrieval_batched": 0}

    def retrieval(chunk: Sequence[Any]) -> None:
        mark = time.perf_counter()
        for profile in chunk:
            seeker = seeker_side(profile, policy.document, this_year=today().year)
            retrieve(profile, seeker, backend=backend)
        seconds["retrieval"] += time.perf_counter() - mark
        searches["retrieval"] += len(chunk)

    def batched(chunk: Sequence[Any]) -> None:
        mark = time.perf_counter()
        queries = chunk_queries(chunk, policy)
        backend.search_postings_many(queries)
        seconds["retrieval_batched"] += time.perf_counter() - mark
        searches["retrieval_batched"] += len(queries)

    def looped(chunk: Sequence[Any]) -> None:
        # The same searches as `batched`, one request each (what `_msearch` saves).
        mark = time.perf_counter()
        for query in chunk_queries(chunk, policy):
            backend.search_postings(query)
        seconds["retrieval_looped"] += time.perf_counter() - mark

    def batched_full(chunk: Sequence[Any]) -> None:
        # `batched` with every hit's whole `_source` (what the `_source` includes save).
        mark = time.perf_counter()
        kept = es_mappings.RETRIEVAL_SOURCE
        es_mappings.RETRIEVAL_SOURCE = ("*",)
        try:
            backend.search_postings_many(chunk_queries(chunk, policy))
        finally:
            es_mappings.RETRIEVAL_SOURCE = kept
        seconds["retrieval_batched_full_source"] += time.perf_counter() - mark

    def many(chunk: Sequence[Any]) -> None:
        mark = time.perf_counter()
        applied = applied_posting_ids([p.pk for p in chunk])
        recommend_many(chunk, policy, backend=backend, exclude=applied)
        seconds["recommend_many"] += time.perf_counter() - mark

    def batch(chunk: Sequence[Any]) -> None:
        mark = time.perf_counter()
        recommendations_refresh_batch(chunk, policy=policy, backend=backend)
        seconds["refresh_batch"] += time.perf_counter() - mark

    steps: tuple[Callable[[Sequence[Any]], None], ...] = (
        retrieval,
        batched,
        looped,
        batched_full,
        many,
        batch,
    )
    chunks = [profiles[i : i + size] for i in range(0, len(profiles), size)]
    for index, chunk in enumerate(chunks):
        shift = index % len(steps)  # the order rotated chunk by chunk
        for step in (*steps[shift:], *steps[:shift]):
            step(chunk)
    count = len(profiles)
    return {
        "chunk_size": size,
        "chunks": len(chunks),
        "searches": searches,
        **{f"{name}_ms_per_seeker": seconds[name] / count * 1000 for name in names},
        "ratio_recommend_many_vs_retrieval": ratio(seconds["recommend_many"], seconds["retrieval"]),
        "ratio_refresh_batch_vs_retrieval": ratio(seconds["refresh_batch"], seconds["retrieval"]),
        "ratio_recommend_many_vs_retrieval_batched": ratio(
            seconds["recommend_many"], seconds["retrieval_batched"]
        ),
        "ratio_retrieval_batched_vs_retrieval": ratio(
            seconds["retrieval_batched"], seconds["retrieval"]
        ),
        "ratio_retrieval_batched_vs_looped": ratio(
            seconds["retrieval_batched"], seconds["retrieval_looped"]
        ),
        "ratio_retrieval_batched_vs_full_source": ratio(
            seconds["retrieval_batched"], seconds["retrieval_batched_full_source"]
        ),
    }


def breakdown(backend: Any, profiles: Sequence[Any], policy: Any, chunk: int = 0) -> dict[str, Any]:
    """`recommend`'s steps timed apart (its loop, spelled out here: every hit scored without
    reasons, the best `KEEP` explained), then a cProfile pass of `recommend`, or of
    `recommend_many` over chunks of `chunk` seekers."""
    from backend.matching.facts import posting_side, seeker_side, today
    from backend.matching.recommend import KEEP, recommend, recommend_many, retrieve
    from backend.matching.scoring import match, rank

    document, weights = policy.document, policy.document["score_weights"]
    parts = {"seeker_side_s": 0.0, "search_s": 0.0, "posting_side_s": 0.0, "match_s": 0.0}
    parts["rank_s"] = parts["explain_s"] = 0.0
    hits_seen = passed = 0
    for profile in profiles:
        on = today()
        t0 = time.perf_counter()
        seeker = seeker_side(profile, document, this_year=on.year)
        t1 = time.perf_counter()
        found = retrieve(profile, seeker, backend=backend)
        t2 = time.perf_counter()
        sides = [posting_side(h.document, document) for h in found if h.document.openings_left]
        t3 = time.perf_counter()
        found_sides = {side.id: side for side in sides}
        scored = [
            m
            for m in (match(seeker, side, weights, on, explain=False) for side in sides)
            if m is not None
        ]
        t4 = time.perf_counter()
        best = rank(scored, KEEP)
        t5 = time.perf_counter()
        for kept in best:  # the kept ones explained, as `recommend` does
            match(seeker, found_sides[kept.posting_id], weights, on)
        t6 = time.perf_counter()
        for key, start, stop in (
            ("seeker_side_s", t0, t1),
            ("search_s", t1, t2),
            ("posting_side_s", t2, t3),
            ("match_s", t3, t4),
            ("rank_s", t4, t5),
            ("explain_s", t5, t6),
        ):
            parts[key] += stop - start
        hits_seen += len(sides)
        passed += len(scored)
    per_hit_us = {
        "posting_side_us": parts["posting_side_s"] / max(1, hits_seen) * 1e6,
        "match_us": parts["match_s"] / max(1, hits_seen) * 1e6,
    }
    profiler = cProfile.Profile()
    profiler.enable()
    if chunk:  # the nightly's way: `recommend_many` over chunks
        for start in range(0, len(profiles), chunk):
            recommend_many(profiles[start : start + chunk], policy, backend=backend)
    else:
        for profile in profiles:
            recommend(profile, policy, backend=backend)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{Path(filename).name}:{line}({function})",
                "calls": calls,
                "own_s": own,
                "cumulative_s": cumulative,
            }
        )
    rows.sort(key=lambda row: -row["own_s"])
    return {
        "seekers": len(profiles),
        **parts,
        **per_hit_us,
        "hits_scored": hits_seen,
        "hits_passing_hard_filters": passed,
        "cprofile_total_s": stats.total_tt,  # type: ignore[attr-defined]
        "cprofile_top_own_time": rows[:25],
    }


def feasibility(path: Path, n: int, now: dt.datetime, profiles: Sequence[Any], policy: Any) -> Any:
    """Brute force over all N postings: which seekers have at least one feasible open posting
    (scoring's own `hard_filter_failures`, openings left), and which have one at or above the
    wage floor retrieval asks for (`recommend.wage_floor`). Postings are grouped by everything
    but their place and wage; each (seeker, group) is checked once by `hard_filter_failures`
    with distance 0, then the group's distances (haversine, vectorised) and wages."""
    import math

    import numpy as np

    from backend.matching.facts import posting_side, seeker_side, today
    from backend.matching.recommend import wage_floor
    from backend.matching.scoring import hard_filter_failures
    from search.backends.geo import EARTH_RADIUS_KM

    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for chunk in corpus.read_chunks(path, n, INDEX_CHUNK):
        for posting in chunk:
            document = corpus.document(posting, now)
            if document.openings_left <= 0:
                continue
            key = (
                document.employment_type,
                document.days_per_week,
                tuple(sorted(document.shifts)),
                tuple(document.certificates_required),
                tuple(sorted(document.cohorts_welcome)),
                document.minor_suitable,
                document.deadline,
            )
            group = groups.setdefault(key, {"side": None, "lat": [], "lon": [], "wage": []})
            if group["side"] is None:
                group["side"] = posting_side(document, policy.document)
            group["lat"].append(document.location.lat)
            group["lon"].append(document.location.lon)
            group["wage"].append(document.hourly_wage)
    arrays = [
        (
            group["side"],
            np.radians(np.array(group["lat"])),
            np.radians(np.array(group["lon"])),
            np.array(group["wage"]),
        )
        for group in groups.values()
    ]
    on = today()
    feasible: set[int] = set()
    above_floor: set[int] = set()
    for profile in profiles:
        seeker = seeker_side(profile, policy.document, this_year=on.year)
        lat1, lon1 = math.radians(seeker.location.lat), math.radians(seeker.location.lon)
        floor = wage_floor(seeker) or 0
        for side, lats, lons, wages in arrays:
            if hard_filter_failures(seeker, side, on, 0.0):
                continue
            if seeker.max_commute_km is not None:
                h = (
                    np.sin((lats - lat1) / 2) ** 2
                    + math.cos(lat1) * np.cos(lats) * np.sin((lons - lon1) / 2) ** 2
                )
                km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
                near = km <= seeker.max_commute_km
            else:
                near = np.ones(len(lats), dtype=bool)
            if near.any():
                feasible.add(profile.pk)
                if (near & (wages >= floor)).any():
                    above_floor.add(profile.pk)
                    break
    return feasible, above_floor, len(groups)


# --------------------------------------------------------------------------- report


def print_table(report: dict[str, Any]) -> None:
    b7 = report["b7"]
    print()
    print(
        f"B7 recommendations — {report['sizes']['postings']:,} postings, "
        f"{b7['retrieval']['samples']:,} seekers, hits/seeker mean "
        f"{b7['hits_per_seeker']['mean']:.1f}, kept mean {b7['matches_kept']['mean']:.1f}"
    )
    print(f"  {'':<20}{'seekers/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
    for name, label in zip(
        VARIANTS, ("retrieval alone", "recommend", "recommend + store"), strict=True
    ):
        s = b7[name]
        print(
            f"  {label:<20}{fmt(s['seekers_per_s']):>10}{fmt(s['p50_ms'], 2):>9}"
            f"{fmt(s['p95_ms'], 2):>9}{fmt(s['p99_ms'], 2):>9}{fmt(s['mean_ms'], 2):>9}"
        )
    print(
        f"  recommend ÷ retrieval: {fmt(b7['ratio_recommend_vs_retrieval'], 3)} (aim ≤ 1.20; "
        f"p50 {fmt(b7['ratio_p50_recommend_vs_retrieval'], 3)}); with store: "
        f"{fmt(b7['ratio_recommend_store_vs_retrieval'], 3)} "
        f"(p50 {fmt(b7['ratio_p50_recommend_store_vs_retrieval'], 3)})"
    )
    parts = report.get("breakdown")
    if parts:
        print(
            f"  breakdown over {parts['seekers']} seekers (s): search {parts['search_s']:.2f}, "
            f"posting_side {parts['posting_side_s']:.2f} ({parts['posting_side_us']:.0f} µs/hit), "
            f"match {parts['match_s']:.2f} ({parts['match_us']:.0f} µs/hit), "
            f"rank {parts['rank_s']:.3f}, explain the kept {parts['explain_s']:.3f}, "
            f"seeker_side {parts['seeker_side_s']:.3f}"
        )
    coverage = report.get("coverage")
    if coverage:
        print(
            f"  seekers without recommendations: {coverage['share_without_recommendations']:.1%}"
            f"; with no feasible posting (brute force): {coverage['share_no_feasible_posting']:.1%}"
            f" ({coverage['share_no_feasible_posting_at_wage_floor']:.1%} at the wage floor); "
            f"feasible but without: {coverage['feasible_but_without']}"
        )
    chunked = report.get("b7_chunk")
    if chunked:
        print(
            f"  chunks of {chunked['chunk_size']}: retrieval "
            f"{chunked['retrieval_ms_per_seeker']:.1f} ms, recommend_many "
            f"{chunked['recommend_many_ms_per_seeker']:.1f} ms, + batch store "
            f"{chunked['refresh_batch_ms_per_seeker']:.1f} ms a seeker; ratios "
            f"{chunked['ratio_recommend_many_vs_retrieval']:.3f} / "
            f"{chunked['ratio_refresh_batch_vs_retrieval']:.3f}; batched retrieval "
            f"{chunked['retrieval_batched_ms_per_seeker']:.1f} ms a seeker, recommend_many "
            f"÷ it {chunked['ratio_recommend_many_vs_retrieval_batched']:.3f}; batched ÷ "
            f"looped {chunked['ratio_retrieval_batched_vs_looped']:.3f}, ÷ batched with whole "
            f"_source {chunked['ratio_retrieval_batched_vs_full_source']:.3f}"
        )
    print(f"total {fmt(report['total_s'])} s; results in {report['output']}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--postings", type=int, default=200_000, help="postings indexed")
    parser.add_argument("--seekers", type=int, default=1000, help="seekers measured")
    parser.add_argument(
        "--profile", type=int, default=100, help="seekers of the breakdown and cProfile (0: skip)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--chunk", type=int, default=200, help="seekers per chunk of step 3b (0: skip)"
    )
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    if not database_url.startswith("postgres") or not es_url.startswith("http"):
        print(
            "b7_recommend: needs DATABASE_URL=postgres://… and ELASTICSEARCH_URL=http://… "
            "(. var/servers/env, or run `make bench`)",
            file=sys.stderr,
        )
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    prefix = f"bench7-{os.getpid()}"
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
        from backend.matching.recommend import recommend
        from backend.matching.selectors import ordinance_policy_current
        from backend.matching.services import recommendations_store
        from search.analysis import get_analyzer
        from search.backends import get_backend

        backend = get_backend()
        get_analyzer()
        now = dt.datetime.now(UTC)
        report: dict[str, Any] = {
            "benchmark": "B7 recommendations",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine_info(backend.client),
            "sizes": {"postings": args.postings, "seekers": args.seekers, "seed": args.seed},
            "es_prefix": prefix,
            "method": (__doc__ or "").split("Method:", 1)[1].split("Isolation:", 1)[0].strip(),
        }
        log(f"corpus of {args.postings:,} tokenized postings (cached) …")
        path, report["corpus"] = corpus.ensure_corpus(args.postings, args.seed, log)
        log(f"indexing {args.postings:,} postings into Elasticsearch (setup) …")
        report["setup_index"] = index_postings(backend, path, args.postings, now)
        log(f"{args.seekers:,} seekers (setup) …")
        mark = time.perf_counter()
        profiles = make_seekers(args.seekers, args.seed)
        cohorts: dict[str, int] = {}
        for profile in profiles:
            cohorts[profile.cohort] = cohorts.get(profile.cohort, 0) + 1
        report["setup_seekers"] = {"seconds": time.perf_counter() - mark, "cohorts": cohorts}
        policy = ordinance_policy_current()
        report["policy_version"] = policy.version
        log("warm-up: one untimed pass of recommend …")
        mark = time.perf_counter()
        warm = [recommend(profile, policy, backend=backend) for profile in profiles]
        warm_s = time.perf_counter() - mark
        ids = {m.posting_id for matches in warm for m in matches}
        log(f"  {warm_s:.1f} s; Posting rows for the {len(ids):,} recommended postings …")
        rows = make_posting_rows(path, args.postings, ids, now)
        for profile, matches in zip(profiles, warm, strict=True):
            recommendations_store(profile, matches, policy.version)
        report["warmup"] = {"recommend_pass_s": warm_s, "posting_rows": rows}
        report["loadavg_before_measure"] = os.getloadavg()
        log(f"measuring {len(profiles):,} seekers × 3 variants …")
        report["b7"] = measure(backend, profiles, policy)
        if args.chunk:
            log(f"measuring chunks of {args.chunk} × 3 variants (the nightly's way) …")
            report["b7_chunk"] = measure_chunks(backend, profiles, policy, args.chunk)
        report["loadavg_after_measure"] = os.getloadavg()
        log("brute force: which seekers have a feasible posting …")
        mark = time.perf_counter()
        feasible, above_floor, group_count = feasibility(path, args.postings, now, profiles, policy)
        without = set(report["b7"].pop("seekers_without_recommendations"))
        everyone = len(profiles)
        report["coverage"] = {
            "seekers": everyone,
            "without_recommendations": len(without),
            "share_without_recommendations": len(without) / everyone,
            "no_feasible_posting": everyone - len(feasible),
            "share_no_feasible_posting": (everyone - len(feasible)) / everyone,
            "no_feasible_posting_at_wage_floor": everyone - len(above_floor),
            "share_no_feasible_posting_at_wage_floor": (everyone - len(above_floor)) / everyone,
            "feasible_but_without": len(feasible & without),
            "feasible_at_wage_floor_but_without": len(above_floor & without),
            "posting_groups": group_count,
            "seconds": time.perf_counter() - mark,
        }
        if args.profile:
            log(f"breakdown and cProfile over {min(args.profile, len(profiles))} seekers …")
            report["breakdown"] = breakdown(backend, profiles[: args.profile], policy, args.chunk)
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
