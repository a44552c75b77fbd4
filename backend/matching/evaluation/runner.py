"""Run the real matching pipeline on a generated world and measure it against the planted truth.

Safety: the evaluation never leaves a trace.

- Database: every row (users, employers, postings, profiles) is written inside one
  transaction that is always rolled back, so a live database keeps exactly what it had (its id
  sequences advance, nothing else). Nothing is enqueued and no outbox row is written (rows are
  bulk-created, as `seed_demo` does), so no worker ever sees them. On SQLite the transaction
  holds the database's write lock while the evaluation runs (a few minutes at the default size).
- Search: the postings are indexed by a backend of the configured kind (`SEARCH_BACKEND`) under
  a prefix of its own — Elasticsearch: `{SEARCH_INDEX_PREFIX}-eval-<random>`, deleted
  afterwards; embedded: a file in a temporary directory, deleted afterwards. The live indices
  are never written.

The pipeline is the production one: `recommend` (retrieval through the search backend, hard
filters, scoring) for every seeker, then `assignment_problem` + `solve_assignment` on each
seeker's best `ASSIGN_CANDIDATES`. The truth is read only here, after the pipeline has run.
"""

from __future__ import annotations

import datetime
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, User
from backend.employers.models import Employer
from backend.jobs.models import Posting, PostingStatus
from backend.jobs.search_source import posting_document
from backend.matching.assignment import AssignmentProblem, AssignmentResult, solve_assignment
from backend.matching.evaluation.generator import World
from backend.matching.evaluation.rendering import business_number
from backend.matching.models import OrdinancePolicy
from backend.matching.recommend import ASSIGN_CANDIDATES, recommend
from backend.matching.runs import assignment_problem
from backend.matching.scoring import Match
from backend.seekers.models import SeekerProfile
from backend.taxonomy.models import Area, CareerField
from search.backends.base import PostingHit, PostingResults, SearchBackend
from search.documents import PostingDocument
from search.indexing import posting_terms, profile_terms
from search.query import PostingQuery

BATCH = 1000
EMAIL_DOMAIN = "evaluation.invalid"  # RFC 2606: never a real mailbox
ES_TIMEOUT_S = 30.0  # bulk indexing on a busy machine; the evaluation is not latency-bound

Progress = Callable[[str], None]


class EvaluationError(RuntimeError):
    """The evaluation cannot run here (e.g. the reference data is missing)."""


@dataclass(frozen=True)
class PipelineOutput:
    """What the pipeline produced, keyed by the world's seeker and posting keys."""

    backend: str
    recommended: dict[int, list[Match]]  # seeker key → matches, best first (≤ ASSIGN_CANDIDATES)
    retrieved: dict[int, list[int]]  # seeker key → posting keys the search returned
    posting_key: dict[int, int]  # posting pk → key
    seeker_key: dict[int, int]  # profile pk → key
    documents: dict[int, PostingDocument]  # posting key → indexed document
    profiles: dict[int, SeekerProfile]  # seeker key → profile (rolled back: read-only use)
    assignment: AssignmentResult
    problem: AssignmentProblem
    seconds: dict[str, float]


class _RecordingBackend:
    """A backend that remembers the hits of its posting searches since `forget` (for
    diagnostics: one recommendation may search more than once), in order, each once."""

    def __init__(self, inner: SearchBackend) -> None:
        self.inner = inner
        self.name = inner.name
        self.last_hits: list[PostingHit] = []
        self._seen: set[int] = set()

    def forget(self) -> None:
        self.last_hits, self._seen = [], set()

    def search_postings(self, query: PostingQuery) -> PostingResults:
        results = self.inner.search_postings(query)
        for hit in results.hits:
            if hit.id not in self._seen:
                self._seen.add(hit.id)
                self.last_hits.append(hit)
        return results

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@contextmanager
def evaluation_backend(kind: str | None = None) -> Iterator[SearchBackend]:
    """A fresh, empty backend of `kind` (`embedded` or `elasticsearch`; default the configured
    `SEARCH_BACKEND`), removed on exit (module docstring)."""
    kind = kind or settings.SEARCH_BACKEND
    with tempfile.TemporaryDirectory(prefix="sjl-evaluation-") as directory:
        if kind == "elasticsearch":
            from search.backends.elasticsearch import ElasticsearchBackend

            prefix = f"{settings.SEARCH_INDEX_PREFIX}-eval-{uuid.uuid4().hex[:10]}"
            es = ElasticsearchBackend(
                url=settings.ELASTICSEARCH_URL,
                prefix=prefix,
                timeout=max(settings.ELASTICSEARCH_TIMEOUT, ES_TIMEOUT_S),
            )
            es.reset()
            try:
                yield es
            finally:
                es.drop()
        else:
            from search.backends.embedded import EmbeddedBackend

            embedded = EmbeddedBackend(path=str(Path(directory) / "search.sqlite3"))
            embedded.reset()
            try:
                yield embedded
            finally:
                embedded.close()


def _check_reference(world: World) -> None:
    areas = {a.code for a in world.reference.areas}
    fields = set(world.reference.field_names)
    missing = areas - set(Area.objects.filter(code__in=areas).values_list("code", flat=True))
    missing |= fields - set(
        CareerField.objects.filter(code__in=fields).values_list("code", flat=True)
    )
    if missing:
        raise EvaluationError(
            "reference data missing (run manage.py migrate): " + ", ".join(sorted(missing))
        )


@cache
def _posting_terms(
    title: str, description: str, occupation: str, skills: tuple[str, ...], certs: tuple[str, ...]
) -> tuple[list[str], list[str]]:
    return posting_terms(
        title=title,
        description=description,
        occupation=occupation,
        skills=skills,
        certificates=certs,
    )


def _bulk(model: Any, rows: Sequence[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def _business_numbers(world: World) -> list[str]:
    """The world's business numbers, with any that a real employer holds replaced (the
    transaction is rolled back, but the unique constraint holds inside it)."""
    numbers = [e.business_number for e in world.employers]
    taken = set(
        Employer.objects.filter(business_number__in=numbers).values_list(
            "business_number", flat=True
        )
    )
    if not taken:
        return numbers
    rng = random.Random(f"{world.seed}:business-numbers")  # noqa: S311 - not security
    used = set(numbers) | taken
    result = []
    for number in numbers:
        if number in taken:
            while number in used:
                number = business_number(rng)
            used.add(number)
        result.append(number)
    return result


def _write_rows(world: World, token: str) -> tuple[list[Posting], list[SeekerProfile]]:
    """Users, employers, postings (open, with terms) and profiles of the world, in bulk."""
    now = timezone.now()
    areas = {a.code: a for a in world.reference.areas}
    employers = _bulk(
        Employer,
        [
            Employer(
                name=e.name,
                business_number=number,
                area_id=e.area,
                address=f"경기도 시흥시 {areas[e.area].name}",
                industry=e.industry,
                staff_count=e.staff_count,
                is_city_funded=e.is_city_funded,
                partner_pledge=e.partner_pledge,
                verified_at=now,
            )
            for e, number in zip(world.employers, _business_numbers(world), strict=True)
        ],
    )
    postings = []
    for record in world.posting_records:
        title_terms, body_terms = _posting_terms(
            record.title,
            record.description,
            record.occupation,
            (*record.skills_required, *record.skills_preferred),
            record.certificates_required,
        )
        postings.append(
            Posting(
                employer=employers[record.employer],
                title=record.title,
                description=record.description,
                career_field_id=record.career_field,
                occupation=record.occupation,
                skills_required=list(record.skills_required),
                skills_preferred=list(record.skills_preferred),
                certificates_required=list(record.certificates_required),
                min_experience_years=record.min_experience_years,
                employment_type=record.employment_type,
                days_per_week=record.days_per_week,
                shifts=list(record.shifts),
                hourly_wage=record.hourly_wage,
                area_id=record.area,
                lat=record.lat,
                lon=record.lon,
                address=f"경기도 시흥시 {areas[record.area].name}",
                openings=record.openings,
                deadline=record.deadline,
                cohorts_welcome=list(record.cohorts_welcome),
                status=PostingStatus.OPEN,
                published_at=now - datetime.timedelta(days=record.published_days_ago),
                title_terms=title_terms,
                body_terms=body_terms,
            )
        )
    postings = _bulk(Posting, postings)
    password = make_password(None)  # unusable: these accounts can never log in
    users = _bulk(
        User,
        [
            User(email=f"eval-{token}-{r.key}@{EMAIL_DOMAIN}", role=Role.SEEKER, password=password)
            for r in world.seeker_records
        ],
    )
    profiles = []
    for row, user in zip(world.seeker_records, users, strict=True):
        profile = SeekerProfile(
            user=user,
            cohort=row.cohort,
            display_name=row.display_name,
            birth_year=row.birth_year,
            birth_month=row.birth_month,
            area_id=row.area,
            location_lat=row.location_lat,
            location_lon=row.location_lon,
            is_resident=row.is_resident,
            school_name=row.school_name,
            school_in_city=row.school_in_city,
            graduation_year=row.graduation_year,
            entered_college=row.entered_college,
            career_break_years=row.career_break_years,
            career_break_reason=row.career_break_reason,
            career_fields=list(row.career_fields),
            skills=list(row.skills),
            certificates=list(row.certificates),
            experience=[dict(item) for item in row.experience],
            employment_types=list(row.employment_types),
            max_days_per_week=row.max_days_per_week,
            shifts=list(row.shifts),
            min_hourly_wage=row.min_hourly_wage,
            max_commute_km=row.max_commute_km,
            about=row.about,
            open_to_employers=row.open_to_employers,
        )
        profile.search_terms = profile_terms(
            skills=profile.skills,
            certificates=profile.certificates,
            experience=profile.experience,
            about=profile.about,
        )
        profiles.append(profile)
    return postings, _bulk(SeekerProfile, profiles)


def run_pipeline(
    world: World, policy: OrdinancePolicy, progress: Progress, backend_kind: str | None = None
) -> PipelineOutput:
    """Write the world, index it on a fresh backend of `backend_kind` (default the configured
    one), recommend for every seeker and solve one assignment; all rolled back and removed
    before returning (module docstring)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        seconds[name] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()

    _check_reference(world)
    with evaluation_backend(backend_kind) as backend, transaction.atomic():
        try:
            postings, profiles = _write_rows(world, uuid.uuid4().hex[:10])
            lap("write_rows")
            progress(f"rows written: {len(postings)} postings, {len(profiles)} seekers")
            rows = Posting.objects.filter(pk__in=[p.pk for p in postings]).select_related(
                "employer", "area"
            )
            documents = [d for d in (posting_document(p) for p in rows) if d is not None]
            for start in range(0, len(documents), BATCH):
                backend.index_postings(documents[start : start + BATCH])
            refresh = getattr(backend, "refresh", None)
            if refresh is not None:  # Elasticsearch: make the bulk writes searchable now
                refresh()
            lap("index")
            progress(f"indexed {len(documents)} postings on {backend.name}")
            posting_key = {
                p.pk: record.key for p, record in zip(postings, world.posting_records, strict=True)
            }
            seeker_key = {
                p.pk: record.key for p, record in zip(profiles, world.seeker_records, strict=True)
            }
            recorder = _RecordingBackend(backend)
            recommended: dict[int, list[Match]] = {}
            retrieved: dict[int, list[int]] = {}
            for number, profile in enumerate(profiles, start=1):
                key = seeker_key[profile.pk]
                recorder.forget()
                recommended[key] = recommend(
                    profile, policy, backend=cast(SearchBackend, recorder), keep=ASSIGN_CANDIDATES
                )
                retrieved[key] = [posting_key[hit.id] for hit in recorder.last_hits]
                if number % 100 == 0:
                    progress(f"recommended for {number}/{len(profiles)} seekers")
            lap("recommend")
            found = {p.pk: recommended[seeker_key[p.pk]] for p in profiles}
            problem = assignment_problem(profiles, found, policy)
            assignment = solve_assignment(problem)
            lap("assign")
            progress(f"assignment: {assignment.status}, {len(assignment.pairs)} placed")
            return PipelineOutput(
                backend=backend.name,
                recommended=recommended,
                retrieved=retrieved,
                posting_key=posting_key,
                seeker_key=seeker_key,
                documents={posting_key[d.id]: d for d in documents},
                profiles={seeker_key[p.pk]: p for p in profiles},
                assignment=assignment,
                problem=problem,
                seconds=seconds,
            )
        finally:
            # Whatever happened, nothing of the evaluation is committed.
            transaction.set_rollback(True)
