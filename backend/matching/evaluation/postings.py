"""Latent employers and postings of the evaluation world, and the postings planted for hard
cases (`far_good`, `near_bad`; see `generator`)."""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import replace

from backend.matching.evaluation.catalogue import JobKind, Reference
from backend.matching.evaluation.geometry import jitter, nearest_area, offset
from backend.matching.evaluation.rendering import EmployerRecord, render_employer
from backend.matching.evaluation.seekers import suits
from backend.matching.evaluation.world_model import LatentPosting, LatentSeeker, Point

EXPERT_KIND_WEIGHT = 0.35  # each expert template against 1 for each demo template
GATE_KEPT = 0.8  # a template's certificate stays a requirement (else it becomes 우대)
PART_TIME_VARIANT = 0.15  # a full-time morning job also offered as a part-time morning job
STALE_SHARE = 0.02


def draw_employers(rng: random.Random, reference: Reference, count: int) -> list[EmployerRecord]:
    """`count` employers in random areas, their fields as common as the field's kinds of job."""
    fields = sorted(reference.field_names)
    weights = [len(reference.kinds_in(f)) + 0.5 for f in fields]
    used: set[str] = set()
    rows = []
    for key in range(count):
        area = rng.choice(reference.areas)
        field = rng.choices(fields, weights=weights)[0]
        rows.append(render_employer(rng, key, area, field, used))
    return rows


class PostingDrawer:
    """Draws latent postings (and planted ones) from its random stream."""

    def __init__(
        self,
        rng: random.Random,
        reference: Reference,
        employers: list[EmployerRecord],
        today: datetime.date,
    ) -> None:
        self.rng, self.reference, self.today = rng, reference, today
        self.employers = employers
        self.by_field: dict[str, list[EmployerRecord]] = {}
        for employer in employers:
            self.by_field.setdefault(employer.field, []).append(employer)
        self.areas = {a.code: a for a in reference.areas}
        self.kind_weights = [EXPERT_KIND_WEIGHT if k.expert else 1.0 for k in reference.kinds]

    def employer_for(self, kind: JobKind) -> EmployerRecord:
        same = self.by_field.get(kind.career_field)
        if same and self.rng.random() < 0.8:
            return self.rng.choice(same)
        return self.rng.choice(self.employers)

    def draw(self, key: int, kind: JobKind | None = None) -> LatentPosting:
        """A posting of a random kind (or of `kind`) at a random employer of its field."""
        rng = self.rng
        if kind is None:
            kind = rng.choices(self.reference.kinds, weights=self.kind_weights)[0]
        employer = self.employer_for(kind)
        area = self.areas[employer.area]
        template = kind.template
        gate = frozenset(kind.certificate_codes) if rng.random() < GATE_KEPT else frozenset()
        employment_type, days, shifts = (
            template.employment_type,
            template.days_per_week,
            template.shifts,
        )
        variant = (
            employment_type == "full_time"
            and "morning" in shifts
            and suits(kind, "returner")
            and rng.random() < PART_TIME_VARIANT
        )
        if variant:
            employment_type, days, shifts = "part_time", rng.choice((4, 5)), ("morning",)
        deadline = self.today + datetime.timedelta(days=rng.randint(7, 60))
        case = ""
        if rng.random() < STALE_SHARE:
            deadline, case = self.today - datetime.timedelta(days=rng.randint(1, 10)), "stale"
        low, high = template.wage
        return LatentPosting(
            key=key,
            kind=kind.code,
            career_field=kind.career_field,
            expert=kind.expert,
            employer=employer.key,
            area=area.code,
            location=jitter(rng, Point(area.lat, area.lon), 1.5),
            skills_required=template.skills_required,
            skills_preferred=template.skills_preferred,
            certificates_required=gate,
            certificates_preferred=tuple(c for c in kind.certificate_codes if c not in gate),
            min_experience_years=template.min_experience_years,
            employment_type=employment_type,
            days_per_week=days,
            shifts=frozenset(shifts),
            hourly_wage=rng.randrange(low, high + 1, 100),
            cohorts_welcome=frozenset(template.cohorts),
            deadline=deadline,
            case=case,
        )

    def fitted(self, posting: LatentPosting, seeker: LatentSeeker, place: Point) -> LatentPosting:
        """`posting` moved to `place` and adjusted so that `seeker` passes every hard
        constraint (type, days, shifts, certificates, cohort, deadline)."""
        types = seeker.employment_types
        employment_type = (
            posting.employment_type
            if not types or posting.employment_type in types
            else sorted(types)[0]
        )
        days = min(posting.days_per_week, seeker.max_days_per_week or 7)
        shifts = posting.shifts & seeker.shifts if seeker.shifts else posting.shifts
        if not shifts:
            shifts = frozenset({sorted(seeker.shifts)[0]})
        deadline = max(posting.deadline, self.today + datetime.timedelta(days=7))
        return replace(
            posting,
            area=nearest_area(self.reference.areas, place).code,
            location=place,
            employment_type=employment_type,
            days_per_week=days,
            shifts=shifts,
            certificates_required=posting.certificates_required & seeker.certificates,
            cohorts_welcome=posting.cohorts_welcome
            if seeker.cohort in posting.cohorts_welcome
            else frozenset(),
            deadline=deadline,
            case="",
            planted_for=seeker.key,
        )

    def far_good(self, key: int, seeker: LatentSeeker) -> LatentPosting:
        kind = self.reference.kind(self.rng.choice(sorted(seeker.targets)))
        posting = self.draw(key, kind)
        limit = seeker.max_commute_km or 22.0
        place = offset(
            seeker.home,
            self.rng.uniform(0.6, 0.9) * limit,
            self.rng.uniform(0.0, 2.0 * math.pi),
        )
        posting = self.fitted(posting, seeker, place)
        return replace(
            posting, hourly_wage=max(posting.hourly_wage, seeker.wage_need), case="far_good"
        )

    def near_bad(self, key: int, seeker: LatentSeeker) -> LatentPosting:
        wanted = {seeker.primary_field, seeker.secondary_field}
        kinds = [k for k in self.reference.kinds if k.career_field not in wanted and not k.expert]
        posting = self.draw(key, self.rng.choice(kinds))
        place = offset(
            seeker.home, self.rng.uniform(0.2, 0.9), self.rng.uniform(0.0, 2.0 * math.pi)
        )
        posting = self.fitted(posting, seeker, place)
        return replace(posting, certificates_required=frozenset(), case="near_bad")
