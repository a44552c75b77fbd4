"""The parameters every report takes (`from`, `to`, `by`, `as_of`, `format`), parsed from a
query string for the API and the staff page alike; bad values are a `ValidationError` naming
each field (a 400, or the form again)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from backend.jobs.models import seoul_today
from backend.reports.selectors import MENTORING_BREAKDOWNS, PLACEMENT_BREAKDOWNS, months_of

FORMATS = ("json", "csv", "xlsx", "pdf")
MAX_PERIOD_DAYS = 366 * 10
MAX_MONTH_ROWS = 60
BREAKDOWNS = {"placements": PLACEMENT_BREAKDOWNS, "mentoring": MENTORING_BREAKDOWNS}
DEFAULT_BY = {"placements": "cohort", "mentoring": "career_field"}


@dataclass(frozen=True)
class ReportQuery:
    kind: str
    date_from: datetime.date
    date_to: datetime.date
    by: str
    as_of: datetime.date
    file_format: str

    def params(self) -> dict[str, str]:
        """The query as strings, in the API's names (for links and the access log)."""
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "by": self.by,
            "as_of": self.as_of.isoformat(),
        }


def _date(
    data: Mapping[str, str], name: str, default: datetime.date, errors: dict[str, list[str]]
) -> datetime.date:
    raw = (data.get(name) or "").strip()
    if not raw:
        return default
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        errors[name] = [gettext("날짜는 YYYY-MM-DD 형식으로 입력해 주세요.")]
        return default


def report_query_parse(kind: str, data: Mapping[str, str]) -> ReportQuery:
    """The query of report `kind` (`placements`, `mentoring`): the period defaults to this
    calendar year, `by` to the report's first breakdown, `as_of` to today (Seoul)."""
    today = seoul_today()
    errors: dict[str, list[str]] = {}
    date_from = _date(data, "from", datetime.date(today.year, 1, 1), errors)
    date_to = _date(data, "to", datetime.date(today.year, 12, 31), errors)
    as_of = _date(data, "as_of", today, errors)
    by = (data.get("by") or "").strip() or DEFAULT_BY[kind]
    if by not in BREAKDOWNS[kind]:
        errors["by"] = [
            gettext("%(choices)s 중 하나여야 합니다.") % {"choices": ", ".join(BREAKDOWNS[kind])}
        ]
    file_format = (data.get("format") or "").strip() or "json"
    if file_format not in FORMATS:
        errors["format"] = [
            gettext("%(choices)s 중 하나여야 합니다.") % {"choices": ", ".join(FORMATS)}
        ]
    if "from" not in errors and "to" not in errors:
        if date_from > date_to:
            errors["to"] = [gettext("끝 날짜는 시작 날짜와 같거나 그 뒤여야 합니다.")]
        elif (date_to - date_from).days > MAX_PERIOD_DAYS:
            errors["to"] = [gettext("기간은 10년 이내로 정해 주세요.")]
        elif by == "month" and len(months_of(date_from, date_to)) > MAX_MONTH_ROWS:
            errors["by"] = [
                gettext("월별 보기는 %(months)s개월 이내의 기간에만 쓸 수 있어요.")
                % {"months": MAX_MONTH_ROWS}
            ]
    if errors:
        raise ValidationError(errors)
    return ReportQuery(
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        by=by,
        as_of=as_of,
        file_format=file_format,
    )
