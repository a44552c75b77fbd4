"""Normalized forms of the Korean strings people type (skills, certificates, occupations).

Responses echo what was entered; matching compares normalized forms, so "전산회계2급" and
"전산회계 2급" are the same certificate, and an alias ("지게차") is its official name.
"""

from __future__ import annotations

import unicodedata


def normalize_term(text: str) -> str:
    """NFKC, lower-case Latin, no whitespace or middle dots: the comparison key of a term."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "·ㆍ・")
