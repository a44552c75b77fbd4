"""The young workers' rules (연소근로자 보호) as data: the age rule at its edges and the one
posting predicate (근로기준법 §65 with 시행령 별표 4, §69, §70)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from backend.taxonomy import young_workers
from backend.taxonomy.models import Occupation
from backend.taxonomy.vocabulary import Shift
from backend.taxonomy.young_workers import (
    birth_month_required,
    labour_age,
    night_shifts,
    rules,
    suitable_for_minors,
)


@pytest.mark.parametrize(
    ("birth", "today", "age"),
    [
        # Born June 2010: the birthday counts as reached only once June is over.
        ((2010, 6), dt.date(2026, 5, 31), 15),
        ((2010, 6), dt.date(2026, 6, 1), 15),
        ((2010, 6), dt.date(2026, 6, 30), 15),
        ((2010, 6), dt.date(2026, 7, 1), 16),
        # December births count as a year older from 1 January.
        ((2010, 12), dt.date(2026, 12, 31), 15),
        ((2010, 12), dt.date(2027, 1, 1), 16),
        # January births: during January still the younger age.
        ((2011, 1), dt.date(2026, 1, 31), 14),
        ((2011, 1), dt.date(2026, 2, 1), 15),
        # No month: as if born in December (the youngest the person can be).
        ((2008, None), dt.date(2026, 12, 31), 17),
        ((2008, None), dt.date(2027, 1, 1), 18),
    ],
)
def test_labour_age_counts_the_birth_month_as_not_yet_reached(
    birth: tuple[int, int | None], today: dt.date, age: int
) -> None:
    assert labour_age(*birth, today) == age


def test_the_age_is_never_older_than_the_true_one() -> None:
    # Every day of a year, for every birth day of a month: never above the true 만 나이.
    for month in range(1, 13):
        for day in (1, 15, 28):
            born = dt.date(2010, month, day)
            for offset in range(0, 366 * 2, 7):
                today = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
                true_age = today.year - born.year - ((today.month, today.day) < (month, day))
                assert labour_age(2010, month, today) in (true_age, true_age - 1)


def test_the_age_uses_seoul_today(settings: Any) -> None:
    settings.TIME_ZONE = "UTC"
    # 15:30 UTC on 30 June is already 1 July in Seoul.
    from django.utils import timezone

    moment = dt.datetime(2026, 6, 30, 15, 30, tzinfo=dt.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        assert young_workers.seoul_today() == dt.date(2026, 7, 1)
        person = SimpleNamespace(birth_year=2010, birth_month=6)
        assert young_workers.age_of(person) == 16


@pytest.mark.parametrize(
    ("birth_year", "required"), [(2007, True), (2008, True), (2006, False), (1980, False)]
)
def test_the_birth_month_is_required_up_to_19_years_back(birth_year: int, required: bool) -> None:
    assert birth_month_required(birth_year, dt.date(2026, 3, 1)) is required


def test_the_registration_and_adult_ages_are_data() -> None:
    table = rules()
    assert (table.min_registration_age, table.adult_age) == (15, 18)
    assert young_workers.too_young_to_register(14)
    assert not young_workers.too_young_to_register(15)
    assert young_workers.is_minor(17)
    assert not young_workers.is_minor(18)
    assert not young_workers.is_minor(None)


def test_every_shift_code_has_clock_times_and_only_night_touches_22_to_6() -> None:
    assert set(rules().shifts) == set(Shift.values)
    assert night_shifts() == {"night"}
    assert rules().shifts["evening"][1] == 22 * 60  # evening ends by 22:00


def test_a_shift_reaching_past_22_is_night_work() -> None:
    document: dict[str, Any] = {
        "min_registration_age": 15,
        "adult_age": 18,
        "birth_month_required_up_to_year_difference": 19,
        "night_window": {"start": "22:00", "end": "06:00"},
        "shifts": {
            "evening": {"start": "18:00", "end": "22:30"},
            "early": {"start": "05:30", "end": "09:00"},
            "day": {"start": "06:00", "end": "22:00"},
        },
        "unspecified_shifts_suitable": False,
        "max_hours_per_day": 7,
        "max_hours_per_week": 35,
        "hazardous_work": [],
    }
    table = young_workers.parse_rules(document)
    touching = {
        code for code, span in table.shifts.items() if young_workers._overlaps(span, table.night)
    }
    assert touching == {"evening", "early"}


def posting(**fields: Any) -> SimpleNamespace:
    values: dict[str, Any] = {
        "shifts": ["afternoon"],
        "holiday_work": False,
        "hours_per_day": 5,
        "days_per_week": 5,
        "occupation": "매장 판매원",
        "title": "편의점 판매원",
    }
    values.update(fields)
    return SimpleNamespace(**values)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "restrictions"),
    [
        ({}, []),
        ({"shifts": ["evening"], "hours_per_day": 7}, []),  # 35 h a week exactly
        ({"shifts": ["night"]}, ["night_work"]),
        ({"shifts": ["evening", "night"]}, ["night_work"]),
        ({"shifts": []}, ["hours_unknown"]),
        ({"holiday_work": True}, ["holiday_work"]),
        ({"hours_per_day": 7.5}, ["daily_hours", "weekly_hours"]),
        ({"hours_per_day": 6, "days_per_week": 6}, ["weekly_hours"]),  # 36 h
        ({"hours_per_day": None}, ["daily_hours", "weekly_hours"]),
        ({"occupation": "지게차 운전원"}, ["hazardous:licensed_driving"]),
        ({"occupation": "호텔 객실 관리원"}, ["hazardous:youth_protection_act"]),
        ({"title": "소각장 보조"}, ["hazardous:incineration_slaughter"]),
        ({"title": "호프집 서빙"}, ["hazardous:youth_protection_act"]),
    ],
)
def test_the_posting_predicate(fields: dict[str, Any], restrictions: list[str]) -> None:
    row = posting(**fields)
    assert young_workers.posting_minor_restrictions(row) == restrictions
    assert suitable_for_minors(row) is (not restrictions)


@pytest.mark.django_db
def test_every_hazardous_occupation_code_is_an_occupation() -> None:
    codes = {code for item in rules().hazardous_work for code in item.occupations}
    assert codes
    assert codes <= set(Occupation.objects.values_list("code", flat=True))
