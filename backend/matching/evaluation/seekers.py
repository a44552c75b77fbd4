"""Latent seekers of the evaluation world (see `truth.LatentSeeker` for what each variable means
and `generator` for the hard cases planted here)."""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from backend.matching.evaluation.catalogue import JobKind, Reference
from backend.matching.evaluation.geometry import jitter
from backend.matching.evaluation.world_model import (
    ORDINARY_WORK_FOR_EXPERTS,
    PROFICIENCY_TO_SKILL,
    SKILL_CLUSTERS,
    TASTE_LEVELS,
    TASTE_SIGMA,
    LatentSeeker,
    Point,
    cluster_of,
)

COHORT_SHARES = (("graduate", 0.40), ("returner", 0.35), ("senior", 0.25))
# Which fields each cohort tends to want (multiplied by how many kinds of job the field has).
FIELD_BIAS: dict[str, dict[str, float]] = {
    "graduate": {"engineering": 2.0, "it": 1.5, "business": 1.2, "service": 1.2},
    "returner": {"business": 1.5, "service": 1.5, "health_welfare": 2.0, "education": 2.0},
    "senior": {"engineering": 1.5, "business": 1.2, "agri_env": 1.5, "health_welfare": 1.2},
}
OTHER_FIELD_BIAS = 0.6
# The most proficiency a cohort reaches in a target job's clusters (drawn uniformly from 0.35).
TARGET_PROFICIENCY = {"graduate": 0.85, "returner": 0.95, "senior": 1.0}
HELD_FROM = 0.15  # below this proficiency a cluster's skills are not held at all
CERTIFICATE_HELD = {"graduate": 0.55, "returner": 0.5, "senior": 0.7}  # per target's gate
EXPERT_SENIOR_SHARE = 0.7
PART_TIME_ONLY_SHARE = 0.6  # of returners
FAR_COMMUTER_SHARE = 0.12
CERTIFICATE_GAP_SHARE = 0.25  # of seekers whose target job is certificate-gated


@dataclass(frozen=True)
class Schedule:
    """The hard schedule preferences of a seeker (empty sets and None = any)."""

    employment_types: frozenset[str]
    max_days_per_week: int | None
    shifts: frozenset[str]
    part_time_only: bool


def _weighted(rng: random.Random, items: Sequence[tuple[str, float]]) -> str:
    return rng.choices([item for item, _ in items], weights=[w for _, w in items])[0]


def suits(kind: JobKind, cohort: str) -> bool:
    """Whether a kind of job takes this cohort (no cohorts named: it takes everyone)."""
    return not kind.template.cohorts or cohort in kind.template.cohorts


# --- seekers ------------------------------------------------------------------------------------
class SeekerDrawer:
    """Draws latent seekers one by one from its random stream."""

    def __init__(self, rng: random.Random, reference: Reference, today: datetime.date) -> None:
        self.rng, self.reference, self.today = rng, reference, today
        self.fields = sorted(reference.field_names)

    def field_weights(self, cohort: str, expert: bool) -> list[tuple[str, float]]:
        weights = []
        for field in self.fields:
            kinds = [
                k for k in self.reference.kinds_in(field) if suits(k, cohort) and k.expert == expert
            ]
            bias = FIELD_BIAS[cohort].get(field, OTHER_FIELD_BIAS)
            if kinds:
                weights.append((field, bias * len(kinds)))
        return weights

    def draw(self, key: int) -> LatentSeeker:
        """The next latent seeker: cohort, fields and target jobs, abilities, schedule."""
        rng, cases = self.rng, set[str]()
        cohort = _weighted(rng, COHORT_SHARES)
        wants_expert = cohort == "senior" and rng.random() < EXPERT_SENIOR_SHARE
        primary = _weighted(rng, self.field_weights(cohort, wants_expert))
        others = [f for f, _ in self.field_weights(cohort, False) if f != primary]
        secondary = rng.choice(others) if others and rng.random() < 0.5 else None
        in_primary = [k for k in self.reference.kinds_in(primary) if suits(k, cohort)]
        ordinary = [k for k in in_primary if not k.expert] or [
            k for k in self.reference.kinds if suits(k, cohort) and not k.expert
        ]
        pool = [k for k in in_primary if k.expert] if wants_expert else ordinary
        targets = rng.sample(pool, k=min(len(pool), 1 if rng.random() < 0.6 else 2))
        if secondary and rng.random() < 0.25:
            second = [
                k
                for k in self.reference.kinds_in(secondary)
                if suits(k, cohort) and k.expert == wants_expert
            ]
            if second:
                targets.append(rng.choice(second))
        if wants_expert:
            cases.add("expert_senior")
        past: JobKind | None = None
        if cohort != "graduate":
            ordinary_targets = [k for k in targets if not k.expert]
            if ordinary_targets and rng.random() < 0.6:
                past = rng.choice(ordinary_targets)
            else:
                past = rng.choice(ordinary)

        proficiency, certificates = self.abilities(cohort, primary, targets, past)
        gated = [k for k in targets if k.certificate_codes]
        if gated and rng.random() < CERTIFICATE_GAP_SHARE:
            gap = rng.choice(gated)
            for skill in gap.template.skills_required:
                cluster = cluster_of(skill)
                proficiency[cluster] = max(proficiency.get(cluster, 0.0), 0.85)
            certificates -= set(gap.certificate_codes)
            cases.add("certificate_gap")
        skills = self.skills_held(proficiency)
        if "certificate_gap" in cases:
            skills |= set(gap.template.skills_required)
        tastes = self.tastes(primary, secondary, targets, wants_expert)
        experience = self.experience(cohort, targets, past)
        area = rng.choice(self.reference.areas)
        home = jitter(rng, Point(area.lat, area.lon), 1.2)
        schedule = self.schedule(cohort, wants_expert)
        if schedule.part_time_only:
            cases.add("part_time_returner")
        commute = self.commute(cohort, wants_expert)
        if commute is None or commute >= 20:
            cases.add("far_commuter")
        return LatentSeeker(
            key=key,
            cohort=cohort,
            area=area.code,
            home=home,
            primary_field=primary,
            secondary_field=secondary,
            targets=frozenset(k.code for k in targets),
            skills=frozenset(skills),
            certificates=frozenset(certificates),
            experience=experience,
            employment_types=schedule.employment_types,
            max_days_per_week=schedule.max_days_per_week,
            shifts=schedule.shifts,
            max_commute_km=commute,
            wage_need=self.wage_need(cohort, wants_expert),
            wants_expert=wants_expert,
            cases=frozenset(cases),
            proficiency=tuple(sorted(proficiency.items())),
            tastes=tuple(sorted(tastes.items())),
        )

    def abilities(
        self, cohort: str, primary: str, targets: list[JobKind], past: JobKind | None
    ) -> tuple[dict[str, float], set[str]]:
        """Hidden proficiency per skill cluster, and the certificates held."""
        rng = self.rng
        proficiency = {c: rng.uniform(0.0, 0.08) for c in SKILL_CLUSTERS}
        certificates: set[str] = set()

        def at_least(kind: JobKind, low: float, high: float) -> None:
            template = kind.template
            for skill in (*template.skills_required, *template.skills_preferred):
                cluster = cluster_of(skill)
                proficiency[cluster] = max(proficiency.get(cluster, 0.0), rng.uniform(low, high))

        for kind in self.reference.kinds_in(primary):
            at_least(kind, 0.0, 0.45)
        for kind in targets:
            at_least(kind, 0.35, TARGET_PROFICIENCY[cohort])
            certificates |= {
                c for c in kind.certificate_codes if rng.random() < CERTIFICATE_HELD[cohort]
            }
        if past is not None:
            at_least(past, 0.6, 1.0)
            certificates |= {c for c in past.certificate_codes if rng.random() < 0.8}
        in_field = sorted(
            c.code for c in self.reference.certificates.values() if c.career_field == primary
        )
        if in_field and rng.random() < (0.4 if cohort == "graduate" else 0.15):
            certificates.add(rng.choice(in_field))
        return proficiency, certificates

    def skills_held(self, proficiency: dict[str, float]) -> set[str]:
        """Each skill of a cluster is held with probability θ ** PROFICIENCY_TO_SKILL."""
        rng = self.rng
        held: set[str] = set()
        for cluster, theta in sorted(proficiency.items()):
            if theta < HELD_FROM:
                continue
            for skill in SKILL_CLUSTERS.get(cluster, (cluster,)):
                if rng.random() < theta**PROFICIENCY_TO_SKILL:
                    held.add(skill)
        return held

    def tastes(
        self, primary: str, secondary: str | None, targets: list[JobKind], wants_expert: bool
    ) -> dict[str, float]:
        """A taste in [0, 1] for every kind of job (world_model docstring)."""
        rng = self.rng
        target_codes = {k.code for k in targets}
        result = {}
        for kind in self.reference.kinds:
            if kind.code in target_codes:
                level = TASTE_LEVELS[0]
            elif kind.career_field == primary:
                level = TASTE_LEVELS[1]
            elif kind.career_field == secondary:
                level = TASTE_LEVELS[2]
            else:
                level = TASTE_LEVELS[3]
            value = min(1.0, level * math.exp(rng.gauss(0.0, TASTE_SIGMA)))
            if wants_expert and not kind.expert:
                value *= ORDINARY_WORK_FOR_EXPERTS
            result[kind.code] = round(value, 4)
        return result

    def experience(
        self, cohort: str, targets: list[JobKind], past: JobKind | None
    ) -> tuple[tuple[str, str, float], ...]:
        rng = self.rng
        if cohort == "graduate":
            if targets and rng.random() < 0.3:  # 현장실습 (field training) in a target job
                kind = rng.choice(targets)
                return ((kind.code, kind.career_field, 0.5),)
            return ()
        assert past is not None  # returners and seniors always have worked before
        low, high = (1, 8) if cohort == "returner" else (10, 35)
        entries = [(past.code, past.career_field, float(rng.randint(low, high)))]
        if cohort == "senior" and rng.random() < 0.4:
            other = rng.choice([k for k in self.reference.kinds if not k.expert])
            if other.code != past.code:
                entries.append((other.code, other.career_field, float(rng.randint(2, 8))))
        return tuple(entries)

    def schedule(self, cohort: str, wants_expert: bool) -> Schedule:
        rng = self.rng
        part_time_only = False
        if cohort == "graduate":
            types = {"full_time"} | ({"contract"} if rng.random() < 0.5 else set())
            types |= {"part_time"} if rng.random() < 0.25 else set()
            days = rng.choice((5, 5, 5, 6, None))
            shifts: set[str] = set()
            if rng.random() >= 0.35:
                shifts = {"morning", "afternoon"}
                shifts |= {"night"} if rng.random() < 0.25 else set()
                shifts |= {"evening"} if rng.random() < 0.15 else set()
        elif cohort == "returner":
            part_time_only = rng.random() < PART_TIME_ONLY_SHARE
            if part_time_only:  # childcare: a few mornings a week
                types = {"part_time"} | ({"flexible"} if rng.random() < 0.5 else set())
                days = rng.choice((3, 4, 4, 5))
                shifts = {"morning"} if rng.random() < 0.5 else {"morning", "afternoon"}
            else:
                types = {"part_time", "full_time"} | ({"flexible"} if rng.random() < 0.5 else set())
                types |= {"contract"} if rng.random() < 0.3 else set()
                days = rng.choice((5, None))
                shifts = {"morning", "afternoon"} | ({"evening"} if rng.random() < 0.2 else set())
        elif wants_expert:
            types = {"flexible", "contract"} | ({"part_time"} if rng.random() < 0.6 else set())
            days = rng.choice((3, 3, 4, 5))
            shifts = set() if rng.random() < 0.4 else {"morning", "afternoon"}
        else:
            types = {"part_time"} | {t for t in ("contract", "full_time") if rng.random() < 0.5}
            days = rng.choice((3, 4, 5))
            shifts = {"morning"} | ({"afternoon"} if rng.random() < 0.6 else set())
        return Schedule(frozenset(types), days, frozenset(shifts), part_time_only)

    def commute(self, cohort: str, wants_expert: bool) -> float | None:
        rng = self.rng
        if rng.random() < FAR_COMMUTER_SHARE:  # a car, or a long bus ride they accept
            return rng.choice((20.0, 25.0, None))
        choices = {
            "graduate": (5.0, 8.0, 10.0, 12.0, 15.0),
            "returner": (3.0, 5.0, 5.0, 8.0, 10.0),
            "senior": (8.0, 10.0, 15.0) if wants_expert else (5.0, 8.0, 10.0, 15.0),
        }[cohort]
        return rng.choice(choices)

    def wage_need(self, cohort: str, wants_expert: bool) -> int:
        low, high = (13000, 19000) if wants_expert else (10320, 12500)
        return self.rng.randrange(low, high + 1, 10)
