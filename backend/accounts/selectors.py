"""Reads of accounts data."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, OuterRef, QuerySet, Subquery
from django.utils import timezone

from backend.accounts.models import (
    CONSENT_VALIDITY,
    AccessLog,
    AccessLogReview,
    ConsentPurpose,
    ConsentRecord,
    Role,
    User,
)
from backend.core.privacy import exporters


def consents_in_force(*, user: User) -> dict[str, ConsentRecord | None]:
    """The newest record per purpose (None where the person never decided)."""
    latest: dict[str, ConsentRecord | None] = dict.fromkeys(ConsentPurpose.values)
    for record in ConsentRecord.objects.filter(user=user).order_by(
        "purpose", "-recorded_at", "-id"
    ):
        if latest[record.purpose] is None:
            latest[record.purpose] = record
    return latest


def consent_valid_since(
    purpose: str, *, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """The oldest time a grant of `purpose` may have been recorded and still hold (None: no
    expiry). A marketing consent lapses after 2 years without re-confirmation (§50⑧)."""
    validity = CONSENT_VALIDITY.get(purpose)
    if validity is None:
        return None
    return (now or timezone.now()) - validity


def consent_holds(record: ConsentRecord | None, *, now: datetime.datetime | None = None) -> bool:
    """Whether `record` (the newest of its purpose) is a consent in force now."""
    if record is None or not record.granted:
        return False
    since = consent_valid_since(record.purpose, now=now)
    return since is None or record.recorded_at >= since


def consent_expires_at(record: ConsentRecord | None) -> datetime.datetime | None:
    """When a granted `record` stops holding unless confirmed again (None: it does not)."""
    if record is None or not record.granted:
        return None
    validity = CONSENT_VALIDITY.get(record.purpose)
    return record.recorded_at + validity if validity is not None else None


def has_consent(*, user: User, purpose: str) -> bool:
    """Whether `user`'s newest decision about `purpose` is a grant still in force (a grant
    older than the purpose's validity counts as withdrawn). No decision means no consent."""
    record = (
        ConsentRecord.objects.filter(user=user, purpose=purpose)
        .order_by("-recorded_at", "-id")
        .first()
    )
    return consent_holds(record)


def users_with_consent(purpose: str) -> QuerySet[User, dict[str, Any]]:
    """The ids (`values("pk")`) of users whose consent to `purpose` is in force: for
    `filter(user_id__in=...)` (one subquery, whatever the number of people)."""
    newest = ConsentRecord.objects.filter(user=OuterRef("pk"), purpose=purpose).order_by(
        "-recorded_at", "-id"
    )
    users = User.objects.annotate(
        consent_granted=Subquery(newest.values("granted")[:1]),
        consent_at=Subquery(newest.values("recorded_at")[:1]),
    ).filter(consent_granted=True)
    since = consent_valid_since(purpose)
    if since is not None:
        users = users.filter(consent_at__gte=since)
    return users.values("pk")


def user_export(*, user: User) -> dict[str, object]:
    """Everything the platform holds about `user`, as JSON values (PIPA right of access)."""
    data: dict[str, object] = {
        "account": {
            "id": user.pk,
            "email": user.email,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {
                "purpose": record.purpose,
                "granted": record.granted,
                "notice_version": record.notice_version,
                "channel": record.channel,
                "recorded_at": record.recorded_at.isoformat(),
            }
            for record in ConsentRecord.objects.filter(user=user).order_by("recorded_at", "id")
        ],
        "accessed_by": [
            {"actor_role": entry.actor_role, "what": entry.what, "at": entry.at.isoformat()}
            for entry in AccessLog.objects.filter(subject=user).order_by("at", "id")
        ],
    }
    for section, exporter in sorted(exporters().items()):
        data[section] = exporter(user)
    return data


def access_log_entries(
    *,
    actor_id: int | None = None,
    subject_ids: Collection[int] | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AccessLog]:
    """Access-log rows, newest first, with who read and whose data; filtered to one reader,
    to some subjects (`subject_ids`; an empty collection matches nothing), and to the days
    `since`…`until` inclusive (the city's local dates)."""
    rows = AccessLog.objects.select_related("actor", "subject").order_by("-at", "-id")
    if actor_id is not None:
        rows = rows.filter(actor_id=actor_id)
    if subject_ids is not None:
        rows = rows.filter(subject_id__in=list(subject_ids))
    if since is not None:
        rows = rows.filter(at__date__gte=since)
    if until is not None:
        rows = rows.filter(at__date__lte=until)
    return rows


def staff_members() -> QuerySet[User]:
    """Every staff account, by email (the access log's reader filter)."""
    return User.objects.filter(role=Role.STAFF).order_by("email")


@dataclass(frozen=True)
class ReviewMonth:
    """One month of the access log and its review (None: not reviewed yet). `open` is the
    month still running: its records are not complete, so it cannot be reviewed yet."""

    month: datetime.date
    review: AccessLogReview | None
    open: bool


def _months_back(latest: datetime.date, earliest: datetime.date) -> list[datetime.date]:
    months = []
    month = latest
    while month >= earliest:
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


def access_log_review_months() -> list[ReviewMonth]:
    """Every month since the first access-log row (or the first review), newest first, the
    running month included, each with its review (two queries)."""
    this_month = timezone.localdate().replace(day=1)
    first_at = AccessLog.objects.aggregate(first=Min("at"))["first"]
    reviews = {
        review.month: review for review in AccessLogReview.objects.select_related("reviewed_by")
    }
    starts = [timezone.localtime(first_at).date().replace(day=1)] if first_at else []
    starts += list(reviews)
    if not starts:
        return []
    return [
        ReviewMonth(month=month, review=reviews.get(month), open=month == this_month)
        for month in _months_back(this_month, min(starts))
    ]


def access_log_months_unreviewed() -> int:
    """How many ended months of the access log nobody has reviewed yet (the dashboard)."""
    return sum(1 for row in access_log_review_months() if row.review is None and not row.open)
