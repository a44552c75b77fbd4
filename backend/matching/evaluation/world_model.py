"""The evaluation world's own generative model of what people want (the planted truth).

This module is the truth, and it is written apart from the scorer: it imports nothing from
`backend.matching.scoring`, `reasons` or `recommend` (a test checks the imports), and its shapes
are not the scorer's. Parameters are pinned constants, set on 2026-12-01 at 15:06 UTC (the grade
cuts after one look at the utility distribution of seed 1, before the pipeline ever ran on this
model), before any tuning, and not to be changed to make the pipeline pass (seeds 1-3 are for
tuning the policy; seeds 11-15 are the held-out figures).

Latent variables (drawn by `generator`, `seekers`, `postings`):

- a seeker has a hidden *proficiency* θ_c ∈ [0, 1] per skill cluster (`SKILL_CLUSTERS`: welding,
  material handling, office work, …). The skills a profile lists are only what the person
  happens to write — each skill of a cluster is held with probability θ_c^0.8, a quarter of
  held skills are not listed, others are written another way — so someone proficient in
  welding can do a TIG job whose words they never wrote;
- a seeker has a *taste* t_k ∈ [0, 1] for every kind of job k: high for their target
  occupations, middling for the rest of their main field, lower for a second field, near 0
  elsewhere, each multiplied by a log-normal individual factor (σ = `TASTE_SIGMA`); a senior
  who wants expert work (신중년 전문인력) values ordinary work at `ORDINARY_WORK_FOR_EXPERTS`;
- hard requirements are drawn in the world and written into the rows as people state them:
  a posting's required certificates (the employer's gate), employment type, days per week,
  shifts, cohorts welcome and deadline; a seeker's accepted employment types, maximum days,
  shifts and commute limit. `hard_failures` checks the latent values, not the rows.

Utility of a feasible pair (seeker i of cohort c, posting j of kind k), all parts in [0, 1]:

    base = Σ_f W_c[f] · f(i, j)   for f in skill S, qualification Q, pay P, commute C, schedule H
    u    = t_k^TASTE_EXPONENT · (BASE_FLOOR + (1 − BASE_FLOOR)·base)
           · (1 − INTERACTION + INTERACTION · S·Q) + ε_ij

- S: the posting's demand over clusters (required skills weight 1, preferred `PREFERRED_WEIGHT`),
  each cluster credited g(θ_c) = a logistic of the proficiency (`SKILL_MIDPOINT`, `SKILL_SCALE`):
  a threshold, not a share of strings;
- Q: experience credited — the same kind of job fully, the same field `SAME_FIELD_CREDIT`
  (fully for expert work, which draws on a whole field), other work `OTHER_CREDIT` — against the
  posting's minimum with diminishing returns, (1 − e^{−2r}) / (1 − e^{−2}) capped at 1, r the
  ratio; without a minimum, 0.7 + 0.3·(1 − e^{−years/4}) (relevant years still help);
- P: a logistic of the wage ratio w / need with a cohort-specific softness `PAY_SOFTNESS[c]`
  (graduates are the most wage-sensitive);
- C: a cohort-specific logistic of distance / limit (limit = the seeker's commute limit, else
  `UNBOUNDED_COMMUTE_KM`), 1 at the door: returners' tolerance falls steeply past 40% of their
  limit, graduates' past 65%;
- H: schedule comfort by cohort — graduates want full-time work, returners few days (a Gaussian
  penalty above 3 days) and day shifts, seniors few days;
- ε_ij: idiosyncratic taste, Gaussian (σ = `NOISE_SD`), a deterministic function of the world's
  seed and the pair: no scorer can know it.

Grades (0-3): 0 when a hard requirement fails; otherwise by the cuts `GRADE_CUTS` on u. The
*oracle* ranks a seeker's feasible postings by u without ε (`expected_utility`): the best any
ranking that knew every latent variable but not the pair's idiosyncrasy could do.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# --- pinned parameters (set 2026-12-01 15:06 UTC; see the module docstring) -----------------
GRADE_CUTS = (0.22, 0.40, 0.56)  # utility at which grades 1, 2 and 3 start
IDEAL_GRADE = 2  # the postings a seeker should be shown: good (2) or ideal (3)
NOISE_SD = 0.05
TASTE_SIGMA = 0.25
TASTE_EXPONENT = 0.8
TASTE_LEVELS = (1.0, 0.55, 0.30, 0.04)  # target kind, main field, second field, elsewhere
ORDINARY_WORK_FOR_EXPERTS = 0.4
BASE_FLOOR = 0.3
INTERACTION = 0.3
PREFERRED_WEIGHT = 0.35
SKILL_MIDPOINT = 0.45
SKILL_SCALE = 0.10
SAME_FIELD_CREDIT = 0.6
OTHER_CREDIT = 0.25
UNBOUNDED_COMMUTE_KM = 25.0
COHORT_WEIGHTS: dict[str, dict[str, float]] = {
    "graduate": {"skill": 0.30, "qualified": 0.10, "pay": 0.30, "commute": 0.15, "schedule": 0.15},
    "returner": {"skill": 0.25, "qualified": 0.10, "pay": 0.15, "commute": 0.25, "schedule": 0.25},
    "senior": {"skill": 0.30, "qualified": 0.25, "pay": 0.10, "commute": 0.15, "schedule": 0.20},
}
PAY_SOFTNESS = {"graduate": 0.05, "returner": 0.08, "senior": 0.10}
COMMUTE_SHAPE = {"graduate": (7.0, 0.65), "returner": (10.0, 0.40), "senior": (6.0, 0.60)}
PROFICIENCY_TO_SKILL = 0.8  # a skill of a cluster is held with probability θ_c ** this

# The hidden skill clusters: the scorer never sees them. A skill not listed is its own cluster.
SKILL_CLUSTERS: dict[str, tuple[str, ...]] = {
    "material_handling": ("지게차 운전", "상하차", "분류", "재고 관리", "포장", "진열", "운전"),
    "assembly": ("조립", "부품 조립", "납땜", "설비 조작", "육안 검사", "손질"),
    "machining": ("CNC 가공", "도면 해독", "측정 공구 사용", "공유압"),
    "welding": ("CO2 용접", "TIG 용접", "용접"),
    "electrical": ("전기 설비 점검", "PLC", "설비 운전"),
    "quality_safety": (
        "품질 검사",
        "검사 기록",
        "품질 관리",
        "위험성 평가",
        "안전 교육",
        "법정 서류 관리",
        "공정 개선",
    ),
    "office": (
        "엑셀",
        "문서 작성",
        "한글",
        "전화 응대",
        "전산 입력",
        "타자",
        "ITQ",
        "데이터 정리",
        "접수",
    ),
    "accounting": ("전표 입력", "회계", "세무 신고", "더존", "ERP"),
    "sales_service": ("영업", "고객 관리", "고객 응대", "서빙", "계산", "POS"),
    "programming": ("파이썬", "SQL", "장고", "리눅스", "HTML", "자바스크립트", "리액트"),
    "it_ops": ("PC 정비", "네트워크", "윈도우 서버"),
    "design_media": ("포토샵", "일러스트레이터", "영상 편집", "프리미어", "자막 작업"),
    "cooking": (
        "한식 조리",
        "위생 관리",
        "대량 조리",
        "제빵",
        "제과",
        "케이크 데코",
        "커피 추출",
        "라떼 아트",
    ),
    "beauty": ("커트", "펌", "염색"),
    "care": ("돌봄", "식사 보조", "진료 보조", "EMR", "사례 관리", "프로그램 기획"),
    "teaching": (
        "보육",
        "놀이 지도",
        "동요",
        "코딩 교육",
        "수업 진행",
        "스크래치",
        "실무 교육",
        "교안 작성",
        "기술 지도",
        "직업 상담",
        "멘토링",
    ),
    "language": ("베트남어", "번역", "통역"),
    "environment_lab": ("수목 관리", "예초", "수질 측정", "화학 분석", "시료 준비"),
}
CLUSTER_OF: dict[str, str] = {
    skill: cluster for cluster, skills in SKILL_CLUSTERS.items() for skill in skills
}


def cluster_of(skill: str) -> str:
    return CLUSTER_OF.get(skill, skill)


class Point(NamedTuple):
    """A place in WGS84 degrees (the world's own type)."""

    lat: float
    lon: float


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km)."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlon = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class LatentSeeker:
    """A seeker as they really are. Hard preferences (`employment_types`, `max_days_per_week`,
    `shifts`, `max_commute_km`) are stated on the profile exactly; empty sets and None mean
    "any". `experience` holds (occupation code, its career field, years); `proficiency` and
    `tastes` are (cluster, θ) and (kind, t) pairs, sorted."""

    key: int
    cohort: str
    area: str
    home: Point
    primary_field: str
    secondary_field: str | None
    targets: frozenset[str]
    skills: frozenset[str]
    certificates: frozenset[str]
    experience: tuple[tuple[str, str, float], ...]
    employment_types: frozenset[str]
    max_days_per_week: int | None
    shifts: frozenset[str]
    max_commute_km: float | None
    wage_need: int
    wants_expert: bool
    cases: frozenset[str]  # hard-case labels (see generator.HARD_CASES)
    proficiency: tuple[tuple[str, float], ...] = ()
    tastes: tuple[tuple[str, float], ...] = ()
    world_seed: int = 0


@dataclass(frozen=True)
class LatentPosting:
    """A posting as it really is; `certificates_required` (codes) is a true gate."""

    key: int
    kind: str  # occupation code of its job kind
    career_field: str
    expert: bool
    employer: int
    area: str
    location: Point
    skills_required: tuple[str, ...]
    skills_preferred: tuple[str, ...]
    certificates_required: frozenset[str]
    certificates_preferred: tuple[str, ...]
    min_experience_years: int
    employment_type: str
    days_per_week: int
    shifts: frozenset[str]
    hourly_wage: int
    cohorts_welcome: frozenset[str]  # empty = all
    deadline: datetime.date
    case: str = ""  # "far_good" | "near_bad" | "stale" | "" (see generator.HARD_CASES)
    planted_for: int | None = None  # the seeker a planted posting was made for


def hard_failures(
    seeker: LatentSeeker, posting: LatentPosting, today: datetime.date
) -> tuple[str, ...]:
    """The world's hard requirements the pair breaks (empty: the pair is feasible)."""
    failures = []
    if posting.deadline < today:
        failures.append("deadline")
    if not posting.certificates_required <= seeker.certificates:
        failures.append("certificate")
    if seeker.employment_types and posting.employment_type not in seeker.employment_types:
        failures.append("employment_type")
    if seeker.max_days_per_week is not None and posting.days_per_week > seeker.max_days_per_week:
        failures.append("days")
    if seeker.shifts and posting.shifts and not seeker.shifts & posting.shifts:
        failures.append("shifts")
    if posting.cohorts_welcome and seeker.cohort not in posting.cohorts_welcome:
        failures.append("cohort")
    if (
        seeker.max_commute_km is not None
        and distance_km(seeker.home, posting.location) > seeker.max_commute_km
    ):
        failures.append("commute")
    return tuple(failures)


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


@lru_cache(maxsize=65536)
def _as_dict(pairs: tuple[tuple[str, float], ...]) -> dict[str, float]:
    return dict(pairs)


def taste(seeker: LatentSeeker, posting: LatentPosting) -> float:
    return _as_dict(seeker.tastes).get(posting.kind, 0.0)


def skill_fit(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """S: the posting's cluster demand met by the seeker's hidden proficiency."""
    demand: dict[str, float] = {}
    for skill in posting.skills_required:
        demand[cluster_of(skill)] = max(demand.get(cluster_of(skill), 0.0), 1.0)
    for skill in posting.skills_preferred:
        cluster = cluster_of(skill)
        demand[cluster] = max(demand.get(cluster, 0.0), PREFERRED_WEIGHT)
    if not demand:
        return 0.6
    theta = _as_dict(seeker.proficiency)
    low, high = (
        _logistic(-SKILL_MIDPOINT / SKILL_SCALE),
        _logistic((1 - SKILL_MIDPOINT) / SKILL_SCALE),
    )
    credit = {
        c: (_logistic((theta.get(c, 0.0) - SKILL_MIDPOINT) / SKILL_SCALE) - low) / (high - low)
        for c in demand
    }
    return sum(w * credit[c] for c, w in demand.items()) / sum(demand.values())


def qualification(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """Q: credited years against the minimum, with diminishing returns."""
    credited = 0.0
    for occupation, field, years in seeker.experience:
        if occupation == posting.kind or (posting.expert and field == posting.career_field):
            credited += years
        elif field == posting.career_field:
            credited += SAME_FIELD_CREDIT * years
        else:
            credited += OTHER_CREDIT * years
    if posting.min_experience_years <= 0:
        return 0.7 + 0.3 * (1.0 - math.exp(-credited / 4.0))
    ratio = credited / posting.min_experience_years
    return min(1.0, (1.0 - math.exp(-2.0 * ratio)) / (1.0 - math.exp(-2.0)))


def pay(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """P: a logistic of the wage ratio, cohort-specific softness."""
    ratio = posting.hourly_wage / seeker.wage_need
    return _logistic((ratio - 0.98) / PAY_SOFTNESS[seeker.cohort])


def commute(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """C: 1 at the door, a cohort-specific logistic fall in distance / limit."""
    steep, middle = COMMUTE_SHAPE[seeker.cohort]
    limit = seeker.max_commute_km or UNBOUNDED_COMMUTE_KM
    x = distance_km(seeker.home, posting.location) / limit
    return _logistic(-steep * (x - middle)) / _logistic(steep * middle)


def schedule(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """H: schedule comfort by cohort."""
    days = posting.days_per_week
    if seeker.cohort == "graduate":
        comfort = {"full_time": 1.0, "contract": 0.75}.get(posting.employment_type, 0.55)
        return comfort * (0.7 if "night" in posting.shifts else 1.0)
    if seeker.cohort == "returner":
        day_only = posting.shifts <= {"morning", "afternoon"}
        return math.exp(-0.25 * max(0, days - 3) ** 2) * (1.0 if day_only else 0.6)
    return math.exp(-0.15 * max(0, days - 3) ** 2)


def expected_utility(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """u without the pair's idiosyncratic term ε (the oracle's ranking key)."""
    wanted = taste(seeker, posting)
    if wanted <= 0.0:
        return 0.0
    s, q = skill_fit(seeker, posting), qualification(seeker, posting)
    parts = {
        "skill": s,
        "qualified": q,
        "pay": pay(seeker, posting),
        "commute": commute(seeker, posting),
        "schedule": schedule(seeker, posting),
    }
    weights = COHORT_WEIGHTS[seeker.cohort]
    base = sum(weights[name] * value for name, value in parts.items())
    return float(
        wanted**TASTE_EXPONENT
        * (BASE_FLOOR + (1.0 - BASE_FLOOR) * base)
        * (1.0 - INTERACTION + INTERACTION * s * q)
    )


def noise(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """ε_ij ~ N(0, NOISE_SD), a deterministic function of the world's seed and the pair."""
    digest = hashlib.blake2b(
        f"{seeker.world_seed}:{seeker.key}:{posting.key}".encode(), digest_size=16
    ).digest()
    u1 = (int.from_bytes(digest[:8], "big") + 1) / 2.0**64
    u2 = int.from_bytes(digest[8:], "big") / 2.0**64
    return NOISE_SD * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def utility(seeker: LatentSeeker, posting: LatentPosting) -> float:
    """u of the pair (module docstring), ε included."""
    expected = expected_utility(seeker, posting)
    return expected + noise(seeker, posting) if expected > 0.0 else 0.0


def grade(seeker: LatentSeeker, posting: LatentPosting, today: datetime.date) -> int:
    """The true relevance grade 0-3 of the pair (module docstring)."""
    if taste(seeker, posting) <= 0.0 or hard_failures(seeker, posting, today):
        return 0
    value = utility(seeker, posting)
    return sum(value >= cut for cut in GRADE_CUTS)


def seeker_grades(
    seeker: LatentSeeker, postings: tuple[LatentPosting, ...], today: datetime.date
) -> dict[int, int]:
    """posting key → grade, for the postings of grade ≥ 1 only (the rest are 0)."""
    grades = {}
    for posting in postings:
        value = grade(seeker, posting, today)
        if value:
            grades[posting.key] = value
    return grades


def oracle_ranking(
    seeker: LatentSeeker, postings: tuple[LatentPosting, ...], today: datetime.date, limit: int
) -> list[int]:
    """The world's own ranking: feasible postings by expected utility (ε unknown), best first."""
    scored = [
        (expected_utility(seeker, p), p.key)
        for p in postings
        if taste(seeker, p) > 0.0 and not hard_failures(seeker, p, today)
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [key for _, key in scored[:limit]]
