"""The planted truth: latent seekers and postings, and how good each pair really is.

A latent seeker is what a person really wants and can do — the occupations they would be glad
to do (`targets`), the skills and certificates they really have, years of experience, the
schedule and commute they can manage, the wage they need — of which the profile is only a noisy
rendering (`generator`). A latent posting is what a job really demands. The grade of a pair is
a function of these latent variables alone; it is never computed from the observable rows, and
the scorer (`backend.matching.scoring`) is never consulted.

Grades (0-3):

- 0 when a hard constraint fails (`hard_failures`): a required certificate the seeker does not
  hold, an employment type they do not accept, more days than they can work, no shift in common,
  a commute beyond their limit, a cohort the posting does not take, a deadline already passed;
- otherwise from the utility `u` in [0, 1] (`utility`): 3 when u ≥ 0.70 (an ideal job),
  2 when u ≥ 0.45 (a good one), 1 when u ≥ 0.20 (acceptable), else 0 (not for them).

u = affinity × (0.5 + 0.5·skill) × (0.6 + 0.4·qualified) × (0.7 + 0.3·pay) × nearness, where

- affinity: 1 for a target occupation, 0.6 another occupation of the seeker's main field,
  0.35 one of the second field, 0 elsewhere; a senior who wants expert work (신중년 전문인력)
  values an ordinary job at 0.4 of that;
- skill: 0.75 × share of the required skills held + 0.25 × share of the preferred ones
  (a posting without required skills counts as all held; without preferred ones, half);
- qualified: years of experience credited (in the same occupation fully — for expert work, in
  the same field — others half) against the posting's minimum, capped at 1 (1 without one);
- pay: 1 at or above the seeker's wage need, falling to 0 at 15% below it;
- nearness: 1 − 0.3 × distance / limit (the limit is the seeker's commute limit, else 25 km):
  within the limit distance matters, but little — a far good job stays good.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from backend.matching.scoring import Point, distance_km

GRADE_CUTS = (0.20, 0.45, 0.70)  # utility at which grades 1, 2 and 3 start
IDEAL_GRADE = 2  # the postings a seeker should be shown: good (2) or ideal (3)
UNBOUNDED_COMMUTE_KM = 25.0  # the scale of nearness for a seeker without a commute limit
FIELD_AFFINITY = (1.0, 0.6, 0.35)  # target occupation, main field, second field
ORDINARY_WORK_FOR_EXPERTS = 0.4  # what an ordinary job is worth to a senior seeking expert work
WAGE_TOLERANCE = 0.15  # pay falls to 0 this far below the wage need
NEARNESS_WEIGHT = 0.3


@dataclass(frozen=True)
class LatentSeeker:
    """A seeker as they really are. Hard preferences (`employment_types`, `max_days_per_week`,
    `shifts`, `max_commute_km`) are stated on the profile exactly; empty sets and None mean
    "any". `experience` holds (occupation code, its career field, years)."""

    key: int
    cohort: str
    area: str
    home: Point
    primary_field: str
    secondary_field: str | None
    targets: frozenset[str]
    skills: frozenset[str]
    certificates: frozenset[str]
    experience: tuple[tuple[str, str, float], ...]
    employment_types: frozenset[str]
    max_days_per_week: int | None
    shifts: frozenset[str]
    max_commute_km: float | None
    wage_need: int
    wants_expert: bool
    cases: frozenset[str]  # hard-case labels (see generator.HARD_CASES)


@dataclass(frozen=True)
class LatentPosting:
    """A posting as it really is; `certificates_required` (codes) is a true gate."""

    key: int
    kind: str  # occupation code of its job kind
    career_field: str
    expert: bool
    employer: int
    area: str
    location: Point
    skills_required: tuple[str, ...]
    skills_preferred: tuple[str, ...]
    certificates_required: frozenset[str]
    certificates_preferred: tuple[str, ...]
    min_experience_years: int
    employment_type: str
    days_per_week: int
    shifts: frozenset[str]
    hourly_wage: int
    cohorts_welcome: frozenset[str]  # empty = all
    deadline: datetime.date
    case: str = ""  # "far_good" | "near_bad" | "stale" | "" (see generator.HARD_CASES)
    planted_for: int | None = None  # the seeker a planted posting was made for


def hard_failures(
    seeker: LatentSeeker, posting: LatentPosting, today: datetime.date
) -> tuple[str, ...]:
    """The planted hard constraints the pair breaks (empty: the pair is feasible)."""
    failures = []
    if posting.deadline < today:
        failures.append("deadline")
    if not posting.certificates_required <= seeker.certificates:
        failures.append("certificate")
    if seeker.employment_types and posting.employment_type not in seeker.employment_types:
        failures.append("employment_type")
    if seeker.max_days_per_week is not None and posting.days_per_week > seeker.max_days_per_week:
        failures.append("days")
    if seeker.shifts and posting.shifts and not seeker.shifts & posting.shifts:
        failures.append("shifts")
    if posting.cohorts_welcome and seeker.cohort not in posting.cohorts_welcome:
        failures.append("cohort")
    if (
        seeker.max_commute_km is not None
        and distance_km(seeker.home, posting.location) > seeker.max_commute_km
    ):
        failures.append("commute")
    return tuple(failures)


def affinity(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """How much the seeker wants this kind of work, whatever their qualifications."""
    if posting.kind in seeker.targets:
        value = FIELD_AFFINITY[0]
    elif posting.career_field == seeker.primary_field:
        value = FIELD_AFFINITY[1]
    elif posting.career_field == seeker.secondary_field:
        value = FIELD_AFFINITY[2]
    else:
        return 0.0
    if seeker.wants_expert and not posting.expert:
        value *= ORDINARY_WORK_FOR_EXPERTS
    return value


def _skill(seeker: LatentSeeker, posting: LatentPosting) -> float:
    required = posting.skills_required
    preferred = posting.skills_preferred
    held_required = sum(s in seeker.skills for s in required) / len(required) if required else 1.0
    held_preferred = (
        sum(s in seeker.skills for s in preferred) / len(preferred) if preferred else 0.5
    )
    return 0.75 * held_required + 0.25 * held_preferred


def _qualified(seeker: LatentSeeker, posting: LatentPosting) -> float:
    if posting.min_experience_years <= 0:
        return 1.0
    # Expert work (advice, teaching) draws on a whole field: a welder of 25 years can teach
    # machining. Ordinary work counts years in the same occupation fully, others half.
    credited = sum(
        years
        if occupation == posting.kind or (posting.expert and field == posting.career_field)
        else 0.5 * years
        for occupation, field, years in seeker.experience
    )
    return min(1.0, credited / posting.min_experience_years)


def _pay(seeker: LatentSeeker, posting: LatentPosting) -> float:
    if posting.hourly_wage >= seeker.wage_need:
        return 1.0
    shortfall = (seeker.wage_need - posting.hourly_wage) / (WAGE_TOLERANCE * seeker.wage_need)
    return max(0.0, 1.0 - shortfall)


def utility(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """The latent utility of a feasible pair, in [0, 1] (module docstring)."""
    wanted = affinity(seeker, posting)
    if wanted <= 0.0:
        return 0.0
    limit = seeker.max_commute_km or UNBOUNDED_COMMUTE_KM
    nearness = 1.0 - NEARNESS_WEIGHT * min(1.0, distance_km(seeker.home, posting.location) / limit)
    return (
        wanted
        * (0.5 + 0.5 * _skill(seeker, posting))
        * (0.6 + 0.4 * _qualified(seeker, posting))
        * (0.7 + 0.3 * _pay(seeker, posting))
        * nearness
    )


def grade(seeker: LatentSeeker, posting: LatentPosting, today: datetime.date) -> int:
    """The true relevance grade 0-3 of the pair (module docstring)."""
    # Affinity first: it is cheap and 0 for most pairs, which are then grade 0 either way.
    if affinity(seeker, posting) <= 0.0 or hard_failures(seeker, posting, today):
        return 0
    value = utility(seeker, posting)
    return sum(value >= cut for cut in GRADE_CUTS)


def seeker_grades(
    seeker: LatentSeeker, postings: tuple[LatentPosting, ...], today: datetime.date
) -> dict[int, int]:
    """posting key → grade, for the postings of grade ≥ 1 only (the rest are 0)."""
    grades = {}
    for posting in postings:
        value = grade(seeker, posting, today)
        if value:
            grades[posting.key] = value
    return grades
