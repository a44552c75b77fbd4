"""Mentoring follow-up (REPORTS.md, Mentoring): for completed college-major advice
(`college_student` mentors) the mentee is asked 6 and 12 months later where they stand; the
answer is written into the request's statistical fact, so the mentoring report counts it
(`unknown` while unanswered)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import User
from backend.core.errors import NotFoundError
from backend.jobs.models import seoul_today
from backend.mentoring.models import MentoringRequest, MentorKind, RequestStatus
from backend.notifications.services import notification_queue
from backend.reports.models import (
    FOLLOW_UP_MONTHS,
    FollowUpAnswer,
    MentoringFact,
    MentoringFollowUp,
)

SUPPRESS_BELOW = 5


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def followups_on_finished(*, mentoring_request: MentoringRequest) -> None:
    """`mentoring.hooks.mentoring_request_finished` (after the fact is written): a completed
    college-major advice gets its 6- and 12-month questions."""
    mentor = mentoring_request.mentor
    if mentoring_request.status != RequestStatus.COMPLETED or mentor is None:
        return
    if mentor.kind != MentorKind.COLLEGE_STUDENT:
        return
    fact = MentoringFact.objects.filter(mentoring_request=mentoring_request).first()
    if fact is None or fact.finished_on is None:
        return
    for month in FOLLOW_UP_MONTHS:
        MentoringFollowUp.objects.get_or_create(
            fact=fact,
            month=month,
            defaults={
                "seeker_id": mentoring_request.seeker_id,
                "due_on": add_months(fact.finished_on, month),
            },
        )


def followup_for_seeker(user: User, followup_id: int) -> MentoringFollowUp:
    """The mentee's own follow-up question, due by today; anything else is 404."""
    followup = MentoringFollowUp.objects.filter(
        pk=followup_id, seeker_id=user.pk, due_on__lte=seoul_today()
    ).first()
    if followup is None:
        raise NotFoundError(gettext("질문을 찾을 수 없어요."))
    return followup


@transaction.atomic
def followup_answer(*, followup: MentoringFollowUp, answer: str) -> MentoringFollowUp:
    """Record (or change) the mentee's answer, in the fact too."""
    if answer not in FollowUpAnswer.values:
        raise ValidationError({"answer": [gettext("보기 가운데 하나를 골라 주세요.")]})
    followup.answer = answer
    followup.answered_at = timezone.now()
    followup.save(update_fields=["answer", "answered_at"])
    MentoringFact.objects.filter(pk=followup.fact_id).update(
        **{f"followup_{followup.month}": answer}
    )
    return followup


def followup_mails(today: datetime.date) -> int:
    """Mail each mentee whose question is due and not yet mailed (once: `notified_at`)."""
    due = MentoringFollowUp.objects.filter(
        due_on__lte=today, notified_at__isnull=True, answer=""
    ).select_related("seeker")
    sent = 0
    for followup in due:
        with transaction.atomic():
            claimed = MentoringFollowUp.objects.filter(
                pk=followup.pk, notified_at__isnull=True
            ).update(notified_at=timezone.now())
            if claimed:
                notification_queue(
                    recipient=followup.seeker,
                    kind="mentoring_followup",
                    obj=followup,
                    context={"month": followup.month},
                )
                sent += 1
    return sent


def followup_block(
    *, date_from: datetime.date, date_to: datetime.date, as_of: datetime.date
) -> dict[str, Any]:
    """The follow-up of completed college-major advice requested in the period, per month
    whose question is due by `as_of`: a count per answer and `unknown` (due, unanswered);
    counts of 1 to 4 are suppressed (null, named in `suppressed`), and the total `due` too
    when any answer is (so no suppressed count can be recovered)."""
    facts = MentoringFact.objects.filter(
        requested_on__gte=date_from,
        requested_on__lte=date_to,
        mentor_kind=MentorKind.COLLEGE_STUDENT,
        outcome=RequestStatus.COMPLETED,
        finished_on__isnull=False,
    )
    block: dict[str, Any] = {}
    for month in FOLLOW_UP_MONTHS:
        # Due: finished at least `month` months before as_of.
        latest = add_months(as_of, -month)
        due = facts.filter(finished_on__lte=latest)
        aggregates = {
            answer: Count("id", filter=Q(**{f"followup_{month}": answer}))
            for answer in FollowUpAnswer.values
        }
        counts = due.aggregate(
            due=Count("id"),
            unknown=Count("id", filter=Q(**{f"followup_{month}": ""})),
            **aggregates,
        )
        suppressed = [name for name, value in counts.items() if 0 < value < SUPPRESS_BELOW]
        if suppressed and "due" not in suppressed:
            suppressed.append("due")
        block[str(month)] = {
            **{name: None if name in suppressed else value for name, value in counts.items()},
            "suppressed": suppressed,
        }
    return block


def followups_export(user: User) -> list[dict[str, Any]]:
    """The person's follow-up questions and answers, for their data export (개인정보 열람)."""
    return [
        {
            "month": followup.month,
            "due_on": followup.due_on.isoformat(),
            "answer": followup.answer,
            "answered_at": followup.answered_at.isoformat() if followup.answered_at else None,
        }
        for followup in MentoringFollowUp.objects.filter(seeker=user).order_by("due_on", "pk")
    ]
