"""The mentor ranking as a pure function (no database)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from backend.mentoring.ranking import WEIGHTS, MentorCandidate, rank_mentors, score_mentor


def mentor(
    mentor_id: int,
    *,
    kind: str = "expert",
    fields: tuple[str, ...] = ("engineering",),
    max_mentees: int = 3,
    active: int = 0,
    availability: str = "평일 저녁",
) -> MentorCandidate:
    return MentorCandidate(
        mentor_id=mentor_id,
        kind=kind,
        career_fields=fields,
        max_mentees=max_mentees,
        active_mentees=active,
        availability=availability,
    )


def order(cohort: str | None, *candidates: MentorCandidate, text: str = "") -> list[int]:
    ranked = rank_mentors(
        career_field="engineering", cohort=cohort, candidates=candidates, request_text=text
    )
    return [suggestion.candidate.mentor_id for suggestion in ranked]


def test_weights_sum_to_one_and_scores_stay_in_range() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    best = score_mentor(career_field="engineering", cohort="senior", candidate=mentor(1))
    assert best.score == pytest.approx(1.0)
    assert best.components == {"field": 1.0, "capacity": 1.0, "kind": 1.0, "availability": 1.0}
    worst = score_mentor(
        career_field="engineering",
        cohort="senior",
        candidate=mentor(2, kind="college_student", fields=("arts_media",), active=2),
    )
    assert 0.0 <= worst.score < best.score


def test_field_match_outweighs_capacity_and_kind() -> None:
    busy_in_field = mentor(1, max_mentees=3, active=2)
    free_elsewhere = mentor(2, fields=("business",), max_mentees=5)
    assert order("senior", free_elsewhere, busy_in_field) == [1, 2]


def test_more_free_capacity_ranks_higher_within_a_field() -> None:
    assert order("senior", mentor(1, active=2), mentor(2, active=0), mentor(3, active=1)) == [
        2,
        3,
        1,
    ]


@pytest.mark.parametrize(
    ("cohort", "expected"),
    [("graduate", [2, 1]), ("returner", [1, 2]), ("senior", [1, 2]), (None, [1, 2])],
)
def test_kind_suits_the_cohort(cohort: str | None, expected: list[int]) -> None:
    expert, student = mentor(1), mentor(2, kind="college_student")
    assert order(cohort, expert, student) == expected


def test_full_mentors_are_left_out() -> None:
    assert order("senior", mentor(1, max_mentees=2, active=2), mentor(2)) == [2]
    assert order("senior", mentor(1, max_mentees=1, active=3)) == []


def test_ties_are_broken_by_free_places_then_id() -> None:
    # Same score: equal fractions of free capacity; more free places wins, then lower id.
    a = mentor(5, max_mentees=2, active=1)
    b = mentor(4, max_mentees=4, active=2)
    c = mentor(3, max_mentees=2, active=1)
    assert order("senior", a, b, c) == [4, 3, 5]


def test_reasons_are_korean_sentences() -> None:
    suggestion = score_mentor(
        career_field="engineering",
        cohort="graduate",
        candidate=mentor(1, kind="college_student", active=1),
    )
    assert suggestion.reasons[0].startswith("요청한 계열")
    assert "2곳" in suggestion.reasons[1]
    assert "전공" in suggestion.reasons[2]
    assert suggestion.reasons[3] == "평일 저녁 가능"


def test_reasons_follow_the_active_language() -> None:
    with translation.override("en"):
        suggestion = score_mentor(
            career_field="engineering", cohort="graduate", candidate=mentor(1, active=1)
        )
        assert suggestion.reasons[1] == gettext("멘티 자리 %(count)s곳 남음") % {"count": 2}
        assert suggestion.reasons[3] == gettext("%(slots)s 가능") % {"slots": "weekday evenings"}


def test_a_mentor_of_the_field_always_outranks_one_of_another_field() -> None:
    # The weakest in-field mentor (1 of 50 places free, unsuited kind, wrong times) against
    # the strongest elsewhere.
    weakest = mentor(1, kind="college_student", max_mentees=50, active=49, availability="주말")
    strongest = mentor(2, fields=("business",))
    assert order("senior", strongest, weakest, text="평일 저녁에 상담받고 싶어요") == [1, 2]


# --- availability --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("availability", "request_text", "value", "reason"),
    [
        ("평일 저녁", "", 1.0, "평일 저녁 가능"),
        ("화·목 오후", "", 1.0, "평일 오후 가능"),
        ("주말", "", 1.0, "주말 가능"),
        ("메시지 주시면 맞춰 드려요", "", 1.0, "가능 시간 안내됨"),
        ("", "", 0.5, "가능 시간 미기재"),
        ("", "주말에만 가능해요", 0.5, "가능 시간 미기재"),
        ("평일 저녁", "퇴근 후 저녁에 통화 가능할까요?", 1.0, "요청한 시간대에 가능: 평일 저녁"),
        (
            "언제든지 연락 주세요",
            "주말 오전",
            1.0,
            "요청한 시간대에 가능: 평일·주말 오전·오후·저녁",
        ),
        ("메시지 주시면 맞춰 드려요", "주말 오전", 0.5, "가능 시간 확인 필요"),
        ("평일 저녁", "주말에만 시간이 돼요", 0.0, "요청과 다른 시간대: 평일 저녁"),
        ("월~금 오전", "저녁에 상담", 0.0, "요청과 다른 시간대: 평일 오전"),
    ],
)
def test_availability_component(
    availability: str, request_text: str, value: float, reason: str
) -> None:
    suggestion = score_mentor(
        career_field="engineering",
        cohort="senior",
        candidate=mentor(1, availability=availability),
        request_text=request_text,
    )
    assert suggestion.components["availability"] == value
    assert suggestion.reasons[3] == reason  # Korean only: the English is in the catalog


def test_availability_breaks_a_tie_between_equal_mentors() -> None:
    silent = mentor(1, availability="")
    weekends = mentor(2, availability="주말 오전")
    evenings = mentor(3, availability="평일 저녁")
    assert order("senior", silent, weekends, evenings) == [2, 3, 1]
    assert order("senior", silent, weekends, evenings, text="저녁에만 시간이 있어요") == [3, 1, 2]


# --- kind from the topic's words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("cohort", "text", "expected"),
    [
        # A graduate's request is a question about majors unless its words say work.
        ("graduate", "", [2, 1]),
        ("graduate", "기계공학과 진학 고민", [2, 1]),
        ("graduate", "용접 자격증 준비, 어떤 자격증부터 딸까요?", [1, 2]),
        # Anyone's question about majors goes to a college student first.
        ("senior", "아들 전공 선택 상담", [2, 1]),
        ("returner", "대학 편입을 할지 고민이에요", [2, 1]),
        (None, "전공 살려 대학원 진학", [2, 1]),
        # Work questions, and unknown ones, to an expert.
        ("returner", "재취업 면접 준비", [1, 2]),
        (None, "", [1, 2]),
    ],
)
def test_topic_words_choose_the_mentor_kind(
    cohort: str | None, text: str, expected: list[int]
) -> None:
    expert, student = mentor(1), mentor(2, kind="college_student")
    assert order(cohort, expert, student, text=text) == expected


def test_kind_reasons_name_the_question() -> None:
    student = mentor(1, kind="college_student")
    expert = mentor(2)
    college = rank_mentors(
        career_field="engineering",
        cohort="senior",
        candidates=[student, expert],
        request_text="전공 선택",
    )
    assert college[0].reasons[2].startswith("대학생 멘토: 전공·진학 질문에 적합")
    assert college[0].components["kind"] == 1.0
    assert college[1].components["kind"] == 0.5
    work = rank_mentors(
        career_field="engineering",
        cohort="graduate",
        candidates=[student, expert],
        request_text="면접 준비",
    )
    assert work[0].reasons[2].startswith("전문가 멘토: 직무 질문에 적합")
    assert work[1].components["kind"] == 0.3
