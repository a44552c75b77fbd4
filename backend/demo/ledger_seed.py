"""Demo data of the ordinance ledger: the demo employer runs a city service under contract
(사무수탁기관, 정원 45) so its ledger page has a row, a few other agencies do too, most
covered institutions and partners filed last year's hiring survey (실태조사), and last year's
reports are frozen and published on /reports/."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.employers.models import Employer, HiringSurvey, SurveyFiler
from backend.reports.ledger import ledger_institutions
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
    published = 0
    for snapshot in snapshots_yearly(today):
        snapshot_publish(snapshot=snapshot)
        published += 1
    return {"hiring_surveys": len(surveys), "published_snapshots": published}
