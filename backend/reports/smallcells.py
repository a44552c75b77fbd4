"""Small-cell suppression (소집단 비공개): REPORTS.md rules 1-4, as a pure function over a
table of numbers. No ORM, no Django.

1. A count from 1 to 4 is suppressed, in the total row too; 0 is shown.
2. A block (one retention month of one row: due, retained, left, unknown and its rate) is
   shown whole or suppressed whole: when any of its counts is suppressed, all of it is.
3. Complementary suppression, column by column in table order: when exactly one row of a
   column is suppressed, or while the suppressed rows of a column together hold 1 to 4, the
   row with the smallest other non-zero value (ties: the first in table order) is suppressed
   in that column too — its whole block when the column belongs to one. Columns are checked
   again until no rule applies. The total row is never chosen.
4. A derived value (a rate, a median) is suppressed when it is computed from fewer than 5
   people or from a suppressed count.

A value of None is "not applicable" (e.g. `participants` of a breakdown by employer): it is
never suppressed, never chosen and holds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

THRESHOLD = 5  # counts 1 … THRESHOLD − 1 are small

Value = int | float | None


@dataclass(frozen=True)
class Derived:
    """A value computed from counts: suppressed with any of `inputs`, or when the people it is
    computed from (`base`, the sum of those counts) are fewer than `THRESHOLD`."""

    name: str
    inputs: tuple[str, ...]
    base: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    """The columns of a table about people: `counts` in table order (the order rule 3 checks
    them in), `blocks` of names shown or suppressed whole (counts and derived values), and the
    `derived` values."""

    counts: tuple[str, ...]
    blocks: tuple[tuple[str, ...], ...] = ()
    derived: tuple[Derived, ...] = ()
    order: tuple[str, ...] = field(default=())

    def names_in_order(self) -> tuple[str, ...]:
        """Every name in table order (`order` when given, else counts then derived)."""
        return self.order or (*self.counts, *(d.name for d in self.derived))


def _is_small(value: Value) -> bool:
    return value is not None and 0 < value < THRESHOLD


def suppress(
    rows: Sequence[Mapping[str, Value]], total: Mapping[str, Value], spec: TableSpec
) -> tuple[list[list[str]], list[str]]:
    """The names to suppress in each row and in the total row (each list in table order).

    `rows` are the table's rows in table order (the breakdown), `total` its total row; each
    maps a column name to its true value.
    """
    table = [*rows, total]
    total_index = len(rows)
    hidden: list[set[str]] = [set() for _ in table]
    block_of: dict[str, tuple[str, ...]] = {
        name: block for block in spec.blocks for name in block if name in spec.counts
    }

    def hide(index: int, name: str) -> None:
        hidden[index].add(name)
        hidden[index].update(block_of.get(name, ()))

    # Rule 1 (with rule 2 as each small count is hidden).
    for index, row in enumerate(table):
        for name in spec.counts:
            if _is_small(row.get(name)):
                hide(index, name)

    # Rules 2 and 3 until nothing changes.
    changed = True
    while changed:
        changed = False
        for index in range(len(table)):
            for block in spec.blocks:
                if (
                    hidden[index] & set(block) & set(spec.counts)
                    and not set(block) <= hidden[index]
                ):
                    hidden[index].update(block)
                    changed = True
        for name in spec.counts:
            while True:
                present = [
                    index for index in range(total_index) if table[index].get(name) is not None
                ]
                suppressed = [index for index in present if name in hidden[index]]
                if not suppressed:
                    break
                held = sum(table[index][name] or 0 for index in suppressed)
                if not (len(suppressed) == 1 or 0 < held < THRESHOLD):
                    break
                candidates = [
                    index
                    for index in present
                    if name not in hidden[index] and (table[index][name] or 0) > 0
                ]
                if not candidates:
                    break
                chosen = min(candidates, key=lambda index: (table[index][name], index))
                hide(chosen, name)
                changed = True

    # Rule 4.
    for index, row in enumerate(table):
        for derived in spec.derived:
            if derived.name in hidden[index] or row.get(derived.name) is None:
                continue
            people = sum(row.get(name) or 0 for name in derived.base)
            if people < THRESHOLD or any(name in hidden[index] for name in derived.inputs):
                hidden[index].add(derived.name)

    order = spec.names_in_order()
    ranked = [[name for name in order if name in names] for names in hidden]
    return ranked[:total_index], ranked[total_index]
