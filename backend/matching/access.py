"""Who may see what of matching (STYLE.md, Access control): every read the matching views make
goes through these, and anything the caller may not see is a 404 (`NotFoundError`), never a
hint that it exists. Role checks (seeker, employer, staff) are the views' permission classes;
these add the object-level rule.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import NotFoundError
from backend.jobs import access as jobs_access
from backend.jobs.models import Posting
from backend.matching.models import MatchRun
from backend.matching.view_limits import candidate_views_check
from backend.seekers import access as seeker_access
from backend.seekers.models import SeekerProfile

MATCH_RUN_NOT_FOUND = gettext_lazy("매칭 실행을 찾을 수 없습니다.")


def own_profile_for_recommendations(user: User) -> SeekerProfile:
    """The caller's own seeker profile (404 before it exists)."""
    return seeker_access.own_profile(user)


def posting_for_candidates(user: User, posting_id: int) -> Posting:
    """A posting whose shortlist the caller may read: one of their employer's postings, or any
    posting for staff (404 otherwise); with the employer and area the shortlist reads. An
    employer past today's shortlist budget gets `RateLimitedError` (429) instead."""
    posting = jobs_access.posting_for_employer_or_staff(user, posting_id)
    candidate_views_check(user, posting.employer_id)
    return Posting.objects.select_related("employer", "area").get(pk=posting.pk)


def match_run_for_staff(user: User, run_id: int) -> MatchRun:
    """A match run, for staff only (404 for anyone else and for a run that does not exist)."""
    if user.role != Role.STAFF:
        raise NotFoundError(MATCH_RUN_NOT_FOUND)
    run = MatchRun.objects.filter(pk=run_id).first()
    if run is None:
        raise NotFoundError(MATCH_RUN_NOT_FOUND)
    return run
