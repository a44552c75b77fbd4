"""The reports app's background jobs, registered in `ReportsConfig.ready()`.

`hiring_survey_mails` runs every morning from January to March (`workers.schedule`): while
last year's hiring survey (실태조사) is open — from 2 January to the policy's deadline
(`reporting.survey_deadline`, 31 January by default) — it mails each member of every covered
institution and partner employer the form's link once, and in the last
`SURVEY_REMINDER_DAYS` days before the deadline a reminder to those that have not filed.
Safe to run twice: each mail is one notification row per (member, kind, employer, year).
"""

from __future__ import annotations

import datetime
import logging

from backend.employers.models import EmployerMember
from backend.jobs.models import seoul_today
from backend.matching.policy import survey_deadline
from backend.notifications.models import Notification, NotificationKind
from backend.notifications.services import notification_queue
from backend.reports.followups import followup_mails
from backend.reports.ledger import institutions_missing_survey, ledger_institutions
from backend.reports.selectors import policy_in_force
from backend.reports.snapshots import snapshots_monthly, snapshots_yearly
from workers.registry import register_job

logger = logging.getLogger("workers.jobs")

SURVEY_OPENS = (1, 2)  # 2 January: the year is over and the offices are open again
SURVEY_REMINDER_DAYS = 7


def hiring_survey_mails(today: str | None = None) -> dict[str, int]:
    """Queue the survey's invitations and reminders due on `today` (ISO date; default today
    in Seoul). Returns how many of each were queued (a repeat queues none)."""
    day = datetime.date.fromisoformat(today) if today else seoul_today()
    year = day.year - 1
    policy = policy_in_force(day)
    deadline = survey_deadline(policy.document if policy is not None else {}, year)
    counts = {"requested": 0, "reminded": 0}
    if not datetime.date(day.year, *SURVEY_OPENS) <= day <= deadline:
        return counts
    context = {"year": year, "deadline": deadline.isoformat()}
    plans = [(NotificationKind.HIRING_SURVEY_REQUESTED, ledger_institutions(year), "requested")]
    if (deadline - day).days < SURVEY_REMINDER_DAYS:
        plans.append(
            (NotificationKind.HIRING_SURVEY_REMINDER, institutions_missing_survey(year), "reminded")
        )
    for kind, institutions, counter in plans:
        employers = {employer.pk: employer for employer, _kind in institutions}
        members = EmployerMember.objects.filter(employer_id__in=employers).select_related("user")
        sent = set(
            Notification.objects.filter(kind=kind, key=str(year)).values_list(
                "recipient_id", "object_id"
            )
        )
        for member in members:
            if (member.user_id, str(member.employer_id)) in sent:
                continue
            notification_queue(
                recipient=member.user,
                kind=kind,
                obj=employers[member.employer_id],
                key=str(year),
                context=context,
            )
            counts[counter] += 1
    if any(counts.values()):
        logger.info("hiring survey mails for %s: %s", year, counts)
    return counts


def report_snapshots_monthly(today: str | None = None) -> dict[str, int]:
    """1st of each month: last month's placement and mentoring reports, frozen."""
    day = datetime.date.fromisoformat(today) if today else seoul_today()
    return {"snapshots": len(snapshots_monthly(day))}


def report_snapshots_yearly(today: str | None = None) -> dict[str, int]:
    """15 February (after the survey deadline): last year's three reports, frozen."""
    day = datetime.date.fromisoformat(today) if today else seoul_today()
    return {"snapshots": len(snapshots_yearly(day))}


def mentoring_followup_mails(today: str | None = None) -> dict[str, int]:
    """Every morning: mail each mentee whose 6- or 12-month question is due (once)."""
    day = datetime.date.fromisoformat(today) if today else seoul_today()
    return {"mailed": followup_mails(day)}


def register() -> None:
    register_job("mentoring_followup_mails", mentoring_followup_mails)
    register_job("hiring_survey_mails", hiring_survey_mails)
    register_job("report_snapshots_monthly", report_snapshots_monthly)
    register_job("report_snapshots_yearly", report_snapshots_yearly)
