"""Validators shared by every model that takes text from a person.

`reject_resident_number` refuses 주민등록번호 (resident registration numbers) in free text, after
normalising what people (or evaders) type around one: full-width digits, zero-width and other
invisible characters, and dots, spaces or dashes anywhere between the digits.
`normalize_korean_phone` turns a Korean phone number as typed into its one stored form.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 주민등록번호 (resident registration number): YYMMDD then a 7-digit block starting 1-8
# (century/sex, foreigners 5-8). PIPA forbids collecting it without a legal basis, so any
# free text that contains one is refused.
_RRN = re.compile(r"\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[1-8]\d{6}")
RRN_LENGTH = 13
# What may stand between the digits of one number: spaces, dots, every dash and hyphen, the
# middle dot, slashes, underscores, commas (after NFKC has folded the full-width forms).
_SEPARATORS = re.compile(r"[\s.\-‐‑‒–—―−_·/,~]+")
_DIGIT_RUN = re.compile(r"\d+(?:\|\d+)*")

RRN_MESSAGE = _("주민등록번호는 입력할 수 없습니다. 해당 번호를 지워 주세요.")
PHONE_MESSAGE = _(
    "전화번호 형식이 올바르지 않습니다. 010-1234-5678이나 031-123-4567처럼 국내 번호를 적어 주세요."
)


def _visible(text: str) -> str:
    """NFKC (full-width ０-９ and －, ．, ＿ to ASCII) without invisible format characters
    (zero-width space/joiners, word joiner, BOM, soft hyphen: Unicode category Cf)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(char for char in folded if unicodedata.category(char) != "Cf")


def _digit_runs(text: str) -> list[list[str]]:
    """Groups of digits that only separators divide, e.g. '900101 - 1234567 문의' →
    [['900101', '1234567']]; any other character (a letter, a bracket) ends a run."""
    marked = _SEPARATORS.sub("|", _visible(text))
    return [run.split("|") for run in _DIGIT_RUN.findall(marked)]


def contains_resident_number(text: str) -> bool:
    """True when `text` holds something shaped like a resident registration number, however
    it is spaced, dotted, hyphenated, written in full-width digits or split by invisible
    characters. Consecutive digit groups are joined at their boundaries only, so a phone
    number next to other numbers does not turn into one."""
    for run in _digit_runs(text):
        for start in range(len(run)):
            joined = ""
            for group in run[start:]:
                joined += group
                if len(joined) >= RRN_LENGTH:
                    break
            if len(joined) == RRN_LENGTH and _RRN.fullmatch(joined):
                return True
    return False


def reject_resident_number(value: object) -> None:
    """Field validator: refuse text (or lists of text) containing a resident number."""
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if isinstance(item, str) and contains_resident_number(item):
            raise ValidationError(RRN_MESSAGE, code="resident_number")
        if isinstance(item, dict):
            reject_resident_number(list(item.values()))


# Korean numbers, by their national prefix: mobile 010 (8 more digits), Seoul 02 (7-8),
# the other area codes 031-033, 041-044, 051-055, 061-064 (7-8), internet phones 070 (8).
_PHONE = re.compile(
    r"(?P<prefix>010|070)(?P<mid>\d{4})(?P<last>\d{4})"
    r"|(?P<seoul>02)(?P<smid>\d{3,4})(?P<slast>\d{4})"
    r"|(?P<area>03[1-3]|04[1-4]|05[1-5]|06[1-4])(?P<amid>\d{3,4})(?P<alast>\d{4})"
)
_PHONE_CHARS = re.compile(r"[\s.\-‐‑‒–—―−()]+")


def normalize_korean_phone(text: str) -> str | None:
    """`text` as a Korean phone number in its stored form (010-1234-5678, 02-123-4567,
    031-1234-5678, 070-1234-5678), or None when it is not one. Accepts full-width digits,
    spaces, dots, hyphens, brackets and the +82 country code (+82 10-1234-5678)."""
    compact = _PHONE_CHARS.sub("", _visible(text))
    if compact.startswith("+82"):
        compact = "0" + compact[3:].removeprefix("0")
    elif compact.startswith("0082"):
        compact = "0" + compact[4:].removeprefix("0")
    match = _PHONE.fullmatch(compact)
    if match is None:
        return None
    parts = [part for part in match.groups() if part is not None]
    return "-".join(parts)


def validate_korean_phone(value: object) -> None:
    """Field validator: a stored phone is a Korean number in its normalised form."""
    if not isinstance(value, str) or value == "":
        return
    if contains_resident_number(value):
        raise ValidationError(RRN_MESSAGE, code="resident_number")
    if normalize_korean_phone(value) != value:
        raise ValidationError(PHONE_MESSAGE, code="phone")
