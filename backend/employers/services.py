"""Use cases that write employers: registration by an employer user, edits, verification."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.bulk import BulkOutcome, each_on_its_own
from backend.core.errors import ConflictError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.employers.access import employer_for_staff
from backend.employers.hooks import employer_updated
from backend.employers.models import Employer, EmployerMember, MemberRole, normalize_business_number
from backend.notifications.services import notification_queue

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
        "is_city_contracted",
        "authorised_headcount",
        "partner_pledge",
    }
)

# What verification vouches for (API.md): changing one of these on a verified employer sends
# it back to the staff's verification queue.
VERIFIED_FIELDS = (
    "name",
    "business_number",
    "is_city_funded",
    "is_city_contracted",
    "authorised_headcount",
    "partner_pledge",
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

    Verification vouches for the name, the business number and the ordinance flags
    (`VERIFIED_FIELDS`): changing any of them clears it, and staff check the organisation
    again. Meanwhile its open postings stay up under the last verified name and flags
    (`Employer.public_name`, `verified_*`).
    """
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    before = [getattr(employer, name) for name in VERIFIED_FIELDS]
    _apply(employer, fields)
    if [getattr(employer, name) for name in VERIFIED_FIELDS] != before:
        employer.verified_at = None
        employer.verified_by = None
    if fields and employer.refused_at is not None:
        # The employer fixed its record after a refusal: back to the verification queue.
        _clear_refusal(employer)
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
    verified_at = timezone.now()
    employer.verified_at = verified_at
    employer.verified_by = actor
    employer.vouch()
    _clear_refusal(employer)
    employer.save(
        update_fields=[
            "verified_at",
            "verified_by",
            "verified_name",
            "verified_is_city_funded",
            "verified_partner_pledge",
            "refused_at",
            "refused_by",
            "refusal_reason",
            "updated_at",
        ]
    )
    # Each verification is its own mail (an edit of a vouched field unverifies it again).
    _tell_members(employer, kind="employer_verified", key=verified_at.isoformat())
    # The public name and the ordinance facts of its open postings' search documents change.
    employer_updated.fire(employer=employer)
    return employer


STALE_EMPLOYER = gettext_lazy("확인한 뒤에 기업 정보가 바뀌었습니다. 다시 확인해 주세요.")


def employers_verify_bulk(*, actor: User, versions: Mapping[int, str]) -> list[BulkOutcome]:
    """Verify several employers, each on its own (`core.bulk`): `versions` maps an employer
    id to the `updated_at` (ISO) staff saw; an employer the caller may not see, already
    decided, or edited since is skipped with the reason, the others are verified."""

    def verify(employer_id: int) -> str:
        employer = employer_for_staff(actor, employer_id)
        locked = Employer.objects.select_for_update().get(pk=employer.pk)
        if locked.updated_at.isoformat() != versions[employer_id]:
            raise ConflictError(STALE_EMPLOYER, code="stale")
        employer_verify(employer=locked, actor=actor)
        return locked.name

    names = dict(Employer.objects.filter(pk__in=list(versions)).values_list("pk", "name"))
    if actor.role != Role.STAFF:
        names = {}  # nobody else may learn which ids exist
    return each_on_its_own(
        sorted(versions), verify, key=lambda employer_id: employer_id, name=names.get
    )


def _tell_members(
    employer: Employer, *, kind: str, key: str, context: Mapping[str, Any] | None = None
) -> None:
    """Mail every member of the organisation (in the caller's transaction: sent on commit)."""
    for member in EmployerMember.objects.filter(employer=employer).select_related("user"):
        notification_queue(recipient=member.user, kind=kind, obj=employer, key=key, context=context)


def _clear_refusal(employer: Employer) -> None:
    employer.refused_at = None
    employer.refused_by = None
    employer.refusal_reason = ""


REFUSAL_REASON_REQUIRED = gettext_lazy("거절 사유를 입력해 주세요.")


@transaction.atomic
def employer_refuse(*, employer: Employer, actor: User, reason: str) -> Employer:
    """Staff could not confirm the organisation: it stays unverified, with the reason the
    employer sees (`POST /api/v1/employers/{id}/refuse/ {reason}`). 409 once verified or
    already refused; an edit by the employer puts it back in the queue."""
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 거절할 수 있습니다."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [REFUSAL_REASON_REQUIRED]})
    try:
        reject_resident_number(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from None
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if employer.verified_at is not None:
        raise ConflictError(gettext("이미 인증된 기업입니다."), code="already_verified")
    if employer.refused_at is not None:
        raise ConflictError(
            gettext("이미 인증을 거절한 기업입니다."),
            code="already_refused",
        )
    refused_at = timezone.now()
    employer.refused_at = refused_at
    employer.refused_by = actor
    employer.refusal_reason = reason
    employer.save(update_fields=["refused_at", "refused_by", "refusal_reason", "updated_at"])
    # The reason goes with the mail as written now (a later edit clears it on the record).
    _tell_members(
        employer,
        kind="employer_refused",
        key=refused_at.isoformat(),
        context={"reason": reason},
    )
    return employer
