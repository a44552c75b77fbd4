"""Demo data of job fairs (채용박람회): one upcoming fair three weeks ahead at Siheung City
Hall with open postings of a few employers (the demo employer's among them), and a few dozen
seekers' ranked registrations, so staff can run and publish the interview schedule."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.employers.models import Employer
from backend.fairs.models import FairPosting, JobFair
from backend.fairs.services import fair_create, fair_registration_set
from backend.jobs.models import Posting, PostingStatus
from backend.seekers.models import SeekerProfile

DEMO_EMPLOYER = "employer@demo.example"
PERSONAS = ("graduate@demo.example", "returner@demo.example", "senior@demo.example")
EMPLOYERS_AT_THE_FAIR = 5
POSTINGS_PER_EMPLOYER = 2
REGISTRATIONS = 30


@transaction.atomic
def seed_fair(*, rng: random.Random, staff: User, today: datetime.date) -> dict[str, int]:
    """Create the fair and its registrations (none for the three personas, who try it)."""
    open_postings = list(
        Posting.objects.filter(status=PostingStatus.OPEN, employer__verified_at__isnull=False)
        .select_related("employer")
        .order_by("employer_id", "pk")
    )
    by_employer: dict[int, list[Posting]] = {}
    for posting in open_postings:
        by_employer.setdefault(posting.employer_id, []).append(posting)
    demo_employer = (
        Employer.objects.filter(members__user__email=DEMO_EMPLOYER)
        .values_list("pk", flat=True)
        .first()
    )
    demo = [demo_employer] if demo_employer in by_employer else []
    others = [e for e in sorted(by_employer) if e not in demo]
    chosen = demo + rng.sample(others, min(len(others), EMPLOYERS_AT_THE_FAIR - len(demo)))
    posting_ids = [p.pk for e in chosen for p in by_employer[e][:POSTINGS_PER_EMPLOYER]]
    if not posting_ids:
        return {"fairs": 0, "fair_registrations": 0}
    day = today + datetime.timedelta(days=21)
    closes = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=14), datetime.time(18, 0))
    )
    fair = fair_create(
        actor=staff,
        title="2026 시흥 하반기 일자리 박람회",
        date=day,
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(16, 0),
        place="시흥시청 늘모두홀 (시흥시 시청로 20)",
        slot_minutes=20,
        max_choices=3,
        registration_closes_at=closes,
        posting_ids=posting_ids,
    )
    in_fair = list(FairPosting.objects.filter(fair=fair).values_list("posting_id", flat=True))
    seekers = list(
        SeekerProfile.objects.exclude(user__email__in=PERSONAS).order_by("pk")[: REGISTRATIONS * 3]
    )
    registered = 0
    for profile in rng.sample(seekers, min(len(seekers), REGISTRATIONS)):
        choices = rng.sample(in_fair, min(len(in_fair), rng.randint(1, fair.max_choices)))
        fair_registration_set(seeker=profile, fair=fair, choices=choices)
        registered += 1
    return {"fairs": JobFair.objects.filter(pk=fair.pk).count(), "fair_registrations": registered}
