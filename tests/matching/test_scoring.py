"""Scoring as data: hard filters, components, the weighted mean, reasons (pure, no database)."""

from __future__ import annotations

import dataclasses
import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.matching.facts import skill_key
from backend.matching.policy import load_default_policy
from backend.matching.reasons import Reason, render_reasons
from backend.matching.scoring import (
    COMPONENTS,
    Point,
    PostingSide,
    SeekerSide,
    distance_km,
    hard_filter_failures,
    match,
    rank,
)

pytestmark = pytest.mark.embedded

TODAY = datetime.date(2026, 11, 28)
WEIGHTS = load_default_policy()["score_weights"]
DAEYA = Point(37.4531, 126.80001)
# ~3.2 km north-east of 대야동
NEARBY = Point(37.4531 + 0.0205, 126.80001 + 0.025)
FAR = Point(37.38, 126.70)  # ~12 km away


def seeker(**overrides: object) -> SeekerSide:
    fields: dict[str, object] = {
        "id": 1,
        "cohort": "graduate",
        "location": DAEYA,
        "terms": frozenset({"지게차", "운전", "물류", "창고"}),
        "career_fields": frozenset({"manufacturing"}),
        "skills": frozenset({"지게차운전", "재고관리"}),
        "certificates": frozenset({"forklift"}),
        "certificate_fields": frozenset({"manufacturing"}),
        "employment_types": frozenset({"full_time", "part_time"}),
        "max_days_per_week": 5,
        "shifts": frozenset({"morning", "afternoon"}),
        "min_hourly_wage": 11_000,
        "max_commute_km": 10.0,
    }
    fields.update(overrides)
    return SeekerSide(**fields)  # type: ignore[arg-type]


def posting(**overrides: object) -> PostingSide:
    fields: dict[str, object] = {
        "id": 10,
        "employer_id": 100,
        "is_open": True,
        "deadline": TODAY + datetime.timedelta(days=10),
        "career_field": "manufacturing",
        "career_field_name": "제조·생산",
        "occupation": "지게차운전원",
        "occupation_name": "지게차 운전원",
        "location": NEARBY,
        "terms": frozenset({"지게차", "운전", "물류", "상하차"}),
        "skills_required": (("지게차운전", "지게차 운전"),),
        "skills_preferred": (("재고관리", "재고 관리"), ("엑셀", "엑셀")),
        "certificates_required": (("forklift", "지게차운전기능사"),),
        "employment_type": "part_time",
        "days_per_week": 3,
        "shifts": frozenset({"morning"}),
        "hourly_wage": 12_000,
    }
    fields.update(overrides)
    return PostingSide(**fields)  # type: ignore[arg-type]


def test_a_good_match_explains_itself_with_codes_and_values() -> None:
    result = match(seeker(), posting(), WEIGHTS, TODAY)
    assert result is not None
    assert set(result.components) == set(COMPONENTS)
    assert all(0.0 <= value <= 1.0 for value in result.components.values())
    certificates = Reason("certificates_required", {"certificates": ["지게차운전기능사"]})
    assert certificates in result.reasons
    assert Reason("commute", {"km": round(distance_km(DAEYA, NEARBY), 1)}) in result.reasons
    assert (
        Reason("schedule_shifts", {"days": 3, "employment": "part_time", "shifts": ["morning"]})
        in result.reasons
    )
    assert Reason("skills_required", {"skills": ["지게차 운전"]}) in result.reasons
    assert Reason("wage", {"wage": 12_000, "wanted": 11_000}) in result.reasons
    assert Reason(
        "field_wanted", {"field": "manufacturing", "name": "제조·생산", "name_en": ""}
    ) in (result.reasons)
    assert result.reasons[0] == certificates  # the strongest first


def test_the_reasons_read_as_korean_sentences() -> None:
    result = match(seeker(), posting(), WEIGHTS, TODAY)
    assert result is not None
    texts = render_reasons(list(result.reasons))
    assert texts[0] == "지게차운전기능사 자격 일치"
    assert f"통근 {distance_km(DAEYA, NEARBY):.1f}km" in texts
    assert "근무 조건 일치: 주 3일 오전 시간제" in texts
    assert "필수 기술 보유: 지게차 운전" in texts
    assert "시급 12,000원 (희망 11,000원 이상)" in texts
    assert "희망 계열 일치: 제조·생산" in texts
    assert result.components["certificates"] == 1.0
    # required 지게차 운전 held; preferred 재고 관리 held, 엑셀 not held but listed with 재고 관리
    # for 물류 관리원 in the taxonomy (related: half credit)
    assert result.components["skills"] == pytest.approx(0.7 * 1 + 0.3 * (1 + 0.5) / 2)


def test_the_score_is_the_policy_weighted_mean_of_the_components() -> None:
    result = match(seeker(), posting(), WEIGHTS, TODAY)
    assert result is not None
    expected = sum(WEIGHTS[name] * result.components[name] for name in COMPONENTS)
    assert result.score == pytest.approx(expected, abs=1e-3)


def test_the_ordinance_priority_is_exactly_its_weight() -> None:
    eligible = seeker(programmes=frozenset({"local_graduate"}))
    covered = posting(employer_status="covered")
    with_priority = match(eligible, covered, WEIGHTS, TODAY)
    without = match(seeker(), covered, WEIGHTS, TODAY)
    at_plain_employer = match(eligible, posting(employer_status="none"), WEIGHTS, TODAY)
    assert with_priority is not None
    assert without is not None
    assert at_plain_employer is not None
    assert with_priority.components["ordinance"] == 1.0
    assert without.components["ordinance"] == 0.0
    assert at_plain_employer.components["ordinance"] == 0.0
    assert with_priority.score - without.score == pytest.approx(WEIGHTS["ordinance"], abs=1e-3)
    assert (
        Reason("ordinance", {"programmes": ["local_graduate"], "employer_status": "covered"})
        in with_priority.reasons
    )
    assert "조례 우선 채용 대상 (고졸 지역인재, 조례 적용 기관)" in render_reasons(
        list(with_priority.reasons)
    )
    partner = match(eligible, posting(employer_status="partner"), WEIGHTS, TODAY)
    assert partner is not None
    assert partner.components["ordinance"] == 1.0


@pytest.mark.parametrize(
    ("seeker_changes", "posting_changes", "failure"),
    [
        ({}, {"is_open": False}, "모집 중인 공고가 아님"),
        ({}, {"deadline": TODAY - datetime.timedelta(days=1)}, "마감일이 지남"),
        ({"certificates": frozenset()}, {}, "필수 자격증 없음: 지게차운전기능사"),
        ({"employment_types": frozenset({"full_time"})}, {}, "희망하지 않는 고용 형태: 시간제"),
        ({"max_days_per_week": 2}, {}, "주 3일 근무 (최대 주 2일)"),
        ({"shifts": frozenset({"night"})}, {}, "근무 시간대가 맞지 않음"),
        ({}, {"location": FAR}, "통근"),
        ({"cohort": "senior"}, {"cohorts_welcome": frozenset({"graduate"})}, "모집 대상이 아님"),
    ],
)
def test_each_hard_filter_refuses_the_pair(
    seeker_changes: dict[str, object], posting_changes: dict[str, object], failure: str
) -> None:
    one, other = seeker(**seeker_changes), posting(**posting_changes)
    assert match(one, other, WEIGHTS, TODAY) is None
    failures = hard_filter_failures(one, other, TODAY)
    assert len(failures) == 1
    assert failures[0].startswith(failure)


def test_the_deadline_day_itself_is_still_open() -> None:
    assert match(seeker(), posting(deadline=TODAY), WEIGHTS, TODAY) is not None


def test_empty_preferences_accept_anything() -> None:
    relaxed = seeker(
        employment_types=frozenset(),
        shifts=frozenset(),
        max_days_per_week=None,
        max_commute_km=None,
    )
    far_full_time = posting(
        location=FAR, employment_type="full_time", days_per_week=6, shifts=frozenset({"night"})
    )
    assert match(relaxed, far_full_time, WEIGHTS, TODAY) is not None


def test_commute_decays_with_distance_and_is_half_at_five_km() -> None:
    near = match(seeker(max_commute_km=None), posting(location=DAEYA), WEIGHTS, TODAY)
    five_km = Point(DAEYA.lat + 5 / 111.2, DAEYA.lon)
    mid = match(seeker(max_commute_km=None), posting(location=five_km), WEIGHTS, TODAY)
    far = match(seeker(max_commute_km=None), posting(location=FAR), WEIGHTS, TODAY)
    assert near is not None
    assert mid is not None
    assert far is not None
    assert near.components["commute"] == 1.0
    assert mid.components["commute"] == pytest.approx(0.5, abs=0.01)
    assert far.components["commute"] < mid.components["commute"]


def test_with_a_commute_limit_the_decay_is_half_at_sixty_percent_of_it() -> None:
    six_km = Point(DAEYA.lat + 6 / 111.2, DAEYA.lon)
    wide = match(seeker(max_commute_km=10.0), posting(location=six_km), WEIGHTS, TODAY)
    narrow = match(seeker(max_commute_km=8.0), posting(location=six_km), WEIGHTS, TODAY)
    assert wide is not None
    assert narrow is not None
    assert wide.components["commute"] == pytest.approx(0.5, abs=0.01)
    assert narrow.components["commute"] < wide.components["commute"]


def _expert_seeker(about: str, years: float) -> SeekerSide:
    from backend.matching.facts import about_terms
    from backend.matching.scoring import wants_expert_work

    return seeker(
        cohort="senior",
        career_fields=frozenset({"business"}),
        experience=(("경리사무원", years),),
        employment_types=frozenset(),
        max_days_per_week=None,
        shifts=frozenset(),
        wants_expert=wants_expert_work(about_terms(about), years),
    )


EXPERT_POSTING = {
    "career_field": "business",
    "career_field_name": "경영·사무",
    "occupation": "회계세무자문",
    "occupation_name": "회계 세무 자문",
    "certificates_required": (),
    "min_experience_years": 10,
}
ORDINARY_POSTING = {**EXPERT_POSTING, "occupation": "경리사무원", "occupation_name": "경리 사무원"}
ORDINARY_POSTING["min_experience_years"] = 0


def test_a_seeker_who_asks_for_expert_work_gets_it_before_ordinary_work() -> None:
    about = (
        "경리 사무원으로 25년 일했습니다. 경험을 살려 기술 지도와 후배 교육, 자문을 하고 싶습니다."
    )
    expert = _expert_seeker(about, 25)
    assert expert.wants_expert
    advising = match(expert, posting(**EXPERT_POSTING), WEIGHTS, TODAY)
    ordinary = match(expert, posting(**ORDINARY_POSTING), WEIGHTS, TODAY)
    assert advising is not None
    assert ordinary is not None
    assert advising.score > ordinary.score
    assert advising.reasons[0] == Reason(
        "expert_work", {"field": "business", "name": "경영·사무", "name_en": ""}
    )
    assert render_reasons([advising.reasons[0]])[0].startswith("경력을 살리는 전문 일자리")


def test_expert_work_needs_the_years_and_the_words() -> None:
    about = "경험을 살려 기술 지도와 후배 교육, 자문을 하고 싶습니다."
    assert not _expert_seeker(about, 5).wants_expert  # too few years
    assert not _expert_seeker("건강하게 꾸준히 일할 수 있는 곳을 찾습니다.", 25).wants_expert
    plain = _expert_seeker("건강하게 꾸준히 일할 수 있는 곳을 찾습니다.", 25)
    ordinary = match(plain, posting(**ORDINARY_POSTING), WEIGHTS, TODAY)
    assert ordinary is not None
    expert = _expert_seeker("경험을 살려 기술 지도와 후배 교육, 자문을 하고 싶습니다.", 25)
    asked = match(expert, posting(**ORDINARY_POSTING), WEIGHTS, TODAY)
    assert asked is not None
    assert ordinary.components["field"] == 0.8  # worked in it: as for anyone
    assert asked.components["field"] == pytest.approx(0.5 * ordinary.components["field"])


def test_wage_rises_to_the_floor_and_past_it_and_scores_zero_at_twenty_percent_below() -> None:
    wanted = seeker(min_hourly_wage=12_000)
    wages = {
        w: match(wanted, posting(hourly_wage=w), WEIGHTS, TODAY)
        for w in (13_800, 12_600, 12_000, 10_800, 9_600, 9_000)
    }
    value = {w: m.components["wage"] for w, m in wages.items() if m is not None}
    assert value[13_800] == 1.0  # 15% above the floor
    assert value[12_600] == pytest.approx(0.6 + 0.4 / 3, abs=1e-4)  # more pay is still better
    assert value[12_000] == pytest.approx(0.6)  # at the floor
    assert value[10_800] == pytest.approx(0.3)  # 10% below
    assert value[9_600] == 0.0
    assert value[9_000] == 0.0
    at_floor = wages[12_000]
    assert at_floor is not None
    assert Reason("wage", {"wage": 12_000, "wanted": 12_000}) in at_floor.reasons


def test_without_a_floor_the_wage_is_judged_against_a_typical_floor() -> None:
    free = seeker(min_hourly_wage=None)
    below_legal = match(free, posting(hourly_wage=10_000), WEIGHTS, TODAY)
    legal = match(free, posting(hourly_wage=10_320), WEIGHTS, TODAY)
    better = match(free, posting(hourly_wage=12_000), WEIGHTS, TODAY)
    best = match(free, posting(hourly_wage=13_100), WEIGHTS, TODAY)
    assert below_legal
    assert legal
    assert better
    assert best
    assert below_legal.components["wage"] == 0.0
    assert 0.0 < legal.components["wage"] < better.components["wage"] < 1.0
    assert best.components["wage"] == 1.0  # 1.15 x (1.1 x the legal minimum)


def test_the_week_fits_what_the_seeker_asks_for() -> None:
    short_only = seeker(employment_types=frozenset({"part_time", "flexible"}))
    three = match(short_only, posting(days_per_week=3), WEIGHTS, TODAY)
    five = match(short_only, posting(days_per_week=5), WEIGHTS, TODAY)
    assert three
    assert five
    assert three.components["schedule"] == 1.0
    assert five.components["schedule"] == pytest.approx(math.exp(-0.2 * 4), abs=1e-4)
    full_only = seeker(employment_types=frozenset({"full_time", "contract"}))
    kinds = {
        kind: match(full_only, posting(employment_type=kind, days_per_week=5), WEIGHTS, TODAY)
        for kind in ("full_time", "contract")
    }
    assert kinds["full_time"]
    assert kinds["contract"]
    assert kinds["full_time"].components["schedule"] == 1.0
    assert kinds["contract"].components["schedule"] == 0.75
    night = match(
        seeker(shifts=frozenset(), employment_types=frozenset()),  # any week, any shift
        posting(shifts=frozenset({"night"}), days_per_week=3),
        WEIGHTS,
        TODAY,
    )
    assert night
    assert night.components["schedule"] == pytest.approx(0.8)


def test_related_skills_earn_part_credit_through_the_taxonomy() -> None:
    tig = skill_key("TIG 용접")
    asks_tig = posting(skills_required=((tig, "TIG 용접"),), skills_preferred=())
    co2 = match(seeker(skills=frozenset({skill_key("CO2 용접")})), asks_tig, WEIGHTS, TODAY)
    welder = match(
        seeker(skills=frozenset(), experience=(("용접원", 6.0),)), asks_tig, WEIGHTS, TODAY
    )
    baker = match(seeker(skills=frozenset({skill_key("제빵")})), asks_tig, WEIGHTS, TODAY)
    assert co2
    assert welder
    assert baker
    assert co2.components["skills"] == pytest.approx(0.5)  # listed together for 용접원
    assert welder.components["skills"] == pytest.approx(0.7)  # what 용접원's work includes
    assert baker.components["skills"] == 0.0
    assert not any(r.code == "skills_required" for r in co2.reasons)  # only held skills named


def test_naming_the_occupation_counts_more_than_naming_its_field() -> None:
    named = seeker(stated_terms=frozenset({"지게차", "운전", "기사"}))
    unnamed = seeker(terms=frozenset({"물류"}))
    with_name = match(named, posting(), WEIGHTS, TODAY)
    without = match(unnamed, posting(), WEIGHTS, TODAY)
    other_field = match(named, posting(career_field="logistics"), WEIGHTS, TODAY)
    assert with_name
    assert without
    assert other_field
    assert with_name.components["field"] == 1.0
    assert without.components["field"] == 0.75
    assert other_field.components["field"] == 0.75  # the occupation, not in a field wanted


def _profile_side(about: str, skills: list[str], experience: list[dict[str, object]]) -> SeekerSide:
    """The scorer's side of an unsaved profile, as `facts.seeker_side` reads every profile."""
    from backend.matching.facts import seeker_side
    from backend.seekers.models import SeekerProfile
    from backend.taxonomy.models import Area

    profile = SeekerProfile(
        cohort="graduate",
        area=Area(code="4139051000", name="대야동", lat=DAEYA.lat, lon=DAEYA.lon),
        about=about,
        skills=skills,
        experience=experience,
        career_fields=["manufacturing"],
        search_terms=["품질", "검사", "용접"],
    )
    return seeker_side(profile, load_default_policy(), this_year=TODAY.year, on=TODAY)


INSPECTOR = {
    "occupation": "품질검사원",
    "occupation_name": "품질 검사원",
    "certificates_required": (),
    "skills_required": (("품질검사", "품질 검사"),),
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("about", "experience", "named"),
    [
        ("품질 검사원 일자리를 찾고 있습니다.", [], True),  # in the 자기소개
        ("성실하게 일하겠습니다.", [{"occupation": "품질검사원", "years": 2}], True),  # a past job
        ("품질검사원 또는 용접원 일자리를 찾고 있습니다.", [], True),  # other spacing
        ("용접원 일자리를 찾고 있습니다.", [], False),  # the skill list names no occupation
        ("", [], False),
    ],
)
def test_the_occupation_is_named_in_the_seekers_own_words_not_by_a_skill(
    about: str, experience: list[dict[str, object]], named: bool
) -> None:
    side = _profile_side(about, ["품질 검사", "용접"], experience)
    result = match(side, posting(**INSPECTOR), WEIGHTS, TODAY)
    assert result is not None
    relevant = bool(experience)  # a past job in the occupation lifts `field` to 0.8 anyway
    expected = 1.0 if named else (0.8 if relevant else 0.75)
    assert result.components["field"] == expected


@pytest.mark.django_db
def test_a_synonym_of_the_occupation_names_it() -> None:
    side = _profile_side("포크리프트 운전기사로 일하고 싶습니다.", [], [])
    result = match(side, posting(certificates_required=()), WEIGHTS, TODAY)
    assert result is not None
    assert result.components["field"] == 1.0  # 포크리프트 운전기사 names 지게차 운전원


def test_experience_in_the_occupation_counts_fully_and_lifts_the_field() -> None:
    senior = seeker(
        cohort="senior",
        career_fields=frozenset({"business"}),
        experience=(("지게차운전원", 12.0), ("경리", 8.0)),
    )
    demanding = posting(min_experience_years=10)
    result = match(senior, demanding, WEIGHTS, TODAY)
    assert result is not None
    assert result.components["experience"] == 1.0
    assert result.components["field"] == 0.8  # other field wanted, but worked in this job
    assert Reason("experience_required", {"years": 20.0, "required": 10}) in result.reasons
    assert "경력 20년 (요구 10년 이상)" in render_reasons(list(result.reasons))
    novice = match(seeker(), demanding, WEIGHTS, TODAY)
    assert novice is not None
    assert novice.components["experience"] == 0.0


def test_skills_match_despite_spacing_but_never_by_one_character() -> None:
    spaced = posting(skills_required=(("지게차운전", "지게차 운전"),), skills_preferred=())
    assert match(seeker(skills=frozenset({"지게차운전"})), spaced, WEIGHTS, TODAY) is not None
    partial = match(seeker(skills=frozenset({"지게차"})), spaced, WEIGHTS, TODAY)
    one_char = match(seeker(skills=frozenset({"차"})), spaced, WEIGHTS, TODAY)
    assert partial is not None
    assert one_char is not None
    assert partial.components["skills"] == 1.0  # "지게차" is part of "지게차운전"
    assert one_char.components["skills"] == 0.0


def test_rank_is_best_first_then_nearest_then_lowest_id() -> None:
    a = match(seeker(), posting(id=3), WEIGHTS, TODAY)
    b = match(seeker(), posting(id=2), WEIGHTS, TODAY)
    c = match(seeker(), posting(id=1, location=DAEYA), WEIGHTS, TODAY)
    assert a is not None
    assert b is not None
    assert c is not None
    ordered = rank([a, b, c], 10)
    assert [m.posting_id for m in ordered][:1] == [1]  # same text, nearer → higher score
    assert [m.posting_id for m in ordered][1:] == [2, 3]
    assert rank([a, b, c], 1) == ordered[:1]


@settings(max_examples=200, deadline=None)
@given(
    wage=st.integers(min_value=0, max_value=60_000),
    minimum=st.one_of(st.none(), st.integers(min_value=1, max_value=60_000)),
    lat=st.floats(min_value=37.30, max_value=37.50),
    lon=st.floats(min_value=126.70, max_value=126.90),
    experience=st.floats(min_value=0, max_value=50),
    required=st.integers(min_value=0, max_value=30),
    skills=st.frozensets(st.sampled_from(["지게차운전", "용접", "엑셀", "회계", "a"]), max_size=4),
)
def test_every_score_and_component_stays_in_unit_interval(
    wage: int,
    minimum: int | None,
    lat: float,
    lon: float,
    experience: float,
    required: int,
    skills: frozenset[str],
) -> None:
    one = seeker(
        min_hourly_wage=minimum,
        max_commute_km=None,
        skills=skills,
        experience=(("용접원", experience),),
    )
    other = posting(hourly_wage=wage, location=Point(lat, lon), min_experience_years=required)
    result = match(one, other, WEIGHTS, TODAY)
    assert result is not None
    assert 0.0 <= result.score <= 1.0
    assert all(0.0 <= v <= 1.0 for v in result.components.values())
    assert result.reasons
    assert len(render_reasons(list(result.reasons))) == len(result.reasons)  # every one reads


def test_zero_weights_are_allowed_and_give_zero() -> None:
    zero = dict.fromkeys(COMPONENTS, 0.0)
    result = match(seeker(), posting(), zero, TODAY)
    assert result is not None
    assert result.score == 0.0


def test_sides_are_plain_frozen_data() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        seeker().cohort = "senior"  # type: ignore[misc]


_FIELDS = ("manufacturing", "logistics", "business", "care")
_SKILLS = (
    ("지게차운전", "지게차 운전"),
    ("재고관리", "재고 관리"),
    ("엑셀", "엑셀"),
    ("용접", "용접"),
)


@st.composite
def _postings(draw: st.DrawFn) -> list[PostingSide]:
    count = draw(st.integers(min_value=0, max_value=40))
    result = []
    for number in range(count):
        result.append(
            posting(
                id=100 + number,
                career_field=draw(st.sampled_from(_FIELDS)),
                occupation=draw(st.sampled_from(("지게차운전원", "용접원", "사무원"))),
                location=Point(
                    draw(st.floats(min_value=37.40, max_value=37.50)),
                    draw(st.floats(min_value=126.75, max_value=126.85)),
                ),
                skills_required=tuple(draw(st.lists(st.sampled_from(_SKILLS), max_size=2))),
                skills_preferred=tuple(draw(st.lists(st.sampled_from(_SKILLS), max_size=2))),
                certificates_required=draw(
                    st.sampled_from(((), (("forklift", "지게차운전기능사"),)))
                ),
                days_per_week=draw(st.integers(min_value=1, max_value=5)),
                shifts=frozenset(
                    draw(st.lists(st.sampled_from(("morning", "afternoon", "night")), max_size=2))
                ),
                hourly_wage=draw(st.integers(min_value=9_000, max_value=16_000)),
                min_experience_years=draw(st.integers(min_value=0, max_value=3)),
                terms=frozenset(
                    draw(st.lists(st.sampled_from(("지게차", "운전", "물류")), max_size=3))
                ),
                employer_status=draw(st.sampled_from(("none", "covered", "partner"))),
            )
        )
    return result


@settings(max_examples=150, deadline=None)
@given(
    postings=_postings(),
    limit=st.integers(min_value=0, max_value=12),
    programmes=st.sampled_from((frozenset(), frozenset({"local_graduate"}))),
    # Only the score ranks: ties of the bound and the last kept score are common here.
    even=st.booleans(),
)
def test_best_matches_are_the_best_of_every_pair_scored_and_explained(
    postings: list[PostingSide], limit: int, programmes: frozenset[str], even: bool
) -> None:
    from backend.matching.scoring import best_matches

    weights = dict.fromkeys(COMPONENTS, 1.0 / len(COMPONENTS)) if even else WEIGHTS
    side = seeker(programmes=programmes, experience=(("용접원", 2.0),))
    every = [m for m in (match(side, p, weights, TODAY, explain=False) for p in postings) if m]
    by_id = {p.id: p for p in postings}
    expected = [match(side, by_id[m.posting_id], weights, TODAY) for m in rank(every, limit)]
    assert best_matches(side, postings, weights, TODAY, limit) == expected
