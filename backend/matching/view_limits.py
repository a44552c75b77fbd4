"""The daily cap on shortlist views (anti-automation, issue 13): one employer organisation may
view at most `settings.CANDIDATE_VIEWS_PER_DAY` shortlist rows a Seoul day, through the API and
the web pages together, so that nobody scrapes the seeker pool page by page.

The access layer checks the budget before a shortlist is computed
(`access.posting_for_candidates`); the service that reveals a page records the rows it shows
(`services.candidate_contacts_reveal`). Counts live in the default cache (Redis in
production), one key per organisation and day, gone after midnight. Staff are not capped:
their reads are access-logged and watched by the bulk-read alert.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import RateLimitedError

SEOUL = ZoneInfo("Asia/Seoul")
LIMIT_MESSAGE = gettext_lazy("오늘 볼 수 있는 후보 수를 다 봤어요. 내일 다시 볼 수 있어요.")


def _seconds_to_midnight(now: datetime.datetime) -> int:
    local = now.astimezone(SEOUL)
    midnight = datetime.datetime.combine(
        local.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=SEOUL
    )
    return max(1, int((midnight - local).total_seconds()))


def _key(employer_id: int, now: datetime.datetime) -> str:
    return f"candidate-views:{employer_id}:{now.astimezone(SEOUL).date().isoformat()}"


def candidate_views_check(user: User, employer_id: int) -> None:
    """Raise `RateLimitedError` (429, with the wait until Seoul midnight) when `employer_id`
    has used today's budget; staff pass."""
    if user.role == Role.STAFF:
        return
    now = timezone.now()
    used = cache.get(_key(employer_id, now), 0)
    if used >= settings.CANDIDATE_VIEWS_PER_DAY:
        raise RateLimitedError(
            LIMIT_MESSAGE, retry_after=_seconds_to_midnight(now), code="candidate_view_limit"
        )


def candidate_views_record(user: User, employer_id: int, rows: int) -> None:
    """Count `rows` shortlist rows shown to `user` (staff are not counted)."""
    if user.role == Role.STAFF or rows <= 0:
        return
    now = timezone.now()
    key = _key(employer_id, now)
    cache.add(key, 0, timeout=_seconds_to_midnight(now) + 60)
    try:
        cache.incr(key, rows)
    except ValueError:  # expired between add and incr (midnight): start the new day
        cache.set(key, rows, timeout=_seconds_to_midnight(now) + 60)
