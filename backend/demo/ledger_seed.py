"""Demo data of the ordinance ledger and the mentoring follow-up: the demo employer runs a
city service under contract (사무수탁기관, 정원 45) so its ledger page has a row, a few other
agencies do too, most covered institutions and partners filed last year's hiring survey
(실태조사), last year's reports are frozen and published on /reports/, and college-major
advice has its follow-up answers."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.employers.models import Employer, HiringSurvey, SurveyFiler
from backend.mentoring.models import MentorKind, RequestStatus
from backend.reports.followups import add_months
from backend.reports.ledger import ledger_institutions
from backend.reports.models import (
    FOLLOW_UP_MONTHS,
    FollowUpAnswer,
    MentoringFact,
    MentoringFollowUp,
)
from backend.reports.snapshots import snapshot_publish, snapshots_yearly

DEMO_EMPLOYER = "employer@demo.example"


@transaction.atomic
def seed_ledger(
    *, rng: random.Random, employers: list[Employer], staff: User, today: datetime.date
) -> dict[str, int]:
    """Mark contracted agencies, file surveys for last year, publish last year's snapshots."""
    demo = Employer.objects.filter(members__user__email=DEMO_EMPLOYER).first()
    if demo is not None:
        Employer.objects.filter(pk=demo.pk).update(
            is_city_contracted=True, authorised_headcount=45, verified_at=timezone.now()
        )
    others = [employer for employer in employers if demo is None or employer.pk != demo.pk]
    for employer in rng.sample(others, k=min(3, len(others))):
        Employer.objects.filter(pk=employer.pk).update(
            is_city_contracted=True, authorised_headcount=rng.randint(30, 120)
        )
    year = today.year - 1
    filed_at = timezone.make_aware(datetime.datetime(today.year, 1, 20, 10))
    surveys = []
    for employer, _kind in ledger_institutions(year):
        if rng.random() < 0.3 and (demo is None or employer.pk != demo.pk):
            continue  # missing: the staff dashboard counts these
        total = rng.randint(4, 60)
        local = min(total, round(total * rng.uniform(0.05, 0.35)))
        surveys.append(
            HiringSurvey(
                employer=employer,
                year=year,
                new_hires_total=total,
                local_graduate_hires=local,
                returner_hires=min(total - local, rng.randint(0, max(1, total // 6))),
                senior_hires=min(total - local, rng.randint(0, max(1, total // 8))),
                filed_by=staff,
                filed_by_role=SurveyFiler.EMPLOYER,
                filed_at=filed_at,
            )
        )
    HiringSurvey.objects.bulk_create(surveys)
    followups = seed_followups(rng=rng, today=today)
    published = 0
    for snapshot in snapshots_yearly(today):
        snapshot_publish(snapshot=snapshot)
        published += 1
    return {
        "hiring_surveys": len(surveys),
        "mentoring_followups": followups,
        "published_snapshots": published,
    }


@transaction.atomic
def seed_followups(*, rng: random.Random, today: datetime.date) -> int:
    """Completed college-major advice ended 7 to 14 months ago, with their follow-up questions
    and most of the mentees' answers (so the mentoring report's follow-up is not empty)."""
    facts = MentoringFact.objects.filter(
        mentor_kind=MentorKind.COLLEGE_STUDENT,
        outcome=RequestStatus.COMPLETED,
        mentoring_request__isnull=False,
    ).select_related("mentoring_request")
    made = 0
    answers = FollowUpAnswer.values
    for fact in facts:
        request = fact.mentoring_request
        assert request is not None
        finished = today - datetime.timedelta(days=rng.randint(215, 420))
        fact.finished_on = finished
        for month in FOLLOW_UP_MONTHS:
            due = add_months(finished, month)
            answer = rng.choice(answers) if due <= today and rng.random() < 0.75 else ""
            setattr(fact, f"followup_{month}", answer)
            MentoringFollowUp.objects.create(
                fact=fact,
                seeker_id=request.seeker_id,
                month=month,
                due_on=due,
                notified_at=timezone.now() if due <= today else None,
                answer=answer,
                answered_at=timezone.now() if answer else None,
            )
            made += 1
        fact.save(update_fields=["finished_on", "followup_6", "followup_12"])
    return made
