"""Recording and correcting the 1/3/6/12-month retention checkpoints (고용 유지 확인).

    pending → retained | left            the employer or staff record it (once due, for
                                         `retained`); `left` marks the later pending ones too
    retained ↔ left                      a correction: the employer within
                                         `EMPLOYER_CORRECTION_DAYS` days of recording it,
                                         staff at any time

Every change writes a `CheckpointChange` row (who, by role, when, old → new) in the same
transaction, and fires `checkpoint_recorded` with every row that changed: reports count
retention from it, corrections included.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError
from backend.jobs.hooks import checkpoint_recorded
from backend.jobs.models import CheckpointChange, CheckpointStatus, PlacementCheckpoint, seoul_today

# How long the employer may correct its own record; after that only staff may (the record
# feeds the city's yearly report, so late changes go through a person who answers for them).
EMPLOYER_CORRECTION_DAYS = 14


def correction_deadline(checkpoint: PlacementCheckpoint) -> datetime.datetime | None:
    """Until when the employer may correct `checkpoint` (None while it is pending): the
    window opens when it was last recorded from `pending` (its history; a record older than
    the history falls back to `recorded_at`)."""
    if checkpoint.status == CheckpointStatus.PENDING or checkpoint.recorded_at is None:
        return None
    # `changes.all()` reads a prefetched history (the pages prefetch it) without a query.
    recorded = max(
        (
            change.changed_at
            for change in checkpoint.changes.all()
            if change.from_status == CheckpointStatus.PENDING
        ),
        default=None,
    )
    return (recorded or checkpoint.recorded_at) + datetime.timedelta(days=EMPLOYER_CORRECTION_DAYS)


@transaction.atomic
def placement_checkpoint_record(
    *, checkpoint: PlacementCheckpoint, actor: User, status: str
) -> PlacementCheckpoint:
    """Record, or correct, whether the person is still employed at a checkpoint (its employer
    or staff; the caller checked access).

    `retained` only once the checkpoint is due and not after an earlier `left`; `left` not
    before a later `retained`, and it marks the later pending checkpoints `left` (someone who
    left at 3 months is gone at 6). Correcting a `left` to `retained` puts back to `pending`
    the later checkpoints that the `left` had marked. Recording the outcome it already has
    changes nothing. 409 for an employer correcting after `EMPLOYER_CORRECTION_DAYS` days.
    """
    if status not in (CheckpointStatus.RETAINED, CheckpointStatus.LEFT):
        raise ConflictError(
            gettext("retained 또는 left 만 기록할 수 있습니다."),
            code="illegal_transition",
        )
    checkpoints = list(
        PlacementCheckpoint.objects.select_for_update()
        .filter(placement_id=checkpoint.placement_id)
        .order_by("month")
    )
    current = next(row for row in checkpoints if row.pk == checkpoint.pk)
    if current.status == status:
        return current
    now = timezone.now()
    if current.status != CheckpointStatus.PENDING and actor.role != Role.STAFF:
        deadline = correction_deadline(current)
        if deadline is not None and now > deadline:
            raise ConflictError(
                gettext(
                    "기록한 지 %(days)s일이 지나서 고칠 수 없어요. 고쳐야 하면 시 담당자에게 "
                    "알려 주세요."
                )
                % {"days": EMPLOYER_CORRECTION_DAYS},
                code="correction_window_closed",
            )
    earlier = [row for row in checkpoints if row.month < current.month]
    later = [row for row in checkpoints if row.month > current.month]
    if status == CheckpointStatus.RETAINED:
        if current.due_on > seoul_today():
            raise ConflictError(
                gettext("%(month)s개월 확인일(%(due)s) 전에는 근무 유지를 기록할 수 없습니다.")
                % {"month": current.month, "due": current.due_on},
                code="checkpoint_not_due",
            )
        if any(row.status == CheckpointStatus.LEFT for row in earlier):
            raise ConflictError(
                gettext("이미 퇴사로 기록된 사람입니다. 이전 기록을 먼저 고쳐 주세요."),
                code="already_left",
            )
    elif any(row.status == CheckpointStatus.RETAINED for row in later):
        raise ConflictError(
            gettext("나중 확인에 근무 중으로 기록되어 있어요. 그 기록을 먼저 고쳐 주세요."),
            code="later_retained",
        )
    previous = {row.pk: row.status for row in checkpoints}
    changed = [current]
    if status == CheckpointStatus.LEFT:
        marked = [row for row in later if row.status == CheckpointStatus.PENDING]
        for row in marked:
            row.status, row.recorded_at, row.recorded_by = status, now, actor
        changed += marked
    elif current.status == CheckpointStatus.LEFT:
        # The later checkpoints this `left` marked (recorded in the same moment) go back to
        # pending: nobody has said whether the person was still there then.
        cascaded = [
            row
            for row in later
            if row.status == CheckpointStatus.LEFT and row.recorded_at == current.recorded_at
        ]
        for row in cascaded:
            row.status, row.recorded_at, row.recorded_by = CheckpointStatus.PENDING, None, None
        changed += cascaded
    current.status, current.recorded_at, current.recorded_by = status, now, actor
    PlacementCheckpoint.objects.bulk_update(changed, ["status", "recorded_at", "recorded_by"])
    CheckpointChange.objects.bulk_create(
        CheckpointChange(
            checkpoint=row,
            from_status=previous[row.pk],
            to_status=row.status,
            changed_by=actor,
            changed_by_role=actor.role,
            changed_at=now,
        )
        for row in changed
    )
    checkpoint_recorded.fire(checkpoint=current, changed=changed, actor=actor)
    return current
