"""Use cases that write employers: registration by an employer user, edits, verification."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, ForbiddenError
from backend.employers.hooks import employer_updated
from backend.employers.models import Employer, EmployerMember, MemberRole, normalize_business_number

# What an employer (or staff) may edit; verification fields are set by `employer_verify` only.
EMPLOYER_EDITABLE_FIELDS = frozenset(
    {
        "name",
        "business_number",
        "area",
        "address",
        "industry",
        "staff_count",
        "is_city_funded",
        "partner_pledge",
    }
)

DUPLICATE_BUSINESS_NUMBER = gettext_lazy("이미 등록된 사업자등록번호입니다.")


def _apply(employer: Employer, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - EMPLOYER_EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "business_number":
            value = normalize_business_number(str(value))
        setattr(employer, name, value)


def _save(employer: Employer) -> None:
    # full_clean raises Django's ValidationError → 400 {field: [messages]}; uniqueness is a
    # state conflict (409), checked here and again by the unique index under a race.
    employer.full_clean(validate_unique=False)
    if (
        Employer.objects.filter(business_number=employer.business_number)
        .exclude(pk=employer.pk)
        .exists()
    ):
        raise ConflictError(DUPLICATE_BUSINESS_NUMBER, code="duplicate_business_number")
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError:
        raise ConflictError(DUPLICATE_BUSINESS_NUMBER, code="duplicate_business_number") from None


@transaction.atomic
def employer_create(*, actor: User, fields: Mapping[str, Any]) -> Employer:
    """An employer user registers its organisation and becomes its owner.

    409 when the user already belongs to an organisation (one per user) or the business
    number is taken; 400 for invalid fields (the business number's check digit included).
    """
    if actor.role != Role.EMPLOYER:
        raise ForbiddenError(gettext("기업 회원만 기업을 등록할 수 있습니다."))
    # Lock the user row so two simultaneous requests cannot both pass the membership check.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if EmployerMember.objects.filter(user=actor).exists():
        raise ConflictError(
            gettext("이미 소속된 기업이 있습니다."),
            code="already_member",
        )
    employer = Employer()
    _apply(employer, fields)
    _save(employer)
    EmployerMember.objects.create(employer=employer, user=actor, role=MemberRole.OWNER)
    return employer


@transaction.atomic
def employer_update(*, employer: Employer, actor: User, fields: Mapping[str, Any]) -> Employer:
    """Edit an organisation (its members or staff; the caller checked access).

    A new business number is a different legal entity as far as verification goes, so it
    clears the verification and staff check it again.
    """
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    old_number = employer.business_number
    _apply(employer, fields)
    if employer.business_number != old_number:
        employer.verified_at = None
        employer.verified_by = None
    _save(employer)
    employer_updated.fire(employer=employer)
    return employer


@transaction.atomic
def employer_verify(*, employer: Employer, actor: User) -> Employer:
    """Staff confirm the organisation is real; its postings may then be submitted."""
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 인증할 수 있습니다."))
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if employer.verified_at is not None:
        raise ConflictError(gettext("이미 인증된 기업입니다."), code="already_verified")
    employer.verified_at = timezone.now()
    employer.verified_by = actor
    employer.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return employer
