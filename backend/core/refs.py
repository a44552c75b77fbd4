"""Opaque references to people in API responses (`seeker_ref`, `candidate_ref`).

A reference is a keyed hash (HMAC-SHA256) of the row id under a key derived from
`SECRET_KEY` for this purpose only (`salted_hmac`'s key salt): stable while the secret stays,
meaningless without it, so a response never carries a raw id that could be enumerated or
joined with another data set. Staff, who may open the record, get the id as well
(`seeker_id`, staff responses only).
"""

from __future__ import annotations

from django.utils.crypto import salted_hmac

_KEY_SALT = "siheung.core.refs"
_DIGITS = 16  # hex digits kept: 64 bits, no collision in a city's population


def opaque_ref(prefix: str, *parts: object) -> str:
    """`<prefix>-<16 hex digits>`: the keyed hash of `prefix` and `parts`."""
    message = ":".join([prefix, *(str(part) for part in parts)])
    digest = salted_hmac(_KEY_SALT, message, algorithm="sha256").hexdigest()
    return f"{prefix}-{digest[:_DIGITS]}"


def seeker_ref(user_id: int) -> str:
    """A seeker's reference (placements, applicants, assignments): the same everywhere."""
    return opaque_ref("S", "seeker", user_id)


def candidate_ref(employer_id: int, profile_id: int) -> str:
    """A seeker's reference on one employer's shortlists: another employer gets another one,
    so employers cannot link their shortlists."""
    return opaque_ref("C", "candidate", employer_id, profile_id)
