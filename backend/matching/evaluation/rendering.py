"""The observable side of the evaluation world: latent seekers and postings rendered as the rows
the platform holds, with the noise real rows have.

What is rendered exactly: everything a hard filter reads — stated employment types, days,
shifts, commute limit, location, the posting's schedule, cohorts, deadline and required
certificates — because those are what people declare (a wrong declaration is not the matcher's
fault, and it would make "hard-filter violations" meaningless). What is noisy:

- career fields: the main one is missing 5% of the time, the second one 30%, and 5% of
  profiles name a field the seeker does not really want;
- skills: a quarter are not listed; 30% of the listed ones are written another way
  (`catalogue.SKILL_VARIANTS`: "Excel" for 엑셀, "포크리프트 운전" for 지게차 운전); some
  profiles list soft skills no posting asks for;
- certificates: 3% are not listed; the others appear as the official name, an alias
  ("지게차") or with other spacing ("전산회계1급");
- the wage need is stated 80% of the time;
- the birth month is given only where the profile form requires it (age 19 or under by year);
- experience and `about` are free text built from the job templates' own duties, so they
  overlap the postings' wording the way a real profile would, not more.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from backend.matching.evaluation.catalogue import (
    ABOUT_OPENERS,
    BENEFITS,
    SKILL_VARIANTS,
    SYNTHETIC_NOTE,
    AreaRef,
    Reference,
)
from backend.matching.evaluation.world_model import LatentPosting, LatentSeeker
from backend.taxonomy.vocabulary import (  # the industry per career field
    CAREER_BREAK_REASONS_KO,
    INDUSTRIES,
    CareerBreakReason,
)

SCHOOLS = ("시흥", "정왕", "소래", "능곡", "장곡", "신천", "함현", "배곧", "은행", "매화")
SCHOOL_KINDS = ("공업고등학교", "특성화고등학교", "고등학교", "정보산업고등학교")
BREAK_REASONS = tuple(CareerBreakReason.values)
# In the synthetic "about" text, `other` reads as 개인 사정 (personal reasons).
BREAK_REASONS_KO = {**CAREER_BREAK_REASONS_KO, CareerBreakReason.OTHER: "개인 사정"}
SOFT_SKILLS = ("컴퓨터 활용", "팀워크", "시간 관리")


@dataclass(frozen=True)
class EmployerRecord:
    key: int
    name: str
    business_number: str
    area: str
    field: str
    industry: str
    staff_count: int
    is_city_funded: bool
    partner_pledge: bool


# The profile form requires the birth month up to this age by year (`backend.taxonomy.
# young_workers.birth_month_required`, data/young_workers.yaml): rows are rendered as it stores
# them. Pinned here, not read from the rules, so the world does not change with the rules.
BIRTH_MONTH_REQUIRED_UP_TO = 19


@dataclass(frozen=True)
class SeekerRecord:
    """A `SeekerProfile` row's fields (lists as tuples; `key` = the latent seeker's key)."""

    key: int
    cohort: str
    display_name: str
    birth_year: int | None
    area: str
    location_lat: float
    location_lon: float
    is_resident: bool
    school_name: str
    school_in_city: bool
    graduation_year: int | None
    entered_college: bool
    career_break_years: float | None
    career_break_reason: str
    career_fields: tuple[str, ...]
    skills: tuple[str, ...]
    certificates: tuple[str, ...]
    experience: tuple[dict[str, object], ...]
    employment_types: tuple[str, ...]
    max_days_per_week: int | None
    shifts: tuple[str, ...]
    min_hourly_wage: int | None
    max_commute_km: float | None
    about: str
    open_to_employers: bool
    birth_month: int | None = None  # given where the profile form requires it (see below)


@dataclass(frozen=True)
class PostingRecord:
    """A `Posting` row's fields (`employer` = the employer's key)."""

    key: int
    employer: int
    title: str
    description: str
    career_field: str
    occupation: str
    skills_required: tuple[str, ...]
    skills_preferred: tuple[str, ...]
    certificates_required: tuple[str, ...]
    min_experience_years: int
    employment_type: str
    days_per_week: int
    shifts: tuple[str, ...]
    hourly_wage: int
    area: str
    lat: float
    lon: float
    openings: int
    deadline: datetime.date
    cohorts_welcome: tuple[str, ...]
    published_days_ago: int


def business_number(rng: random.Random) -> str:
    """A 10-digit business registration number with a valid check digit."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    weights = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    total = sum(d * w for d, w in zip(digits, weights, strict=True)) + (digits[8] * 5) // 10
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def render_employer(
    rng: random.Random, key: int, area: AreaRef, field: str, used: set[str]
) -> EmployerRecord:
    """An employer of `field` in `area`; `used` collects the business numbers taken."""
    number = business_number(rng)
    while number in used:
        number = business_number(rng)
    used.add(number)
    city_funded = rng.random() < 0.08
    return EmployerRecord(
        key=key,
        name=f"평가기업 {key + 1} (가상)",
        business_number=number,
        area=area.code,
        field=field,
        industry=INDUSTRIES.get(field, "기타"),
        staff_count=rng.randint(30, 400) if city_funded else rng.choice((8, 15, 25, 40, 60, 120)),
        is_city_funded=city_funded,
        partner_pledge=rng.random() < 0.15,
    )


def _skill_as_written(rng: random.Random, skill: str) -> str:
    variants = SKILL_VARIANTS.get(skill)
    return rng.choice(variants) if variants and rng.random() < 0.3 else skill


def _certificate_as_written(rng: random.Random, code: str, reference: Reference) -> str:
    certificate = reference.certificates[code]
    roll = rng.random()
    if roll < 0.25 and certificate.aliases:
        return rng.choice(certificate.aliases)
    if roll >= 0.85:  # other spacing: matching must not depend on it
        name = certificate.name
        return name.replace(" ", "") if " " in name else f"{name[:-3]} {name[-3:]}".strip()
    return certificate.name


def with_ro(word: str) -> str:
    """`word` with the particle 로/으로 ("육아로", "가족 돌봄으로", "용접원으로"): 으로 after a
    final consonant other than ㄹ."""
    last = word[-1:]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        if final not in (0, 8):  # 8 = ㄹ
            return f"{word}으로"
    return f"{word}로"


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "."


def render_seeker(
    rng: random.Random, seeker: LatentSeeker, reference: Reference, today: datetime.date
) -> SeekerRecord:
    """The profile a seeker would write (module docstring for what is exact and what noisy)."""
    year = today.year
    birth_year: int | None = None
    graduation_year: int | None = None
    school, school_in_city, entered_college = "", False, False
    break_years: float | None = None
    reason = ""
    about = [rng.choice(ABOUT_OPENERS)]
    targets = sorted(seeker.targets)
    if targets and rng.random() < 0.7:
        names = [reference.kind(code).occupation_name for code in targets]
        about.append(f"{' 또는 '.join(names)} 일자리를 찾고 있습니다.")
    if seeker.cohort == "graduate":
        graduation_year = rng.randint(year - 5, year + 1) if rng.random() < 0.85 else year - 7
        birth_year = graduation_year - 19
        school = f"{rng.choice(SCHOOLS)}{rng.choice(SCHOOL_KINDS)}"
        school_in_city = rng.random() < 0.75
        entered_college = rng.random() < 0.08
        about.append("집에서 가까운 곳에서 첫 직장을 시작하고 싶습니다.")
    elif seeker.cohort == "returner":
        reason = rng.choice(BREAK_REASONS)
        break_years = float(rng.randint(1, 12))
        birth_year = rng.randint(year - 52, year - 30)
        about.append(f"{with_ro(BREAK_REASONS_KO[reason])} {break_years:g}년 동안 일을 쉬었습니다.")
        if "part_time_returner" in seeker.cases:
            about.append("아이 등원 후 오전 시간에만 일할 수 있습니다.")
    else:
        birth_year = rng.randint(year - 69, year - 50)
        if seeker.wants_expert:
            occupation, _, years = seeker.experience[0]
            name = reference.kind(occupation).occupation_name
            about.append(
                f"{with_ro(name)} {years:g}년 일했습니다. 경험을 살려 기술 지도와 후배 교육, "
                "자문을 하고 싶습니다."
            )
        else:
            about.append("건강하게 꾸준히 일할 수 있는 곳을 찾습니다.")

    listed = [s for s in sorted(seeker.skills) if rng.random() >= 0.25]
    skills = [_skill_as_written(rng, s) for s in listed]
    if rng.random() < 0.3:
        skills.append(rng.choice(SOFT_SKILLS))
    unlisted = [s for s in sorted(seeker.skills) if s not in listed]
    if unlisted and rng.random() < 0.5:
        about.append(f"{rng.choice(unlisted)} 경험이 있습니다.")
    certificates = [
        _certificate_as_written(rng, code, reference)
        for code in sorted(seeker.certificates)
        if rng.random() >= 0.03
    ]
    fields = [seeker.primary_field] if rng.random() >= 0.05 else []
    if seeker.secondary_field and rng.random() >= 0.3:
        fields.append(seeker.secondary_field)
    if rng.random() < 0.05:
        fields.append(rng.choice(sorted(reference.field_names)))
    experience: list[dict[str, object]] = []
    for occupation, _, years in seeker.experience:
        kind = reference.kind(occupation)
        name = kind.occupation_name
        summary = _first_sentence(kind.template.duties) if rng.random() < 0.7 else ""
        if years < 1:
            summary = f"현장실습: {summary}".strip()
        experience.append(
            {
                "occupation": name.replace(" ", "") if rng.random() < 0.2 else name,
                "years": years if years < 1 else int(years),
                "summary": summary,
            }
        )
    return SeekerRecord(
        key=seeker.key,
        cohort=seeker.cohort,
        display_name=f"평가 구직자 {seeker.key + 1}",
        birth_year=birth_year,
        area=seeker.area,
        location_lat=seeker.home.lat,
        location_lon=seeker.home.lon,
        is_resident=rng.random() < 0.88,
        school_name=school,
        school_in_city=school_in_city,
        graduation_year=graduation_year,
        entered_college=entered_college,
        career_break_years=break_years,
        career_break_reason=reason,
        career_fields=tuple(dict.fromkeys(fields)),
        skills=tuple(dict.fromkeys(skills)),
        certificates=tuple(certificates),
        experience=tuple(experience),
        employment_types=tuple(sorted(seeker.employment_types)),
        max_days_per_week=seeker.max_days_per_week,
        shifts=tuple(sorted(seeker.shifts)),
        min_hourly_wage=seeker.wage_need if rng.random() < 0.8 else None,
        max_commute_km=seeker.max_commute_km,
        about=" ".join(about),
        open_to_employers=rng.random() < 0.6,
        birth_month=_birth_month(seeker, birth_year, year),
    )


def _birth_month(seeker: LatentSeeker, birth_year: int | None, year: int) -> int | None:
    """The birth month, where the platform's profile form requires one (this year − birth
    year ≤ 19: `young_workers.birth_month_required`, so that the under-18 rules can tell a
    17-year-old from an 18-year-old); None elsewhere, as the form allows. Drawn from a stream
    of its own (the seeker's key and the world's seed), so that every other draw of the world
    stays what it was."""
    if birth_year is None or year - birth_year > BIRTH_MONTH_REQUIRED_UP_TO:
        return None
    stream = random.Random(f"{seeker.world_seed}:{seeker.key}:birth-month")  # noqa: S311
    return stream.randint(1, 12)


def render_posting(
    rng: random.Random, posting: LatentPosting, reference: Reference, employer: EmployerRecord
) -> PostingRecord:
    """The posting as the employer wrote it: the template's title and duties, the workplace,
    a benefit line, and certificates that are only preferred (우대) in the text."""
    kind = reference.kind(posting.kind)
    template = kind.template
    title = template.title
    if posting.employment_type == "part_time" and template.employment_type != "part_time":
        title = f"{title} (시간제)"
    area_name = next(a.name for a in reference.areas if a.code == posting.area)
    lines = [template.duties, f"근무지: 시흥시 {area_name}", rng.choice(BENEFITS)]
    if posting.certificates_preferred:
        names = ", ".join(reference.certificates[c].name for c in posting.certificates_preferred)
        lines.append(f"{names} 소지자 우대.")
    lines.append(SYNTHETIC_NOTE)
    return PostingRecord(
        key=posting.key,
        employer=employer.key,
        title=title,
        description="\n".join(lines),
        career_field=posting.career_field,
        occupation=kind.occupation_name,
        skills_required=posting.skills_required,
        skills_preferred=posting.skills_preferred,
        # As an employer writes them: the official name, or now and then an alias or spacing.
        certificates_required=tuple(
            _certificate_as_written(rng, c, reference)
            for c in sorted(posting.certificates_required)
        ),
        min_experience_years=posting.min_experience_years,
        employment_type=posting.employment_type,
        days_per_week=posting.days_per_week,
        shifts=tuple(sorted(posting.shifts)),
        hourly_wage=posting.hourly_wage,
        area=posting.area,
        lat=posting.location.lat,
        lon=posting.location.lon,
        openings=rng.randint(1, 4),
        deadline=posting.deadline,
        cohorts_welcome=tuple(sorted(posting.cohorts_welcome)),
        published_days_ago=rng.randint(0, 30),
    )
