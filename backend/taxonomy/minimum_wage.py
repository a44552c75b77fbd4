"""The statutory minimum wage (최저임금), as data: `data/minimum_wage.yaml`.

A posting may not offer less than the minimum in force on any day it is open (최저임금법 §6),
so the figure that counts is the highest of the years between its first and last day open
(`highest_minimum`); a seeker's wanted wage has the current year's figure as its floor.
Postings state an hourly wage only (`Posting.hourly_wage`); a monthly wage would be compared
through the statutory 209 hours a month (`monthly_minimum`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from django.utils import timezone

SEOUL = ZoneInfo("Asia/Seoul")
DATA_PATH = Path(__file__).resolve().parent / "data" / "minimum_wage.yaml"


@dataclass(frozen=True)
class MinimumWage:
    """The hourly minimum of one year (`year` is the year the figure was set for)."""

    year: int
    hourly: int


@dataclass(frozen=True)
class MinimumWageTable:
    hourly_by_year: dict[int, int]
    hours_per_month: int

    def for_year(self, year: int) -> MinimumWage:
        """The minimum in force in `year`: a year after the last listed counts at the last
        figure; a year before the first listed at the first."""
        years = sorted(self.hourly_by_year)
        known = [y for y in years if y <= year] or years[:1]
        chosen = known[-1]
        return MinimumWage(year=chosen, hourly=self.hourly_by_year[chosen])


def _parse(document: Any) -> MinimumWageTable:
    if not isinstance(document, dict):
        raise ValueError("minimum_wage.yaml: expected a mapping")
    hourly = document.get("hourly")
    hours = document.get("hours_per_month")
    if not isinstance(hourly, dict) or not hourly:
        raise ValueError("minimum_wage.yaml: `hourly` must map years to KRW per hour")
    table: dict[int, int] = {}
    for year, amount in hourly.items():
        if not isinstance(year, int) or not isinstance(amount, int) or amount <= 0:
            raise ValueError(f"minimum_wage.yaml: bad entry {year!r}: {amount!r}")
        table[year] = amount
    if not isinstance(hours, int) or hours <= 0:
        raise ValueError("minimum_wage.yaml: `hours_per_month` must be a positive integer")
    return MinimumWageTable(hourly_by_year=table, hours_per_month=hours)


@lru_cache(maxsize=1)
def minimum_wage_table() -> MinimumWageTable:
    """The table from the data file (read once per process)."""
    with DATA_PATH.open(encoding="utf-8") as source:
        return _parse(yaml.safe_load(source))


def minimum_wage_on(day: datetime.date) -> MinimumWage:
    """The hourly minimum in force on `day`."""
    return minimum_wage_table().for_year(day.year)


def highest_minimum(first_day: datetime.date, last_day: datetime.date) -> MinimumWage:
    """The highest hourly minimum in force on any day from `first_day` to `last_day`
    (inclusive; a `last_day` before `first_day` counts as `first_day` alone)."""
    table = minimum_wage_table()
    last_year = max(first_day.year, last_day.year)
    figures = [table.for_year(year) for year in range(first_day.year, last_year + 1)]
    return max(figures, key=lambda figure: (figure.hourly, figure.year))


def monthly_minimum(day: datetime.date) -> int:
    """The monthly minimum on `day`: the hourly figure × the statutory 209 hours."""
    table = minimum_wage_table()
    return table.for_year(day.year).hourly * table.hours_per_month


def minimum_wage_today() -> MinimumWage:
    """The hourly minimum in force today in Korea (whatever the server's time zone)."""
    return minimum_wage_on(timezone.localdate(timezone=SEOUL))
