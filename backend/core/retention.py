"""The retention policy (개인정보 보유·파기 정책) as data: `retention_policy.yaml` beside this
module, one entry per data kind with its period and legal basis. Purge jobs ask
`retention_days(kind)`; a malformed file fails loudly at the first read."""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

POLICY_PATH = Path(__file__).with_name("retention_policy.yaml")


class RetentionPolicyError(ValueError):
    """The policy file is missing a kind, a period or a basis."""


@cache
def retention_policy() -> dict[str, dict[str, Any]]:
    """Kind → entry (`days`, `basis`, `job`, …), checked: every period a positive integer,
    every entry with a basis."""
    document = yaml.safe_load(POLICY_PATH.read_text(encoding="utf-8"))
    kinds = document.get("kinds") if isinstance(document, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        raise RetentionPolicyError(f"{POLICY_PATH.name}: no kinds")
    for name, entry in kinds.items():
        if not isinstance(entry, dict) or not str(entry.get("basis") or "").strip():
            raise RetentionPolicyError(f"{POLICY_PATH.name}: {name} has no basis")
        for key in ("days", "notice_days", "dead_days"):
            if key in entry and (not isinstance(entry[key], int) or entry[key] < 1):
                raise RetentionPolicyError(f"{POLICY_PATH.name}: {name}.{key} must be ≥ 1")
        if "days" not in entry:
            raise RetentionPolicyError(f"{POLICY_PATH.name}: {name} has no days")
    return kinds


def retention_days(kind: str, key: str = "days") -> int:
    """The period (in days) of `kind` (`key`: `days`, `notice_days`, `dead_days`)."""
    try:
        return int(retention_policy()[kind][key])
    except KeyError:
        raise RetentionPolicyError(f"no retention {key} for {kind!r}") from None


def retention_cutoff(kind: str, key: str = "days") -> datetime.datetime:
    """Rows of `kind` older than this moment are past their period."""
    return timezone.now() - datetime.timedelta(days=retention_days(kind, key))
