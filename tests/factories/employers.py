"""Employers: a valid business number per instance, members, a verified persona."""

from __future__ import annotations

from django.utils import timezone
from factory.declarations import LazyAttribute, LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from backend.accounts.models import User
from backend.employers.models import Employer, EmployerMember, MemberRole
from backend.taxonomy.models import Area
from tests.factories.accounts import employer_user

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def business_number(serial: int) -> str:
    """A valid 사업자등록번호 built from a serial: nine digits plus their check digit."""
    head = f"{(123_000_000 + serial) % 1_000_000_000:09d}"
    digits = [int(ch) for ch in head]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True)) + digits[8] * 5 // 10
    return head + str((10 - total % 10) % 10)


def some_area() -> Area:
    area = Area.objects.order_by("code").first()
    assert area is not None, "the reference-data migration loads Siheung's areas"
    return area


class EmployerFactory(DjangoModelFactory[Employer]):
    class Meta:
        model = Employer

    name = Sequence(lambda n: f"시흥정밀 {n}호 (주)")
    business_number = Sequence(business_number)
    area = LazyFunction(some_area)
    address = "경기도 시흥시 정왕동 1"
    industry = "제조업"
    staff_count = 40
    is_city_funded = False
    partner_pledge = False
    verified_at = LazyFunction(timezone.now)
    # A verified employer's vouched snapshot is what it shows (employer_verify sets it).
    verified_name = LazyAttribute(lambda e: e.name if e.verified_at else "")
    verified_is_city_funded = LazyAttribute(lambda e: bool(e.verified_at and e.is_city_funded))
    verified_partner_pledge = LazyAttribute(lambda e: bool(e.verified_at and e.partner_pledge))


class EmployerMemberFactory(DjangoModelFactory[EmployerMember]):
    class Meta:
        model = EmployerMember

    employer = SubFactory(EmployerFactory)
    user = LazyFunction(employer_user)
    role = MemberRole.OWNER


def employer_with_user(*, verified: bool = True, **kwargs: object) -> tuple[Employer, User]:
    """Persona: an organisation (verified unless asked) and the employer user acting for it."""
    employer = EmployerFactory.create(verified_at=timezone.now() if verified else None, **kwargs)
    member = EmployerMemberFactory.create(employer=employer)
    return employer, member.user
