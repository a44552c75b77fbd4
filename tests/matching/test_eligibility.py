"""Eligibility rules as data: each row a seeker's facts, the programme, and the decision."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from backend.matching.eligibility import (
    PROGRAMMES,
    SeekerFacts,
    evaluate_eligibility,
    experience_years,
)
from backend.matching.policy import load_default_policy

THIS_YEAR = 2026
POLICY = load_default_policy()

GRADUATE = SeekerFacts(is_resident=False, school_in_city=True, graduation_year=2024)
RETURNER = SeekerFacts(is_resident=True, career_break_years=3, career_break_reason="childcare")
SENIOR = SeekerFacts(is_resident=True, birth_year=1968, experience_years=25)


def decide(facts: SeekerFacts, programme: str, policy: dict[str, Any] = POLICY) -> Any:
    decisions = {d.programme: d for d in evaluate_eligibility(facts, policy, this_year=THIS_YEAR)}
    return decisions[programme]


CASES = [
    # (id, facts, programme, eligible, a reason that must be present)
    ("grad 2 years", GRADUATE, "local_graduate", True, "졸업 2년 차 (5년 이내)"),
    ("grad school in city", GRADUATE, "local_graduate", True, "시내 고등학교 졸업"),
    ("grad no college", GRADUATE, "local_graduate", True, "대학 미진학"),
    (
        "grad exactly 5 years",
        replace(GRADUATE, graduation_year=2021),
        "local_graduate",
        True,
        "졸업 5년 차 (5년 이내)",
    ),
    (
        "grad 6 years",
        replace(GRADUATE, graduation_year=2020),
        "local_graduate",
        False,
        "졸업 6년 차 (5년 초과)",
    ),
    (
        "grad this year",
        replace(GRADUATE, graduation_year=2026),
        "local_graduate",
        True,
        "올해 졸업 (5년 이내)",
    ),
    (
        "expected next year",
        replace(GRADUATE, graduation_year=2027),
        "local_graduate",
        True,
        "내년 졸업 예정",
    ),
    (
        "two years ahead",
        replace(GRADUATE, graduation_year=2028),
        "local_graduate",
        False,
        "2028년 졸업 예정 (내년 졸업 예정자까지 대상)",
    ),
    (
        "resident, school elsewhere",
        replace(GRADUATE, school_in_city=False, is_resident=True),
        "local_graduate",
        True,
        "시흥시 거주",
    ),
    (
        "neither local school nor resident",
        replace(GRADUATE, school_in_city=False),
        "local_graduate",
        False,
        "시내 고등학교 졸업 아님, 시흥시 거주 아님",
    ),
    (
        "entered college",
        replace(GRADUATE, entered_college=True),
        "local_graduate",
        False,
        "대학 진학 (고졸 인재 대상 아님)",
    ),
    (
        "no graduation year",
        replace(GRADUATE, graduation_year=None),
        "local_graduate",
        False,
        "졸업 연도 미입력",
    ),
    ("returner 3 years childcare", RETURNER, "career_returner", True, "경력 단절 사유: 육아"),
    (
        "returner exactly 1 year",
        replace(RETURNER, career_break_years=1),
        "career_returner",
        True,
        "경력 단절 1년 (1년 이상)",
    ),
    (
        "returner 0.9 year",
        replace(RETURNER, career_break_years=0.9),
        "career_returner",
        False,
        "경력 단절 0.9년 (1년 미만)",
    ),
    (
        "returner reason not listed",
        replace(RETURNER, career_break_reason="other"),
        "career_returner",
        False,
        "경력 단절 사유 '기타'은(는) 대상 사유가 아님",
    ),
    (
        "returner non-resident",
        replace(RETURNER, is_resident=False),
        "career_returner",
        False,
        "시흥시 거주 아님",
    ),
    (
        "returner no break",
        replace(RETURNER, career_break_years=None),
        "career_returner",
        False,
        "경력 단절 기간 미입력",
    ),
    ("senior 58", SENIOR, "senior_expert", True, "연 나이 58세 (50~69세)"),
    (
        "senior 49",
        replace(SENIOR, birth_year=1977),
        "senior_expert",
        False,
        "연 나이 49세 (50~69세)",
    ),
    (
        "senior 50",
        replace(SENIOR, birth_year=1976),
        "senior_expert",
        True,
        "연 나이 50세 (50~69세)",
    ),
    (
        "senior 69",
        replace(SENIOR, birth_year=1957),
        "senior_expert",
        True,
        "연 나이 69세 (50~69세)",
    ),
    (
        "senior 70",
        replace(SENIOR, birth_year=1956),
        "senior_expert",
        False,
        "연 나이 70세 (50~69세)",
    ),
    (
        "senior non-resident",
        replace(SENIOR, is_resident=False),
        "senior_expert",
        False,
        "시흥시 거주 아님",
    ),
    (
        "senior 9.5 years",
        replace(SENIOR, experience_years=9.5),
        "senior_expert",
        False,
        "경력 합계 9.5년 (10년 미만)",
    ),
    (
        "senior exactly 10",
        replace(SENIOR, experience_years=10),
        "senior_expert",
        True,
        "경력 합계 10년 (10년 이상)",
    ),
    (
        "senior no birth year",
        replace(SENIOR, birth_year=None),
        "senior_expert",
        False,
        "출생 연도 미입력",
    ),
]


@pytest.mark.parametrize(
    ("facts", "programme", "eligible", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule(facts: SeekerFacts, programme: str, eligible: bool, reason: str) -> None:
    decision = decide(facts, programme)
    assert decision.eligible is eligible, decision.reasons
    assert reason in decision.reasons


def test_every_programme_is_decided_in_order_with_a_reason_per_rule() -> None:
    decisions = evaluate_eligibility(SeekerFacts(), POLICY, this_year=THIS_YEAR)
    assert [d.programme for d in decisions] == list(PROGRAMMES)
    assert not any(d.eligible for d in decisions)
    assert [len(d.reasons) for d in decisions] == [3, 3, 3]


def test_policy_values_drive_the_rules() -> None:
    policy = copy.deepcopy(POLICY)
    rules = policy["eligibility"]
    rules["local_graduate"]["max_years_since_graduation"] = 3
    rules["local_graduate"]["allow_expected_graduates"] = False
    rules["career_returner"]["reasons"] = ["childcare", "marriage"]
    rules["senior_expert"]["require_resident"] = False
    assert not decide(replace(GRADUATE, graduation_year=2022), "local_graduate", policy).eligible
    expected = decide(replace(GRADUATE, graduation_year=2027), "local_graduate", policy)
    assert not expected.eligible
    assert "내년 졸업 예정 (졸업 예정자 제외)" in expected.reasons
    assert not decide(
        replace(RETURNER, career_break_reason="pregnancy"), "career_returner", policy
    ).eligible
    outsider = decide(replace(SENIOR, is_resident=False), "senior_expert", policy)
    assert outsider.eligible
    assert "시흥시 거주 아님" not in outsider.reasons


@pytest.mark.parametrize(
    ("experience", "years"),
    [
        ([], 0),
        ([{"occupation": "a", "years": 30}], 30),
        ([{"occupation": "a", "years": 4.5}, {"occupation": "b", "years": 6}], 10.5),
        ([{"occupation": "a"}, {"occupation": "b", "years": "7"}, "x", {"years": True}], 0),
        (None, 0),
    ],
)
def test_experience_years_sums_numeric_entries(experience: Any, years: float) -> None:
    assert experience_years(experience) == years
