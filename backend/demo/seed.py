"""Deterministic, synthetic demo data for Siheung (`manage.py seed_demo`).

Everything is made up (Faker `ko_KR` plus the curated templates in `templates.py`) and marked
so: demo accounts use the `demo.example` domain, employer names end in "(가상)", and every
posting says it is a demo. The same `seed` always gives the same data. Rows are bulk-created
for speed (2,000 seekers in seconds); the invariants the services keep (a placement per
hire, filled postings at their openings, mentors within capacity, search terms on the rows)
are kept here too. The command indexes the result (`search.rebuild`) after the commit.

Every application has its status history (`ApplicationStatusChange`), step by step from the
submission, as the services would have written it. Each demo login persona (graduate,
returner, senior) gets a few open postings made to fit its profile (`persona_postings`), so
that every persona sees recommendations whatever the seed.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from backend.accounts.models import ConsentRecord, Role, User
from backend.accounts.services import staff_group_ensure
from backend.demo.fair_seed import seed_fair
from backend.demo.ledger_seed import seed_ledger
from backend.demo.training_seed import seed_sessions, seed_training
from backend.employers.models import Employer, EmployerMember
from backend.jobs.hiring import add_months
from backend.jobs.models import (
    CHECKPOINT_MONTHS,
    SEOUL,
    AlertFrequency,
    Application,
    ApplicationStatusChange,
    Placement,
    PlacementCheckpoint,
    Posting,
    SavedSearch,
)
from backend.jobs.services import posting_terms_refresh
from backend.mentoring.models import MentoringRequest, MentorProfile, MentorStatus
from backend.reports.backfill import backfill_facts
from backend.seekers.models import SeekerProfile
from backend.taxonomy.models import Area, CareerField, Certificate
from backend.taxonomy.posting_templates import TEMPLATES, PostingTemplate
from backend.taxonomy.vocabulary import INDUSTRIES, CareerBreakReason
from search.indexing import profile_terms

DEMO_DOMAIN = "demo.example"
DEMO_PASSWORD = "siheung-demo-2026"  # noqa: S105 - printed for the demo, never for real users
DEMO_NOTE = "※ 시연용 가상 데이터입니다."
# Hours a day of the demo postings by employment type (part-time shifts fit the minors' 7 h).
HOURS_PER_DAY = {"part_time": 5, "flexible": 6, "full_time": 8, "contract": 8}
BATCH = 500
PERSONA_POSTINGS = 3  # open postings made to fit each demo login persona
# The steps an application went through to reach its status (its seeded history).
HISTORY_PATHS: dict[str, tuple[str, ...]] = {
    "submitted": ("submitted",),
    "reviewing": ("submitted", "reviewing"),
    "interview": ("submitted", "reviewing", "interview"),
    "offered": ("submitted", "reviewing", "interview", "offered"),
    "hired": ("submitted", "reviewing", "interview", "offered", "hired"),
    "rejected": ("submitted", "reviewing", "rejected"),
    "withdrawn": ("submitted", "withdrawn"),
}

SCHOOLS = ("시흥", "정왕", "소래", "능곡", "장곡", "신천", "함현", "배곧", "은행", "매화")
SCHOOL_KINDS = ("공업고등학교", "특성화고등학교", "고등학교", "디자인고등학교", "정보산업고등학교")
BREAK_REASONS = tuple(CareerBreakReason.values)
ABOUT_OPENERS = (
    "성실하고 책임감 있게 일하겠습니다.",
    "집에서 가까운 곳에서 오래 일하고 싶습니다.",
    "배우는 것을 좋아하고 손이 빠른 편입니다.",
    "사람들과 어울려 일하는 것을 좋아합니다.",
)


@dataclass
class DemoLogins:
    password: str = DEMO_PASSWORD
    accounts: dict[str, str] = field(default_factory=dict)  # label → email


@dataclass
class SeedResult:
    counts: dict[str, int]
    logins: DemoLogins


def business_number(rng: random.Random) -> str:
    """A 10-digit business registration number with a valid check digit."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    weights = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    total = sum(d * w for d, w in zip(digits, weights, strict=True)) + (digits[8] * 5) // 10
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def _bulk(model: Any, rows: Sequence[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def demo_data_exists() -> bool:
    return User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists()


class _Seeder:
    def __init__(self, seed: int, today: datetime.date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.fake = Faker("ko_KR")
        self.fake.seed_instance(seed)
        self.today = today
        self.password = make_password(DEMO_PASSWORD)  # hashed once: PBKDF2 per user is slow
        self.areas = list(Area.objects.order_by("code"))
        self.fields = [f.code for f in CareerField.objects.order_by("code")]
        self.certificates_by_field: dict[str, list[str]] = {}
        for certificate in Certificate.objects.order_by("code"):
            key = certificate.career_field_id or ""
            self.certificates_by_field.setdefault(key, []).append(certificate.name)
        self.templates_by_field: dict[str, list[PostingTemplate]] = {}
        for template in TEMPLATES:
            self.templates_by_field.setdefault(template.career_field, []).append(template)
        self.user_number = 0

    # --- users ---------------------------------------------------------------------------
    def users(self, role: str, count: int, named: Sequence[str] = ()) -> list[User]:
        rows = []
        for index in range(count):
            self.user_number += 1
            email = (
                named[index] if index < len(named) else f"{role}{self.user_number}@{DEMO_DOMAIN}"
            )
            rows.append(
                User(email=email, role=role, password=self.password, is_staff=role == Role.STAFF)
            )
        users = _bulk(User, rows)
        _bulk(
            EmailAddress,
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        )
        _bulk(
            ConsentRecord,
            [
                ConsentRecord(
                    user=u,
                    purpose=purpose,
                    granted=granted,
                    notice_version="2026-11",
                    channel="demo",
                )
                for u in users
                for purpose, granted in (("service", True), ("matching", self.rng.random() < 0.7))
            ],
        )
        return users

    # --- employers -----------------------------------------------------------------------
    def employers(self, owners: list[User], staff: User) -> list[Employer]:
        used: set[str] = set()
        rows = []
        for owner in owners:
            number = business_number(self.rng)
            while number in used:
                number = business_number(self.rng)
            used.add(number)
            field_code = self.rng.choice(self.fields)
            city_funded = self.rng.random() < 0.08
            verified = self.rng.random() < 0.85 or owner.email == f"employer@{DEMO_DOMAIN}"
            rows.append(
                Employer(
                    name=f"{self.fake.company()} (가상)",
                    business_number=number,
                    area=self.rng.choice(self.areas),
                    address=f"경기도 시흥시 {self.fake.street_name()} {self.rng.randint(1, 300)}",
                    industry=INDUSTRIES[field_code],
                    staff_count=self.rng.choice((8, 15, 25, 40, 60, 120, 300))
                    if not city_funded
                    else self.rng.randint(30, 400),
                    is_city_funded=city_funded,
                    partner_pledge=self.rng.random() < 0.15,
                    verified_at=timezone.now() if verified else None,
                    verified_by=staff if verified else None,
                )
            )
        employers = _bulk(Employer, rows)
        _bulk(
            EmployerMember,
            [EmployerMember(employer=e, user=u) for e, u in zip(employers, owners, strict=True)],
        )
        return employers

    def postings(self, employers: list[Employer], owners: list[User], count: int) -> list[Posting]:
        verified = [(e, u) for e, u in zip(employers, owners, strict=True) if e.verified_at]
        statuses = (
            ["open"] * 60
            + ["draft"] * 7
            + ["pending"] * 10
            + ["closed"] * 8
            + ["filled"] * 6
            + ["expired"] * 9
        )
        rows = []
        for index in range(count):
            status = self.rng.choice(statuses)
            if status == "draft":
                employer, owner = self.rng.choice(list(zip(employers, owners, strict=True)))
            else:
                employer, owner = self.rng.choice(verified)
            if index < 5:  # the demo employer login has open postings to show
                employer, owner = verified[0]
                status = "open"
            template = self.rng.choice(TEMPLATES)
            low, high = template.wage
            deadline = self.today + datetime.timedelta(days=self.rng.randint(7, 60))
            if status in ("expired",):
                deadline = self.today - datetime.timedelta(days=self.rng.randint(1, 40))
            openings = self.rng.randint(1, 5)
            rows.append(
                Posting(
                    employer=employer,
                    created_by=owner,
                    title=template.title,
                    description=(
                        f"{template.duties}\n근무지: 시흥시 {employer.area.name}\n{DEMO_NOTE}"
                    ),
                    career_field_id=template.career_field,
                    occupation=template.occupation,
                    skills_required=list(template.skills_required),
                    skills_preferred=list(template.skills_preferred),
                    certificates_required=list(template.certificates_required),
                    min_experience_years=template.min_experience_years,
                    employment_type=template.employment_type,
                    days_per_week=template.days_per_week,
                    shifts=list(template.shifts),
                    hours_per_day=HOURS_PER_DAY.get(template.employment_type, 8),
                    hourly_wage=self.rng.randrange(low, high + 1, 100),
                    area=employer.area,
                    address=employer.address,
                    openings=openings,
                    deadline=deadline,
                    cohorts_welcome=list(template.cohorts),
                    status=status,
                    rejection_reason="",
                    published_at=timezone.now() if status not in ("draft", "pending") else None,
                )
            )
        for posting in rows:  # terms once, as the services do when a posting is written
            posting_terms_refresh(posting)
        return _bulk(Posting, rows)

    # --- seekers -------------------------------------------------------------------------
    def profile(self, user: User, cohort: str) -> SeekerProfile:
        rng, year = self.rng, self.today.year
        fields = rng.sample(self.fields, k=rng.randint(1, 2))
        templates = [t for f in fields for t in self.templates_by_field.get(f, [])] or list(
            TEMPLATES
        )
        skills = sorted(
            {s for t in rng.sample(templates, k=min(2, len(templates))) for s in t.skills_required}
        )
        pool = sorted({c for f in fields for c in self.certificates_by_field.get(f, [])})
        wanted = rng.randint(1, 2) if cohort == "graduate" else rng.randint(0, 2)
        certificates = rng.sample(pool, k=min(wanted, len(pool)))
        area = rng.choice(self.areas)
        profile = SeekerProfile(
            user=user,
            cohort=cohort,
            display_name=self.fake.name(),
            gender=rng.choice(["", "female", "male"]) if cohort != "returner" else "female",
            phone=self.fake.numerify("010-####-####") if rng.random() < 0.5 else "",
            area=area,
            is_resident=rng.random() < 0.88,
            career_fields=fields,
            skills=skills,
            certificates=certificates,
            employment_types=sorted(
                rng.sample(["full_time", "part_time", "flexible", "contract"], k=rng.randint(1, 3))
            ),
            max_days_per_week=rng.choice((3, 4, 5, 5, 5, 6)),
            shifts=sorted(
                rng.sample(["morning", "afternoon", "evening", "night"], k=rng.randint(1, 3))
            ),
            min_hourly_wage=rng.randrange(10320, 14000, 10),
            max_commute_km=float(rng.choice((3, 5, 8, 10, 15, 20))),
            available_from=self.today + datetime.timedelta(days=rng.randint(0, 60)),
            about=f"{rng.choice(ABOUT_OPENERS)} {DEMO_NOTE}",
            open_to_employers=rng.random() < 0.6,
        )
        if cohort == "graduate":
            profile.graduation_year = rng.randint(year - 5, year + 1)
            profile.birth_year = profile.graduation_year - 19
            # The month decides who is under 18 (young workers' rules); drawn without the
            # generator, so that every later value of the seed stays what it was.
            profile.birth_month = 1 + sum(map(ord, profile.display_name)) % 12
            profile.school_name = f"{rng.choice(SCHOOLS)}{rng.choice(SCHOOL_KINDS)}"
            profile.school_in_city = rng.random() < 0.75
            profile.entered_college = rng.random() < 0.1
            profile.employment_types = sorted({*profile.employment_types, "full_time"})
        elif cohort == "returner":
            profile.birth_year = rng.randint(year - 52, year - 30)
            profile.career_break_years = float(rng.randint(1, 12))
            profile.career_break_reason = rng.choice(BREAK_REASONS)
            profile.employment_types = sorted({*profile.employment_types, "part_time"})
            profile.shifts = sorted({*profile.shifts, "morning"})
            template = rng.choice(templates)
            profile.experience = [
                {
                    "occupation": template.occupation,
                    "years": rng.randint(1, 8),
                    "summary": "이전 직장 경력",
                }
            ]
        else:
            profile.birth_year = rng.randint(year - 69, year - 50)
            template = rng.choice(templates)
            profile.experience = [
                {
                    "occupation": template.occupation,
                    "years": rng.randint(10, 35),
                    "summary": "현장 실무와 후배 지도",
                }
            ]
            profile.employment_types = sorted({*profile.employment_types, "flexible"})
        return profile

    def applications(
        self, postings: list[Posting], seekers: list[User], staff: User
    ) -> tuple[int, int]:
        rng = self.rng
        rows: list[Application] = []
        hires: list[tuple[Application, Posting]] = []
        states = ["submitted", "reviewing", "interview", "offered", "rejected", "withdrawn"]
        for posting in postings:
            if posting.status not in ("open", "closed", "filled", "expired"):
                continue
            applicants = rng.sample(seekers, k=min(len(seekers), rng.randint(0, 6)))
            hired_needed = (
                posting.openings
                if posting.status == "filled"
                else (rng.randint(0, 1) if posting.status != "open" else 0)
            )
            hired_needed = min(hired_needed, len(applicants))
            for index, seeker in enumerate(applicants):
                status = "hired" if index < hired_needed else rng.choice(states)
                application = Application(
                    posting=posting, seeker=seeker, message="잘 부탁드립니다.", status=status
                )
                rows.append(application)
                if status == "hired":
                    hires.append((application, posting))
            if posting.status == "filled" and hired_needed < posting.openings:
                posting.openings = max(1, hired_needed)  # keep filled == hires reached openings
                if hired_needed == 0:
                    posting.status = "closed"
            posting.hires = hired_needed
        _bulk(Application, rows)
        Posting.objects.bulk_update(postings, ["openings", "status", "hires"], batch_size=BATCH)
        hired_on: dict[int, datetime.date] = {}
        placements = _bulk(
            Placement,
            [
                Placement(
                    application=application,
                    seeker=application.seeker,
                    posting=posting,
                    hired_on=self.today - datetime.timedelta(days=rng.randint(0, 420)),
                )
                for application, posting in hires
            ],
        )
        checkpoints = []
        for placement in placements:
            left = False
            for month in CHECKPOINT_MONTHS:
                due = add_months(placement.hired_on, month)
                if due > self.today:
                    status, recorded = "pending", None
                elif left:
                    status, recorded = "left", timezone.now()
                else:
                    left = rng.random() < 0.12
                    status, recorded = ("left" if left else "retained"), timezone.now()
                checkpoints.append(
                    PlacementCheckpoint(
                        placement=placement,
                        month=month,
                        due_on=due,
                        status=status,
                        recorded_at=recorded,
                    )
                )
        _bulk(PlacementCheckpoint, checkpoints)
        for placement in placements:
            hired_on[placement.application_id] = placement.hired_on
        self.histories(rows, hired_on)
        return len(rows), len(placements)

    def histories(
        self, applications: list[Application], hired_on: dict[int, datetime.date]
    ) -> None:
        """Each application's status history, one row per step from the submission (the
        seeker's moves by the seeker, the others by the posting's author), a few days apart
        and ending now (a hire on its day); the application's times follow its history."""
        now = timezone.now()
        changes = []
        for application in applications:
            path = HISTORY_PATHS[application.status]
            end = now
            if application.pk in hired_on:
                end = datetime.datetime.combine(
                    hired_on[application.pk], datetime.time(10), tzinfo=SEOUL
                )
            times = [
                end - datetime.timedelta(days=3 * (len(path) - 1 - i)) for i in range(len(path))
            ]
            for index, status in enumerate(path):
                by_seeker = status in ("submitted", "withdrawn")
                changes.append(
                    ApplicationStatusChange(
                        application=application,
                        from_status=path[index - 1] if index else "",
                        to_status=status,
                        changed_by_id=application.seeker_id
                        if by_seeker
                        else application.posting.created_by_id,
                        changed_by_role=Role.SEEKER if by_seeker else Role.EMPLOYER,
                        created_at=times[index],
                    )
                )
            application.created_at, application.updated_at = times[0], times[-1]
        _bulk(ApplicationStatusChange, changes)
        Application.objects.bulk_update(
            applications, ["created_at", "updated_at"], batch_size=BATCH
        )

    # --- postings made to fit the demo logins -----------------------------------------------
    def backdate_profiles(self, profiles: list[SeekerProfile]) -> None:
        """Profiles made some weeks to months before the person's first hire (or before today),
        so that the reports' time to placement and yearly participants look like a real year."""
        first_hire: dict[int, datetime.date] = {}
        for seeker_id, hired_on in Placement.objects.values_list("seeker_id", "hired_on"):
            first_hire[seeker_id] = min(hired_on, first_hire.get(seeker_id, hired_on))
        for profile in profiles:
            start = first_hire.get(profile.user_id, self.today)
            day = start - datetime.timedelta(days=self.rng.randint(14, 200))
            profile.created_at = datetime.datetime.combine(day, datetime.time(10), tzinfo=SEOUL)
        SeekerProfile.objects.bulk_update(profiles, ["created_at"], batch_size=BATCH)

    def persona_postings(
        self, profiles: list[SeekerProfile], employers: list[Employer], owners: list[User]
    ) -> list[Posting]:
        """`PERSONA_POSTINGS` open postings per demo login persona that pass every hard filter
        of matching for its profile (its area, so no commute; an employment type, days and
        shifts it accepts; only certificates it holds; its cohort welcome; at least its wage)
        and share its skills, so the search retrieves them. Derived from the profile alone:
        no draw from the seeder's random stream, so the rest of the data set is unchanged."""
        verified = [(e, u) for e, u in zip(employers, owners, strict=True) if e.verified_at]
        rows = []
        for number, profile in enumerate(profiles):
            templates = sorted(
                {t for f in profile.career_fields for t in self.templates_by_field.get(f, [])},
                key=lambda t: (t.career_field, t.title),
            ) or sorted(TEMPLATES, key=lambda t: (t.career_field, t.title))
            for index in range(PERSONA_POSTINGS):
                template = templates[index % len(templates)]
                employer, owner = verified[(number * PERSONA_POSTINGS + index) % len(verified)]
                kinds = profile.employment_types
                shifts = [s for s in template.shifts if not profile.shifts or s in profile.shifts]
                if template.shifts and not shifts:
                    shifts = [profile.shifts[0]]
                days = template.days_per_week
                if profile.max_days_per_week:
                    days = min(days, profile.max_days_per_week)
                wage = max(template.wage[1], profile.min_hourly_wage or 0)
                cohorts = sorted({*template.cohorts, profile.cohort}) if template.cohorts else []
                posting = Posting(
                    employer=employer,
                    created_by=owner,
                    title=template.title,
                    description=(
                        f"{template.duties}\n근무지: 시흥시 {profile.area.name}\n{DEMO_NOTE}"
                    ),
                    career_field_id=template.career_field,
                    occupation=template.occupation,
                    skills_required=[],
                    skills_preferred=sorted({*template.skills_preferred, *profile.skills[:3]}),
                    certificates_required=[
                        c for c in template.certificates_required if c in profile.certificates
                    ],
                    min_experience_years=0,
                    employment_type=template.employment_type
                    if not kinds or template.employment_type in kinds
                    else kinds[0],
                    days_per_week=days,
                    shifts=shifts,
                    hours_per_day=HOURS_PER_DAY.get(template.employment_type, 8),
                    hourly_wage=-(-wage // 100) * 100,
                    area=profile.area,
                    address=f"경기도 시흥시 {profile.area.name}",
                    openings=2,
                    deadline=self.today + datetime.timedelta(days=30 + 7 * index),
                    cohorts_welcome=cohorts,
                    status="open",
                    rejection_reason="",
                    published_at=timezone.now(),
                )
                posting_terms_refresh(posting)
                rows.append(posting)
        return _bulk(Posting, rows)

    def mentoring(
        self, mentors: list[User], volunteers: list[User], seekers: list[User]
    ) -> tuple[int, int]:
        rng = self.rng
        profiles = []
        for user in [*mentors, *volunteers]:
            kind = "college_student" if user in mentors and rng.random() < 0.4 else "expert"
            fields = rng.sample(self.fields, k=rng.randint(1, 2))
            profiles.append(
                MentorProfile(
                    user=user,
                    display_name=self.fake.name(),
                    kind=kind,
                    expertise="전공 선택과 대학 생활 조언"
                    if kind == "college_student"
                    else "현장 실무와 취업 준비",
                    career_fields=fields,
                    bio=DEMO_NOTE,
                    availability=rng.choice(("평일 저녁", "주말 오전", "화·목 오후")),
                    max_mentees=rng.randint(2, 5),
                    # The demo's mentors count as vetted by staff (the demo mentor@ login
                    # sees requests at once); new sign-ups wait in /staff/mentors/.
                    status=MentorStatus.VERIFIED,
                    reviewed_at=timezone.now(),
                )
            )
        if mentors and not any(p.kind == "college_student" for p in profiles):
            # The college-major advice (and its follow-ups in the reports) needs one.
            profiles[0].kind = "college_student"
            profiles[0].expertise = "전공 선택과 대학 생활 조언"
        profiles = _bulk(MentorProfile, profiles)
        active: dict[int, int] = {}
        requests = []
        for seeker in rng.sample(seekers, k=min(len(seekers), max(10, len(seekers) // 10))):
            mentor = rng.choice(profiles)
            status = rng.choice(["open", "accepted", "completed", "declined", "cancelled"])
            if status == "accepted":
                if active.get(mentor.pk, 0) >= mentor.max_mentees:
                    status = "completed"
                else:
                    active[mentor.pk] = active.get(mentor.pk, 0) + 1
            requests.append(
                MentoringRequest(
                    seeker=seeker,
                    career_field_id=rng.choice(mentor.career_fields),
                    topic=rng.choice(
                        ("전공 선택 고민", "첫 직장 준비", "자격증 공부 방법", "경력 재시작 조언")
                    ),
                    message="조언 부탁드립니다.",
                    mentor=None if status == "open" else mentor,
                    status=status,
                    accepted_at=timezone.now() if status in ("accepted", "completed") else None,
                    closed_at=timezone.now()
                    if status in ("completed", "declined", "cancelled")
                    else None,
                )
            )
        # Finished college-major advice, so the mentoring report's follow-up is not empty:
        # two completed requests for each college-student mentor, from the last seekers.
        advisers = [p for p in profiles if p.kind == "college_student"]
        for n, mentor in enumerate(advisers):
            for seeker in seekers[len(seekers) - 2 * (n + 1) : len(seekers) - 2 * n]:
                requests.append(
                    MentoringRequest(
                        seeker=seeker,
                        career_field_id=mentor.career_fields[0],
                        topic="전공 선택 고민",
                        message="조언 부탁드립니다.",
                        mentor=mentor,
                        status="completed",
                        accepted_at=timezone.now(),
                        closed_at=timezone.now(),
                    )
                )
        _bulk(MentoringRequest, requests)
        return len(profiles), len(requests)


@transaction.atomic
def seed_demo(
    *, seed: int, seekers: int, employers: int, postings: int, today: datetime.date | None = None
) -> SeedResult:
    """Create the demo data set; call only on a database without demo data."""
    if seekers < 3 or employers < 1 or postings < 5:
        raise ValueError("seed_demo needs at least 3 seekers, 1 employer and 5 postings")
    seeder = _Seeder(seed, today or timezone.localdate())
    logins = DemoLogins()
    (staff,) = seeder.users(Role.STAFF, 1, [f"staff@{DEMO_DOMAIN}"])
    staff.groups.add(staff_group_ensure())  # admin permissions of city staff
    owners = seeder.users(Role.EMPLOYER, employers, [f"employer@{DEMO_DOMAIN}"])
    mentor_users = seeder.users(Role.MENTOR, max(5, seekers // 50), [f"mentor@{DEMO_DOMAIN}"])
    named = [f"graduate@{DEMO_DOMAIN}", f"returner@{DEMO_DOMAIN}", f"senior@{DEMO_DOMAIN}"]
    seeker_users = seeder.users(Role.SEEKER, seekers, named)
    employer_rows = seeder.employers(owners, staff)
    posting_rows = seeder.postings(employer_rows, owners, postings)
    cohorts = ["graduate"] * 40 + ["returner"] * 35 + ["senior"] * 25
    profiles = []
    for index, user in enumerate(seeker_users):
        cohort = (
            ("graduate", "returner", "senior")[index] if index < 3 else seeder.rng.choice(cohorts)
        )
        profiles.append(seeder.profile(user, cohort))
    for profile in profiles:
        profile.search_terms = profile_terms(
            skills=profile.skills,
            certificates=profile.certificates,
            experience=profile.experience,
            about=profile.about,
        )
    profiles = _bulk(SeekerProfile, profiles)
    volunteers = [p.user for p in profiles if p.cohort == "senior" and seeder.rng.random() < 0.15]
    applications, placements = seeder.applications(posting_rows, seeker_users, staff)
    # After the applications: these postings are for the personas to apply to.
    fitted = seeder.persona_postings(profiles[:3], employer_rows, owners)
    mentors, requests = seeder.mentoring(mentor_users, volunteers, seeker_users)
    # Issue 16: the returner persona keeps a search of morning office jobs, mailed daily.
    SavedSearch.objects.create(
        user=seeker_users[1],
        name="오전 사무직",
        query={"q": "사무", "shift": ["morning"]},
        frequency=AlertFrequency.DAILY,
    )
    seeder.backdate_profiles(profiles)
    # The rows above were bulk-created, past the hooks: their statistical facts come from the
    # backfill, as for data that existed before facts did.
    facts = backfill_facts(apps.get_model)
    ledger = seed_ledger(rng=seeder.rng, employers=employer_rows, staff=staff, today=seeder.today)
    fairs = seed_fair(rng=seeder.rng, staff=staff, today=seeder.today)
    training_courses = seed_training(today=seeder.today, staff=staff)
    mentoring_sessions = seed_sessions(rng=seeder.rng, today=seeder.today)
    for label, email in (
        ("staff (시 담당자)", f"staff@{DEMO_DOMAIN}"),
        ("employer (기업)", f"employer@{DEMO_DOMAIN}"),
        ("mentor (멘토)", f"mentor@{DEMO_DOMAIN}"),
        ("seeker, graduate (특성화고 졸업생)", named[0]),
        ("seeker, returner (경력단절여성)", named[1]),
        ("seeker, senior (신중년 전문인력)", named[2]),
    ):
        logins.accounts[label] = email
    counts = {
        "seekers": len(profiles),
        "employers": len(employer_rows),
        "postings": len(posting_rows),
        "persona_postings": len(fitted),
        "applications": applications,
        "placements": placements,
        "mentors": mentors,
        "mentoring_requests": requests,
        "profile_facts": facts["profiles"],
        "placement_facts": facts["placements"],
        **ledger,
        **fairs,
        "training_courses": training_courses,
        "mentoring_sessions": mentoring_sessions,
    }
    return SeedResult(counts=counts, logins=logins)
