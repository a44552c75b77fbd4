"""The seekers app's hooks (see `backend.core.hooks`)."""

from __future__ import annotations

from typing import Protocol

from backend.core.hooks import Hook
from backend.seekers.models import SeekerProfile


class ProfileSaved(Protocol):
    def __call__(self, *, profile: SeekerProfile, created: bool) -> None: ...


#: A seeker profile was created (`created=True`, first PUT) or changed (PUT or PATCH):
#: fired by `backend.seekers.services` after the row (new version, new terms) and its
#: search outbox event were saved, in the write's transaction.
profile_saved: Hook[ProfileSaved] = Hook("profile_saved")


class CohortChanged(Protocol):
    def __call__(self, *, profile: SeekerProfile, previous_cohort: str) -> None: ...


#: A saved profile's cohort is not the one it had before (`previous_cohort`): fired by
#: `backend.seekers.services` right after `profile_saved`, in the write's transaction.
cohort_changed: Hook[CohortChanged] = Hook("cohort_changed")
