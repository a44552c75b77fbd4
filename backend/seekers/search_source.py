"""Seeker profiles as a search source (registered in `SeekersConfig.ready()`), and the
eraser that takes a deleted account's profile document out of the index.

A profile is searchable only while its seeker's `matching` consent (기업 추천을 위한 프로필
활용) is in force: the profile index exists for employers' shortlists, so without that consent
the document is removed (`consent_changed` queues the change; see `profiles_follow_consent`)
and granting it again puts it back. The seeker's own recommendations do not read this index.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from django.db.models import Exists, OuterRef, QuerySet

from backend.accounts.models import ConsentPurpose, ConsentRecord, User
from backend.accounts.selectors import has_consent, users_with_consent
from backend.seekers.models import SeekerProfile
from search.documents import ProfileDocument, point_or
from search.indexing import record_change
from search.models import Entity
from search.sources import SearchSource

CHUNK = 2000  # rows per database round trip while a rebuild streams them


def with_matching_consent(profiles: QuerySet[SeekerProfile]) -> QuerySet[SeekerProfile]:
    """`profiles` annotated with `matching_consent` (one subquery, no query per row)."""
    consented = users_with_consent(ConsentPurpose.MATCHING).filter(pk=OuterRef("user_id"))
    return profiles.annotate(matching_consent=Exists(consented))


def profile_document(profile: SeekerProfile) -> ProfileDocument | None:
    """A profile's search document: what matching reads, no name or contact (PIPA); None
    (not searchable) without the seeker's `matching` consent."""
    consented = getattr(profile, "matching_consent", None)
    if consented is None:
        consented = has_consent(user=profile.user, purpose=ConsentPurpose.MATCHING)
    if not consented:
        return None
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
    rows = with_matching_consent(
        SeekerProfile.objects.filter(pk__in=list(ids)).select_related("area")
    )
    return {profile.pk: profile for profile in rows}


def _searchable() -> QuerySet[SeekerProfile]:
    consented = users_with_consent(ConsentPurpose.MATCHING)
    return with_matching_consent(SeekerProfile.objects.filter(user_id__in=consented))


def all_profiles() -> Iterator[SeekerProfile]:
    rows = _searchable().select_related("area").order_by("pk")
    return rows.iterator(chunk_size=CHUNK)


def profile_count() -> int:
    return _searchable().count()


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


def profiles_follow_consent(*, user: User, records: Sequence[ConsentRecord]) -> None:
    """`accounts.hooks.consent_changed`: a decision about `matching` re-pushes the seeker's
    profile document (removed on withdrawal, indexed again on a new grant), in the
    decision's transaction (the sync runs on commit)."""
    if any(record.purpose == ConsentPurpose.MATCHING for record in records):
        ids = list(SeekerProfile.objects.filter(user=user).values_list("pk", flat=True))
        record_change(Entity.PROFILE, ids)
