"""The coverage rule with 사무수탁기관 and 정원 (issue 14): contracted agencies are covered like
city-funded institutions, judged by their authorised headcount when they give one; employers
without the new fields are judged as before."""

from __future__ import annotations

import copy

import pytest

from backend.matching.policy import load_default_policy, survey_deadline, validate_policy
from backend.matching.posting_checks import employer_status

POLICY = load_default_policy()


@pytest.mark.parametrize(
    ("funded", "contracted", "staff", "headcount", "expected"),
    [
        (True, False, 30, None, "covered"),  # as before: by staff count
        (True, False, 29, None, "none"),
        (False, True, 30, None, "covered"),  # a contracted agency, by staff count
        (False, True, 10, 30, "covered"),  # by its 정원, not its current staff
        (False, True, 50, 29, "none"),  # 정원 below the threshold wins over staff count
        (True, False, 5, 45, "covered"),
        (False, False, 100, 100, "none"),  # neither funded nor contracted
    ],
)
def test_covered_by_funding_or_contract_and_headcount(
    funded: bool, contracted: bool, staff: int, headcount: int | None, expected: str
) -> None:
    assert (
        employer_status(
            funded,
            staff,
            False,
            POLICY,
            is_city_contracted=contracted,
            authorised_headcount=headcount,
        )
        == expected
    )


def test_policy_can_leave_contracted_agencies_out() -> None:
    policy = copy.deepcopy(POLICY)
    policy["covered_employers"]["include_city_contracted"] = False
    assert validate_policy(policy) == {}
    assert employer_status(False, 40, False, policy, is_city_contracted=True) == "none"


def test_versions_stored_before_the_optional_keys_stay_valid_and_cover_contracted() -> None:
    policy = copy.deepcopy(POLICY)
    del policy["covered_employers"]["include_city_contracted"]
    del policy["reporting"]["survey_deadline"]
    assert validate_policy(policy) == {}
    assert employer_status(False, 40, False, policy, is_city_contracted=True) == "covered"
    assert survey_deadline(policy, 2025).isoformat() == "2026-01-31"


def test_survey_deadline_is_policy_data() -> None:
    policy = copy.deepcopy(POLICY)
    assert survey_deadline(policy, 2025).isoformat() == "2026-01-31"
    policy["reporting"]["survey_deadline"] = "02-28"
    assert survey_deadline(policy, 2025).isoformat() == "2026-02-28"
    policy["reporting"]["survey_deadline"] = "02-30"
    assert "reporting.survey_deadline" in validate_policy(policy)
    policy["covered_employers"]["include_city_contracted"] = "yes"
    assert "covered_employers.include_city_contracted" in validate_policy(policy)
