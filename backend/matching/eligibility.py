"""Who qualifies for which ordinance programme (조례 지원 대상 판정). Pure Python, no ORM.

`evaluate_eligibility` applies a policy document's `eligibility` rules to a seeker's facts and
explains every rule it checked, met or failed, in a short Korean sentence, so that a seeker (and
the staff member helping them) can see why. Programmes:

- `local_graduate` (고졸 지역인재): a local high-school graduate who did not enter college;
- `career_returner` (경력단절여성): a resident back from a career break for a listed reason;
- `senior_expert` (신중년 전문인력): a resident aged 50-69 with long experience.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Protocol

from backend.taxonomy.vocabulary import CAREER_BREAK_REASONS_KO

PROGRAMMES = ("local_graduate", "career_returner", "senior_expert")

RESIDENT = "시흥시 거주"
NOT_RESIDENT = "시흥시 거주 아님"


@dataclass(frozen=True)
class SeekerFacts:
    """The profile facts eligibility reads (nothing else of the profile is needed)."""

    is_resident: bool = False
    school_in_city: bool = False
    entered_college: bool = False
    graduation_year: int | None = None
    birth_year: int | None = None
    career_break_years: float | None = None
    career_break_reason: str = ""
    experience_years: float = 0.0


@dataclass(frozen=True)
class ProgrammeDecision:
    programme: str
    eligible: bool
    reasons: list[str] = field(default_factory=list)


class ProfileLike(Protocol):
    is_resident: bool
    school_in_city: bool
    entered_college: bool
    graduation_year: int | None
    birth_year: int | None
    career_break_years: float | None
    career_break_reason: str
    experience: Any


def experience_years(experience: Any) -> float:
    """The years of a profile's experience entries, summed; malformed entries count 0."""
    total = 0.0
    for item in experience if isinstance(experience, list) else []:
        years = item.get("years") if isinstance(item, dict) else None
        if isinstance(years, bool) or not isinstance(years, int | float):
            continue
        if math.isfinite(years) and years > 0:
            total += float(years)
    return total


def facts_of(profile: ProfileLike) -> SeekerFacts:
    """The eligibility facts of a seeker profile (any object with the profile's fields)."""
    return SeekerFacts(
        is_resident=bool(profile.is_resident),
        school_in_city=bool(profile.school_in_city),
        entered_college=bool(profile.entered_college),
        graduation_year=profile.graduation_year,
        birth_year=profile.birth_year,
        career_break_years=profile.career_break_years,
        career_break_reason=profile.career_break_reason or "",
        experience_years=experience_years(profile.experience),
    )


def _years(value: float) -> str:
    """1 → "1", 0.9 → "0.9", 7.25 → "7.25" (no trailing .0)."""
    return f"{round(value, 2):g}"


class _Rules:
    """Collects rule outcomes: eligible only when every checked rule is met."""

    def __init__(self) -> None:
        self.reasons: list[str] = []
        self.eligible = True

    def check(self, met: bool, reason: str) -> None:
        self.reasons.append(reason)
        self.eligible = self.eligible and met


def _local_graduate(facts: SeekerFacts, rule: dict[str, Any], this_year: int) -> _Rules:
    rules = _Rules()
    if rule["require_school_in_city_or_resident"]:
        if facts.school_in_city:
            rules.check(True, "시내 고등학교 졸업")
        elif facts.is_resident:
            rules.check(True, RESIDENT)
        else:
            rules.check(False, "시내 고등학교 졸업 아님, 시흥시 거주 아님")
    if rule["require_not_entered_college"]:
        if facts.entered_college:
            rules.check(False, "대학 진학 (고졸 인재 대상 아님)")
        else:
            rules.check(True, "대학 미진학")
    limit = rule["max_years_since_graduation"]
    year = facts.graduation_year
    if year is None:
        rules.check(False, "졸업 연도 미입력")
    elif year == this_year + 1:
        allowed = bool(rule["allow_expected_graduates"])
        rules.check(allowed, "내년 졸업 예정" + ("" if allowed else " (졸업 예정자 제외)"))
    elif year > this_year + 1:
        rules.check(False, f"{year}년 졸업 예정 (내년 졸업 예정자까지 대상)")
    elif year == this_year:
        rules.check(True, f"올해 졸업 ({limit}년 이내)")
    else:
        since = this_year - year
        met = since <= limit
        rules.check(met, f"졸업 {since}년 차 ({limit}년 {'이내' if met else '초과'})")
    return rules


def _residency(rules: _Rules, facts: SeekerFacts, rule: dict[str, Any]) -> None:
    if rule["require_resident"]:
        rules.check(facts.is_resident, RESIDENT if facts.is_resident else NOT_RESIDENT)


def _career_returner(facts: SeekerFacts, rule: dict[str, Any]) -> _Rules:
    rules = _Rules()
    _residency(rules, facts, rule)
    minimum = float(rule["min_break_years"])
    years = facts.career_break_years
    if years is None:
        rules.check(False, "경력 단절 기간 미입력")
    else:
        met = years >= minimum
        bound = f"{_years(minimum)}년 {'이상' if met else '미만'}"
        rules.check(met, f"경력 단절 {_years(years)}년 ({bound})")
    reason = facts.career_break_reason
    label = CAREER_BREAK_REASONS_KO.get(reason, reason)
    if not reason:
        rules.check(False, "경력 단절 사유 미입력")
    elif reason in rule["reasons"]:
        rules.check(True, f"경력 단절 사유: {label}")
    else:
        rules.check(False, f"경력 단절 사유 '{label}'은(는) 대상 사유가 아님")
    return rules


def _senior_expert(facts: SeekerFacts, rule: dict[str, Any], this_year: int) -> _Rules:
    rules = _Rules()
    _residency(rules, facts, rule)
    low, high = rule["min_age"], rule["max_age"]
    if facts.birth_year is None:
        rules.check(False, "출생 연도 미입력")
    else:
        # 연 나이 (this year − birth year), as the policy states the band.
        age = this_year - facts.birth_year
        rules.check(low <= age <= high, f"연 나이 {age}세 ({low}~{high}세)")
    minimum = float(rule["min_experience_years"])
    met = facts.experience_years >= minimum
    bound = f"{_years(minimum)}년 {'이상' if met else '미만'}"
    rules.check(met, f"경력 합계 {_years(facts.experience_years)}년 ({bound})")
    return rules


def evaluate_eligibility(
    facts: SeekerFacts, policy: dict[str, Any], *, this_year: int
) -> list[ProgrammeDecision]:
    """One decision per programme (in `PROGRAMMES` order) under a *valid* policy document.

    A programme is eligible when every rule the policy switches on is met; `reasons` lists one
    Korean sentence per rule checked, in the order checked, whether met or not.
    """
    rules = policy["eligibility"]
    outcomes = {
        "local_graduate": _local_graduate(facts, rules["local_graduate"], this_year),
        "career_returner": _career_returner(facts, rules["career_returner"]),
        "senior_expert": _senior_expert(facts, rules["senior_expert"], this_year),
    }
    return [
        ProgrammeDecision(
            programme=name, eligible=outcomes[name].eligible, reasons=outcomes[name].reasons
        )
        for name in PROGRAMMES
    ]
