"""Ranking mentors for a mentoring request: plain Python, no database.

Score = 0.60 × field + 0.25 × capacity + 0.15 × kind, each component in [0, 1]:

- `field`: 1 when the mentor lists the request's career field, else 0 — a mentor of the
  right field matters most;
- `capacity`: free places / `max_mentees` (a mentor with 3 of 3 places free scores 1, one
  with 1 of 3 free ⅓), so load is spread; mentors with no free place are left out, since
  they could not accept;
- `kind`: how well the mentor's kind suits the seeker's cohort — a recent graduate deciding
  on a college major is best served by a college student (1.0; an expert 0.6); returners and
  seniors by an expert (1.0; a college student 0.3); without a profile, expert 1.0, student 0.5.

Ties go to more free places, then to the older mentor profile (lower id), so the order is
stable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

WEIGHTS: dict[str, float] = {"field": 0.60, "capacity": 0.25, "kind": 0.15}

EXPERT = "expert"
COLLEGE_STUDENT = "college_student"
KIND_FIT: dict[str | None, dict[str, float]] = {
    "graduate": {COLLEGE_STUDENT: 1.0, EXPERT: 0.6},
    "returner": {EXPERT: 1.0, COLLEGE_STUDENT: 0.3},
    "senior": {EXPERT: 1.0, COLLEGE_STUDENT: 0.3},
    None: {EXPERT: 1.0, COLLEGE_STUDENT: 0.5},
}


@dataclass(frozen=True)
class MentorCandidate:
    """What ranking needs to know about one mentor."""

    mentor_id: int
    kind: str
    career_fields: tuple[str, ...]
    max_mentees: int
    active_mentees: int

    @property
    def free_places(self) -> int:
        return max(self.max_mentees - self.active_mentees, 0)


@dataclass(frozen=True)
class MentorSuggestion:
    candidate: MentorCandidate
    score: float
    components: dict[str, float] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


def score_mentor(
    *, career_field: str, cohort: str | None, candidate: MentorCandidate
) -> MentorSuggestion:
    """The score, its components and the Korean reasons for one mentor."""
    field_match = 1.0 if career_field in candidate.career_fields else 0.0
    capacity = candidate.free_places / candidate.max_mentees if candidate.max_mentees else 0.0
    kind_fit = KIND_FIT.get(cohort, KIND_FIT[None]).get(candidate.kind, 0.0)
    components = {"field": field_match, "capacity": round(capacity, 4), "kind": kind_fit}
    score = sum(WEIGHTS[name] * value for name, value in components.items())
    reasons = []
    if field_match:
        reasons.append("요청한 계열의 멘토 (mentors the requested career field)")
    else:
        reasons.append("다른 계열의 멘토 (mentors another career field)")
    reasons.append(
        f"멘티 자리 {candidate.free_places}곳 남음 ({candidate.free_places} places free)"
    )
    if candidate.kind == COLLEGE_STUDENT:
        reasons.append("대학생 멘토: 전공 선택 상담 (college student: advice on majors)")
    else:
        reasons.append("전문가 멘토: 직무 경험 상담 (expert: advice from work experience)")
    return MentorSuggestion(
        candidate=candidate, score=round(score, 4), components=components, reasons=tuple(reasons)
    )


def rank_mentors(
    *, career_field: str, cohort: str | None, candidates: Iterable[MentorCandidate]
) -> list[MentorSuggestion]:
    """Mentors with a free place, best first (see the module docstring for the scoring)."""
    suggestions = [
        score_mentor(career_field=career_field, cohort=cohort, candidate=candidate)
        for candidate in candidates
        if candidate.free_places > 0
    ]
    suggestions.sort(key=lambda s: (-s.score, -s.candidate.free_places, s.candidate.mentor_id))
    return suggestions
