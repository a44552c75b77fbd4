"""Reads of postings, applications and placements, with the joins their responses need."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from backend.jobs.models import Application, Placement, PlacementCheckpoint, Posting


def posting_list() -> QuerySet[Posting]:
    return Posting.objects.select_related("employer", "area").order_by("-created_at", "-id")


def application_list() -> QuerySet[Application]:
    return Application.objects.select_related(
        "posting", "posting__employer", "posting__area", "seeker"
    ).order_by("-created_at", "-id")


def placement_list() -> QuerySet[Placement]:
    return (
        Placement.objects.select_related("posting", "posting__employer")
        .prefetch_related(
            Prefetch("checkpoints", queryset=PlacementCheckpoint.objects.order_by("month"))
        )
        .order_by("-hired_on", "-id")
    )
