"""A hand-built year of facts for the report tests, made through the real use cases (profile
PUT, hiring, checkpoint recording, account deletion) with time travel, so every fact is the
one the hooks write.

2025, the year reported (as of 2026-06-30 unless a test says otherwise):

- graduates G1-G6 (profiles 2025-01-10), returners R1-R5 (2025-02-01), senior S1
  (2024-12-01), senior S2 (2026-01-05, after the year), and X: a graduate (2025-03-01) who
  becomes a returner on 2025-07-01.
- employers: A covered (city-funded, 40 staff; engineering, full time), B partner (pledge;
  business, part time), C other (business, contract).
- hires (hired_on): G1 03-01 A, G2 03-11 A, G3 04-10 B, G4 05-01 B, G5 06-01 C, G1 again
  09-01 C, R1 04-01 C, R2 12-01 C; S2 2026-02-01 C (outside).
- checkpoints: see `OUTCOMES` (a `left` also marks the later ones).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from backend.accounts.models import User
from backend.employers.models import Employer
from backend.jobs.hiring import (
    application_set_status,
    application_submit,
    placement_checkpoint_record,
)
from backend.jobs.models import Placement, PlacementCheckpoint, Posting, PostingStatus
from backend.seekers.services import seeker_profile_replace, seeker_profile_update
from tests.factories.accounts import seeker, staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import PostingFactory
from tests.factories.seekers import graduate_payload, returner_payload, senior_payload

SEOUL = ZoneInfo("Asia/Seoul")
D = datetime.date


@contextmanager
def on(day: datetime.date, hour: int = 12) -> Iterator[None]:
    """Run the block at `hour`:00 Seoul time on `day`."""
    with time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL), tick=False
    ):
        yield


def profile_fields(payload: dict[str, Any]) -> dict[str, Any]:
    payload = dict(payload)
    payload.pop("available_from", None)
    return payload


def make_seeker(cohort: str, day: datetime.date, **overrides: Any) -> User:
    payloads = {
        "graduate": graduate_payload,
        "returner": returner_payload,
        "senior": senior_payload,
    }
    with on(day):
        user = seeker()
        seeker_profile_replace(user=user, fields=profile_fields(payloads[cohort](**overrides)))
    return user


def hire(user: User, posting: Posting, employer_user: User, day: datetime.date) -> Placement:
    with on(day):
        application = application_submit(posting=posting, seeker=user, provision_consent=True)
        for status in ("reviewing", "interview", "offered", "hired"):
            application = application_set_status(
                application=application, actor=employer_user, status=status
            )
    return Placement.objects.get(application=application)


def record(placement: Placement, month: int, status: str, day: datetime.date, actor: User) -> None:
    checkpoint = PlacementCheckpoint.objects.get(placement=placement, month=month)
    with on(day):
        placement_checkpoint_record(checkpoint=checkpoint, actor=actor, status=status)


@dataclass
class World:
    people: dict[str, User] = field(default_factory=dict)
    placements: dict[str, Placement] = field(default_factory=dict)
    employers: dict[str, Employer] = field(default_factory=dict)
    staff: User | None = None


# (placement name, month, outcome, day recorded)
OUTCOMES = [
    ("G1", 1, "retained", D(2025, 4, 2)),
    ("G2", 1, "retained", D(2025, 4, 12)),
    ("R1", 1, "retained", D(2025, 5, 2)),
    ("G3", 1, "retained", D(2025, 5, 11)),
    ("G4", 1, "left", D(2025, 6, 5)),
    ("G1", 3, "retained", D(2025, 6, 2)),
    ("G2", 3, "retained", D(2025, 6, 12)),
    ("G5", 1, "retained", D(2025, 7, 2)),
    ("R1", 3, "retained", D(2025, 7, 2)),
    ("G3", 3, "left", D(2025, 7, 15)),
    ("G5", 3, "retained", D(2025, 9, 2)),
    ("G1", 6, "retained", D(2025, 9, 2)),
    ("G2", 6, "retained", D(2025, 9, 12)),
    ("R1", 6, "retained", D(2025, 10, 2)),
    ("G1b", 1, "retained", D(2025, 10, 2)),
    ("G5", 6, "retained", D(2025, 12, 2)),
    ("G1b", 3, "retained", D(2025, 12, 2)),
    ("G1", 12, "retained", D(2026, 3, 2)),
    ("R2", 3, "retained", D(2026, 3, 5)),
    ("G1b", 6, "left", D(2026, 3, 5)),
    ("G2", 12, "retained", D(2026, 3, 12)),
]


def build_world() -> World:
    world = World()
    world.staff = staff_user()
    a, a_user = employer_with_user(is_city_funded=True, staff_count=40)
    b, b_user = employer_with_user(partner_pledge=True, staff_count=10)
    c, c_user = employer_with_user(staff_count=5)
    world.employers = {"A": a, "B": b, "C": c}
    deadline = D(2030, 12, 31)
    with on(D(2024, 11, 1)):
        postings = {
            "A": (
                PostingFactory.create(
                    employer=a,
                    status=PostingStatus.OPEN,
                    openings=50,
                    deadline=deadline,
                    career_field_id="engineering",
                    employment_type="full_time",
                ),
                a_user,
            ),
            "B": (
                PostingFactory.create(
                    employer=b,
                    status=PostingStatus.OPEN,
                    openings=50,
                    deadline=deadline,
                    career_field_id="business",
                    employment_type="part_time",
                ),
                b_user,
            ),
            "C": (
                PostingFactory.create(
                    employer=c,
                    status=PostingStatus.OPEN,
                    openings=50,
                    deadline=deadline,
                    career_field_id="business",
                    employment_type="contract",
                ),
                c_user,
            ),
        }
    people = world.people
    people["S1"] = make_seeker("senior", D(2024, 12, 1))
    for n in range(1, 7):
        people[f"G{n}"] = make_seeker("graduate", D(2025, 1, 10))
    for n in range(1, 6):
        people[f"R{n}"] = make_seeker("returner", D(2025, 2, 1))
    people["X"] = make_seeker("graduate", D(2025, 3, 1))
    with on(D(2025, 7, 1)):
        seeker_profile_update(
            user=people["X"],
            fields=profile_fields(returner_payload()),
        )
    people["S2"] = make_seeker("senior", D(2026, 1, 5))

    hires = [
        ("G1", "G1", "A", D(2025, 3, 1)),
        ("R1", "R1", "C", D(2025, 4, 1)),
        ("G2", "G2", "A", D(2025, 3, 11)),
        ("G3", "G3", "B", D(2025, 4, 10)),
        ("G4", "G4", "B", D(2025, 5, 1)),
        ("G5", "G5", "C", D(2025, 6, 1)),
        ("G1b", "G1", "C", D(2025, 9, 1)),
        ("R2", "R2", "C", D(2025, 12, 1)),
        ("S2", "S2", "C", D(2026, 2, 1)),
    ]
    for name, person, employer, day in sorted(hires, key=lambda hire_: hire_[3]):
        posting, employer_user = postings[employer]
        world.placements[name] = hire(people[person], posting, employer_user, day)
    for name, month, outcome, day in OUTCOMES:
        record(world.placements[name], month, outcome, day, world.staff)
    return world
