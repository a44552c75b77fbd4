"""Ordinance posting checks and employer status as data (no database)."""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

import pytest

from backend.matching.policy import (
    POSTING_CHECK_SCOPES,
    load_default_policy,
    validate_policy,
)
from backend.matching.posting_checks import (
    SCOPE_STATUSES,
    EmployerFacts,
    PostingFinding,
    check_posting,
    compact,
    employer_status,
)
from backend.taxonomy.vocabulary import Cohort

POLICY = load_default_policy()
COVERED = EmployerFacts(is_city_funded=True, staff_count=30)
PARTNER = EmployerFacts(is_city_funded=False, staff_count=500, partner_pledge=True)
NEITHER = EmployerFacts(is_city_funded=False, staff_count=500)
SMALL_CITY_FUNDED = EmployerFacts(is_city_funded=True, staff_count=29)
CLEAN = "시흥시 도서관에서 자료 정리와 열람 안내를 맡을 분을 모집합니다."


def check(
    description: str = CLEAN,
    *,
    employer: EmployerFacts = COVERED,
    policy: dict[str, Any] = POLICY,
    **fields: Any,
) -> list[PostingFinding]:
    values: dict[str, Any] = {"title": "사서 보조 채용", "description": description}
    values.update(fields)
    return check_posting(employer=employer, policy=policy, **values)


def codes(findings: list[PostingFinding]) -> list[tuple[str, str]]:
    return [(finding.code, finding.pattern) for finding in findings]


# --- employer status --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("employer", "status"),
    [
        (COVERED, "covered"),
        (EmployerFacts(is_city_funded=True, staff_count=3000, partner_pledge=True), "covered"),
        (SMALL_CITY_FUNDED, "none"),
        (EmployerFacts(is_city_funded=True, staff_count=29, partner_pledge=True), "partner"),
        (PARTNER, "partner"),
        (NEITHER, "none"),
    ],
)
def test_employer_status_under_the_default_policy(employer: EmployerFacts, status: str) -> None:
    assert (
        employer_status(
            is_city_funded=employer.is_city_funded,
            staff_count=employer.staff_count,
            partner_pledge=employer.partner_pledge,
            policy=POLICY,
        )
        == status
    )


def test_employer_status_follows_the_policy_switches() -> None:
    policy = copy.deepcopy(POLICY)
    policy["covered_employers"] = {"require_city_funded": False, "min_staff_count": 100}
    assert employer_status(False, 100, False, policy) == "covered"
    assert employer_status(True, 99, False, policy) == "none"
    policy["partner_employers"]["require_partner_pledge"] = False
    # No condition left: every employer not covered is a partner.
    assert employer_status(False, 1, False, policy) == "partner"


# --- text patterns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "pattern"),
    [
        (code, pattern)
        for code, rule in POLICY["posting_checks"].items()
        for pattern in rule["patterns"]
    ],
)
def test_every_default_pattern_is_flagged_with_its_clause(code: str, pattern: str) -> None:
    findings = check(f"근무 조건을 안내합니다. 지원 자격: {pattern} 인 분. 많은 지원 바랍니다.")
    assert codes(findings) == [(code, pattern)]
    finding = findings[0]
    assert finding.clause == POLICY["posting_checks"][code]["clause"]
    assert finding.field == "description"
    assert pattern in finding.excerpt
    assert finding.matched.startswith(f"'{pattern}' — 상세 내용: ")


@pytest.mark.parametrize(
    "variant",
    [
        "고졸 전용 직군",
        "고졸  전용 직군",
        "고졸전용직군",
        "고졸 전용직군",
        "고 졸 전 용 직 군",
        "고졸\n전용\t직군",
        "고졸\u3000전용\u00a0직군",  # ideographic and no-break spaces
        "고졸\u200b전용\u200b직군",  # zero-width spaces
        unicodedata.normalize("NFD", "고졸 전용 직군"),  # decomposed Hangul (a macOS paste)
    ],
)
def test_spacing_variants_are_one_phrase(variant: str) -> None:
    findings = check(f"본 기관은 {variant}으로 채용합니다.")
    assert codes(findings) == [("separate_job_group", "고졸 전용 직군")]
    # The excerpt shows the posting's own wording (whitespace runs collapsed).
    assert "고졸전용직군" in compact(findings[0].excerpt)
    assert findings[0].excerpt.startswith("본 기관은")


def test_a_pattern_written_without_spaces_finds_spaced_text() -> None:
    policy = copy.deepcopy(POLICY)
    policy["posting_checks"]["separate_job_group"]["patterns"] = ["고졸전용직군"]
    assert codes(check("고졸 전용 직군 운영", policy=policy)) == [
        ("separate_job_group", "고졸전용직군")
    ]


def test_full_width_digits_and_latin_case_are_normalized() -> None:
    assert codes(check("만 ４５세 이하 지원 가능")) == [("cohort_exclusion", "만 45세 이하")]
    policy = copy.deepcopy(POLICY)
    policy["posting_checks"]["cohort_exclusion"]["patterns"] = ["4년제 DEGREE"]
    assert codes(check("4년제 degree 필수", policy=policy)) == [
        ("cohort_exclusion", "4년제 DEGREE")
    ]


def test_a_number_pattern_does_not_match_inside_a_larger_number() -> None:
    assert check("150세 미만 누구나") == []
    assert check("만 45세 이하") != []
    policy = copy.deepcopy(POLICY)
    policy["posting_checks"]["cohort_exclusion"]["patterns"] = ["만 45"]
    assert check("만 455일 근속", policy=policy) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "고졸 전용 직군 사무원 채용"}, "title"),
        ({"occupation": "고졸 별도 직군 사무원"}, "occupation"),
        ({"skills_required": ["엑셀", "고졸 하위 직급"]}, "requirements"),
    ],
)
def test_title_occupation_and_requirements_are_checked(fields: dict[str, Any], field: str) -> None:
    requirements = fields.pop("skills_required", [])
    findings = check(requirements=requirements, **fields)
    assert [finding.field for finding in findings] == [field]
    assert findings[0].code == "separate_job_group"


def test_two_requirements_never_join_into_one_phrase() -> None:
    assert check(requirements=["고졸", "전용 직군"]) == []


def test_one_finding_per_pattern_however_often_it_occurs() -> None:
    findings = check(
        "대졸 이상. 다시 말해 대졸 이상만. 고졸 불가.",
        title="대졸 이상 사무원 (고졸 전용 직군 아님)",
    )
    assert codes(findings) == [
        ("separate_job_group", "고졸 전용 직군"),
        ("cohort_exclusion", "대졸 이상"),
        ("cohort_exclusion", "고졸 불가"),
    ]
    # The first place searched wins: the title.
    assert findings[1].field == "title"


def test_the_excerpt_is_short_and_collapses_whitespace() -> None:
    text = "가" * 200 + "  고졸   전용   직군  " + "나" * 200
    (finding,) = check(text)
    assert finding.excerpt.startswith("…")
    assert finding.excerpt.endswith("…")
    assert "고졸 전용 직군" in finding.excerpt
    assert len(finding.excerpt) < 70


def test_an_explicit_exclusion_phrase_is_flagged_even_with_a_stated_reason() -> None:
    assert codes(check("직무상 필요하여 대졸 이상으로 제한합니다.")) == [
        ("cohort_exclusion", "대졸 이상")
    ]


# --- who is checked ---------------------------------------------------------------------------

FLAGGED_TEXT = "고졸 전용 직군으로 채용하며 대졸 이상 우대"


@pytest.mark.parametrize("employer", [NEITHER, SMALL_CITY_FUNDED, PARTNER])
def test_an_employer_the_default_checks_do_not_reach_gets_no_finding(
    employer: EmployerFacts,
) -> None:
    assert check(FLAGGED_TEXT, employer=employer, cohorts_welcome=["senior"]) == []


def scoped(applies_to: str) -> dict[str, Any]:
    policy = copy.deepcopy(POLICY)
    for rule in policy["posting_checks"].values():
        rule["applies_to"] = applies_to
    return policy


@pytest.mark.parametrize(
    ("applies_to", "reached"),
    [
        ("covered", {"covered"}),
        ("partner", {"covered", "partner"}),
        ("covered_or_partner", {"covered", "partner"}),
        ("all", {"covered", "partner", "none"}),
    ],
)
def test_applies_to_reaches_covered_partner_or_all(applies_to: str, reached: set[str]) -> None:
    policy = scoped(applies_to)
    assert validate_policy(policy) == {}
    for status, employer in (("covered", COVERED), ("partner", PARTNER), ("none", NEITHER)):
        findings = check(FLAGGED_TEXT, employer=employer, policy=policy)
        assert bool(findings) == (status in reached), (applies_to, status)


def test_every_valid_scope_has_a_meaning() -> None:
    assert set(SCOPE_STATUSES) == set(POSTING_CHECK_SCOPES)


def test_a_disabled_check_finds_nothing() -> None:
    policy = copy.deepcopy(POLICY)
    policy["posting_checks"]["separate_job_group"]["enabled"] = False
    assert codes(check(FLAGGED_TEXT, policy=policy)) == [("cohort_exclusion", "대졸 이상")]
    policy["posting_checks"]["cohort_exclusion"]["enabled"] = False
    assert check(FLAGGED_TEXT, policy=policy, cohorts_welcome=["senior"]) == []


def test_a_check_the_city_added_runs_like_the_others() -> None:
    policy = copy.deepcopy(POLICY)
    policy["posting_checks"]["night_only_women"] = {
        "enabled": True,
        "applies_to": "all",
        "clause": "성별 제한 금지 (no restriction by sex)",
        "patterns": ["남성만"],
    }
    assert validate_policy(policy) == {}
    (finding,) = check("야간 경비, 남성 만 지원", employer=NEITHER, policy=policy)
    assert (finding.code, finding.clause) == (
        "night_only_women",
        "성별 제한 금지 (no restriction by sex)",
    )


# --- cohorts_welcome --------------------------------------------------------------------------


@pytest.mark.parametrize("welcome", [[], list(Cohort.values), ["senior", "graduate", "returner"]])
def test_welcoming_everyone_is_not_an_exclusion(welcome: list[str]) -> None:
    assert check(cohorts_welcome=welcome) == []


def test_a_restricted_welcome_without_a_reason_is_a_cohort_exclusion() -> None:
    (finding,) = check(cohorts_welcome=["senior", "returner"])
    assert finding.code == "cohort_exclusion"
    assert finding.field == "cohorts_welcome"
    assert finding.clause == POLICY["posting_checks"]["cohort_exclusion"]["clause"]
    assert "고졸 지역인재(graduate)" in finding.matched
    assert "senior" not in finding.excerpt
    assert "returner" not in finding.excerpt
    (finding,) = check(cohorts_welcome=["graduate"])
    assert "경력단절여성(returner)" in finding.excerpt
    assert "신중년 전문인력(senior)" in finding.excerpt


@pytest.mark.parametrize(
    "text",
    [
        "직무상 야간 고소 작업이 많아 신중년 전문인력을 모집합니다.",
        "업무특성상 숙련 경력이 필요합니다.",  # spaces ignored for markers too
        "관계 법령에 따라 해당 자격 보유자만 채용합니다.",
    ],
)
def test_a_stated_job_related_reason_waives_the_welcome_restriction(text: str) -> None:
    assert check(text, cohorts_welcome=["senior"]) == []


def test_a_reason_in_the_title_counts_too() -> None:
    assert check(title="[안전상 제한] 고소 작업원", cohorts_welcome=["senior"]) == []


def test_a_policy_without_markers_waives_nothing() -> None:
    policy = copy.deepcopy(POLICY)
    del policy["posting_checks"]["cohort_exclusion"]["job_related_reason_markers"]
    assert validate_policy(policy) == {}  # versions stored before the key existed stay valid
    assert len(check("직무상 필요", policy=policy, cohorts_welcome=["senior"])) == 1
    policy["posting_checks"]["cohort_exclusion"]["job_related_reason_markers"] = []
    assert validate_policy(policy) == {}
    assert len(check("직무상 필요", policy=policy, cohorts_welcome=["senior"])) == 1


def test_the_welcome_rule_belongs_to_cohort_exclusion_only() -> None:
    policy = copy.deepcopy(POLICY)
    policy["posting_checks"]["cohort_exclusion"]["enabled"] = False
    assert check(cohorts_welcome=["senior"], policy=policy) == []


@pytest.mark.parametrize("markers", ["직무상", ["직무상", ""], [1]])
def test_invalid_reason_markers_are_named(markers: Any) -> None:
    policy = copy.deepcopy(POLICY)
    policy["posting_checks"]["cohort_exclusion"]["job_related_reason_markers"] = markers
    errors = validate_policy(policy)
    assert list(errors) == ["posting_checks.cohort_exclusion.job_related_reason_markers"]
