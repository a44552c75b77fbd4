"""The employers app's hooks (see `backend.core.hooks`)."""

from __future__ import annotations

from typing import Protocol

from backend.core.hooks import Hook
from backend.employers.models import Employer


class EmployerUpdated(Protocol):
    def __call__(self, *, employer: Employer) -> None: ...


#: An employer's details were edited (`employer_update`), fired after the row was saved, in
#: its transaction. The jobs app subscribes: the search documents of the employer's open
#: postings carry its name and ordinance facts, so they are re-queued for indexing.
employer_updated: Hook[EmployerUpdated] = Hook("employer_updated")
