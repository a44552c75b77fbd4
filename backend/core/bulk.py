"""Decisions on several items at once, each item on its own.

Staff verify several employers or approve several postings with one button; every item is
checked as if it were decided alone (who may, its state, that it is still the version staff
saw), in its own savepoint, so one item that cannot be decided never undoes or blocks the
others. The outcome says, item by item, what was done or why it was skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.core.errors import DomainError

Item = TypeVar("Item")


@dataclass(frozen=True)
class BulkOutcome:
    """One item of a bulk decision: its id, its name (for the message), whether it was done,
    and why it was skipped (empty when done)."""

    id: int
    name: str
    done: bool
    reason: str = ""


def each_on_its_own(
    items: Iterable[Item],
    decide: Callable[[Item], str],
    *,
    key: Callable[[Item], int],
    name: Callable[[Item], str | None] = lambda item: None,
) -> list[BulkOutcome]:
    """Run `decide` for every item in a savepoint of its own. `decide` returns the item's
    name, or raises a `DomainError` or `ValidationError` to skip it (the message is the
    reason; `name` names the skipped item, None when it may not be named). Other exceptions
    are bugs and propagate."""
    outcomes: list[BulkOutcome] = []
    for item in items:
        try:
            with transaction.atomic():
                label = decide(item)
        except DomainError as error:
            outcomes.append(BulkOutcome(key(item), name(item) or "", False, str(error)))
        except ValidationError as error:
            reason = " ".join(error.messages)
            outcomes.append(BulkOutcome(key(item), name(item) or "", False, reason))
        else:
            outcomes.append(BulkOutcome(key(item), label, True))
    return outcomes
