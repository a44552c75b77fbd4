"""The ordinance policy document as a flat list of fields, and the difference of two versions.

Pure Python (no ORM). A field is a leaf of the document named by its dotted path, the same
path `validate_policy` names in its errors (`target_share`,
`eligibility.senior_expert.min_age`, `posting_checks.cohort_exclusion.patterns`), so the
editor, the error messages and the difference all speak of the same names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

ChangeKind = Literal["changed", "added", "removed"]


def policy_fields(document: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of `document` as `(dotted.path, value)`, in the document's order. A list is
    a leaf (its items are one value: a list of reasons, of phrases)."""
    for key, value in document.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            yield from policy_fields(value, path)
        else:
            yield path, value


def policy_set(document: dict[str, Any], path: str, value: Any) -> None:
    """Put `value` at `path` in `document`, making the mappings on the way."""
    *parents, last = path.split(".")
    node = document
    for key in parents:
        child = node.get(key)
        if not isinstance(child, dict):
            child = node[key] = {}
        node = child
    node[last] = value


@dataclass(frozen=True)
class PolicyChange:
    """One field that differs between two versions (`old`/`new` is None where absent)."""

    path: str
    kind: ChangeKind
    old: Any
    new: Any


def policy_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PolicyChange]:
    """The fields of `new` that differ from `old`, in `new`'s order, then those `new` no
    longer has. `1` and `1.0` are the same value; `True` and `1` are not."""
    before = dict(policy_fields(old))
    after = dict(policy_fields(new))
    changes: list[PolicyChange] = []
    for path, value in after.items():
        if path not in before:
            changes.append(PolicyChange(path, "added", None, value))
        elif not _same(before[path], value):
            changes.append(PolicyChange(path, "changed", before[path], value))
    changes.extend(
        PolicyChange(path, "removed", value, None)
        for path, value in before.items()
        if path not in after
    )
    return changes


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return bool(left == right)
