"""How well a posting suits a seeker (매칭 점수). Pure Python, no ORM, no I/O.

`match(seeker, posting, weights, today)` first applies the hard filters (DESIGN.md, Matching 1):
a posting that fails any of them is not a match at all (`None`), whatever its score would be —

- the posting is open and its deadline has not passed;
- the seeker holds every required certificate;
- the schedule is compatible: the employment type is one the seeker accepts, the days per week
  are within the seeker's maximum, and the shifts overlap the seeker's;
- the commute is within the seeker's limit;
- the posting welcomes the seeker's cohort (an empty `cohorts_welcome` welcomes all).

A seeker who leaves a preference empty (no employment types, no shifts, no maximum days, no
commute limit) accepts anything there. Then nine named components, each in [0, 1], are combined
as the policy's weighted mean (the weights are validated to sum to 1, so the score is in [0, 1]
and the `ordinance` priority is exactly its weight):

- `text`: the share of the seeker's profile terms (skills, certificates, experience, about)
  that the posting's text contains, saturating at `TEXT_SATURATION` terms;
- `skills`: required skills (70%) and preferred skills (30%), each credited 1 when held (the
  same key, or a word-level match), `IMPLIED_SKILL_CREDIT` when the seeker's occupation's work
  includes it, `RELATED_SKILL_CREDIT` when they hold a skill listed with it for some occupation,
  `FIELD_SKILL_CREDIT` when their skills belong to a career field that lists it (the taxonomy's
  occupations: `skill_families`); 0.5 when the posting names none (nothing to compare);
- `certificates`: 1 when the posting requires certificates (the filter guarantees they are held);
  otherwise 0.5, plus 0.5 when the seeker holds a certificate of the posting's career field;
- `field`: 1 when the profile names the posting's occupation in its own words (`occupation_named`:
  the 자기소개 or experience, not the skill list) and wants its career field;
  `FIELD_ONLY` when it names only one of the two; half that when it names no field; else 0 —
  raised to at least 0.8 when the seeker has worked in the posting's occupation;
- `experience`: years in the posting's occupation count fully, other years half; against the
  posting's minimum when it has one (capped at 1), else a bonus for relevant years
  (0.5 + relevant/`EXPERIENCE_FULL_YEARS`, capped at 1);
- `schedule`: the share of the posting's shifts the seeker can work (1 when either side lists
  none; at most `NIGHT_SHIFT_FIT` with night shifts), times how well the week suits the week
  the seeker asks for (`_week_fit`: short weeks for one who accepts only shorter work,
  full-time work for one who asks only for it; the days per week are a hard filter);
- `commute`: a Gaussian decay of the distance, 0.5 at `COMMUTE_HALF_OF_LIMIT` × the seeker's
  commute limit (`COMMUTE_HALF_KM` without one);
- `wage`: `WAGE_AT_FLOOR` at the seeker's minimum, rising to 1 at `WAGE_FULL_RATIO` × it and
  falling to 0 at 20% below it; without a minimum, the same curve around
  `TYPICAL_FLOOR_RATIO` × the legal minimum wage (0 below the legal minimum);
- `ordinance`: 1 for a seeker eligible for an ordinance programme at a covered or partner
  employer, else 0.

Each match also carries its reasons, best first, as codes with parameters
(`backend.matching.reasons`: rendered when read, in the reader's language — "지게차운전기능사
자격 일치", "통근 3.2km", "근무 조건 일치: 주 3일 오전 시간제"); the list is never empty.
"""

from __future__ import annotations

import datetime
import heapq
import math
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from backend.matching import reasons as why
from backend.matching.policy import SCORE_COMPONENTS
from backend.matching.reasons import Reason
from backend.matching.skill_families import families
from search.analysis import analyze
from search.backends.geo import haversine_km
from search.documents import GeoPoint

# The named components, in API order: the policy's `score_weights` keys (validated there).
COMPONENTS = SCORE_COMPONENTS
TEXT_SATURATION = 8  # matching this many profile terms counts as a full text match
EXPERIENCE_FULL_YEARS = 6.0  # relevant years that earn the full experience bonus
COMMUTE_HALF_KM = 5.0  # the distance at which the commute component is 0.5 (no limit stated)
COMMUTE_HALF_OF_LIMIT = 0.6  # with a stated limit: 0.5 at this share of it (far for them)
WAGE_TOLERANCE = 0.20  # a wage this far below the seeker's minimum scores 0
MINIMUM_WAGE_KRW = 10_320  # 2026 statutory minimum hourly wage (최저임금)
WAGE_AT_FLOOR = 0.6  # the wage component at exactly the seeker's floor
WAGE_FULL_RATIO = 1.15  # a wage this far above the floor scores 1
TYPICAL_FLOOR_RATIO = 1.1  # the floor assumed for a seeker who states none, × the legal minimum
SHORT_WEEK_DAYS = 3  # a week this short (or shorter) suits a seeker of shorter work fully
SHORT_WEEK_DECAY = 0.2  # how fast a longer week suits them less (Gaussian in the extra days)
FULL_TIME_FIT = {"full_time": 1.0, "contract": 0.75, "other": 0.55}  # for full-time seekers
NIGHT_SHIFT_FIT = 0.8  # the schedule component of a posting with night shifts, at most
FIELD_ONLY = 0.75  # the field component when the profile names the field, not the occupation
IMPLIED_SKILL_CREDIT = 0.7  # a skill the seeker's occupation's work includes, unwritten
RELATED_SKILL_CREDIT = 0.5  # a skill listed with one the seeker holds (the same kind of work)
FIELD_SKILL_CREDIT = 0.2  # a skill of a career field the seeker's skills belong to
# Expert work (전문 일자리: advising, teaching, mentoring): a posting asking this many years of
# experience, the ordinance's senior_expert minimum (default_policy.yaml); a seeker wants it
# when they have as many years and say so in their own words (`wants_expert_work`).
EXPERT_WORK_YEARS = 10
EXPERT_WORK_MARKERS = frozenset({"자문", "후배", "지도", "강사", "멘토", "전수", "컨설팅"})
EXPERT_WORK_MIN_MARKERS = 2  # distinct markers in the seeker's 자기소개 (one may be chance)
ORDINARY_WORK_FIELD = 0.5  # the field component of ordinary work, × for one who wants expert work

# Korean labels of the hard filters' sentences (`hard_filter_failures`: a diagnostic, not shown
# to seekers; the reasons' labels are translated in `reasons`).
EMPLOYMENT_KO = {
    "full_time": "전일제",
    "part_time": "시간제",
    "flexible": "유연근무",
    "contract": "계약직",
}


# A location in WGS84 degrees: the one point type (search's), under scoring's name.
Point = GeoPoint


@dataclass(frozen=True)
class SeekerSide:
    """What scoring knows of a seeker. Sets hold normalized keys (`normalize_term`);
    `certificates` holds certificate codes (or normalized names of unknown ones)."""

    id: int
    cohort: str
    location: Point
    terms: frozenset[str] = frozenset()
    career_fields: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    certificates: frozenset[str] = frozenset()
    certificate_fields: frozenset[str] = frozenset()  # career fields of the certificates held
    # (normalized occupation, years) per experience entry
    experience: tuple[tuple[str, float], ...] = ()
    employment_types: frozenset[str] = frozenset()  # empty = any
    max_days_per_week: int | None = None
    shifts: frozenset[str] = frozenset()  # empty = any
    min_hourly_wage: int | None = None
    max_commute_km: float | None = None
    programmes: frozenset[str] = frozenset()  # ordinance programmes the seeker is eligible for
    # Under 18 (연소자, backend.taxonomy.young_workers): only `minor_suitable` postings match.
    minor: bool = False
    # Wants expert work (advising, teaching their trade): `wants_expert_work`.
    wants_expert: bool = False
    # What the seeker wrote of the work they want and did, apart from the skill and
    # certificate lists (`occupation_named`): the 자기소개 and the experience entries'
    # occupations, normalized (`normalize_term`, joined by "|"), and their analysed terms.
    stated: str = ""
    stated_terms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PostingSide:
    """What scoring knows of a posting. `skills_*` are (normalized key, display text) pairs;
    `certificates_required` are (code, display name) pairs."""

    id: int
    employer_id: int
    is_open: bool
    deadline: datetime.date
    career_field: str
    career_field_name: str
    occupation: str  # normalized
    occupation_name: str
    location: Point
    # Only membership counts: a set, or a tuple that may repeat terms (`facts.posting_side`
    # passes the document's terms as they are: one pass per pair scored in full is cheaper
    # than a set per side, measured in B7).
    terms: frozenset[str] | tuple[str, ...] = frozenset()
    skills_required: tuple[tuple[str, str], ...] = ()
    skills_preferred: tuple[tuple[str, str], ...] = ()
    certificates_required: tuple[tuple[str, str], ...] = ()
    min_experience_years: int = 0
    employment_type: str = "full_time"
    days_per_week: int = 5
    shifts: frozenset[str] = frozenset()
    hourly_wage: int = 0
    cohorts_welcome: frozenset[str] = frozenset()  # empty = all
    # May be shown to a seeker under 18 (no night or holiday work, ≤ 7 h a day and 35 a week,
    # no work of 근로기준법 시행령 별표 4): `PostingDocument.minor_suitable`.
    minor_suitable: bool = False
    employer_status: str = "none"  # covered | partner | none (see posting_checks.employer_status)
    career_field_name_en: str = ""  # the taxonomy's English name, if it has one


@dataclass(frozen=True)
class Match:
    """A scored pair: the weighted mean, its components and the reasons, best first."""

    seeker_id: int
    posting_id: int
    score: float
    components: dict[str, float]
    reasons: tuple[Reason, ...]
    distance_km: float = 0.0


@dataclass
class _Reasons:
    """Reasons with a strength, so the strongest come first."""

    items: list[tuple[float, Reason]] = field(default_factory=list)
    on: bool = True  # False: scoring only, no reason is built (see `match(explain=False)`)

    def add(self, strength: float, reason: Reason) -> None:
        self.items.append((strength, reason))

    def ordered(self) -> tuple[Reason, ...]:
        ranked = sorted(enumerate(self.items), key=lambda item: (-item[1][0], item[0]))
        return tuple(reason for _, (_, reason) in ranked)


# Great-circle (haversine) distance: the one both search backends compute.
distance_km = haversine_km


def hard_filter_failures(
    seeker: SeekerSide, posting: PostingSide, today: datetime.date, distance: float | None = None
) -> list[str]:
    """The hard filters the pair fails, as Korean sentences (empty = the pair may match)."""
    failures: list[str] = []
    if not posting.is_open:
        failures.append("모집 중인 공고가 아님")
    if posting.deadline < today:
        failures.append("마감일이 지남")
    missing = [
        name for code, name in posting.certificates_required if code not in seeker.certificates
    ]
    if missing:
        failures.append(f"필수 자격증 없음: {', '.join(missing)}")
    if seeker.employment_types and posting.employment_type not in seeker.employment_types:
        kind = EMPLOYMENT_KO.get(posting.employment_type, posting.employment_type)
        failures.append(f"희망하지 않는 고용 형태: {kind}")
    if seeker.max_days_per_week is not None and posting.days_per_week > seeker.max_days_per_week:
        failures.append(f"주 {posting.days_per_week}일 근무 (최대 주 {seeker.max_days_per_week}일)")
    if seeker.shifts and posting.shifts and not (seeker.shifts & posting.shifts):
        failures.append("근무 시간대가 맞지 않음")
    if seeker.max_commute_km is not None:
        km = distance if distance is not None else distance_km(seeker.location, posting.location)
        if km > seeker.max_commute_km:
            failures.append(f"통근 {km:.1f}km (최대 {seeker.max_commute_km:g}km)")
    if posting.cohorts_welcome and seeker.cohort not in posting.cohorts_welcome:
        failures.append("모집 대상이 아님")
    if seeker.minor and not posting.minor_suitable:
        # 근로기준법 §65, §69, §70: never offered to a worker under 18, whatever the score.
        failures.append("만 18세 미만에게 허용되지 않는 근로 조건")
    return failures


def requirement_gaps(
    seeker: SeekerSide, posting: PostingSide, today: datetime.date
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    """What keeps the pair apart when only requirements do: the required certificates the
    seeker lacks and the required skills they do not hold, each as (key, display name) — or
    None when any other hard filter fails (schedule, commute, cohort, deadline: no course
    closes those). Two empty lists mean nothing is missing."""
    held = seeker.certificates | {code for code, _ in posting.certificates_required}
    if hard_filter_failures(replace(seeker, certificates=held), posting, today):
        return None
    certificates = [
        (code, name)
        for code, name in posting.certificates_required
        if code not in seeker.certificates
    ]
    have = seeker.skills
    skills = [
        (key, name)
        for key, name in posting.skills_required
        if key not in have and not any(_similar(key, mine) for mine in have)
    ]
    return certificates, skills


def _similar(a: str, b: str) -> bool:
    """Two normalized skill keys name the same skill: equal, or one contains the other
    ("지게차" in "지게차운전"), but never by a single character."""
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= 2 and shorter in longer


def wants_expert_work(about_terms: frozenset[str], years: float) -> bool:
    """Whether a seeker asks for expert work: `EXPERT_WORK_YEARS` of experience or more, and
    a 자기소개 whose analysed terms name at least `EXPERT_WORK_MIN_MARKERS` of
    `EXPERT_WORK_MARKERS` ("경험을 살려 기술 지도와 후배 교육, 자문을 하고 싶습니다")."""
    return (
        years >= EXPERT_WORK_YEARS
        and len(about_terms & EXPERT_WORK_MARKERS) >= EXPERT_WORK_MIN_MARKERS
    )


def is_expert_work(posting: PostingSide) -> bool:
    """Whether a posting is expert work: it asks for `EXPERT_WORK_YEARS` of experience."""
    return posting.min_experience_years >= EXPERT_WORK_YEARS


def similar_skill(a: str, b: str) -> bool:
    """Whether two normalized skill keys name the same skill, as scoring counts them."""
    return _similar(a, b)


def _text(seeker: SeekerSide, posting: PostingSide, reasons: _Reasons) -> float:
    if not seeker.terms:
        return 0.0
    shared = seeker.terms.intersection(posting.terms)  # any iterable; iterates a tuple once
    value = min(1.0, len(shared) / min(len(seeker.terms), TEXT_SATURATION))
    if len(shared) >= 2 and reasons.on:
        reasons.add(0.3 + 0.2 * value, why.text_terms(len(shared)))
    return value


@lru_cache(maxsize=4096)
def _kin(
    skills: frozenset[str], experience: tuple[tuple[str, float], ...]
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What a seeker's skills and jobs say beyond their words (`skill_families`): the skills
    their occupations' templates list (implied by the years), the skills of the same kinds of
    work as theirs (related), and the career fields their skills belong to."""
    table = families()
    implied: set[str] = set()
    for occupation, years in experience:
        if years > 0:
            for name, keys in table.by_occupation.items():
                if occupation and _similar(occupation, name):
                    implied |= keys
    related: set[str] = set()
    for key in skills | implied:
        related |= table.related.get(key, frozenset())
    fields: set[str] = set()
    for key in skills | implied:
        fields |= table.fields_of.get(key, frozenset())
    return frozenset(implied - skills), frozenset(related), frozenset(fields)


@lru_cache(maxsize=65536)
def _skill_credit(
    key: str, have: frozenset[str], kin: tuple[frozenset[str], frozenset[str], frozenset[str]]
) -> float:
    """How much of one wanted skill the seeker brings: all of it when held (the same key or a
    word-level match); `IMPLIED_SKILL_CREDIT` when their occupation's work includes it;
    `RELATED_SKILL_CREDIT` when they hold a skill listed with it for some occupation (the same
    kind of work); `FIELD_SKILL_CREDIT` when their skills belong to a field that lists it."""
    if key in have or any(_similar(key, mine) for mine in have):
        return 1.0
    implied, related, fields = kin
    if key in implied:
        return IMPLIED_SKILL_CREDIT
    if key in related:
        return RELATED_SKILL_CREDIT
    if fields & families().fields_of.get(key, frozenset()):
        return FIELD_SKILL_CREDIT
    return 0.0


def _skills(seeker: SeekerSide, posting: PostingSide, reasons: _Reasons) -> float:
    if not posting.skills_required and not posting.skills_preferred:
        return 0.5
    kin = _kin(seeker.skills, seeker.experience)
    required = [_skill_credit(key, seeker.skills, kin) for key, _ in posting.skills_required]
    preferred = [_skill_credit(key, seeker.skills, kin) for key, _ in posting.skills_preferred]
    parts: list[tuple[float, float]] = []
    if required:
        parts.append((0.7, sum(required) / len(required)))
    if preferred:
        parts.append((0.3, sum(preferred) / len(preferred)))
    value = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
    if reasons.on:
        held = [n for (_, n), c in zip(posting.skills_required, required, strict=True) if c == 1]
        liked = [n for (_, n), c in zip(posting.skills_preferred, preferred, strict=True) if c == 1]
        if held:
            reasons.add(0.9, why.skills_required(held[:3]))
        if liked:
            reasons.add(0.6, why.skills_preferred(liked[:3]))
    return value


def _certificates(seeker: SeekerSide, posting: PostingSide, reasons: _Reasons) -> float:
    if posting.certificates_required:
        names = [name for _, name in posting.certificates_required]
        if reasons.on:
            reasons.add(1.0, why.certificates_required(names))
        return 1.0
    if posting.career_field in seeker.certificate_fields:
        if reasons.on:
            reasons.add(
                0.5,
                why.certificate_field(
                    posting.career_field, posting.career_field_name, posting.career_field_name_en
                ),
            )
        return 1.0
    return 0.5


def _occupation_years(seeker: SeekerSide, posting: PostingSide) -> tuple[float, float]:
    """(years in the posting's occupation, other years)."""
    relevant = other = 0.0
    for occupation, years in seeker.experience:
        if posting.occupation and occupation and _similar(occupation, posting.occupation):
            relevant += years
        else:
            other += years
    return relevant, other


@lru_cache(maxsize=1024)
def _occupation_terms(name: str) -> frozenset[str]:
    """The analysed terms of an occupation's name, as a profile's terms are analysed."""
    return frozenset(analyze(name)) if name else frozenset()


def occupation_named(seeker: SeekerSide, posting: PostingSide) -> bool:
    """Whether the seeker names the posting's occupation in their own words — the 자기소개
    ("품질 검사원 일자리를 찾고 있습니다") or an experience entry — not in the skills they list:
    a skill "품질 검사" does not ask for work as a 품질 검사원. Named: the occupation as written
    (spacing aside), or every analysed term of its name among those texts' analysed terms
    (the analyzer's synonyms: "지게차 기사" names 지게차 운전원)."""
    occupation = posting.occupation
    if len(occupation) >= 2 and occupation in seeker.stated:
        return True
    wanted = _occupation_terms(posting.occupation_name)
    return bool(wanted) and wanted <= seeker.stated_terms


def _field(
    seeker: SeekerSide, posting: PostingSide, relevant_years: float, reasons: _Reasons
) -> float:
    """1 when the profile names the posting's occupation; `FIELD_ONLY` when it names only
    the posting's career field; 0.5 × that when it names no field; else 0 — raised to at
    least 0.8 when the seeker has worked in the posting's occupation."""
    named = occupation_named(seeker, posting)
    if posting.career_field in seeker.career_fields:
        value = 1.0 if named else FIELD_ONLY
        if reasons.on:
            reasons.add(
                0.8,
                why.field_wanted(
                    posting.career_field, posting.career_field_name, posting.career_field_name_en
                ),
            )
    elif named:
        value = FIELD_ONLY
    elif not seeker.career_fields:
        value = 0.5 * FIELD_ONLY
    else:
        value = 0.0
    if relevant_years > 0 and value < 0.8:
        value = 0.8
    if seeker.wants_expert:
        # Expert work draws on a whole field: a wanted field's expert posting is what they
        # asked for, whatever its occupation; ordinary work is what they did not.
        if is_expert_work(posting):
            if posting.career_field in seeker.career_fields:
                value = 1.0
                if reasons.on:
                    reasons.add(
                        0.95,
                        why.expert_work(
                            posting.career_field,
                            posting.career_field_name,
                            posting.career_field_name_en,
                        ),
                    )
        else:
            value *= ORDINARY_WORK_FIELD
    return value


def _experience(posting: PostingSide, relevant: float, other: float, reasons: _Reasons) -> float:
    credited = relevant + 0.5 * other
    if posting.min_experience_years > 0:
        value = min(1.0, credited / posting.min_experience_years)
        if value >= 1.0 and reasons.on:
            reasons.add(
                0.7, why.experience_required(relevant + other, posting.min_experience_years)
            )
        return value
    if relevant > 0 and reasons.on:
        reasons.add(0.7, why.experience_occupation(posting.occupation_name, relevant))
    return min(1.0, 0.5 + relevant / EXPERIENCE_FULL_YEARS)


def _week_fit(seeker: SeekerSide, posting: PostingSide) -> float:
    """How well the posting's week suits the week the seeker asks for. The days are a hard
    filter (never more than the seeker's maximum); within it, a seeker who accepts only
    shorter work (no full-time, or at most 4 days) is best served by short weeks
    (`SHORT_WEEK_DAYS`, less as days are added); one who asks for full-time work and nothing
    shorter by full-time work (a contract less, part-time or flexible work least); one who
    accepts both sits between the two; one who states no type accepts any week."""
    types = seeker.employment_types
    short = bool(types) and "full_time" not in types
    if seeker.max_days_per_week is not None and seeker.max_days_per_week < 5:
        short = True
    excess = max(0, posting.days_per_week - SHORT_WEEK_DAYS)
    short_fit = math.exp(-SHORT_WEEK_DECAY * excess**2)
    full_fit = FULL_TIME_FIT.get(posting.employment_type, FULL_TIME_FIT["other"])
    if short:
        return short_fit
    if not types:
        return 1.0
    if types & {"part_time", "flexible"}:
        return 0.5 * (short_fit + full_fit)
    return full_fit


def _schedule(seeker: SeekerSide, posting: PostingSide, reasons: _Reasons) -> float:
    if posting.shifts and seeker.shifts:
        shift_fit = len(posting.shifts & seeker.shifts) / len(posting.shifts)
    else:
        shift_fit = 1.0
    if "night" in posting.shifts:
        shift_fit *= NIGHT_SHIFT_FIT  # accepted, but few choose night work
    value = shift_fit * _week_fit(seeker, posting)
    if reasons.on:
        reasons.add(
            0.4 * value,
            why.schedule(posting.days_per_week, posting.employment_type, posting.shifts),
        )
    return value


def _commute(seeker: SeekerSide, km: float, reasons: _Reasons) -> float:
    """A Gaussian decay of the distance, 0.5 at `COMMUTE_HALF_OF_LIMIT` × the seeker's own
    commute limit (what is far depends on how far they said they would go), at
    `COMMUTE_HALF_KM` when they state none."""
    limit = seeker.max_commute_km
    half = COMMUTE_HALF_OF_LIMIT * limit if limit and limit > 0 else COMMUTE_HALF_KM
    value = math.exp(-math.log(2) * (km / half) ** 2)
    if reasons.on:
        reasons.add(0.45 + 0.3 * value, why.commute(km))
    return value


def _wage_curve(ratio: float) -> float:
    """The wage component at a wage of `ratio` × the seeker's floor: 0 at 1 − `WAGE_TOLERANCE`,
    `WAGE_AT_FLOOR` at the floor, 1 at `WAGE_FULL_RATIO` (more pay is still better above the
    floor, up to a point), linear between."""
    low = 1.0 - WAGE_TOLERANCE
    if ratio <= low:
        return 0.0
    if ratio < 1.0:
        return WAGE_AT_FLOOR * (ratio - low) / WAGE_TOLERANCE
    if ratio < WAGE_FULL_RATIO:
        return WAGE_AT_FLOOR + (1.0 - WAGE_AT_FLOOR) * (ratio - 1.0) / (WAGE_FULL_RATIO - 1.0)
    return 1.0


def _wage(seeker: SeekerSide, posting: PostingSide, reasons: _Reasons) -> float:
    wage = posting.hourly_wage
    if seeker.min_hourly_wage:
        wanted = seeker.min_hourly_wage
        if wage >= wanted and reasons.on:
            reasons.add(0.5, why.wage(wage, wanted))
        return _wage_curve(wage / wanted)
    # No floor stated (a graduate looking for a first job often leaves it empty): the wage is
    # judged against the floor most seekers state, `TYPICAL_FLOOR_RATIO` × the legal minimum,
    # so that a better-paid posting still ranks higher — never a wage below the legal minimum.
    if wage < MINIMUM_WAGE_KRW:
        return 0.0
    return _wage_curve(wage / (TYPICAL_FLOOR_RATIO * MINIMUM_WAGE_KRW))


def _ordinance(seeker: SeekerSide, posting: PostingSide, reasons: _Reasons) -> float:
    if not seeker.programmes or posting.employer_status not in why.EMPLOYER_STATUSES:
        return 0.0
    if reasons.on:
        reasons.add(0.85, why.ordinance(seeker.programmes, posting.employer_status))
    return 1.0


def match(
    seeker: SeekerSide,
    posting: PostingSide,
    weights: Mapping[str, float],
    today: datetime.date,
    *,
    explain: bool = True,
) -> Match | None:
    """The scored match of a seeker and a posting, or None when a hard filter fails.

    `weights` maps every name of `COMPONENTS` to a non-negative weight (the policy's
    `score_weights`); the score is the weighted mean of the components, rounded to 4 places.
    With `explain=False` no reason is built (`reasons` is empty) and the components are not
    rounded: the same score, cheaper, for ranking many pairs of which only the best are kept
    and explained (`recommend`).
    """
    km = distance_km(seeker.location, posting.location)
    if hard_filter_failures(seeker, posting, today, km):
        return None
    reasons = _Reasons(on=explain)
    relevant, other = _occupation_years(seeker, posting)
    values = (  # in the order of COMPONENTS
        _text(seeker, posting, reasons),
        _skills(seeker, posting, reasons),
        _certificates(seeker, posting, reasons),
        _field(seeker, posting, relevant, reasons),
        _experience(posting, relevant, other, reasons),
        _schedule(seeker, posting, reasons),
        _commute(seeker, km, reasons),
        _wage(seeker, posting, reasons),
        _ordinance(seeker, posting, reasons),
    )
    weighting = [weights[name] for name in COMPONENTS]
    total_weight = sum(weighting)
    score = sum(map(operator.mul, weighting, values)) / total_weight if total_weight > 0 else 0.0
    if explain:
        components = {name: round(value, 4) for name, value in zip(COMPONENTS, values, strict=True)}
        ordered = reasons.ordered()
    else:
        components, ordered = dict(zip(COMPONENTS, values, strict=True)), ()
    return Match(
        seeker_id=seeker.id,
        posting_id=posting.id,
        score=round(min(1.0, max(0.0, score)), 4),
        components=components,
        reasons=ordered,
        distance_km=round(km, 2),
    )


# The components that cost most to compute (shared terms, skill credits, shifts and week):
# `best_matches` counts them at their most, 1, until a pair may reach the best.
COSTLY_COMPONENTS = ("text", "skills", "schedule")
BOUND_MARGIN = 1e-4  # a bound this far below the last kept score (rounded to 4 places) loses


def best_matches(
    seeker: SeekerSide,
    postings: Iterable[PostingSide],
    weights: Mapping[str, float],
    today: datetime.date,
    limit: int,
) -> list[Match]:
    """The seeker's best `limit` matches among `postings`, explained, best first: the same
    list as `[match(seeker, p, weights, today) for p in rank(<every pair's match without
    reasons>, limit)]`, computed with less work.

    Every pair passing the hard filters gets a bound first: its cheap components as they are
    and `COSTLY_COMPONENTS` at 1, a weighted mean no lower than its score. Pairs are then
    scored fully in order of their bounds, and the rest skipped as soon as the bound is
    `BOUND_MARGIN` below the `limit`-th best score so far — such a pair's rounded score is
    strictly lower, whatever its costly components are, so it could never be kept. The scores
    are computed as `match` computes them (the same components and the same sum in the same
    order), so the result is exactly the same."""
    if limit <= 0:
        return []
    weighting = [weights[name] for name in COMPONENTS]
    total = sum(weighting)
    costly = sum(weights[name] for name in COSTLY_COMPONENTS)
    quiet = _Reasons(on=False)
    bounded = []
    for posting in postings:
        km = distance_km(seeker.location, posting.location)
        if hard_filter_failures(seeker, posting, today, km):
            continue
        relevant, other = _occupation_years(seeker, posting)
        certificates = _certificates(seeker, posting, quiet)
        fit = _field(seeker, posting, relevant, quiet)
        experience = _experience(posting, relevant, other, quiet)
        commute = _commute(seeker, km, quiet)
        wage = _wage(seeker, posting, quiet)
        ordinance = _ordinance(seeker, posting, quiet)
        cheap = (
            weights["certificates"] * certificates
            + weights["field"] * fit
            + weights["experience"] * experience
            + weights["commute"] * commute
            + weights["wage"] * wage
            + weights["ordinance"] * ordinance
        )
        bound = (cheap + costly) / total if total > 0 else 0.0
        bounded.append(
            (bound, km, posting, (certificates, fit, experience, commute, wage, ordinance))
        )
    bounded.sort(key=lambda item: -item[0])
    scored: list[Match] = []
    lowest: list[float] = []  # a min-heap of the best `limit` scores so far
    for bound, km, posting, (certificates, fit, experience, commute, wage, ordinance) in bounded:
        if len(lowest) >= limit and bound < lowest[0] - BOUND_MARGIN:
            break  # sorted by bound: no pair after this one can be kept either
        values = (  # in the order of COMPONENTS, as `match` computes them
            _text(seeker, posting, quiet),
            _skills(seeker, posting, quiet),
            certificates,
            fit,
            experience,
            _schedule(seeker, posting, quiet),
            commute,
            wage,
            ordinance,
        )
        score = sum(map(operator.mul, weighting, values)) / total if total > 0 else 0.0
        kept = Match(
            seeker_id=seeker.id,
            posting_id=posting.id,
            score=round(min(1.0, max(0.0, score)), 4),
            components=dict(zip(COMPONENTS, values, strict=True)),
            reasons=(),
            distance_km=round(km, 2),
        )
        scored.append(kept)
        if len(lowest) < limit:
            heapq.heappush(lowest, kept.score)
        elif kept.score > lowest[0]:
            heapq.heapreplace(lowest, kept.score)
    sides = {posting.id: posting for _, _, posting, _ in bounded}
    explained = (match(seeker, sides[m.posting_id], weights, today) for m in rank(scored, limit))
    return [m for m in explained if m is not None]


def rank(matches: list[Match], limit: int) -> list[Match]:
    """The best `limit` matches: higher score first, then nearer, then lower posting id."""
    ordered = sorted(matches, key=lambda m: (-m.score, m.distance_km, m.posting_id, m.seeker_id))
    return ordered[:limit]
