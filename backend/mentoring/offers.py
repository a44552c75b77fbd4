"""Staged offers (단계별 제안): the rules that say who sees an open request, as query parts.

A request asked without a chosen mentor is offered to the `OFFER_WAVE` best-ranked mentors of
its field who have a free place (`services.mentoring_request_create`). While it *waits on its
offers* only they see it (and may accept it: the first accept wins). A mentor who declines
passes it on to the next-best mentor not yet offered, so up to `OFFER_WAVE` offers stay live.
It *opens to the field* — every mentor of the career field sees it, as a request without
offers always did — when no live offer is left (all declined, or nobody could be offered
it) or when the newest offer is older than the offer window (`MENTORING_OFFER_HOURS`,
48 h by default) without an accept.

Widening needs no job: the window is compared with `offered_at` inside each query, so a
request opens to the field the moment its window ends, on every backend.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from backend.mentoring.models import MentoringOffer

OFFER_WAVE = 3


def offer_window() -> timedelta:
    """How long offered mentors have to accept before the request opens to the field."""
    return timedelta(hours=settings.MENTORING_OFFER_HOURS)


def waiting_on_offers(*, now: datetime | None = None) -> Q:
    """A condition on `MentoringRequest` rows: the request still waits on its offered
    mentors — some offer is live (not declined) and the newest offer is within the window.
    (A request without offers never waits: it was offered to one chosen mentor, or to
    nobody.)"""
    cutoff = (now or timezone.now()) - offer_window()
    offers = MentoringOffer.objects.filter(request=OuterRef("pk"))
    live = Exists(offers.filter(declined_at__isnull=True))
    # "The newest offer is within the window" is "some offer is". Declined offers count too:
    # the window runs from the last offer made, whatever its mentor answered since.
    recent = Exists(offers.filter(offered_at__gt=cutoff))
    return Q(live) & Q(recent)


def offered_to(mentor_id: int, *, declined: bool) -> Q:
    """A condition on `MentoringRequest` rows: offered to this mentor, and declined by them
    (`declined=True`) or still live (`declined=False`)."""
    return Q(
        Exists(
            MentoringOffer.objects.filter(
                request=OuterRef("pk"), mentor_id=mentor_id, declined_at__isnull=not declined
            )
        )
    )
