"""The mentor ranking as a pure function (no database)."""

from __future__ import annotations

import pytest

from backend.mentoring.ranking import WEIGHTS, MentorCandidate, rank_mentors, score_mentor


def mentor(
    mentor_id: int,
    *,
    kind: str = "expert",
    fields: tuple[str, ...] = ("engineering",),
    max_mentees: int = 3,
    active: int = 0,
) -> MentorCandidate:
    return MentorCandidate(
        mentor_id=mentor_id,
        kind=kind,
        career_fields=fields,
        max_mentees=max_mentees,
        active_mentees=active,
    )


def order(cohort: str | None, *candidates: MentorCandidate) -> list[int]:
    ranked = rank_mentors(career_field="engineering", cohort=cohort, candidates=candidates)
    return [suggestion.candidate.mentor_id for suggestion in ranked]


def test_weights_sum_to_one_and_scores_stay_in_range() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    best = score_mentor(career_field="engineering", cohort="senior", candidate=mentor(1))
    assert best.score == pytest.approx(1.0)
    assert best.components == {"field": 1.0, "capacity": 1.0, "kind": 1.0}
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
