"""The ordinance ledger (지역인재 채용 실적 — "고졸 지역인재 채용", not the 혁신도시법 quota):
per covered institution and partner employer and year, its hires and local-graduate hires
from its hiring survey when it filed one, else from the platform's placements, against the
target share of the policy version in force at the year's end (REPORTS.md, Indicators).

A table of institutions, which the ordinance requires by institution: its counts are not
small-cell suppressed. Shares are compared and shortfalls computed in exact decimals
(`ceil(0.1 × 30)` is 3, never 4 from a binary float).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.employers.models import Employer
from backend.employers.surveys import live_hiring_surveys
from backend.jobs.models import seoul_today
from backend.matching.posting_checks import employer_status
from backend.reports.models import PlacementFact
from backend.reports.selectors import policy_in_force

LEDGER_TITLE = gettext_lazy("고졸 지역인재 채용")
LEDGER_NOTE = gettext_lazy(
    "조례가 기관별 실적을 요구하는 기관 단위 표라서 값을 가리지 않았어요. 개인에 관한 값은 "
    "없어요. 혁신도시법의 이전공공기관 지역인재 채용 목표와는 다른 시 조례의 실적이에요."
)
KIND_LABELS = {"covered": gettext_lazy("조례 적용 기관"), "partner": gettext_lazy("협약 기업")}
SOURCE_LABELS = {"survey": gettext_lazy("실태조사"), "platform": gettext_lazy("플랫폼 채용")}


@dataclass(frozen=True)
class LedgerFigures:
    """`share`, `met` and `shortfall` of one institution (REPORTS.md)."""

    share: Decimal | None
    met: bool | None
    shortfall: int


def ledger_figures(*, new_hires: int, local_hires: int, target: Decimal) -> LedgerFigures:
    """share = local / new; met = share ≥ target; shortfall = ceil(target × new) − local, at
    least 0. No new hires: share and met are None and the shortfall 0."""
    if new_hires <= 0:
        return LedgerFigures(share=None, met=None, shortfall=0)
    share = Decimal(local_hires) / Decimal(new_hires)
    needed = math.ceil(target * Decimal(new_hires))  # Decimal's ceil is exact
    return LedgerFigures(
        share=share,
        # local / new ≥ target, compared without dividing: exact.
        met=Decimal(local_hires) >= target * Decimal(new_hires),
        shortfall=max(0, needed - local_hires),
    )


def ledger_as_of(year: int, today: datetime.date | None = None) -> datetime.date:
    """The day whose policy applies: 31 Dec of the year, or today for the current year."""
    today = today or seoul_today()
    return today if year == today.year else datetime.date(year, 12, 31)


def _platform_counts(year: int) -> dict[int, dict[str, int]]:
    facts = PlacementFact.objects.filter(
        hired_on__year=year, employer_id__isnull=False
    ).values_list("employer_id", "programmes")
    counts: dict[int, dict[str, int]] = {}
    # Programmes are a JSON list (no portable `contains` on SQLite): counted here, over the
    # year's placements at covered and partner employers only.
    for employer_id, programmes in facts:
        row = counts.setdefault(
            employer_id, {"new": 0, "local_graduate": 0, "returner": 0, "senior": 0}
        )
        row["new"] += 1
        listed = programmes if isinstance(programmes, list) else []
        row["local_graduate"] += "local_graduate" in listed
        row["returner"] += "career_returner" in listed
        row["senior"] += "senior_expert" in listed
    return counts


def _ledger_employers(document: dict[str, Any] | None) -> list[tuple[Employer, str]]:
    """Every employer the policy covers or that pledged (`kind` covered|partner), covered first,
    then by name. Only verified employers and those with a survey are institutions here."""
    if document is None:
        return []
    employers = Employer.objects.filter(
        Q(verified_at__isnull=False) | Q(hiring_surveys__isnull=False)
    ).distinct()
    rows: list[tuple[Employer, str]] = []
    for employer in employers.order_by("name", "id"):
        status = employer_status(
            employer.is_city_funded,
            employer.staff_count,
            employer.partner_pledge,
            document,
            is_city_contracted=employer.is_city_contracted,
            authorised_headcount=employer.authorised_headcount,
        )
        # With `require_partner_pledge: false` every employer is a "partner" for matching;
        # the ledger lists only those that pledged.
        if status == "covered" or (status == "partner" and employer.partner_pledge):
            rows.append((employer, status))
    rows.sort(key=lambda pair: 0 if pair[1] == "covered" else 1)
    return rows


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def ordinance_ledger(*, year: int, employer_id: int | None = None) -> dict[str, Any]:
    """The ledger of `year` as REPORTS.md's JSON: `{year, target_share, policy_version, rows}`
    (plus `as_of`, `generated_at`, `title`); one row per institution, or only the institution
    `employer_id` (its own row, for its members)."""
    as_of = ledger_as_of(year)
    policy = policy_in_force(as_of)
    document = policy.document if policy is not None else None
    target = Decimal(str(document["target_share"])) if document is not None else Decimal(0)
    surveys = {survey.employer_id: survey for survey in live_hiring_surveys(year)}
    platform = _platform_counts(year)
    rows = []
    for employer, kind in _ledger_employers(document):
        if employer_id is not None and employer.pk != employer_id:
            continue
        counted = platform.get(employer.pk, {})
        survey = surveys.get(employer.pk)
        if survey is not None:
            source = "survey"
            new_hires = survey.new_hires_total
            local = survey.local_graduate_hires
            returners, seniors = survey.returner_hires, survey.senior_hires
        else:
            source = "platform"
            new_hires = counted.get("new", 0)
            local = counted.get("local_graduate", 0)
            returners, seniors = counted.get("returner", 0), counted.get("senior", 0)
        figures = ledger_figures(new_hires=new_hires, local_hires=local, target=target)
        rows.append(
            {
                "employer_id": employer.pk,
                "employer_name": employer.name,
                "kind": kind,
                "is_partner": kind == "partner",
                "source": source,
                "new_hires_total": new_hires,
                "local_graduate_hires": local,
                "platform_new_hires": counted.get("new", 0),
                "platform_local_graduate_hires": counted.get("local_graduate", 0),
                "returner_hires": returners,
                "senior_hires": seniors,
                "share": _number(figures.share),
                "target_share": _number(target),
                "met": figures.met,
                "shortfall": figures.shortfall,
                "survey_filed_at": survey.filed_at.isoformat() if survey is not None else None,
            }
        )
    return {
        "kind": "ordinance",
        "title": str(LEDGER_TITLE),
        "year": year,
        "as_of": as_of.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "target_share": _number(target) if policy is not None else None,
        "policy_version": policy.version if policy is not None else None,
        "note": str(LEDGER_NOTE),
        "rows": rows,
    }


def ledger_export_output(ledger: dict[str, Any]) -> dict[str, Any]:
    """The ledger in the shape the report files read (`rows` with `key`, `label` and an empty
    `suppressed`, a `total` row): the ledger is not suppressed (an institution table)."""
    year = ledger["year"]

    def row(source: dict[str, Any]) -> dict[str, Any]:
        met = source["met"]
        return {
            **source,
            "key": str(source["employer_id"]),
            "label": source["employer_name"],
            "kind_label": str(KIND_LABELS[source["kind"]]),
            "source_label": str(SOURCE_LABELS[source["source"]]),
            "met_label": "" if met is None else (gettext("달성") if met else gettext("미달")),
            "suppressed": [],
        }

    rows = [row(source) for source in ledger["rows"]]
    sums = {
        name: sum(source[name] for source in ledger["rows"])
        for name in (
            "new_hires_total",
            "local_graduate_hires",
            "platform_local_graduate_hires",
            "returner_hires",
            "senior_hires",
            "shortfall",
        )
    }
    total_share = (
        sums["local_graduate_hires"] / sums["new_hires_total"] if sums["new_hires_total"] else None
    )
    total = {
        "key": "total",
        "label": gettext("전체"),
        **sums,
        "share": total_share,
        "kind_label": "",
        "source_label": "",
        "met_label": "",
        "target_share": ledger["target_share"],
        "suppressed": [],
    }
    return {
        "kind": "ordinance",
        "period": {"from": f"{year}-01-01", "to": f"{year}-12-31"},
        "by": "employer",
        "as_of": ledger["as_of"],
        "generated_at": ledger["generated_at"],
        "policy_version": ledger["policy_version"],
        "target_share": ledger["target_share"],
        "internal": False,
        "small_cell_rule": ledger["note"],
        "rows": rows,
        "total": total,
    }


def local_graduate_definition(document: dict[str, Any] | None) -> list[str]:
    """The policy's definition of a local graduate (고졸 지역인재), one plain sentence per
    condition, for the survey form: institutions count their hires by it."""
    if document is None:
        return []
    rule = document["eligibility"]["local_graduate"]
    lines = []
    if rule["require_school_in_city_or_resident"]:
        lines.append(gettext("시흥시에 있는 고등학교를 졸업했거나 시흥시에 사는 사람이에요."))
    if rule["require_not_entered_college"]:
        lines.append(gettext("고등학교를 졸업하고 대학에 진학하지 않은 사람이에요."))
    lines.append(
        gettext("졸업한 지 %(years)s년이 지나지 않은 사람이에요.")
        % {"years": rule["max_years_since_graduation"]}
    )
    if rule["allow_expected_graduates"]:
        lines.append(gettext("졸업 예정자(고등학교 3학년)도 포함해요."))
    return lines


def survey_year_due(today: datetime.date | None = None) -> int:
    """The year whose hiring survey institutions file now: last year."""
    return (today or seoul_today()).year - 1


def institutions_missing_survey(year: int) -> list[tuple[Employer, str]]:
    """The covered institutions and partners (kind) without a live survey of `year`."""
    policy = policy_in_force(ledger_as_of(year))
    filed = set(live_hiring_surveys(year).values_list("employer_id", flat=True))
    return [
        (employer, kind)
        for employer, kind in _ledger_employers(policy.document if policy else None)
        if employer.pk not in filed
    ]


def ledger_institutions(year: int) -> list[tuple[Employer, str]]:
    """The covered institutions and partners (kind) under the policy of `year`."""
    policy = policy_in_force(ledger_as_of(year))
    return _ledger_employers(policy.document if policy else None)
