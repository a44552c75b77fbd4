"""Reading time slots and the question kind from Korean text (pure, no database)."""

from __future__ import annotations

import pytest

from backend.mentoring.text_cues import (
    AFTERNOON,
    ALL_DAYS,
    ALL_TIMES,
    EVENING,
    MORNING,
    WEEKDAY,
    WEEKEND,
    TimeSlots,
    question_kind,
    time_slots,
)


@pytest.mark.parametrize(
    ("text", "days", "times"),
    [
        ("평일 저녁", {WEEKDAY}, {EVENING}),
        ("주중 오전, 주말 오후", {WEEKDAY, WEEKEND}, {MORNING, AFTERNOON}),
        ("화·목 오후", {WEEKDAY}, {AFTERNOON}),
        ("토/일 아침", {WEEKEND}, {MORNING}),
        ("월~금 19시 이후", {WEEKDAY}, set()),
        ("금~일", {WEEKDAY, WEEKEND}, set()),
        ("수요일 퇴근 후", {WEEKDAY}, {EVENING}),
        ("토요일 점심", {WEEKEND}, {AFTERNOON}),
        ("언제든지 가능", ALL_DAYS, ALL_TIMES),
        # Day letters inside ordinary words are not days: 금속, 수업, 목표.
        ("금속가공 수업 목표", set(), set()),
        ("교수·목사", set(), set()),
        ("", set(), set()),
    ],
)
def test_time_slots(text: str, days: set[str], times: set[str]) -> None:
    assert time_slots(text) == TimeSlots(days=frozenset(days), times=frozenset(times))


@pytest.mark.parametrize(
    ("offered", "wanted", "fits"),
    [
        ("평일 저녁", "저녁", True),
        ("평일 저녁", "평일", True),
        ("평일 저녁", "주말", False),
        ("평일 저녁", "평일 오전", False),
        ("주말", "오전", True),  # the mentor said no time of day: no constraint there
        ("언제든", "주말 오전", True),
    ],
)
def test_slots_fit(offered: str, wanted: str, fits: bool) -> None:
    assert time_slots(offered).fits(time_slots(wanted)) is fits


def test_slots_read_back_in_both_languages() -> None:
    slots = time_slots("주말 오전, 주말 오후")
    assert slots.korean() == "주말 오전·오후"
    assert slots.english() == "weekend mornings/afternoons"
    assert time_slots("평일").english() == "weekdays"
    assert TimeSlots().korean() == ""
    assert not TimeSlots().said


@pytest.mark.parametrize(
    ("text", "cohort", "kind"),
    [
        ("전공 선택이 고민이에요", None, "college"),
        ("대학 진학과 학과 선택", "senior", "college"),
        ("자격증 따고 취업하기", "graduate", "work"),
        ("경력 살려 재취업", None, "work"),
        # More college words than work words: a question about majors.
        ("전공 살려 대학원 진학 후 취업", "returner", "college"),
        # A tie (one each) falls back to the cohort.
        ("대학 vs 취업", "graduate", "college"),
        ("대학 vs 취업", "senior", "work"),
        # No words at all: the cohort, else unknown.
        ("상담 부탁드려요", "graduate", "college"),
        ("상담 부탁드려요", "returner", "work"),
        ("상담 부탁드려요", None, "unknown"),
    ],
)
def test_question_kind(text: str, cohort: str | None, kind: str) -> None:
    assert question_kind(text=text, cohort=cohort) == kind
