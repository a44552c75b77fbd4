"""Every function of another app that the training pages call (the staff catalogue and the
seeker's training suggestions), in one place, as `seeker_backend` does."""

from __future__ import annotations

from backend.matching.selectors import ordinance_policy_current
from backend.matching.training_gaps import Gap, Suggestions, training_suggestions
from backend.seekers.models import SeekerProfile
from backend.seekers.selectors import seeker_profile_of
from backend.training.access import course_for
from backend.training.models import MAX_COST_KRW, TrainingCourse
from backend.training.selectors import courses_for_staff, courses_open
from backend.training.services import course_create, course_update
from search.backends.base import SearchUnavailableError

__all__ = [
    "MAX_COST_KRW",
    "Gap",
    "SearchUnavailableError",
    "SeekerProfile",
    "Suggestions",
    "TrainingCourse",
    "course_create",
    "course_for",
    "course_update",
    "courses_for_staff",
    "courses_open",
    "seeker_profile_of",
    "suggestions_for",
]


def suggestions_for(profile: SeekerProfile) -> Suggestions:
    """The seeker's training suggestions under the policy in force (raises
    `SearchUnavailableError` when search cannot answer)."""
    return training_suggestions(profile, ordinance_policy_current())
