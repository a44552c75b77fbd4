"""Training suggestions (skill gap → training, 직업훈련 추천): the certificates and skills that
most often keep a seeker from the postings they nearly match, with the courses that give them.

A near miss is a posting that the recommendation's retrieval finds for the seeker (the same
search as `recommend.recommend`: their terms, within their schedule and commute) and that fails
on requirements only — it passes every other hard filter (schedule, commute, cohort, deadline,
the minors' rules), and the seeker lacks at least one of its required certificates or required
skills, but at most `MAX_MISSING` of them in all (a posting missing five things is not near).
Each missing certificate or skill is counted once per near-miss posting; the most frequent come
first (ties: certificates first, then by name). A course answers a gap when it gives that
certificate (same code: names, spacing and aliases normalized as matching does) or teaches a
skill that matching would count as the same (`scoring` similarity). Courses are the shown ones
that have not ended (`backend.training`), soonest first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from backend.matching.facts import certificate_code, posting_side, seeker_side, today
from backend.matching.models import OrdinancePolicy
from backend.matching.recommend import retrieval_query
from backend.matching.scoring import requirement_gaps, similar_skill
from backend.seekers.models import SeekerProfile
from backend.taxonomy.normalize import normalize_term
from backend.training.models import TrainingCourse
from backend.training.selectors import courses_open
from search.backends import get_backend
from search.backends.base import SearchBackend

MAX_MISSING = 2  # requirements a posting may lack and still be a near miss
MAX_GAPS = 5  # gaps shown
MAX_COURSES = 3  # courses shown per gap

CERTIFICATE = "certificate"
SKILL = "skill"


@dataclass(frozen=True)
class Gap:
    """A certificate or skill missing from `postings` near-miss postings."""

    kind: str  # certificate | skill
    key: str  # certificate code, or normalized skill
    name: str  # as the first posting wrote it
    postings: int
    courses: tuple[TrainingCourse, ...]


@dataclass(frozen=True)
class Suggestions:
    near_misses: int
    gaps: tuple[Gap, ...]


def _course_keys(course: TrainingCourse) -> tuple[frozenset[str], frozenset[str]]:
    certificates = frozenset(certificate_code(name) for name in course.certificates if name)
    # A course preparing for a certificate teaches its skill ("지게차" ~ "지게차운전기능사").
    skills = frozenset(
        normalize_term(name) for name in [*course.skills, *course.certificates] if name
    )
    return certificates, skills


def _answers(kind: str, key: str, keys: tuple[frozenset[str], frozenset[str]]) -> bool:
    certificates, skills = keys
    if kind == CERTIFICATE:
        return key in certificates
    return any(similar_skill(key, taught) for taught in skills)


def training_suggestions(
    profile: SeekerProfile,
    policy: OrdinancePolicy,
    *,
    backend: SearchBackend | None = None,
    limit: int = MAX_GAPS,
) -> Suggestions:
    """The seeker's most frequent requirement gaps over their near misses, each with the
    courses that close it (one search query and one catalogue query)."""
    backend = backend or get_backend()
    document = policy.document
    on = today()
    seeker = seeker_side(profile, document, this_year=on.year)
    # The recommendations' retrieval without its certificate filter: the postings a missing
    # certificate blocks are exactly the near misses counted here.
    query = replace(retrieval_query(profile, seeker, on=on), certificates_held=None)
    hits = backend.search_postings(query).hits
    counts: Counter[tuple[str, str]] = Counter()
    names: dict[tuple[str, str], str] = {}
    near = 0
    for hit in hits:
        if hit.document.openings_left <= 0:
            continue
        missing_of = requirement_gaps(seeker, posting_side(hit.document, document), on)
        if missing_of is None:
            continue
        certificates, skills = missing_of
        missing = [(CERTIFICATE, k, n) for k, n in certificates] + [
            (SKILL, k, n) for k, n in skills
        ]
        if not 1 <= len(missing) <= MAX_MISSING:
            continue
        near += 1
        for kind, key, name in dict.fromkeys(missing):
            counts[(kind, key)] += 1
            names.setdefault((kind, key), name)
    ranked = sorted(
        counts.items(), key=lambda item: (-item[1], item[0][0] != CERTIFICATE, names[item[0]])
    )
    top = ranked[:limit]
    courses = [(course, _course_keys(course)) for course in courses_open(today=on)] if top else []
    found = tuple(
        Gap(
            kind=kind,
            key=key,
            name=names[(kind, key)],
            postings=count,
            courses=tuple(course for course, keys in courses if _answers(kind, key, keys))[
                :MAX_COURSES
            ],
        )
        for (kind, key), count in top
    )
    return Suggestions(near_misses=near, gaps=found)
