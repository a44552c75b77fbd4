"""Use cases of accounts: consents, the personal-data access log and its monthly review."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.hooks import account_deleting, consent_changed, personal_data_read
from backend.accounts.models import (
    CONSENT_NOTICE_VERSION,
    REQUIRED_CONSENTS,
    AccessLog,
    AccessLogReview,
    ConsentPurpose,
    ConsentRecord,
    Role,
    User,
)
from backend.core.client_ip import client_ip
from backend.core.errors import ConflictError, DomainError, ForbiddenError
from backend.core.privacy import erasers


@transaction.atomic
def consents_record(
    *, user: User, decisions: Mapping[str, bool], channel: str = "web"
) -> list[ConsentRecord]:
    """Record a decision per purpose. Refusing a required purpose is refused (the service
    cannot run without it); optional purposes may be refused or withdrawn at any time."""
    records = []
    for purpose, granted in decisions.items():
        if purpose not in ConsentPurpose.values:
            raise DomainError(
                gettext("알 수 없는 동의 항목입니다: %(purposes)s") % {"purposes": purpose}
            )
        if purpose in REQUIRED_CONSENTS and not granted:
            raise DomainError(
                gettext(
                    "필수 동의 없이 서비스를 이용할 수 없습니다. 탈퇴는 계정 삭제로 할 수 있습니다."
                ),
                code="required_consent",
            )
        records.append(
            ConsentRecord.objects.create(
                user=user,
                purpose=purpose,
                granted=granted,
                notice_version=CONSENT_NOTICE_VERSION,
                channel=channel,
            )
        )
    if records:
        consent_changed.fire(user=user, records=records)
    return records


def access_log(
    *, actor: User, subject: User, what: str, request: HttpRequest | None = None
) -> AccessLog:
    """Write who read whose personal data, what and from where (PIPA access record)."""
    return access_log_many(actor=actor, subject_ids=[subject.pk], what=what, request=request)[0]


def access_log_many(
    *,
    actor: User,
    subject_ids: Iterable[int],
    what: str,
    request: HttpRequest | None = None,
) -> list[AccessLog]:
    """One access-log row per subject (a list page shows many people at once), with the
    client IP through the trusted-proxy setting; then `personal_data_read` fires (the bulk-read
    alert counts the actor's reads). Subjects are user ids; duplicates are logged once."""
    path = (request.path if request is not None else "")[:300]
    address = client_ip(request)
    rows = AccessLog.objects.bulk_create(
        AccessLog(
            actor=actor,
            actor_role=actor.role,
            subject_id=subject_id,
            subject_ref=f"user:{subject_id}",
            what=what[:200],
            path=path,
            ip_address=address,
        )
        for subject_id in dict.fromkeys(subject_ids)
    )
    if rows:
        personal_data_read.fire(actor=actor, count=len(rows))
    return rows


ACCESS_LOG_REVIEW_REF = "access-log"


def access_log_reading(
    *, actor: User, subject: User | None, what: str, request: HttpRequest | None = None
) -> AccessLog:
    """Write that `actor` read the access log itself (who looked at whom is personal data
    too): about `subject` when the reading was filtered to one person, else about nobody in
    particular (`subject_ref` "access-log")."""
    if subject is not None:
        return access_log(actor=actor, subject=subject, what=what, request=request)
    return AccessLog.objects.create(
        actor=actor,
        actor_role=actor.role,
        subject=None,
        subject_ref=ACCESS_LOG_REVIEW_REF,
        what=what[:200],
        path=(request.path if request is not None else "")[:300],
        ip_address=client_ip(request),
    )


REVIEW_NOTE_MAX = 2000


@transaction.atomic
def access_log_review_record(*, actor: User, month: datetime.date, note: str) -> AccessLogReview:
    """Mark `month`'s access log reviewed by `actor` (개인정보의 안전성 확보조치 기준 §8: at
    least monthly). Only staff; only a month that has ended (its records are complete); once
    a month (a second review is a `ConflictError` naming who did the first); `note` (what the
    review found) is required."""
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 열람 기록을 점검할 수 있습니다."))
    month = month.replace(day=1)
    if month >= timezone.localdate().replace(day=1):
        raise ValidationError({"month": gettext("끝난 달만 점검할 수 있습니다.")})
    note = note.strip()
    if not note:
        raise ValidationError({"note": gettext("점검 결과를 적어 주세요.")})
    if len(note) > REVIEW_NOTE_MAX:
        raise ValidationError(
            {"note": gettext("%(max)s자까지 적을 수 있습니다.") % {"max": REVIEW_NOTE_MAX}}
        )
    done = AccessLogReview.objects.select_for_update().filter(month=month).first()
    if done is not None:
        raise ConflictError(
            gettext("%(month)s은(는) 이미 %(who)s이(가) 점검했습니다.")
            % {"month": f"{month:%Y-%m}", "who": done.reviewer_ref},
            code="already_reviewed",
        )
    try:
        with transaction.atomic():
            return AccessLogReview.objects.create(
                month=month, reviewed_by=actor, reviewer_ref=actor.email[:64], note=note
            )
    except IntegrityError:  # two reviewers at once: the unique month decides
        raise ConflictError(
            gettext("%(month)s은(는) 이미 점검되었습니다.") % {"month": f"{month:%Y-%m}"},
            code="already_reviewed",
        ) from None


NO_SUBJECT_REF = "none"


def download_log(*, actor: User, what: str, request: HttpRequest | None = None) -> AccessLog:
    """Write a download that holds no one's personal data (a suppressed statistical export):
    no subject, `subject_ref` "none", and `what` saying so with the download's parameters —
    the record 안전성 확보조치 기준 §8 asks for, with the reason that there is no person in it."""
    return AccessLog.objects.create(
        actor=actor,
        actor_role=actor.role,
        subject=None,
        subject_ref=NO_SUBJECT_REF,
        what=what[:200],
        path=(request.get_full_path() if request is not None else "")[:300],
        ip_address=client_ip(request),
    )


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account and everything that is the person's (PIPA erasure).

    Registered erasers run first (files, search documents), then the user row goes with its
    cascade (profile, applications, consents…). Access-log rows about the person stay with
    the subject set to NULL: they are the city's record of who looked, not the person's data.
    """
    for eraser in erasers():
        eraser(user)
    account_deleting.fire(user=user)
    user.delete()


STAFF_GROUP = "시 담당자 (City staff)"
# What city staff manage in the admin: verification, review, placements, reference data,
# background jobs; they read (not edit) consents and the access log.
STAFF_PERMISSIONS = {
    "employers": ("view", "change"),
    "jobs": ("view", "change"),
    "seekers": ("view",),
    "mentoring": ("view", "change"),
    "taxonomy": ("view", "add", "change"),
    "workers": ("view", "change"),
    "accounts": ("view",),
}


def staff_group_ensure() -> Group:
    """The group that gives staff users their admin permissions (made on first use)."""
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    wanted = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if permission.codename.split("_", 1)[0]
        in STAFF_PERMISSIONS.get(permission.content_type.app_label, ())
    ]
    group.permissions.set(wanted)
    return group


@transaction.atomic
def staff_user_create(*, email: str, password: str | None) -> User:
    """A city staff account (administrators only: never by signup), in the staff group."""
    user = User.objects.create_user(email=email, password=password, role=Role.STAFF)
    user.groups.add(staff_group_ensure())
    return user


def user_language_set(*, user: User, language: str) -> None:
    """Remember the language `user` chose (their mails are written in it)."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
