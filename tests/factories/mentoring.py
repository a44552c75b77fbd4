"""Mentor profiles, mentoring requests and their staged offers.

Requests made here are inserted directly, without staged offers (open to the field at once,
as before offers existed); `mentoring_offer` adds offers by hand, and tests of the staged
flow create requests through the API or `services.mentoring_request_create`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from factory.declarations import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from backend.accounts.models import Role
from backend.mentoring.models import (
    MentoringOffer,
    MentoringRequest,
    MentorKind,
    MentorProfile,
    MentorStatus,
    RequestStatus,
)
from backend.taxonomy.models import CareerField
from tests.factories.accounts import UserFactory


class MentorProfileFactory(DjangoModelFactory[MentorProfile]):
    class Meta:
        model = MentorProfile

    user = SubFactory(UserFactory, role=Role.MENTOR)
    display_name = Sequence(lambda n: f"멘토{n}")
    kind = MentorKind.EXPERT
    expertise = "금속가공 공정 관리 30년"
    career_fields = LazyFunction(lambda: ["engineering"])
    bio = "시화산단에서 공장장으로 일했습니다."
    availability = "평일 오후"
    max_mentees = 2
    # Verified by staff unless a test asks otherwise (`status=MentorStatus.PENDING`).
    status = MentorStatus.VERIFIED


class MentoringRequestFactory(DjangoModelFactory[MentoringRequest]):
    class Meta:
        model = MentoringRequest

    seeker = SubFactory(UserFactory, role=Role.SEEKER)
    career_field = LazyFunction(lambda: CareerField.objects.get(code="engineering"))
    topic = "용접 자격증 준비"
    message = "어떤 자격증부터 따면 좋을까요?"
    status = RequestStatus.OPEN


def expert_mentor(**kwargs: Any) -> MentorProfile:
    """A retired expert of manufacturing (공학·제조)."""
    profile: MentorProfile = MentorProfileFactory.create(**kwargs)
    return profile


def student_mentor(**kwargs: Any) -> MentorProfile:
    """A university student who advises on choosing a major."""
    values: dict[str, Any] = {
        "kind": MentorKind.COLLEGE_STUDENT,
        "expertise": "기계공학과 3학년, 전공 선택 상담",
    }
    values.update(kwargs)
    return expert_mentor(**values)


def mentoring_request(**kwargs: Any) -> MentoringRequest:
    """An open engineering request by a new seeker unless told otherwise."""
    request: MentoringRequest = MentoringRequestFactory.create(**kwargs)
    return request


def mentoring_offer(
    *,
    request: MentoringRequest,
    mentor: MentorProfile,
    rank: int | None = None,
    offered_at: datetime | None = None,
    declined_at: datetime | None = None,
) -> MentoringOffer:
    """A staged offer of `request` to `mentor` (next rank unless told; offered now)."""
    if rank is None:
        rank = MentoringOffer.objects.filter(request=request).count() + 1
    return MentoringOffer.objects.create(
        request=request,
        mentor=mentor,
        rank=rank,
        offered_at=offered_at or timezone.now(),
        declined_at=declined_at,
    )


def career_field(code: str) -> CareerField:
    """A career field from the reference data (loaded by migration)."""
    return CareerField.objects.get(code=code)
