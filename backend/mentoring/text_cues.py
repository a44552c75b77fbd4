"""What the words of a mentor and of a request say, for ranking: plain Python, no database.

Two cues, both read from free Korean text by fixed word lists (no model, so every result can
be explained by the words that produced it):

- **time slots** (`time_slots`): days (평일 = weekdays, 주말 = weekend) and times of day
  (오전 = morning, 오후 = afternoon, 저녁 = evening) named in a mentor's `availability`
  ("평일 저녁", "화·목 오후", "월~금 19시 이후" — the last gives only the days) or in a
  request's topic and message ("주말에만 시간이 돼요");
- **question kind** (`question_kind`): a college-major question (전공·진학·대학…) or a work
  question (취업·자격증·면접…), by which word list the request's text hits more often; a tie,
  including no hit, is decided by the seeker's cohort — a local graduate (`graduate`) is
  deciding on a major, returners and seniors ask about work — and is unknown without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

WEEKDAY = "weekday"
WEEKEND = "weekend"
MORNING = "morning"
AFTERNOON = "afternoon"
EVENING = "evening"
ALL_DAYS = frozenset({WEEKDAY, WEEKEND})
ALL_TIMES = frozenset({MORNING, AFTERNOON, EVENING})

# Whole words only: single day letters (월, 수, 금…) hide inside ordinary words (금속, 수업).
DAY_WORDS: dict[str, frozenset[str]] = {
    "평일": frozenset({WEEKDAY}),
    "주중": frozenset({WEEKDAY}),
    "주말": frozenset({WEEKEND}),
    "토요일": frozenset({WEEKEND}),
    "일요일": frozenset({WEEKEND}),
    "월요일": frozenset({WEEKDAY}),
    "화요일": frozenset({WEEKDAY}),
    "수요일": frozenset({WEEKDAY}),
    "목요일": frozenset({WEEKDAY}),
    "금요일": frozenset({WEEKDAY}),
}
TIME_WORDS: dict[str, frozenset[str]] = {
    "오전": frozenset({MORNING}),
    "아침": frozenset({MORNING}),
    "오후": frozenset({AFTERNOON}),
    "점심": frozenset({AFTERNOON}),
    "저녁": frozenset({EVENING}),
    "퇴근 후": frozenset({EVENING}),
    "퇴근후": frozenset({EVENING}),
    "야간": frozenset({EVENING}),
    "밤": frozenset({EVENING}),
}
ANY_TIME_WORDS = ("언제든", "언제나", "상시", "아무 때", "아무때", "시간 무관", "요일 무관")

DAY_LETTERS = "월화수목금토일"
# A list or range of day letters, standing alone: "화·목", "월~금", "토/일", "월, 수, 금".
DAY_LETTER_RUN = re.compile(
    rf"(?<![가-힣])([{DAY_LETTERS}](?:\s*[·,/~\-]\s*[{DAY_LETTERS}])+)(?![가-힣])"
)

SLOT_NAMES_KO = {
    WEEKDAY: "평일",
    WEEKEND: "주말",
    MORNING: "오전",
    AFTERNOON: "오후",
    EVENING: "저녁",
}
SLOT_NAMES_EN = {
    MORNING: "mornings",
    AFTERNOON: "afternoons",
    EVENING: "evenings",
}


@dataclass(frozen=True)
class TimeSlots:
    """Days and times of day named in a text; an empty set means "not said"."""

    days: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()

    @property
    def said(self) -> bool:
        return bool(self.days or self.times)

    def fits(self, wanted: TimeSlots) -> bool:
        """Whether these slots can meet `wanted`: on each axis both said something and it
        overlaps, or one of them said nothing on it (no constraint there)."""
        days_fit = not (self.days and wanted.days) or bool(self.days & wanted.days)
        times_fit = not (self.times and wanted.times) or bool(self.times & wanted.times)
        return days_fit and times_fit

    def korean(self) -> str:
        """ "평일 저녁", "주말 오전·오후"; "" when nothing was said."""
        return " ".join(
            "·".join(SLOT_NAMES_KO[slot] for slot in order if slot in chosen)
            for chosen, order in (
                (self.days, (WEEKDAY, WEEKEND)),
                (self.times, (MORNING, AFTERNOON, EVENING)),
            )
            if chosen
        )

    def english(self) -> str:
        """ "weekday evenings", "weekend mornings/afternoons", "weekdays"; "" when nothing."""
        days = [slot for slot in (WEEKDAY, WEEKEND) if slot in self.days]
        times = "/".join(
            SLOT_NAMES_EN[slot] for slot in (MORNING, AFTERNOON, EVENING) if slot in self.times
        )
        if days and times:
            return f"{'/'.join(days)} {times}"
        return times or "/".join(f"{day}s" for day in days)


def _day_letters(run: str) -> set[str]:
    """The days a run such as "화·목" or "월~금" names (a `~` or `-` is an inclusive range)."""
    letters = [letter for letter in run if letter in DAY_LETTERS]
    ranges = re.findall(rf"([{DAY_LETTERS}])\s*[~\-]\s*([{DAY_LETTERS}])", run)
    named = set(letters)
    for start, end in ranges:
        first, last = DAY_LETTERS.index(start), DAY_LETTERS.index(end)
        if first <= last:
            named.update(DAY_LETTERS[first : last + 1])
    return named


def time_slots(text: str) -> TimeSlots:
    """The days and times of day that `text` names (see the module docstring)."""
    if any(word in text for word in ANY_TIME_WORDS):
        return TimeSlots(days=ALL_DAYS, times=ALL_TIMES)
    days: set[str] = set()
    times: set[str] = set()
    for word, slots in DAY_WORDS.items():
        if word in text:
            days |= slots
    for run in DAY_LETTER_RUN.findall(text):
        for letter in _day_letters(run):
            days.add(WEEKEND if letter in "토일" else WEEKDAY)
    for word, slots in TIME_WORDS.items():
        if word in text:
            times |= slots
    return TimeSlots(days=frozenset(days), times=frozenset(times))


QuestionKind = Literal["college", "work", "unknown"]

COLLEGE_WORDS = (
    "전공",
    "진학",
    "대학",
    "학과",
    "입시",
    "수시",
    "정시",
    "수능",
    "편입",
    "학점",
    "휴학",
    "복학",
    "자퇴",
    "신입생",
)
WORK_WORDS = (
    "취업",
    "취직",
    "이직",
    "직무",
    "직장",
    "회사",
    "자격증",
    "면접",
    "이력서",
    "자기소개서",
    "채용",
    "현장",
    "실무",
    "경력",
    "창업",
    "연봉",
    "근무",
)
COHORT_QUESTION: dict[str, QuestionKind] = {
    "graduate": "college",
    "returner": "work",
    "senior": "work",
}


def question_kind(*, text: str, cohort: str | None) -> QuestionKind:
    """A college-major question, a work question, or unknown (see the module docstring)."""
    college = sum(1 for word in COLLEGE_WORDS if word in text)
    work = sum(1 for word in WORK_WORDS if word in text)
    if college != work:
        return "college" if college > work else "work"
    return COHORT_QUESTION.get(cohort or "", "unknown")
