"""Hiring surveys (채용 실태조사): filing one (its employer or staff on its behalf) and reading
them. REPORTS.md, Sources: one live survey per employer and year; a later filing for the same
year replaces it and keeps the earlier one in history."""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import Role, User
from backend.employers.models import Employer, HiringSurvey, SurveyFiler

SEOUL = ZoneInfo("Asia/Seoul")
FIRST_SURVEY_YEAR = 2000
MAX_HIRES = 1_000_000
COUNT_FIELDS = ("new_hires_total", "local_graduate_hires", "returner_hires", "senior_hires")
COHORT_FIELDS = ("local_graduate_hires", "returner_hires", "senior_hires")


def _seoul_year() -> int:
    return timezone.now().astimezone(SEOUL).year


def hiring_survey_validate(values: Mapping[str, object]) -> dict[str, int]:
    """The survey's numbers as integers, or a `ValidationError` naming each bad field: the
    year not in the future (nor before 2000), counts whole and non-negative, each cohort's
    hires at most the total."""
    errors: dict[str, list[str]] = {}
    parsed: dict[str, int] = {}
    for name in ("year", *COUNT_FIELDS):
        raw = values.get(name)
        if raw is None or raw == "":
            errors[name] = [gettext("필수 항목입니다.")]
            continue
        if isinstance(raw, bool):
            errors[name] = [gettext("정수여야 합니다.")]
            continue
        try:
            number = int(str(raw).strip())
        except ValueError:
            errors[name] = [gettext("정수여야 합니다.")]
            continue
        if name != "year" and not 0 <= number <= MAX_HIRES:
            errors[name] = [gettext("0 이상의 수여야 합니다.")]
            continue
        parsed[name] = number
    year = parsed.get("year")
    if year is not None:
        this_year = _seoul_year()
        if year > this_year:
            errors["year"] = [gettext("아직 오지 않은 연도는 제출할 수 없어요.")]
        elif year < FIRST_SURVEY_YEAR:
            errors["year"] = [
                gettext("%(year)s년 이후의 연도여야 합니다.") % {"year": FIRST_SURVEY_YEAR}
            ]
    total = parsed.get("new_hires_total")
    if total is not None:
        for name in COHORT_FIELDS:
            if name in parsed and parsed[name] > total:
                errors[name] = [gettext("신규 채용 인원(전체)보다 많을 수 없어요.")]
    if errors:
        raise ValidationError(errors)
    return parsed


@transaction.atomic
def hiring_survey_file(
    *, employer: Employer, actor: User, values: Mapping[str, object]
) -> HiringSurvey:
    """File the employer's survey of `values["year"]` (its member, or staff on its behalf).
    The live survey of that year, if any, is superseded by the new one and kept."""
    numbers = hiring_survey_validate(values)
    # Lock the employer: two filings of one year at once must not both find no live survey.
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    now = timezone.now()
    previous = list(
        HiringSurvey.objects.select_for_update().filter(
            employer=employer, year=numbers["year"], superseded_at__isnull=True
        )
    )
    # Retire the old one first: the partial unique index allows one live survey a year.
    HiringSurvey.objects.filter(pk__in=[row.pk for row in previous]).update(superseded_at=now)
    survey = HiringSurvey.objects.create(
        employer=employer,
        filed_by=actor,
        filed_by_role=SurveyFiler.STAFF if actor.role == Role.STAFF else SurveyFiler.EMPLOYER,
        filed_at=now,
        **numbers,
    )
    HiringSurvey.objects.filter(pk__in=[row.pk for row in previous]).update(superseded_by=survey)
    return survey


def hiring_surveys_of(employer: Employer) -> QuerySet[HiringSurvey]:
    """Every survey of the employer, the live one of each year before its history, newest
    year first."""
    # The live one (superseded_at null) first on every database: PostgreSQL puts nulls last.
    return HiringSurvey.objects.filter(employer=employer).order_by(
        "-year", F("superseded_at").asc(nulls_first=True), "-filed_at", "-id"
    )


def live_hiring_surveys(year: int) -> QuerySet[HiringSurvey]:
    """The live survey of each employer for `year`."""
    return HiringSurvey.objects.filter(year=year, superseded_at__isnull=True)
