"""Reads of job fairs (with the joins their pages and endpoints need)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from backend.accounts.models import User
from backend.fairs.models import FairChoice, FairPosting, FairRegistration, JobFair


def fair_list(*, upcoming: bool = False) -> QuerySet[JobFair]:
    """Fairs by date, each with `posting_count` and `registration_count`; `upcoming`: from
    today on."""
    fairs = JobFair.objects.annotate(
        posting_count=Count("fair_postings", distinct=True),
        registration_count=Count("registrations", distinct=True),
    ).order_by("date", "starts_at", "id")
    if upcoming:
        fairs = fairs.filter(date__gte=timezone.localdate())
    return fairs


def fair_postings_of(fair: JobFair) -> list[FairPosting]:
    """The fair's postings with their employer, area and slot count, in the order added."""
    return list(
        FairPosting.objects.filter(fair=fair)
        .select_related("posting__employer", "posting__area")
        .annotate(slot_count=Count("slots"))
        .order_by("id")
    )


def registration_of(fair: JobFair, seeker_id: int) -> FairRegistration | None:
    """A seeker's registration for `fair` with its choices (and their postings), or None."""
    return (
        FairRegistration.objects.filter(fair=fair, seeker_id=seeker_id)
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=FairChoice.objects.select_related(
                    "fair_posting__posting__employer"
                ).order_by("rank"),
            )
        )
        .first()
    )


def registrations_of_seeker(seeker_id: int) -> QuerySet[FairRegistration]:
    """A seeker's registrations, by the fair's date, with the fair."""
    return (
        FairRegistration.objects.filter(seeker_id=seeker_id)
        .select_related("fair")
        .annotate(choice_count=Count("choices"))
        .order_by("fair__date", "pk")
    )


def fairs_with_postings_of(posting_ids: QuerySet[Any]) -> QuerySet[JobFair]:
    """Fairs in which one of `posting_ids` takes part (an employer's fairs)."""
    return fair_list().filter(fair_postings__posting_id__in=posting_ids).distinct()


def fairs_export(user: User) -> list[dict[str, Any]]:
    """The user's fair registrations and ranked choices, as JSON values (/me/export/)."""
    rows = (
        FairRegistration.objects.filter(seeker__user=user)
        .select_related("fair")
        .prefetch_related("choices__fair_posting__posting")
        .order_by("id")
    )
    return [
        {
            "fair": registration.fair.title,
            "date": registration.fair.date.isoformat(),
            "registered_at": registration.created_at.isoformat(),
            "choices": [
                {"rank": choice.rank, "posting": choice.fair_posting.posting.title}
                for choice in sorted(registration.choices.all(), key=lambda c: c.rank)
            ],
        }
        for registration in rows
    ]
