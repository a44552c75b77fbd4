"""Counsellor-assisted enrolment (상담사 대리 등록, the 새일센터 practice): staff create a seeker
on the person's behalf, with the consent the person signed on paper, fill the profile, and
print a letter with a login ID and a one-time code; the person sets a password at the first
login (`assisted_activate`) and may add an email later (allauth's email page verifies it).

Every staff action is written to the access log as done on the person's behalf
("대리 …"), so the person sees it in their privacy centre like any other staff access.

The one-time code: `CODE_LENGTH` characters of an alphabet without look-alikes (~50 bits),
made by `secrets`, shown once (the letter is rendered from the issuing request, never read
back), stored only hashed, valid `CODE_VALID_DAYS` days, used once (claimed by a conditional
UPDATE), and locked after `MAX_CODE_FAILURES` wrong tries (staff issue a new letter). A wrong
ID and a wrong code get the same answer, so the page tells no one which IDs exist.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import ConsentPurpose, Role, User
from backend.accounts.services import access_log, consents_record
from backend.core.errors import ConflictError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.seekers.models import ASSISTED_EMAIL_DOMAIN, AssistedEnrolment, SeekerProfile
from backend.seekers.services import seeker_profile_replace

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 10
CODE_VALID_DAYS = 14
MAX_CODE_FAILURES = 5


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 대리 등록을 할 수 있어요."))


def _new_login_id() -> str:
    while True:
        candidate = f"sh{secrets.randbelow(10**8):08d}"
        if not AssistedEnrolment.objects.filter(login_id=candidate).exists():
            return candidate


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """The code as printed: in two groups of five, easier to read out and type."""
    return f"{code[:5]}-{code[5:]}"


def _issue(enrolment: AssistedEnrolment) -> str:
    code = _new_code()
    enrolment.code_hash = make_password(code)
    enrolment.code_expires_at = timezone.now() + datetime.timedelta(days=CODE_VALID_DAYS)
    enrolment.code_used_at = None
    enrolment.code_failures = 0
    enrolment.save(update_fields=["code_hash", "code_expires_at", "code_used_at", "code_failures"])
    return code


@transaction.atomic
def assisted_seeker_create(
    *,
    actor: User,
    consent_scan_ref: str,
    consent_signed_on: datetime.date,
    matching_consent: bool,
    request: HttpRequest | None = None,
) -> tuple[AssistedEnrolment, str]:
    """Create the seeker's account with the paper consent recorded; returns the enrolment
    and its first one-time code (to print now: it is never shown again)."""
    _require_staff(actor)
    errors: dict[str, list[str]] = {}
    reference = " ".join(consent_scan_ref.split())
    if not reference:
        errors["consent_scan_ref"] = [gettext("동의서 스캔 번호를 적어 주세요.")]
    else:
        try:
            reject_resident_number(reference)
        except ValidationError as error:
            errors["consent_scan_ref"] = list(error.messages)
    today = timezone.localdate()
    if consent_signed_on > today:
        errors["consent_signed_on"] = [gettext("오늘이나 지난 날짜를 적어 주세요.")]
    elif consent_signed_on < today - datetime.timedelta(days=90):
        errors["consent_signed_on"] = [gettext("90일 안에 받은 동의서만 쓸 수 있어요.")]
    if errors:
        raise ValidationError(errors)
    login_id = _new_login_id()
    user = User.objects.create_user(
        email=f"{login_id}@{ASSISTED_EMAIL_DOMAIN}", password=None, role=Role.SEEKER
    )
    # The login ID stands in for an email: staff met the person, so allauth's login need not
    # wait for a verification no mailbox can receive; an email the person adds later is
    # verified by allauth as usual.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    decisions: dict[str, bool] = {
        ConsentPurpose.SERVICE: True,
        ConsentPurpose.MATCHING: matching_consent,
    }
    consents_record(user=user, decisions=decisions, channel="paper")
    enrolment = AssistedEnrolment.objects.create(
        user=user,
        login_id=login_id,
        consent_scan_ref=reference,
        consent_signed_on=consent_signed_on,
        consent_staff=actor,
        consent_staff_ref=f"user:{actor.pk}",
    )
    code = _issue(enrolment)
    access_log(
        actor=actor,
        subject=user,
        what=f"대리 등록: 계정 생성, 종이 동의서 {reference} 기록",
        request=request,
    )
    return enrolment, code


@transaction.atomic
def assisted_profile_fill(
    *,
    actor: User,
    enrolment: AssistedEnrolment,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> SeekerProfile:
    """Staff write the person's profile on their behalf (the seekers' PUT rules)."""
    _require_staff(actor)
    profile = seeker_profile_replace(user=enrolment.user, fields=fields)
    access_log(actor=actor, subject=enrolment.user, what="대리 입력: 프로필", request=request)
    return profile


@transaction.atomic
def assisted_code_issue(
    *, actor: User, enrolment: AssistedEnrolment, request: HttpRequest | None = None
) -> str:
    """A new letter: a new one-time code (the previous one stops working). Refused once the
    person has set their password (they use the password reset, or staff help them there)."""
    _require_staff(actor)
    locked = AssistedEnrolment.objects.select_for_update().get(pk=enrolment.pk)
    if locked.activated_at is not None:
        raise ConflictError(
            gettext("이미 첫 로그인을 마쳤어요. 새 코드가 필요 없어요."), code="activated"
        )
    code = _issue(locked)
    access_log(
        actor=actor, subject=locked.user, what="대리: 일회용 코드 안내문 발급", request=request
    )
    return code


WRONG = "아이디나 일회용 코드가 맞지 않아요. 안내문을 다시 확인해 주세요."


def _normalized_code(code: str) -> str:
    return "".join(char for char in code.upper() if char.isalnum())


def assisted_activate(*, login_id: str, code: str, password: str) -> User:
    """The first login: the printed ID and code, and the password the person chooses.
    Raises a `ValidationError` (the same for a wrong ID, a wrong, expired, used or locked
    code) or one on `password` (Django's validators)."""
    with transaction.atomic():
        enrolment = (
            AssistedEnrolment.objects.select_for_update()
            .select_related("user")
            .filter(login_id=login_id.strip().lower())
            .first()
        )
        usable = (
            enrolment is not None
            and enrolment.code_hash
            and enrolment.code_used_at is None
            and enrolment.code_failures < MAX_CODE_FAILURES
            and enrolment.code_expires_at is not None
            and enrolment.code_expires_at > timezone.now()
        )
        if not usable or not check_password(_normalized_code(code), enrolment.code_hash):  # type: ignore[union-attr]
            if enrolment is not None and usable:
                enrolment.code_failures += 1
                enrolment.save(update_fields=["code_failures"])
            failed = True
        else:
            failed = False
    if failed:  # outside the block: the failure count is committed
        raise ValidationError({"code": [gettext(WRONG)]})
    assert enrolment is not None
    try:
        validate_password(password, enrolment.user)
    except ValidationError as error:
        raise ValidationError({"password": list(error.messages)}) from None
    with transaction.atomic():
        now = timezone.now()
        claimed = AssistedEnrolment.objects.filter(
            pk=enrolment.pk, code_used_at__isnull=True
        ).update(code_used_at=now, activated_at=now, code_hash="")
        if not claimed:
            raise ValidationError({"code": [gettext(WRONG)]})
        user = enrolment.user
        user.set_password(password)
        user.save(update_fields=["password"])
    return user
