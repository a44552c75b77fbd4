"""Postings as a search source (registered with `search.sources` in `JobsConfig.ready()`)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from backend.jobs.models import Posting, PostingStatus
from backend.taxonomy.reference import certificate_codes
from backend.taxonomy.young_workers import suitable_for_minors
from search.analysis import suggest_inputs
from search.documents import PostingDocument, point_or
from search.models import Entity
from search.sources import SearchSource

CHUNK = 2000  # rows per database round trip while a rebuild streams them


def posting_document(posting: Posting) -> PostingDocument | None:
    """The search document of a posting, or None when it must not be searchable (not open)."""
    if posting.status != PostingStatus.OPEN or posting.published_at is None:
        return None
    area = posting.area
    location = point_or(posting.lat, posting.lon, area)
    return PostingDocument(
        id=posting.pk,
        version=posting.version,
        title=posting.title,
        description=posting.description,
        employer_name=posting.employer.public_name,
        title_terms=tuple(posting.title_terms),
        body_terms=tuple(posting.body_terms),
        career_field=posting.career_field_id,
        occupation=posting.occupation,
        employment_type=posting.employment_type,
        shifts=tuple(posting.shifts),
        cohorts_welcome=tuple(posting.cohorts_welcome),
        area_code=area.code,
        area_name=area.name,
        location=location,
        hourly_wage=posting.hourly_wage,
        deadline=posting.deadline,
        published_at=posting.published_at,
        suggest=suggest_inputs(posting.title, posting.occupation),
        minor_suitable=suitable_for_minors(posting),
        employer_id=posting.employer_id,
        skills_required=tuple(posting.skills_required),
        skills_preferred=tuple(posting.skills_preferred),
        certificates_required=tuple(posting.certificates_required),
        certificate_codes=certificate_codes(posting.certificates_required),
        min_experience_years=posting.min_experience_years,
        days_per_week=posting.days_per_week,
        openings_left=max(0, posting.openings - posting.hires),
        employer_city_funded=posting.employer.vouched_city_funded,
        employer_staff_count=posting.employer.staff_count or 0,
        employer_partner=posting.employer.vouched_partner_pledge,
        employer_city_contracted=posting.employer.is_city_contracted,
        employer_authorised_headcount=posting.employer.authorised_headcount,
    )


def postings_by_id(ids: Collection[int]) -> dict[int, Posting]:
    rows = Posting.objects.filter(pk__in=list(ids)).select_related("employer", "area")
    return {posting.pk: posting for posting in rows}


def open_postings() -> Iterator[Posting]:
    rows = (
        Posting.objects.filter(status=PostingStatus.OPEN)
        .select_related("employer", "area")
        .order_by("pk")
    )
    return rows.iterator(chunk_size=CHUNK)


def searchable_count() -> int:
    return Posting.objects.filter(status=PostingStatus.OPEN, published_at__isnull=False).count()


def posting_versions() -> list[tuple[int, int, bool]]:
    rows = Posting.objects.order_by("pk").values_list("pk", "version", "status")
    return [(pk, version, status == PostingStatus.OPEN) for pk, version, status in rows]


POSTINGS = SearchSource[PostingDocument](
    entity=Entity.POSTING,
    load=postings_by_id,
    document=posting_document,
    rows=open_postings,
    expected=searchable_count,
    versions=posting_versions,
    term_fields=("title_terms", "body_terms"),
)
