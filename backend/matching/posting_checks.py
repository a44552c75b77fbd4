"""Posting checks (공고 점검) of the ordinance policy, and which employers the ordinance binds.
Pure Python, no ORM.

The ordinances say a covered institution must not confine its high-school-graduate hires to a
separate, lesser job group, and must not exclude a cohort without a job-related reason. A
posting that looks like either is not refused: it is *flagged* for staff review, with the
clause named, and staff decide (`backend.jobs.review` stores the findings).

Rules, each a policy field the city edits (`default_policy.yaml`, `posting_checks`):

- Who is bound: `employer_status` sorts an employer into `covered` (조례 적용 기관),
  `partner` (지역인재 채용 협약 기업) or `none`; a check runs when its `applies_to` reaches that
  status (`SCOPE_STATUSES`: `covered` → covered only; `partner` (or its older spelling
  `covered_or_partner`) → covered and partner; `all` → every employer).
- Text patterns: each pattern of an enabled check found in the title, description, occupation
  or requirements (skills, certificates) is one finding. Matching ignores spacing — Korean
  spacing varies, so "고졸  전용 직군", "고졸전용직군" and "고졸 전용직군" are one phrase — and
  compares NFKC-normalized, case-folded text (full-width digits, decomposed Hangul). A pattern
  that starts or ends with a digit must not touch another digit ("50세 미만" is not found in
  "150세 미만"). An explicit exclusion phrase is always flagged, whatever reason the text gives:
  staff judge the reason.
- Cohort restriction: under the check named `cohort_exclusion`, a non-empty `cohorts_welcome`
  that leaves out a cohort is one more finding — unless the title or description states a
  job-related reason, i.e. contains one of the check's `job_related_reason_markers`
  (e.g. "직무상", "법령상"; matched the same way). A policy without markers waives nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext

from backend.matching.policy import COHORT_EXCLUSION, INCLUDE_CITY_CONTRACTED, REASON_MARKERS
from backend.taxonomy.vocabulary import Cohort

EmployerStatus = Literal["covered", "partner", "none"]

# The employer statuses each `applies_to` value reaches: the scopes widen, because what binds
# a partner (a voluntary pledge) binds a covered institution (the ordinance) all the more.
SCOPE_STATUSES: dict[str, frozenset[str]] = {
    "covered": frozenset({"covered"}),
    "partner": frozenset({"covered", "partner"}),
    "covered_or_partner": frozenset({"covered", "partner"}),
    "all": frozenset({"covered", "partner", "none"}),
}

# Where a pattern was found, in the order searched (Korean names for the stored finding).
FIELD_NAMES = {
    "title": "제목",
    "description": "상세 내용",
    "occupation": "직종",
    "requirements": "자격·기술 요건",
}
COHORT_NAMES = {
    Cohort.GRADUATE.value: "고졸 지역인재",
    Cohort.RETURNER.value: "경력단절여성",
    Cohort.SENIOR.value: "신중년 전문인력",
}
COHORTS_WELCOME = "cohorts_welcome"
EXCERPT_CONTEXT = 20  # characters of the original text on each side of a match
# Characters that separate nothing when a reader looks at the text: dropped like spaces, so
# that a zero-width space cannot hide a phrase from the check.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Requirements are joined with a visible separator, so two list items never form one phrase.
_REQUIREMENT_SEPARATOR = " | "


@dataclass(frozen=True)
class EmployerFacts:
    """The employer facts the checks read (`backend.employers.models.Employer`)."""

    is_city_funded: bool = False
    staff_count: int = 0
    partner_pledge: bool = False
    is_city_contracted: bool = False
    authorised_headcount: int | None = None


@dataclass(frozen=True)
class PostingFinding:
    """One thing a check found: `code` is the check's name in `posting_checks`, `clause` its
    ordinance clause, `pattern` the policy pattern found (or `cohorts_welcome`), `field` where
    (`title`, `description`, `occupation`, `requirements`, `cohorts_welcome`), and `excerpt` a
    short piece of the posting's text around it, whitespace collapsed."""

    code: str
    clause: str
    pattern: str
    field: str
    excerpt: str

    @property
    def matched(self) -> str:
        """The pattern and where it was found, one line for staff: `'고졸 전용 직군' — 상세
        내용: "…고졸 전용 직군으로 채용…"`."""
        if self.field == COHORTS_WELCOME:
            return f"{gettext('환영 대상 제한')} — {self.excerpt}"
        return f"'{self.pattern}' — {FIELD_NAMES.get(self.field, self.field)}: \"{self.excerpt}\""


def employer_status(
    is_city_funded: bool,
    staff_count: int,
    partner_pledge: bool,
    policy: Mapping[str, Any],
    *,
    is_city_contracted: bool = False,
    authorised_headcount: int | None = None,
) -> EmployerStatus:
    """`covered`, `partner` or `none` for an employer under a *valid* policy document.

    - `covered` (조례 적용 기관): a city-funded institution (시 출자·출연 기관) or — unless
      `covered_employers.include_city_contracted` is false — an agency running a city
      service under contract (사무수탁기관), with a headcount of at least
      `covered_employers.min_staff_count`. The headcount is the authorised headcount (정원)
      when the employer gives one, else its staff count (so employers without one are judged
      as before). `require_city_funded: false` drops the first condition. Covered wins over
      partner: a covered institution that also signed the pledge is bound by the ordinance
      itself.
    - `partner` (협약 기업): not covered, and signed the pledge (when
      `partner_employers.require_partner_pledge`). Each `require_*` switch drops its condition,
      so with `require_partner_pledge: false` every employer not covered is a partner (the
      city extends the priority to all local employers).
    - `none` otherwise.

    Scoring's `ordinance` component treats `covered` and `partner` alike (DESIGN.md,
    Matching); posting checks tell them apart by `applies_to`.
    """
    covered = policy["covered_employers"]
    # Optional (policy versions stored before it existed lack it): contracted agencies count.
    contracted = is_city_contracted and bool(covered.get(INCLUDE_CITY_CONTRACTED, True))
    headcount = authorised_headcount if authorised_headcount is not None else staff_count
    if (
        is_city_funded or contracted or not covered["require_city_funded"]
    ) and headcount >= covered["min_staff_count"]:
        return "covered"
    if partner_pledge or not policy["partner_employers"]["require_partner_pledge"]:
        return "partner"
    return "none"


class _Compact:
    """A text without whitespace (NFC, then NFKC per character and case-folded), and for
    every character kept its index in the NFC text, so that a match maps back to the
    original wording for the excerpt."""

    def __init__(self, text: str) -> None:
        # NFC first: decomposed Hangul (a macOS paste) composes only as a whole string.
        self.original = unicodedata.normalize("NFC", text)
        chars: list[str] = []
        self.positions: list[int] = []
        for index, char in enumerate(self.original):
            for folded in unicodedata.normalize("NFKC", char).casefold():
                if folded.isspace() or folded in _INVISIBLE:
                    continue
                chars.append(folded)
                self.positions.append(index)
        self.text = "".join(chars)

    def find(self, needle: str) -> tuple[int, int] | None:
        """The span (in `original`) of the first occurrence of a compacted `needle`, or None.
        A needle that starts or ends with a digit must not extend a number."""
        if not needle:
            return None
        start = self.text.find(needle)
        while start != -1:
            end = start + len(needle)
            before = self.text[start - 1] if start > 0 else ""
            after = self.text[end] if end < len(self.text) else ""
            if not (needle[0].isdigit() and before.isdigit()) and not (
                needle[-1].isdigit() and after.isdigit()
            ):
                return self.positions[start], self.positions[end - 1] + 1
            start = self.text.find(needle, start + 1)
        return None

    def excerpt(self, span: tuple[int, int]) -> str:
        """The match with up to `EXCERPT_CONTEXT` characters either side, whitespace runs
        collapsed to one space, "…" where the text goes on."""
        low = max(0, span[0] - EXCERPT_CONTEXT)
        high = min(len(self.original), span[1] + EXCERPT_CONTEXT)
        piece = " ".join(self.original[low:high].split())
        return ("…" if low > 0 else "") + piece + ("…" if high < len(self.original) else "")


def compact(text: str) -> str:
    """`text` as the checks compare it: no whitespace, NFKC, case-folded."""
    return _Compact(text).text


def _cohort_finding(
    code: str,
    clause: str,
    check: Mapping[str, Any],
    cohorts_welcome: Sequence[str],
    stated: Sequence[_Compact],
) -> PostingFinding | None:
    """The finding for a `cohorts_welcome` that leaves out a cohort, unless one of `stated`
    (the title and description) holds a job-related reason marker; else None."""
    if not cohorts_welcome:
        return None  # empty means everyone is welcome
    left_out = [cohort for cohort in COHORT_NAMES if cohort not in cohorts_welcome]
    if not left_out:
        return None
    # Optional key: policy versions stored before it existed waive nothing.
    markers = [compact(marker) for marker in check.get(REASON_MARKERS, [])]
    if any(text.find(marker) is not None for marker in markers for text in stated):
        return None
    excluded = ", ".join(f"{COHORT_NAMES[cohort]}({cohort})" for cohort in left_out)
    return PostingFinding(
        code=code,
        clause=clause,
        pattern=COHORTS_WELCOME,
        field=COHORTS_WELCOME,
        excerpt=f"제외: {excluded}; 직무 관련 사유 명시 없음",
    )


def check_posting(
    *,
    title: str,
    description: str,
    occupation: str = "",
    requirements: Sequence[str] = (),
    cohorts_welcome: Sequence[str] = (),
    employer: EmployerFacts,
    policy: Mapping[str, Any],
) -> list[PostingFinding]:
    """Every finding of the enabled posting checks of a *valid* policy document that reach
    this employer's status, in policy order (check, then pattern; the `cohorts_welcome`
    finding last in its check). At most one finding per (check, pattern): the first place it
    occurs, searching title, description, occupation, then requirements. An employer no check
    reaches gets `[]`.
    """
    status = employer_status(
        employer.is_city_funded,
        employer.staff_count,
        employer.partner_pledge,
        policy,
        is_city_contracted=employer.is_city_contracted,
        authorised_headcount=employer.authorised_headcount,
    )
    texts = {
        "title": _Compact(title),
        "description": _Compact(description),
        "occupation": _Compact(occupation),
        "requirements": _Compact(_REQUIREMENT_SEPARATOR.join(requirements)),
    }
    findings: list[PostingFinding] = []
    for code, check in policy["posting_checks"].items():
        if not check["enabled"] or status not in SCOPE_STATUSES[check["applies_to"]]:
            continue
        clause = check["clause"]
        for pattern in check["patterns"]:
            needle = compact(pattern)
            for field, text in texts.items():
                span = text.find(needle)
                if span is not None:
                    findings.append(
                        PostingFinding(code, clause, pattern, field, text.excerpt(span))
                    )
                    break
        if code == COHORT_EXCLUSION:
            stated = (texts["title"], texts["description"])
            finding = _cohort_finding(code, clause, check, cohorts_welcome, stated)
            if finding is not None:
                findings.append(finding)
    return findings
