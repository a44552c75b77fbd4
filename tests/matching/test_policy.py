"""The policy document's validation, as data (no database)."""

from __future__ import annotations

import copy
import math
import re
from typing import Any

import pytest

from backend.matching.policy import SCORE_COMPONENTS, load_default_policy, validate_policy

ENGLISH_HALF = re.compile(r"\([A-Za-z][^()]*\)\.?$")  # a trailing "(English text)"


def test_the_default_policy_is_valid_and_as_designed() -> None:
    policy = load_default_policy()
    assert validate_policy(policy) == {}
    assert policy["target_share"] == 0.20
    assert policy["covered_employers"] == {
        "require_city_funded": True,
        "min_staff_count": 30,
        "include_city_contracted": True,
    }
    assert math.isclose(math.fsum(policy["score_weights"].values()), 1.0)
    assert policy["score_weights"]["ordinance"] == 0.10
    assert set(policy["score_weights"]) == set(SCORE_COMPONENTS)


def changed(path: str, value: Any) -> dict[str, Any]:
    """The default policy with the value at a dotted path set (or removed, for `...`)."""
    policy = load_default_policy()
    *parents, last = path.split(".")
    node = policy
    for key in parents:
        node = node[key]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return policy


CASES = [
    ("target_share", 1.2, "target_share", "0~1"),
    ("target_share", "20%", "target_share", "숫자"),
    ("target_share", True, "target_share", "숫자"),
    ("target_share", ..., "target_share", "필수"),
    ("covered_employers.min_staff_count", -1, "covered_employers.min_staff_count", "사이"),
    ("covered_employers.min_staff_count", 30.5, "covered_employers.min_staff_count", "정수"),
    ("eligibility.senior_expert.min_age", 70, "eligibility.senior_expert.max_age", "최소 연령"),
    (
        "eligibility.career_returner.reasons",
        ["childcare", "other"],
        "eligibility.career_returner.reasons",
        "other",
    ),
    (
        "eligibility.career_returner.reasons",
        ["childcare", "childcare"],
        "eligibility.career_returner.reasons",
        "중복",
    ),
    (
        "eligibility.local_graduate.allow_expected_graduates",
        "yes",
        "eligibility.local_graduate.allow_expected_graduates",
        "참/거짓",
    ),
    ("score_weights.wage", -0.05, "score_weights.wage", "사이"),
    ("score_weights.wage", 0.06, "score_weights", "합은 1"),
    ("score_weights.bonus", 0.0, "score_weights.bonus", "알 수 없는"),
    ("quota", [], "quota", "객체"),
    (
        "posting_checks.cohort_exclusion.applies_to",
        "everyone",
        "posting_checks.cohort_exclusion.applies_to",
        "covered",
    ),
    (
        "posting_checks.separate_job_group.patterns",
        ["", "x"],
        "posting_checks.separate_job_group.patterns",
        "문자열",
    ),
    ("reporting", ..., "reporting", "필수"),
]


@pytest.mark.parametrize(("path", "value", "error_path", "fragment"), CASES)
def test_invalid_documents_name_the_path(
    path: str, value: Any, error_path: str, fragment: str
) -> None:
    errors = validate_policy(changed(path, value))
    assert error_path in errors, errors
    assert any(fragment in message for message in errors[error_path]), errors[error_path]
    # Korean msgids from the catalogs, never "한국어 (English)" in one string.
    assert not any(ENGLISH_HALF.search(message) for message in errors[error_path])


def test_weights_within_tolerance_are_accepted() -> None:
    wage = load_default_policy()["score_weights"]["wage"]
    policy = changed("score_weights.wage", wage + 1e-9)
    assert validate_policy(policy) == {}


def test_a_new_posting_check_is_accepted_and_a_document_must_be_an_object() -> None:
    policy = load_default_policy()
    policy["posting_checks"]["night_only"] = copy.deepcopy(
        policy["posting_checks"]["cohort_exclusion"]
    )
    assert validate_policy(policy) == {}
    assert "document" in validate_policy(["not", "a", "mapping"])
