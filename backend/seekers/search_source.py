"""Seeker profiles as a search source (registered in `SeekersConfig.ready()`), and the
eraser that takes a deleted account's profile document out of the index."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from backend.accounts.models import User
from backend.seekers.models import SeekerProfile
from search.documents import ProfileDocument, point_or
from search.indexing import record_change
from search.models import Entity
from search.sources import SearchSource

CHUNK = 2000  # rows per database round trip while a rebuild streams them


def profile_document(profile: SeekerProfile) -> ProfileDocument:
    """A profile's search document: what matching reads, no name or contact (PIPA)."""
    area = profile.area
    location = point_or(profile.location_lat, profile.location_lon, area)
    return ProfileDocument(
        id=profile.pk,
        version=profile.version,
        cohort=profile.cohort,
        terms=tuple(profile.search_terms),
        career_fields=tuple(profile.career_fields),
        skills=tuple(profile.skills),
        certificates=tuple(profile.certificates),
        employment_types=tuple(profile.employment_types),
        shifts=tuple(profile.shifts),
        area_code=area.code,
        location=location,
        max_commute_km=profile.max_commute_km,
        min_hourly_wage=profile.min_hourly_wage,
        open_to_employers=profile.open_to_employers,
    )


def profiles_by_id(ids: Collection[int]) -> dict[int, SeekerProfile]:
    rows = SeekerProfile.objects.filter(pk__in=list(ids)).select_related("area")
    return {profile.pk: profile for profile in rows}


def all_profiles() -> Iterator[SeekerProfile]:
    rows = SeekerProfile.objects.select_related("area").order_by("pk")
    return rows.iterator(chunk_size=CHUNK)


def profile_count() -> int:
    return SeekerProfile.objects.count()


PROFILES = SearchSource[ProfileDocument](
    entity=Entity.PROFILE,
    load=profiles_by_id,
    document=profile_document,
    rows=all_profiles,
    expected=profile_count,
    term_fields=("search_terms",),
)


def forget_profile(user: User) -> None:
    """Queue the removal of the user's profile document (runs in the deletion transaction;
    the sync finds the row gone and removes the document)."""
    ids = list(SeekerProfile.objects.filter(user=user).values_list("pk", flat=True))
    record_change(Entity.PROFILE, ids)
