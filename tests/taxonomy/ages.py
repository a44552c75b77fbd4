"""Birth year and month that make someone exactly N (만 나이, `young_workers.labour_age`) today
in Seoul."""

from __future__ import annotations

from backend.taxonomy.young_workers import labour_age, seoul_today


def birth_for_age(age: int) -> tuple[int, int]:
    """(birth year, birth month) of a person who is `age` today: their birth month is over.

    In January no month of this year is over, so the person was born in December of the year
    before (the birthday of a December birth counts as reached when the year is over)."""
    today = seoul_today()
    year, month = (
        (today.year - age, today.month - 1)
        if today.month > 1
        else (
            today.year - age - 1,
            12,
        )
    )
    assert labour_age(year, month, today) == age
    return year, month


def birth_turning(age: int) -> tuple[int, int]:
    """(birth year, birth month) of a person who turns `age` at the end of this month: still
    `age` − 1 today (the birth month counts as not yet reached)."""
    today = seoul_today()
    year, month = today.year - age, today.month
    assert labour_age(year, month, today) == age - 1
    return year, month
