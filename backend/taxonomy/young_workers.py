"""연소근로자 보호 (young workers' protection): the age rule and the one posting predicate.

The numbers live in `data/young_workers.yaml` (근로기준법 §64, §65 with 시행령 별표 4, §69, §70).
Two things are decided here, and only here:

- `labour_age`: the age these rules use — 만 나이 (full years) counting the birth month as not
  yet reached, because we never ask for the day (PIPA: the minimum);
- `minor_restrictions` / `suitable_for_minors`: whether a posting may be shown to a seeker
  under 18. Search documents carry its answer (`PostingDocument.minor_suitable`), so that both
  search backends filter on it and matching's hard filter reads it; applications check it again
  on the row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import yaml
from django.utils import timezone

from backend.taxonomy.models import Occupation
from backend.taxonomy.normalize import normalize_term

RULES_PATH = Path(__file__).parent / "data" / "young_workers.yaml"
SEOUL = ZoneInfo("Asia/Seoul")
MINUTES_PER_DAY = 24 * 60

# Restriction codes (`minor_restrictions`); hazardous work adds "hazardous:<code of 별표 4 item>".
NIGHT_WORK = "night_work"
HOURS_UNKNOWN = "hours_unknown"
HOLIDAY_WORK = "holiday_work"
DAILY_HOURS = "daily_hours"
WEEKLY_HOURS = "weekly_hours"
HAZARDOUS = "hazardous"


@dataclass(frozen=True)
class HazardousWork:
    """One item of 근로기준법 시행령 별표 4 for workers under 18."""

    code: str
    clause: str
    occupations: tuple[str, ...]  # occupation codes (taxonomy.Occupation)
    patterns: tuple[str, ...]  # normalized words looked for in a posting's title and occupation


@dataclass(frozen=True)
class YoungWorkerRules:
    min_registration_age: int
    adult_age: int
    birth_month_required_up_to: int
    night: tuple[int, int]  # minutes after midnight: start, end
    shifts: dict[str, tuple[int, int]]
    unspecified_shifts_suitable: bool
    max_hours_per_day: float
    max_hours_per_week: float
    hazardous_work: tuple[HazardousWork, ...]


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value < MINUTES_PER_DAY:
        raise ValueError(f"{RULES_PATH.name}: not a clock time: {clock!r}")
    return value


def _span(item: dict[str, str]) -> tuple[int, int]:
    return _minutes(item["start"]), _minutes(item["end"])


def parse_rules(document: dict[str, Any]) -> YoungWorkerRules:
    """The rules of a document shaped like `young_workers.yaml` (KeyError/ValueError if not)."""
    return YoungWorkerRules(
        min_registration_age=int(document["min_registration_age"]),
        adult_age=int(document["adult_age"]),
        birth_month_required_up_to=int(document["birth_month_required_up_to_year_difference"]),
        night=_span(document["night_window"]),
        shifts={code: _span(item) for code, item in document["shifts"].items()},
        unspecified_shifts_suitable=bool(document["unspecified_shifts_suitable"]),
        max_hours_per_day=float(document["max_hours_per_day"]),
        max_hours_per_week=float(document["max_hours_per_week"]),
        hazardous_work=tuple(
            HazardousWork(
                code=str(item["code"]),
                clause=str(item["clause"]),
                occupations=tuple(item.get("occupations") or ()),
                patterns=tuple(normalize_term(p) for p in item.get("patterns") or ()),
            )
            for item in document["hazardous_work"]
        ),
    )


@lru_cache(maxsize=1)
def rules() -> YoungWorkerRules:
    """The rules in force (read once per process from `young_workers.yaml`)."""
    document = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{RULES_PATH} does not hold a mapping")
    return parse_rules(document)


# --- age --------------------------------------------------------------------------------------


def seoul_today() -> datetime.date:
    """Today in Korea, whatever the server's zone: birthdays are Korean calendar days."""
    return timezone.localdate(timezone=SEOUL)


def labour_age(birth_year: int, birth_month: int | None, today: datetime.date) -> int:
    """The age (만 나이) the young workers' rules use, in full years on `today`.

    We know the birth year and month, never the day, so the birthday of a person born in
    month m of year y counts as reached only once month m is over: during months 1..m of a year
    they are (year − y − 1), from month m+1 on (year − y). Born 2010-06: 15 until 2026-06-30,
    16 from 2026-07-01. Without a month the birthday counts as reached only when the year is
    over (as if born in December): the youngest the person can be. Never older than the true
    age, so a rule for "under N" never lets an under-N person through.
    """
    age = today.year - birth_year
    if birth_month is None or today.month <= birth_month:
        age -= 1
    return age


def birth_month_required(birth_year: int | None, today: datetime.date) -> bool:
    """Whether a profile must give its birth month: (this year − birth year) ≤ 19, where the
    month can decide whether the person is under 15 or under 18."""
    return birth_year is not None and today.year - birth_year <= rules().birth_month_required_up_to


class HasBirth(Protocol):
    @property
    def birth_year(self) -> int | None: ...
    @property
    def birth_month(self) -> int | None: ...


def age_of(person: HasBirth, today: datetime.date | None = None) -> int | None:
    """`labour_age` of a profile (None when it gives no birth year)."""
    if person.birth_year is None:
        return None
    return labour_age(person.birth_year, person.birth_month, today or seoul_today())


def too_young_to_register(age: int | None) -> bool:
    """Under the platform's registration age (15; 13-14 would need a 취직인허증)."""
    return age is not None and age < rules().min_registration_age


def is_minor(age: int | None) -> bool:
    """Under 18 (연소자): the postings shown are limited to `suitable_for_minors` ones."""
    return age is not None and age < rules().adult_age


# --- postings ---------------------------------------------------------------------------------


def _pieces(span: tuple[int, int]) -> list[tuple[int, int]]:
    """A daily span as half-open minute intervals within one day (split at midnight)."""
    start, end = span
    if end > start:
        return [(start, end)]
    return [(start, MINUTES_PER_DAY), (0, end)] if end else [(start, MINUTES_PER_DAY)]


def _overlaps(span: tuple[int, int], window: tuple[int, int]) -> bool:
    """Whether two daily clock spans share a minute (either may run past midnight): 18:00-22:00
    and 22:00-06:00 do not; 21:00-23:00 and 22:00-06:00 do."""
    return any(
        a_start < b_end and b_start < a_end
        for a_start, a_end in _pieces(span)
        for b_start, b_end in _pieces(window)
    )


def night_shifts() -> frozenset[str]:
    """The shift codes whose hours touch the night window (22:00-06:00)."""
    table = rules()
    return frozenset(code for code, span in table.shifts.items() if _overlaps(span, table.night))


@lru_cache(maxsize=1)
def _hazardous_occupation_names() -> dict[str, str]:
    """Normalized occupation name → 별표 4 item code, for the occupation codes the data maps."""
    wanted = {code: item.code for item in rules().hazardous_work for code in item.occupations}
    return {
        normalize_term(name): wanted[code]
        for code, name in Occupation.objects.filter(code__in=wanted).values_list("code", "name")
    }


def hazardous_items(*, occupation: str, title: str) -> list[HazardousWork]:
    """The 별표 4 items a posting falls under, by its occupation and the words of its title."""
    occupation_key = normalize_term(occupation)
    text = normalize_term(f"{title} {occupation}")
    by_name = _hazardous_occupation_names().get(occupation_key)
    return [
        item
        for item in rules().hazardous_work
        if item.code == by_name or any(pattern and pattern in text for pattern in item.patterns)
    ]


def minor_restrictions(
    *,
    shifts: Iterable[str],
    holiday_work: bool,
    hours_per_day: float | None,
    days_per_week: int,
    occupation: str,
    title: str,
) -> list[str]:
    """Why a posting may not be shown to a seeker under 18 (empty: it may be).

    §70: no night work (a shift touching 22:00-06:00; no shift named = hours unknown) and no
    holiday work; §69: at most 7 hours a day and 35 a week (hours a day × days a week; unknown
    daily hours count as too many); §65: no work of 시행령 별표 4.
    """
    table = rules()
    found: list[str] = []
    named = set(shifts)
    if named & night_shifts() or named - set(table.shifts):
        found.append(NIGHT_WORK)
    elif not named and not table.unspecified_shifts_suitable:
        found.append(HOURS_UNKNOWN)
    if holiday_work:
        found.append(HOLIDAY_WORK)
    if hours_per_day is None or hours_per_day > table.max_hours_per_day:
        found.append(DAILY_HOURS)
    if hours_per_day is None or hours_per_day * days_per_week > table.max_hours_per_week:
        found.append(WEEKLY_HOURS)
    found.extend(
        f"{HAZARDOUS}:{item.code}" for item in hazardous_items(occupation=occupation, title=title)
    )
    return found


class PostingLike(Protocol):
    @property
    def shifts(self) -> Any: ...
    @property
    def holiday_work(self) -> bool: ...
    @property
    def hours_per_day(self) -> Any: ...
    @property
    def days_per_week(self) -> int: ...
    @property
    def occupation(self) -> str: ...
    @property
    def title(self) -> str: ...


def posting_minor_restrictions(posting: PostingLike) -> list[str]:
    """`minor_restrictions` of a posting row (or anything with its fields)."""
    hours = posting.hours_per_day
    return minor_restrictions(
        shifts=list(posting.shifts or ()),
        holiday_work=bool(posting.holiday_work),
        hours_per_day=float(hours) if hours is not None else None,
        days_per_week=int(posting.days_per_week),
        occupation=posting.occupation or "",
        title=posting.title or "",
    )


def suitable_for_minors(posting: PostingLike) -> bool:
    """The one predicate: may this posting be shown to (and applied for by) a seeker under 18?"""
    return not posting_minor_restrictions(posting)
