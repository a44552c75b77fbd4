"""Writes of job fairs: staff create a fair with its postings and slots; seekers register and
rank postings (STYLE.md: services decide, forms and serializers only parse)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import User
from backend.core.errors import ConflictError
from backend.fairs.models import (
    MAX_CHOICES_LIMIT,
    SLOT_MINUTES_RANGE,
    FairChoice,
    FairPosting,
    FairRegistration,
    FairSlot,
    JobFair,
)
from backend.jobs.models import Posting, PostingStatus
from backend.seekers.models import SeekerProfile


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_current_timezone())


def slot_times(
    day: dt.date, starts: dt.time, ends: dt.time, minutes: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The fair's hours cut into back-to-back slots of `minutes` (a last shorter rest dropped)."""
    start, end, step = _at(day, starts), _at(day, ends), dt.timedelta(minutes=minutes)
    slots = []
    while start + step <= end:
        slots.append((start, start + step))
        start += step
    return slots


@transaction.atomic
def fair_create(
    *,
    actor: User,
    title: str,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    place: str,
    slot_minutes: int,
    max_choices: int,
    registration_closes_at: dt.datetime,
    posting_ids: Sequence[int],
) -> JobFair:
    """Create a fair, its participating postings (open ones only) and their slots.

    Raises `ValidationError` naming the field: the hours, the slot length, K, the closing time
    (before the fair starts) and the postings (at least one; each open)."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [gettext("박람회 이름을 적어 주세요.")]
    if not place.strip():
        errors["place"] = [gettext("장소를 적어 주세요.")]
    if date < timezone.localdate():
        errors["date"] = [gettext("지난 날짜에는 박람회를 만들 수 없어요.")]
    if ends_at <= starts_at:
        errors["ends_at"] = [gettext("끝나는 시각은 시작 시각보다 늦어야 해요.")]
    low, high = SLOT_MINUTES_RANGE
    if not low <= slot_minutes <= high:
        errors["slot_minutes"] = [
            gettext("면접 길이는 %(low)s분에서 %(high)s분 사이예요.") % {"low": low, "high": high}
        ]
    if not 1 <= max_choices <= MAX_CHOICES_LIMIT:
        errors["max_choices"] = [
            gettext("지망 수는 1에서 %(limit)s 사이예요.") % {"limit": MAX_CHOICES_LIMIT}
        ]
    if "ends_at" not in errors and registration_closes_at > _at(date, starts_at):
        errors["registration_closes_at"] = [
            gettext("참가 신청은 박람회가 시작하기 전에 마감해야 해요.")
        ]
    wanted = sorted(set(posting_ids))
    postings = list(Posting.objects.filter(pk__in=wanted, status=PostingStatus.OPEN))
    if not wanted:
        errors["posting_ids"] = [gettext("참가할 공고를 하나 이상 골라 주세요.")]
    elif len(postings) != len(wanted):
        missing = sorted(set(wanted) - {p.pk for p in postings})
        errors["posting_ids"] = [
            gettext("모집 중인 공고만 참가할 수 있어요: %(ids)s")
            % {"ids": ", ".join(map(str, missing))}
        ]
    if not errors and not slot_times(date, starts_at, ends_at, slot_minutes):
        errors["slot_minutes"] = [gettext("박람회 시간 안에 면접 시간이 하나도 들어가지 않아요.")]
    if errors:
        raise ValidationError(errors)
    fair = JobFair.objects.create(
        title=title.strip(),
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        slot_minutes=slot_minutes,
        max_choices=max_choices,
        registration_closes_at=registration_closes_at,
        created_by=actor,
    )
    for posting in postings:
        fair_posting_add(fair=fair, posting=posting, slot_minutes=slot_minutes)
    return fair


def fair_posting_add(*, fair: JobFair, posting: Posting, slot_minutes: int) -> FairPosting:
    """Add `posting` to `fair` with slots of `slot_minutes` across the fair's hours."""
    fair_posting = FairPosting.objects.create(fair=fair, posting=posting, slot_minutes=slot_minutes)
    FairSlot.objects.bulk_create(
        FairSlot(fair_posting=fair_posting, starts_at=start, ends_at=end)
        for start, end in slot_times(fair.date, fair.starts_at, fair.ends_at, slot_minutes)
    )
    return fair_posting


def _closed_check(fair: JobFair) -> None:
    if not fair.registration_open():
        raise ConflictError(gettext("참가 신청이 마감되었어요."), code="registration_closed")


@transaction.atomic
def fair_registration_set(
    *, seeker: SeekerProfile, fair: JobFair, choices: Sequence[int]
) -> FairRegistration:
    """Register `seeker` for `fair` with `choices` (posting ids, first choice first), replacing
    any earlier choices. 409 (`ConflictError`) once registration has closed; `ValidationError`
    on `choices` for none, more than K, a posting not in the fair, or one twice."""
    fair = JobFair.objects.select_for_update().get(pk=fair.pk)
    _closed_check(fair)
    errors: list[str] = []
    if not choices:
        errors.append(gettext("지망할 공고를 하나 이상 골라 주세요."))
    if len(choices) > fair.max_choices:
        errors.append(gettext("공고는 %(k)s개까지 고를 수 있어요.") % {"k": fair.max_choices})
    if len(set(choices)) != len(choices):
        errors.append(gettext("같은 공고를 두 번 고를 수 없어요."))
    in_fair = {
        fp.posting_id: fp for fp in FairPosting.objects.filter(fair=fair, posting_id__in=choices)
    }
    outside = [c for c in choices if c not in in_fair]
    if outside:
        errors.append(
            gettext("이 박람회에 참가하지 않는 공고예요: %(ids)s")
            % {"ids": ", ".join(map(str, outside))}
        )
    if errors:
        raise ValidationError({"choices": errors})
    registration, created = FairRegistration.objects.get_or_create(fair=fair, seeker=seeker)
    if not created:
        registration.updated_at = timezone.now()
        registration.save(update_fields=["updated_at"])
        registration.choices.all().delete()
    FairChoice.objects.bulk_create(
        FairChoice(registration=registration, fair_posting=in_fair[posting_id], rank=rank)
        for rank, posting_id in enumerate(choices, start=1)
    )
    return registration


@transaction.atomic
def fair_registration_withdraw(*, seeker: SeekerProfile, fair: JobFair) -> None:
    """Cancel the seeker's registration (409 once registration has closed)."""
    _closed_check(fair)
    FairRegistration.objects.filter(fair=fair, seeker=seeker).delete()
