"""The jobs app's hooks (see `backend.core.hooks`): apps above subscribe in their `ready()`.

Each is fired inside the transaction of the write it reports, with keyword arguments only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from backend.accounts.models import User
from backend.core.hooks import Hook
from backend.jobs.models import Placement, PlacementCheckpoint, Posting


class Finding(Protocol):
    """One thing a posting check found (matching's `posting_checks.PostingFinding`)."""

    @property
    def code(self) -> str: ...
    @property
    def clause(self) -> str: ...
    @property
    def pattern(self) -> str: ...
    @property
    def matched(self) -> str: ...


@dataclass(frozen=True)
class PostingCheckResult:
    """What one checker found on a posting, and the policy version that decided it."""

    findings: Sequence[Finding]
    policy_version: int


class PostingChecker(Protocol):
    def __call__(self, *, posting: Posting) -> PostingCheckResult: ...


class PlacementMade(Protocol):
    def __call__(self, *, placement: Placement, actor: User) -> None: ...


class CheckpointRecorded(Protocol):
    def __call__(
        self,
        *,
        checkpoint: PlacementCheckpoint,
        changed: Sequence[PlacementCheckpoint],
        actor: User,
    ) -> None: ...


#: The ordinance checks on a posting's text (공고 점검), run by `backend.jobs.review` when a
#: posting is submitted and when an open posting's checked fields are edited, inside the
#: posting service's transaction with the posting row locked. Matching subscribes (its
#: `posting_checks` under the current policy); every result's findings become review flags.
posting_checks: Hook[PostingChecker] = Hook("posting_checks")

#: A hire: `backend.jobs.hiring` fired it after the `Placement` and its checkpoints were
#: created and the posting's hires counted, in the status change's transaction.
placement_made: Hook[PlacementMade] = Hook("placement_made")

#: A retention checkpoint recorded or corrected (`backend.jobs.checkpoints`): `checkpoint` is
#: the one recorded, `changed` every checkpoint row that changed with it (a `left` also marks
#: the later pending ones; correcting a `left` to `retained` may put later ones back to
#: `pending`); fired after they and their `CheckpointChange` history rows were saved, in the
#: recording's transaction. A subscriber counting outcomes reads each row's current status.
checkpoint_recorded: Hook[CheckpointRecorded] = Hook("checkpoint_recorded")
