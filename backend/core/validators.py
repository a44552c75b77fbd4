"""Validators shared by every model that takes text from a person."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 주민등록번호 (resident registration number): YYMMDD, optional hyphen or space, then a
# 7-digit block starting 1-8 (century/sex, foreigners 5-8). PIPA forbids collecting it
# without a legal basis, so any free text that contains one is refused.
_RRN = re.compile(r"(?<!\d)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s*[-‐–—]?\s*[1-8]\d{6}(?!\d)")

RRN_MESSAGE = _("주민등록번호는 입력할 수 없습니다. 해당 번호를 지워 주세요.")


def contains_resident_number(text: str) -> bool:
    """True when `text` holds something shaped like a resident registration number."""
    return bool(_RRN.search(text))


def reject_resident_number(value: object) -> None:
    """Field validator: refuse text (or lists of text) containing a resident number."""
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if isinstance(item, str) and contains_resident_number(item):
            raise ValidationError(RRN_MESSAGE, code="resident_number")
        if isinstance(item, dict):
            reject_resident_number(list(item.values()))
