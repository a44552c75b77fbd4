"""The job-fair interview scheduler against brute force on small fairs, and its contract:
never double-booked, no overlapping interviews per seeker, at most K per seeker, only ranked
postings. Pure: no database."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from backend.matching.assignment import NO_CANDIDATES, OUTCOMPETED, Quota
from backend.matching.fair_assignment import (
    Booking,
    Choice,
    FairProblem,
    FairResult,
    Slot,
    solve_fair,
)

pytestmark = pytest.mark.embedded


def overlaps(a: Slot, b: Slot) -> bool:
    return a.starts < b.ends and b.starts < a.ends


def check_valid(problem: FairProblem, result: FairResult) -> None:
    slots = {s.slot_id: s for s in problem.slots}
    ranked = {(c.seeker_id, c.posting_id): c.rank for c in problem.choices}
    booked = [b.slot_id for b in result.bookings]
    assert len(booked) == len(set(booked)), "a slot was double-booked"
    per_seeker: dict[int, list[Booking]] = {}
    for booking in result.bookings:
        slot = slots[booking.slot_id]
        assert slot.posting_id == booking.posting_id
        assert ranked[(booking.seeker_id, booking.posting_id)] == booking.rank
        per_seeker.setdefault(booking.seeker_id, []).append(booking)
    for mine in per_seeker.values():
        assert len(mine) <= problem.max_choices
        assert len({b.posting_id for b in mine}) == len(mine), "two interviews at one posting"
        for a, b in itertools.combinations(mine, 2):
            assert not overlaps(slots[a.slot_id], slots[b.slot_id]), "overlapping interviews"


def required(problem: FairProblem, quota: Quota) -> int:
    total = sum(1 for s in problem.slots if s.posting_id in quota.posting_ids)
    return max(0, math.ceil(quota.target_share * total - 1e-9))


def key_of(problem: FairProblem, bookings: list[tuple[Choice, Slot]]) -> tuple[float, ...]:
    """The solver's lexicographic order as a key to minimise: shortfall, −first choices, …,
    −K-th choices, −total score."""
    shortfall = 0
    for quota in problem.quotas:
        achieved = sum(
            1
            for c, s in bookings
            if s.posting_id in quota.posting_ids and c.seeker_id in quota.eligible_seeker_ids
        )
        shortfall += max(0, required(problem, quota) - achieved)
    ranks = [-sum(1 for c, _ in bookings if c.rank == r) for r in range(1, problem.max_choices + 1)]
    return (shortfall, *ranks, -round(math.fsum(c.score for c, _ in bookings), 9))


def brute_force(problem: FairProblem) -> tuple[float, ...]:
    """The best key over every schedule: each seeker takes any set of slots of postings they
    ranked (one per posting, none overlapping), no slot twice."""
    seekers = sorted({c.seeker_id for c in problem.choices})
    options: dict[int, list[list[tuple[Choice, Slot]]]] = {}
    for seeker in seekers:
        mine = [c for c in problem.choices if c.seeker_id == seeker]
        per_choice = [
            [None, *(s for s in problem.slots if s.posting_id == c.posting_id)] for c in mine
        ]
        sets = []
        for picks in itertools.product(*per_choice):
            taken = [(c, s) for c, s in zip(mine, picks, strict=True) if s is not None]
            if any(overlaps(a[1], b[1]) for a, b in itertools.combinations(taken, 2)):
                continue
            sets.append(taken)
        options[seeker] = sets
    best: tuple[float, ...] | None = None

    def visit(index: int, used: set[int], chosen: list[tuple[Choice, Slot]]) -> None:
        nonlocal best
        if index == len(seekers):
            key = key_of(problem, chosen)
            if best is None or key < best:
                best = key
            return
        for option in options[seekers[index]]:
            ids = {s.slot_id for _, s in option}
            if ids & used:
                continue
            visit(index + 1, used | ids, chosen + option)

    visit(0, set(), [])
    assert best is not None
    return best


def random_fair(rng: random.Random) -> FairProblem:
    n_postings = rng.randint(1, 3)
    slots = []
    slot_id = 1
    for posting in range(1, n_postings + 1):
        length = rng.choice([20, 30, 40])
        start = rng.choice([0, 10, 20])
        for _ in range(rng.randint(1, 3)):
            slots.append(Slot(slot_id, posting, start, start + length))
            slot_id += 1
            start += length
    k = rng.randint(1, 3)
    choices = []
    for seeker in range(1, rng.randint(2, 4) + 1):
        ranked = rng.sample(range(1, n_postings + 1), rng.randint(0, min(k, n_postings)))
        choices += [
            Choice(seeker, posting, rank, round(rng.random(), 3) if rng.random() < 0.7 else 0.0)
            for rank, posting in enumerate(ranked, start=1)
        ]
    quotas: tuple[Quota, ...] = ()
    if rng.random() < 0.5:
        seekers = sorted({c.seeker_id for c in choices})
        quotas = (
            Quota(
                employer_id=1,
                posting_ids=(1,),
                target_share=rng.choice([0.2, 0.5, 1.0]),
                eligible_seeker_ids=frozenset(s for s in seekers if rng.random() < 0.4),
            ),
        )
    return FairProblem(slots=tuple(slots), choices=tuple(choices), max_choices=k, quotas=quotas)


@pytest.mark.parametrize("seed", range(120))
def test_optimal_against_brute_force(seed: int) -> None:
    problem = random_fair(random.Random(seed))
    result = solve_fair(problem)
    check_valid(problem, result)
    slots = {s.slot_id: s for s in problem.slots}
    choice_of = {(c.seeker_id, c.posting_id): c for c in problem.choices}
    got = [(choice_of[(b.seeker_id, b.posting_id)], slots[b.slot_id]) for b in result.bookings]
    assert key_of(problem, got) == brute_force(problem)
    assert result.status == "optimal"


def test_first_choices_come_before_more_interviews() -> None:
    """Seeker 1 ranks A first and B second, seeker 2 ranks B first: one slot each. Seeker 2's
    first choice wins over seeker 1's second, even though seeker 1 could interview twice."""
    slots = (Slot(1, 100, 0, 30), Slot(2, 200, 60, 90))
    choices = (Choice(1, 100, 1), Choice(1, 200, 2), Choice(2, 200, 1))
    result = solve_fair(FairProblem(slots=slots, choices=choices, max_choices=2))
    assert {(b.seeker_id, b.posting_id) for b in result.bookings} == {(1, 100), (2, 200)}
    assert result.rank_counts == (2, 0)


def test_a_seeker_gets_up_to_k_non_overlapping_interviews() -> None:
    slots = (
        Slot(1, 100, 0, 30),
        Slot(2, 200, 0, 30),  # at the same time as slot 1
        Slot(3, 200, 30, 60),
        Slot(4, 300, 10, 40),  # overlaps slots 1-3
        Slot(5, 300, 60, 90),
    )
    choices = (Choice(7, 100, 1), Choice(7, 200, 2), Choice(7, 300, 3))
    result = solve_fair(FairProblem(slots=slots, choices=choices, max_choices=3))
    assert [(b.posting_id, b.slot_id) for b in result.bookings] == [(100, 1), (200, 3), (300, 5)]
    assert result.unassigned == {}


def test_the_quota_comes_first_as_in_the_city_wide_assignment() -> None:
    """One slot at a covered employer: the eligible graduate gets it, though ranking it second,
    over a seeker who ranked it first."""
    slots = (Slot(1, 100, 0, 30), Slot(2, 200, 0, 30))
    choices = (Choice(1, 100, 1), Choice(2, 200, 1), Choice(2, 100, 2))
    quota = Quota(1, (100,), 0.2, frozenset({2}))
    result = solve_fair(FairProblem(slots=slots, choices=choices, max_choices=2, quotas=(quota,)))
    assert {(b.seeker_id, b.posting_id) for b in result.bookings} == {(2, 100)}
    assert result.shortfall == 0
    assert result.quotas[0].met
    assert result.unassigned == {1: OUTCOMPETED}


def test_registered_seekers_without_choices_are_reported() -> None:
    slots = (Slot(1, 100, 0, 30),)
    problem = FairProblem(
        slots=slots, choices=(Choice(1, 100, 1),), max_choices=3, seeker_ids=frozenset({1, 9})
    )
    result = solve_fair(problem)
    assert result.unassigned == {9: NO_CANDIDATES}


def test_an_empty_fair() -> None:
    result = solve_fair(FairProblem(slots=(), choices=(), max_choices=3))
    assert result.bookings == ()
    assert result.rank_counts == (0, 0, 0)


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ((Choice(1, 100, 1), Choice(1, 100, 2)), "posting ranked twice"),
        ((Choice(1, 100, 1), Choice(1, 200, 1)), "rank given twice"),
        ((Choice(1, 300, 1),), "posting without slots"),
        ((Choice(1, 100, 3),), "rank outside"),
        ((Choice(1, 100, 1, score=1.5),), "score must be"),
    ],
)
def test_invalid_problems_are_refused(choices: tuple[Choice, ...], message: str) -> None:
    slots = (Slot(1, 100, 0, 30), Slot(2, 200, 0, 30))
    with pytest.raises(ValueError, match=message):
        solve_fair(FairProblem(slots=slots, choices=choices, max_choices=2))


def test_input_order_does_not_matter() -> None:
    problem = random_fair(random.Random(7))
    shuffled = FairProblem(
        slots=tuple(reversed(problem.slots)),
        choices=tuple(reversed(problem.choices)),
        max_choices=problem.max_choices,
        quotas=problem.quotas,
    )
    assert solve_fair(problem).rank_counts == solve_fair(shuffled).rank_counts
