"""The "checkpoint due" mail (고용 유지 확인 예정 알림): when a hire's 1/3/6/12-month
retention checkpoint falls due, every member of the hiring organisation gets one mail with
the link to the placements page, where it is recorded.

Run every morning by the `checkpoint_due_mails` job (`workers.schedule`). A checkpoint is
mailed once (one notification row per member and checkpoint); a run that was missed is made
up by the next one for `DUE_WINDOW_DAYS` days; older pending checkpoints are not mailed (no
flood of year-old reminders). The mail names the posting and the month, never the person.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from backend.employers.models import EmployerMember
from backend.jobs.models import CheckpointStatus, PlacementCheckpoint, seoul_today
from backend.notifications.models import Notification, NotificationKind
from backend.notifications.services import notification_queue

DUE_WINDOW_DAYS = 7


@transaction.atomic
def checkpoint_due_mails(today: datetime.date | None = None) -> int:
    """Queue the mails of the pending checkpoints due in the last `DUE_WINDOW_DAYS` days up
    to `today` (Seoul). Returns how many were queued; a second run queues none."""
    day = today or seoul_today()
    due = list(
        PlacementCheckpoint.objects.filter(
            status=CheckpointStatus.PENDING,
            due_on__lte=day,
            due_on__gt=day - datetime.timedelta(days=DUE_WINDOW_DAYS),
        ).select_related("placement__posting")
    )
    if not due:
        return 0
    employer_ids = {checkpoint.placement.posting.employer_id for checkpoint in due}
    members: dict[int, list[EmployerMember]] = {}
    for member in EmployerMember.objects.filter(employer_id__in=employer_ids).select_related(
        "user"
    ):
        members.setdefault(member.employer_id, []).append(member)
    sent = set(
        Notification.objects.filter(
            kind=NotificationKind.CHECKPOINT_DUE,
            object_id__in=[str(checkpoint.pk) for checkpoint in due],
        ).values_list("recipient_id", "object_id")
    )
    queued = 0
    for checkpoint in due:
        for member in members.get(checkpoint.placement.posting.employer_id, []):
            if (member.user_id, str(checkpoint.pk)) in sent or not member.user.is_active:
                continue
            notification_queue(
                recipient=member.user,
                kind=NotificationKind.CHECKPOINT_DUE,
                obj=checkpoint,
                context={"month": checkpoint.month, "due_on": checkpoint.due_on.isoformat()},
            )
            queued += 1
    return queued
