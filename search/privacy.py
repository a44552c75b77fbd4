"""When an account is deleted, its profile document goes from the search index too."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backend.accounts.models import User


def forget_profile(user: User) -> None:
    """Queue the removal of the user's profile document (runs in the deletion transaction;
    the sync finds the row gone and removes the document)."""
    from backend.seekers.models import SeekerProfile
    from search.indexing import record_change
    from search.models import Entity

    ids = list(SeekerProfile.objects.filter(user=user).values_list("pk", flat=True))
    record_change(Entity.PROFILE, ids)
