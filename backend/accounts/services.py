"""Use cases of accounts: consents and the personal-data access log."""

from __future__ import annotations

from collections.abc import Mapping

from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext

from backend.accounts.hooks import account_deleting, consent_changed
from backend.accounts.models import (
    CONSENT_NOTICE_VERSION,
    REQUIRED_CONSENTS,
    AccessLog,
    ConsentPurpose,
    ConsentRecord,
    Role,
    User,
)
from backend.core.errors import DomainError
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


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as allauth's rate limits see it: REMOTE_ADDR, or with
    `TRUSTED_PROXY_COUNT` proxies of ours in front, the X-Forwarded-For entry they vouch for
    (a client-written entry further left is never taken). None when it cannot be told."""
    if request is None:
        return None
    try:
        return str(get_account_adapter().get_client_ip(request))
    except (PermissionDenied, ImproperlyConfigured):
        # No usable address, or fewer X-Forwarded-For entries than trusted proxies (a request
        # that bypassed them): record none rather than one the client chose.
        return None


def access_log(
    *, actor: User, subject: User, what: str, request: HttpRequest | None = None
) -> AccessLog:
    """Write who read whose personal data, what and from where (PIPA access record)."""
    return AccessLog.objects.create(
        actor=actor,
        actor_role=actor.role,
        subject=subject,
        subject_ref=f"user:{subject.pk}",
        what=what[:200],
        path=(request.path if request is not None else "")[:300],
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
