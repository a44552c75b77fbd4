"""Postings in each status, applications and placements."""

from __future__ import annotations

import datetime

from django.utils import timezone
from factory.declarations import LazyAttribute, LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from backend.accounts.models import User
from backend.jobs.hiring import add_months
from backend.jobs.models import (
    CHECKPOINT_MONTHS,
    Application,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingStatus,
    seoul_today,
)
from backend.taxonomy.models import CareerField
from backend.taxonomy.vocabulary import EmploymentType
from tests.factories.accounts import seeker
from tests.factories.employers import EmployerFactory, some_area


def some_career_field() -> CareerField:
    return CareerField.objects.get(code="business")


class PostingFactory(DjangoModelFactory[Posting]):
    class Meta:
        model = Posting

    employer = SubFactory(EmployerFactory)
    title = Sequence(lambda n: f"경리 사무원 모집 {n}")
    description = "시흥시 정왕동 사무실에서 회계 전표 정리를 맡아 주실 분을 찾습니다."
    career_field = LazyFunction(some_career_field)
    occupation = "경리 사무원"
    skills_required = LazyFunction(lambda: ["엑셀"])
    certificates_required = LazyFunction(lambda: ["전산회계 2급"])
    employment_type = EmploymentType.PART_TIME
    days_per_week = 3
    shifts = LazyFunction(lambda: ["morning"])
    hourly_wage = 11_000
    area = LazyFunction(some_area)
    openings = 2
    deadline = LazyFunction(lambda: seoul_today() + datetime.timedelta(days=30))
    status = PostingStatus.DRAFT
    published_at = LazyAttribute(
        lambda posting: None if posting.status in ("draft", "pending") else timezone.now()
    )


def posting_in(status: str, **kwargs: object) -> Posting:
    return PostingFactory.create(status=status, **kwargs)


class ApplicationFactory(DjangoModelFactory[Application]):
    class Meta:
        model = Application

    posting = SubFactory(PostingFactory, status=PostingStatus.OPEN)
    seeker = LazyFunction(seeker)
    message = "성실히 일하겠습니다."


def placement_for(application: Application, *, hired_on: datetime.date | None = None) -> Placement:
    """A placement made `hired_on` (default: a year and a day ago, so every checkpoint is due)."""
    hired_on = hired_on or seoul_today() - datetime.timedelta(days=367)
    application.status = "hired"
    application.save(update_fields=["status"])
    placement = Placement.objects.create(
        application=application,
        seeker=application.seeker,
        posting=application.posting,
        hired_on=hired_on,
    )
    PlacementCheckpoint.objects.bulk_create(
        PlacementCheckpoint(placement=placement, month=month, due_on=add_months(hired_on, month))
        for month in CHECKPOINT_MONTHS
    )
    return placement


def applicant(posting: Posting) -> tuple[Application, User]:
    application = ApplicationFactory.create(posting=posting)
    return application, application.seeker
