"""Small-cell suppression (REPORTS.md rules 1-4) on hand-built tables: each rule, ties, the
total row, blocks, and iteration until no rule applies."""

from __future__ import annotations

from backend.reports.smallcells import Derived, TableSpec, Value, suppress
from backend.reports.specs import PLACEMENTS

ONE = TableSpec(counts=("a",))
BLOCK = TableSpec(
    counts=("due", "left"),
    blocks=(("due", "left", "rate"),),
    derived=(Derived("rate", inputs=("due", "left"), base=("due",)),),
)


def col(*values: int, total: int) -> tuple[list[dict[str, int]], dict[str, int]]:
    return [{"a": value} for value in values], {"a": total}


def test_rule_1_small_counts_hidden_zero_and_five_shown() -> None:
    rows, total = col(0, 5, 9, total=14)
    assert suppress(rows, total, ONE) == ([[], [], []], [])
    rows, total = col(4, 0, total=4)
    # The total row is suppressed by rule 1 too; row 0's partner would be the zero: none.
    assert suppress(rows, total, ONE) == ([["a"], []], ["a"])


def test_rule_3_single_hidden_cell_gets_the_smallest_other_non_zero_partner() -> None:
    rows, total = col(0, 3, 10, 7, total=20)
    assert suppress(rows, total, ONE) == ([[], ["a"], [], ["a"]], [])


def test_rule_3_ties_take_the_first_row_in_table_order() -> None:
    rows, total = col(2, 6, 6, total=14)
    assert suppress(rows, total, ONE) == ([["a"], ["a"], []], [])


def test_rule_3_continues_while_the_hidden_cells_hold_one_to_four() -> None:
    # 1 + 2 = 3 is still small: the next smallest (9) goes too; then 12 is safe.
    rows, total = col(1, 2, 9, 30, total=42)
    assert suppress(rows, total, ONE) == ([["a"], ["a"], ["a"], []], [])
    # Two hidden cells holding 5 or more need nothing else.
    rows, total = col(1, 4, 9, 30, total=44)
    assert suppress(rows, total, ONE) == ([["a"], ["a"], [], []], [])


def test_rule_3_never_chooses_the_total_row() -> None:
    rows, total = col(3, 0, 0, total=13)
    assert suppress(rows, total, ONE) == ([["a"], [], []], [])


def test_rule_3_without_any_candidate_leaves_the_column() -> None:
    rows, total = col(3, 3, total=6)
    # Both small, together 6: nothing more to do.
    assert suppress(rows, total, ONE) == ([["a"], ["a"]], [])


def test_rule_2_block_whole_and_rule_3_partners_whole_blocks() -> None:
    rows = [
        {"due": 6, "left": 2, "rate": 0.5},  # left 2 → the whole block
        {"due": 9, "left": 6, "rate": 0.3},
        {"due": 7, "left": 5, "rate": 0.2},
    ]
    total = {"due": 22, "left": 13, "rate": 0.3}
    hidden, hidden_total = suppress(rows, total, BLOCK)
    # due: only row 0 hidden → the smallest other due (7, row 2) goes, with its block.
    assert hidden == [["due", "left", "rate"], [], ["due", "left", "rate"]]
    assert hidden_total == []


def test_rule_3_in_a_later_block_column_adds_a_block() -> None:
    rows = [
        {"due": 6, "left": 2, "rate": 0.1},
        {"due": 7, "left": 1, "rate": 0.1},
        {"due": 8, "left": 6, "rate": 0.1},
        {"due": 9, "left": 5, "rate": 0.1},
    ]
    total = {"due": 30, "left": 14, "rate": 0.1}
    hidden, _ = suppress(rows, total, BLOCK)
    # due: rows 0 and 1 hidden by their blocks, holding 13: fine. left: they hold 3 → the
    # smallest other left (5, row 3) goes with its block; then 8 is safe.
    assert hidden == [
        ["due", "left", "rate"],
        ["due", "left", "rate"],
        [],
        ["due", "left", "rate"],
    ]


def test_a_not_applicable_value_is_never_hidden_nor_chosen() -> None:
    spec = TableSpec(counts=("a", "b"))
    rows = [{"a": None, "b": 3}, {"a": None, "b": 8}, {"a": None, "b": 6}]
    assert suppress(rows, {"a": 40, "b": 17}, spec) == ([["b"], [], ["b"]], [])


def _placement_row(participants: int | None, placed: int, placements: int) -> dict[str, Value]:
    row: dict[str, Value] = {
        "participants": participants,
        "placed": placed,
        "placements": placements,
        "placement_rate": placed / participants if participants else None,
        "median_days_to_placement": 30.0 if placements else None,
    }
    for month in (1, 3, 6, 12):
        row.update(
            {
                f"retention.{month}.due": 0,
                f"retention.{month}.retained": 0,
                f"retention.{month}.left": 0,
                f"retention.{month}.unknown": 0,
                f"retention.{month}.rate": None,
            }
        )
    return row


def test_rule_4_rates_and_medians_on_the_placement_spec() -> None:
    rows = [
        _placement_row(20, 9, 9),  # shown: 20 people, 9 placed
        _placement_row(30, 2, 2),  # placed 2 → rate and median from a hidden count
        _placement_row(40, 5, 6),  # the partner of row 1 (smallest other) in both columns
    ]
    total = _placement_row(90, 16, 17)
    hidden, hidden_total = suppress(rows, total, PLACEMENTS)
    assert hidden[0] == []
    assert hidden[1] == ["placed", "placements", "placement_rate", "median_days_to_placement"]
    assert hidden[2] == ["placed", "placements", "placement_rate", "median_days_to_placement"]
    assert hidden_total == []


def test_rule_4_fewer_than_five_people_and_undefined_rates() -> None:
    spec = PLACEMENTS
    rows = [_placement_row(None, 0, 0), _placement_row(None, 0, 0)]
    total = _placement_row(4, 0, 0)
    hidden, hidden_total = suppress(rows, total, spec)
    # 0 placed of 4 participants: the count 4 is hidden, the rate (from 4 people) too; the
    # median of no placement is undefined (None), not suppressed.
    assert hidden == [[], []]
    assert hidden_total == ["participants", "placement_rate"]


def test_retention_block_names_and_the_whole_block() -> None:
    rows = [_placement_row(None, 10, 10), _placement_row(None, 10, 10)]
    rows[0].update({"retention.3.due": 10, "retention.3.retained": 7, "retention.3.left": 3})
    rows[0]["retention.3.rate"] = 0.7
    rows[1].update({"retention.3.due": 10, "retention.3.retained": 10})
    rows[1]["retention.3.rate"] = 1.0
    total = _placement_row(100, 20, 20)
    total.update({"retention.3.due": 20, "retention.3.retained": 17, "retention.3.left": 3})
    total["retention.3.rate"] = 0.85
    block = [
        "retention.3.due",
        "retention.3.retained",
        "retention.3.left",
        "retention.3.unknown",
        "retention.3.rate",
    ]
    hidden, hidden_total = suppress(rows, total, PLACEMENTS)
    # Row 0's left 3 hides its block; due has one hidden row → row 1's block goes too.
    assert hidden == [block, block]
    assert hidden_total == block
