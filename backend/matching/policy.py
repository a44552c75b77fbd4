"""The ordinance policy document (지역인재 채용 촉진 정책) as data: loading and validation.

Pure Python (no ORM): `validate_policy` checks a whole document — the structure of
`default_policy.yaml`, every number in its range, the score weights summing to 1 — and returns
the errors as `{field_path: [message]}`, empty when the document is valid.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext, gettext_lazy
from django_stubs_ext import StrOrPromise

from backend.taxonomy.vocabulary import CAREER_BREAK_REASONS_KO, CareerBreakReason

DEFAULT_POLICY_PATH = Path(__file__).with_name("default_policy.yaml")

# 경력단절 사유 the policy may list (the profile's `career_break_reason` values except `other`).
CAREER_BREAK_REASONS: dict[str, str] = {
    code: label
    for code, label in CAREER_BREAK_REASONS_KO.items()
    if code != CareerBreakReason.OTHER
}
SCORE_COMPONENTS = (
    "text",
    "skills",
    "certificates",
    "field",
    "experience",
    "schedule",
    "commute",
    "wage",
    "ordinance",
)
WEIGHT_TOLERANCE = 1e-6
# `applies_to` of a posting check: the widest employer status it reaches (covered ⊂ partner ⊂
# all; see `posting_checks.SCOPE_STATUSES`). `covered_or_partner` is the older spelling of
# `partner`, kept so that policy versions stored with it stay valid.
POSTING_CHECK_SCOPES = ("covered", "partner", "covered_or_partner", "all")
# The check whose `cohorts_welcome` rule a stated job-related reason waives, and the optional
# key (added after version 1, so stored documents without it stay valid) listing the markers.
# Only `cohort_exclusion` reads the markers; another check may hold them (a copy of it) to no
# effect.
COHORT_EXCLUSION = "cohort_exclusion"
REASON_MARKERS = "job_related_reason_markers"
# Optional keys added after version 1 (stored documents without them stay valid; readers use
# the defaults below): whether 사무수탁기관 (agencies running city services under contract) are
# covered like city-funded institutions, and the yearly hiring survey's deadline (실태조사
# 제출 기한, "MM-DD" of the year after the one surveyed).
INCLUDE_CITY_CONTRACTED = "include_city_contracted"
SURVEY_DEADLINE = "survey_deadline"
DEFAULT_SURVEY_DEADLINE = "01-31"

Errors = dict[str, list[str]]
Check = Callable[[Any], str | None]


def load_default_policy() -> dict[str, Any]:
    """The default policy document from `default_policy.yaml`."""
    document = yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{DEFAULT_POLICY_PATH} does not hold a mapping")
    return document


def _boolean(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return gettext("참/거짓 값이어야 합니다.")


def _number(low: float, high: float, *, integer: bool = False) -> Check:
    def check(value: Any) -> str | None:
        kind_ok = isinstance(value, int) if integer else isinstance(value, int | float)
        if isinstance(value, bool) or not kind_ok or not math.isfinite(value):
            return gettext("정수여야 합니다.") if integer else gettext("숫자여야 합니다.")
        if not low <= value <= high:
            return gettext("%(low)s~%(high)s 사이여야 합니다.") % {
                "low": f"{low:g}",
                "high": f"{high:g}",
            }
        return None

    return check


def _reasons(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return gettext("사유 목록이어야 합니다.")
    unknown = [item for item in value if item not in CAREER_BREAK_REASONS]
    if unknown:
        known = ", ".join(CAREER_BREAK_REASONS)
        return gettext("알 수 없는 사유입니다: %(reasons)s (가능한 값: %(known)s)") % {
            "reasons": ", ".join(unknown),
            "known": known,
        }
    if len(set(value)) != len(value):
        return gettext("사유가 중복되었습니다.")
    return None


def _texts(value: Any) -> str | None:
    if not isinstance(value, list) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        return gettext("비어 있지 않은 문자열 목록이어야 합니다.")
    return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return gettext("비어 있지 않은 문자열이어야 합니다.")
    return None


def _scope(value: Any) -> str | None:
    if value not in POSTING_CHECK_SCOPES:
        return gettext("%(choices)s 중 하나여야 합니다.") % {
            "choices": ", ".join(POSTING_CHECK_SCOPES)
        }
    return None


# The document's shape: a nested mapping whose leaves check one value. Every key is required.
SPEC: dict[str, Any] = {
    "eligibility": {
        "local_graduate": {
            "require_school_in_city_or_resident": _boolean,
            "require_not_entered_college": _boolean,
            "max_years_since_graduation": _number(0, 30, integer=True),
            "allow_expected_graduates": _boolean,
        },
        "career_returner": {
            "require_resident": _boolean,
            "min_break_years": _number(0, 30),
            "reasons": _reasons,
        },
        "senior_expert": {
            "require_resident": _boolean,
            "min_age": _number(14, 120, integer=True),
            "max_age": _number(14, 120, integer=True),
            "min_experience_years": _number(0, 80),
        },
    },
    "covered_employers": {
        "require_city_funded": _boolean,
        "min_staff_count": _number(0, 1_000_000, integer=True),
    },
    "partner_employers": {"require_partner_pledge": _boolean},
    "target_share": _number(0, 1),
    "score_weights": {name: _number(0, 1) for name in SCORE_COMPONENTS},
    "quota": {"soft": _boolean, "shortfall_penalty": _number(0, 100)},
    "reporting": {"yearly_report": _boolean},
}


def _month_day(value: Any) -> str | None:
    if isinstance(value, str) and len(value) == 5 and value[2] == "-":
        try:
            datetime.date(2001, int(value[:2]), int(value[3:]))
        except ValueError:
            pass
        else:
            return None
    return gettext("MM-DD 형식의 날짜여야 합니다 (예: 01-31).")


# Optional keys by the dotted path of the mapping that may hold them.
OPTIONAL: dict[str, dict[str, Check]] = {
    "covered_employers": {INCLUDE_CITY_CONTRACTED: _boolean},
    "reporting": {SURVEY_DEADLINE: _month_day},
}

POSTING_CHECK_SPEC: dict[str, Check] = {
    "enabled": _boolean,
    "applies_to": _scope,
    "clause": _text,
    "patterns": _texts,
}

MISSING = gettext_lazy("필수 항목입니다.")
NOT_A_MAPPING = gettext_lazy("항목들의 묶음(객체)이어야 합니다.")
UNKNOWN = gettext_lazy("알 수 없는 항목입니다.")


def _walk(
    spec: dict[str, Any],
    value: Any,
    path: str,
    errors: Errors,
    *,
    also: frozenset[str] = frozenset(),
) -> None:
    """Check `value` against `spec`; `also` names keys checked elsewhere (not unknown)."""

    def add(at: str, message: StrOrPromise) -> None:
        errors.setdefault(at, []).append(str(message))

    if not isinstance(value, dict):
        add(path or "document", NOT_A_MAPPING)
        return
    for key, rule in spec.items():
        at = f"{path}.{key}" if path else key
        if key not in value:
            add(at, MISSING)
        elif isinstance(rule, dict):
            _walk(rule, value[key], at, errors)
        elif (message := rule(value[key])) is not None:
            add(at, message)
    optional = OPTIONAL.get(path, {})
    for key, check in optional.items():
        if key in value and (message := check(value[key])) is not None:
            add(f"{path}.{key}", message)
    for key in value:
        if key not in spec and key not in also and key not in optional:
            add(f"{path}.{key}" if path else str(key), UNKNOWN)


def validate_policy(document: Any) -> Errors:
    """Every problem of a policy document as `{dotted.path: [message in the active language]}`.

    Checks the shape (every key of the default document, no unknown keys; the one optional
    key is a posting check's `job_related_reason_markers`), value types and
    ranges, `senior_expert.min_age ≤ max_age`, and that the score weights sum to 1 (± 1e-6).
    """
    errors: Errors = {}
    _walk(SPEC, document, "", errors, also=frozenset({"posting_checks"}))
    if not isinstance(document, dict):
        return errors
    checks = document.get("posting_checks")
    if "posting_checks" not in document:
        errors.setdefault("posting_checks", []).append(str(MISSING))
    elif not isinstance(checks, dict):
        errors.setdefault("posting_checks", []).append(str(NOT_A_MAPPING))
    else:
        for name, check in checks.items():
            path = f"posting_checks.{name}"
            _walk(POSTING_CHECK_SPEC, check, path, errors, also=frozenset({REASON_MARKERS}))
            # Optional (documents stored before it existed lack it); accepted on any check,
            # so that a copy of `cohort_exclusion` stays valid, though only that one reads it.
            markers = check.get(REASON_MARKERS, []) if isinstance(check, dict) else []
            if (message := _texts(markers)) is not None:
                errors.setdefault(f"{path}.{REASON_MARKERS}", []).append(message)
    senior = document.get("eligibility", {})
    senior = senior.get("senior_expert") if isinstance(senior, dict) else None
    if (
        isinstance(senior, dict)
        and "eligibility.senior_expert.min_age" not in errors
        and "eligibility.senior_expert.max_age" not in errors
        and isinstance(senior.get("min_age"), int)
        and isinstance(senior.get("max_age"), int)
        and senior["min_age"] > senior["max_age"]
    ):
        errors.setdefault("eligibility.senior_expert.max_age", []).append(
            gettext("최대 연령은 최소 연령 이상이어야 합니다.")
        )
    weights = document.get("score_weights")
    if isinstance(weights, dict) and not any(key.startswith("score_weights") for key in errors):
        total = math.fsum(float(weights[name]) for name in SCORE_COMPONENTS)
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            errors.setdefault("score_weights", []).append(
                gettext("가중치의 합은 1이어야 합니다 (현재 %(total)s).") % {"total": f"{total:g}"}
            )
    return errors


def survey_deadline(document: Mapping[str, Any], year: int) -> datetime.date:
    """The deadline of the hiring survey (실태조사) of `year`: the policy's
    `reporting.survey_deadline` ("MM-DD", default 01-31) of the following year."""
    reporting = document.get("reporting")
    text = DEFAULT_SURVEY_DEADLINE
    if isinstance(reporting, Mapping) and _month_day(reporting.get(SURVEY_DEADLINE)) is None:
        text = str(reporting[SURVEY_DEADLINE])
    return datetime.date(year + 1, int(text[:2]), int(text[3:]))
