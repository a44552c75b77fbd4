"""사업자등록번호 check digit: pure function and through the API."""

from __future__ import annotations

import pytest

from backend.employers.models import business_number_is_valid, normalize_business_number
from tests.factories.employers import business_number


@pytest.mark.parametrize(
    "number",
    [
        "1248100998",
        "2208162517",
        "1078155843",
        "1018200046",
        *(business_number(n) for n in range(5)),
    ],
)
def test_valid_numbers(number: str) -> None:
    assert business_number_is_valid(number)


@pytest.mark.parametrize(
    "number",
    [
        "1248100997",  # wrong check digit
        "1248100999",
        "124810099",  # nine digits
        "12481009981",  # eleven
        "12481OO998",  # letters
        "１２４８１００９９８",  # full-width digits are not ASCII
        "",
    ],
)
def test_invalid_numbers(number: str) -> None:
    assert not business_number_is_valid(number)


def test_hyphens_and_spaces_are_dropped() -> None:
    assert normalize_business_number("124-81-00998") == "1248100998"
    assert normalize_business_number(" 124 81 00998 ") == "1248100998"
