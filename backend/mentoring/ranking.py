"""Ranking mentors for a mentoring request: plain Python, no database.

Score = 0.50 × field + 0.20 × capacity + 0.15 × kind + 0.15 × availability, each component
in [0, 1], so the score is in [0, 1]:

- `field`: 1 when the mentor lists the request's career field, else 0. It matters most: any
  mentor of the field (≥ 0.5 + a little capacity and kind) outranks every other mentor
  (≤ 0.20 + 0.15 + 0.15 = 0.50);
- `capacity`: free places / `max_mentees` (3 of 3 free scores 1, 1 of 3 ⅓), so load is
  spread; mentors with no free place are left out, since they could not accept;
- `kind`: how well the mentor's kind suits the question (`text_cues.question_kind`, from the
  request's topic and message, else the seeker's cohort): a college-major question (전공·진학)
  is best served by a college student (1.0; an expert 0.5), a work question by an expert (1.0;
  a college student 0.3); unknown: expert 1.0, college student 0.5;
- `availability`: whether the mentor can meet when the seeker can (`text_cues.time_slots`):
  1.0 when the mentor's slots fit the times the request names, or the request names none and
  the mentor wrote when they are free; 0.5 when the mentor wrote nothing (unknown), or wrote
  times we cannot read while the request names some (to confirm); 0.0 when both name slots
  and they do not meet (weekday evenings against "주말에만").

Ties go to more free places, then to the older mentor profile (lower id), so the order is
stable. Each suggestion carries short reasons in the active language ("평일 저녁 가능";
"available weekday evenings" in English).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext, gettext_lazy
from django_stubs_ext import StrPromise

from backend.mentoring.text_cues import QuestionKind, TimeSlots, question_kind, time_slots

WEIGHTS: dict[str, float] = {"field": 0.50, "capacity": 0.20, "kind": 0.15, "availability": 0.15}

EXPERT = "expert"
COLLEGE_STUDENT = "college_student"
KIND_FIT: dict[QuestionKind, dict[str, float]] = {
    "college": {COLLEGE_STUDENT: 1.0, EXPERT: 0.5},
    "work": {EXPERT: 1.0, COLLEGE_STUDENT: 0.3},
    "unknown": {EXPERT: 1.0, COLLEGE_STUDENT: 0.5},
}
KIND_REASONS: dict[tuple[QuestionKind, str], StrPromise] = {
    ("college", COLLEGE_STUDENT): gettext_lazy("대학생 멘토: 전공·진학 질문에 적합"),
    ("work", EXPERT): gettext_lazy("전문가 멘토: 직무 질문에 적합"),
}
KIND_DEFAULT_REASONS: dict[str, StrPromise] = {
    COLLEGE_STUDENT: gettext_lazy("대학생 멘토: 전공 선택 상담"),
    EXPERT: gettext_lazy("전문가 멘토: 직무 경험 상담"),
}


@dataclass(frozen=True)
class MentorCandidate:
    """What ranking needs to know about one mentor."""

    mentor_id: int
    kind: str
    career_fields: tuple[str, ...]
    max_mentees: int
    active_mentees: int
    availability: str = ""

    @property
    def free_places(self) -> int:
        return max(self.max_mentees - self.active_mentees, 0)


@dataclass(frozen=True)
class MentorSuggestion:
    candidate: MentorCandidate
    score: float
    components: dict[str, float] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


def _slots(slots: TimeSlots) -> str:
    """The slots in the active language ("평일 저녁" / "weekday evenings")."""
    return slots.english() if (get_language() or "ko").startswith("en") else slots.korean()


def availability_fit(*, availability: str, wanted: TimeSlots) -> tuple[float, str]:
    """The `availability` component and its reason: the mentor's text against the slots the
    request names (see the module docstring)."""
    if not availability.strip():
        return 0.5, gettext("가능 시간 미기재")
    offered = time_slots(availability)
    if not offered.said:
        if wanted.said:
            return 0.5, gettext("가능 시간 확인 필요")
        return 1.0, gettext("가능 시간 안내됨")
    if not wanted.said:
        return 1.0, gettext("%(slots)s 가능") % {"slots": _slots(offered)}
    if offered.fits(wanted):
        return 1.0, gettext("요청한 시간대에 가능: %(slots)s") % {"slots": _slots(offered)}
    return 0.0, gettext("요청과 다른 시간대: %(slots)s") % {"slots": _slots(offered)}


def _score(
    *, career_field: str, question: QuestionKind, wanted: TimeSlots, candidate: MentorCandidate
) -> MentorSuggestion:
    field_match = 1.0 if career_field in candidate.career_fields else 0.0
    capacity = candidate.free_places / candidate.max_mentees if candidate.max_mentees else 0.0
    kind_fit = KIND_FIT[question].get(candidate.kind, 0.0)
    availability, availability_reason = availability_fit(
        availability=candidate.availability, wanted=wanted
    )
    components = {
        "field": field_match,
        "capacity": round(capacity, 4),
        "kind": kind_fit,
        "availability": availability,
    }
    score = sum(WEIGHTS[name] * value for name, value in components.items())
    reasons = [
        gettext("요청한 계열의 멘토") if field_match else gettext("다른 계열의 멘토"),
        gettext("멘티 자리 %(count)s곳 남음") % {"count": candidate.free_places},
        str(
            KIND_REASONS.get((question, candidate.kind))
            or KIND_DEFAULT_REASONS.get(candidate.kind, KIND_DEFAULT_REASONS[EXPERT])
        ),
        availability_reason,
    ]
    return MentorSuggestion(
        candidate=candidate, score=round(score, 4), components=components, reasons=tuple(reasons)
    )


def score_mentor(
    *, career_field: str, cohort: str | None, candidate: MentorCandidate, request_text: str = ""
) -> MentorSuggestion:
    """The score, its components and the Korean reasons for one mentor; `request_text` is
    the request's topic and message (it names the question kind and any wanted times)."""
    return _score(
        career_field=career_field,
        question=question_kind(text=request_text, cohort=cohort),
        wanted=time_slots(request_text),
        candidate=candidate,
    )


def rank_mentors(
    *,
    career_field: str,
    cohort: str | None,
    candidates: Iterable[MentorCandidate],
    request_text: str = "",
) -> list[MentorSuggestion]:
    """Mentors with a free place, best first (see the module docstring for the scoring)."""
    question = question_kind(text=request_text, cohort=cohort)
    wanted = time_slots(request_text)
    suggestions = [
        _score(career_field=career_field, question=question, wanted=wanted, candidate=candidate)
        for candidate in candidates
        if candidate.free_places > 0
    ]
    suggestions.sort(key=lambda s: (-s.score, -s.candidate.free_places, s.candidate.mentor_id))
    return suggestions
