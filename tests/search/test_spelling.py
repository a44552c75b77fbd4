"""`search.spelling`: completions and corrections from a vocabulary (pure, no backend)."""

from __future__ import annotations

import random

import pytest

from search.spelling import (
    Vocabulary,
    allowed_edits,
    edit_distance,
    jamo,
    strip_particle,
    synonym_completions,
)

VOCABULARY = Vocabulary(
    {"지게차": 12, "요양보호사": 9, "요양": 9, "바리스타": 3, "사무원": 5, "사무": 7, "지게": 1}
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("지계차", "지게차"),
        ("지개차", "지게차"),
        ("요양보후사", "요양보호사"),
        ("바리스다", "바리스타"),
    ],
)
def test_typos_are_corrected_to_the_nearest_term(typed: str, meant: str) -> None:
    assert VOCABULARY.correction(typed) == meant


@pytest.mark.parametrize("typed", ["지게차", "사무원", "차", "브라키오사우루스", "ㅈㄱㅊ"])
def test_terms_single_syllables_and_far_words_are_not_corrected(typed: str) -> None:
    assert VOCABULARY.correction(typed) is None


def test_completions_start_with_the_prefix_most_postings_first() -> None:
    assert VOCABULARY.completions("지게") == ["지게차"]
    assert VOCABULARY.completions("요양") == ["요양보호사"]
    assert VOCABULARY.completions("요") == []  # one character completes nothing
    assert VOCABULARY.completions("사무원") == []


def test_edit_distance_over_jamo() -> None:
    assert edit_distance(jamo("지계차"), jamo("지게차"), 1) == 1
    assert edit_distance(jamo("요양보후사"), jamo("요양보호사"), 2) == 1
    assert edit_distance(jamo("사무원"), jamo("지게차"), 2) == 3  # beyond the limit: limit + 1
    assert allowed_edits(jamo("지게차")) == 1
    assert allowed_edits(jamo("요양보호사")) == 2


def test_the_syllable_filter_never_loses_a_correction_brute_force_finds() -> None:
    rng = random.Random(15)
    syllables = [chr(0xAC00 + rng.randrange(11172)) for _ in range(60)]
    counts = {
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 5))): rng.randint(1, 9)
        for _ in range(800)
    }
    vocabulary = Vocabulary(counts)
    terms = list(counts)
    for _ in range(300):
        word = rng.choice(terms)
        position = rng.randrange(len(word))
        word = word[:position] + rng.choice(syllables) + word[position + 1 :]
        if word in counts:
            continue
        decomposed = jamo(word)
        limit = allowed_edits(decomposed)
        nearest = sorted(
            (edit_distance(decomposed, jamo(term), limit), -counts[term], term) for term in terms
        )[0]
        expected = nearest[2] if nearest[0] <= limit else None
        assert vocabulary.correction(word) == expected, word


def test_particles_and_synonyms() -> None:
    assert strip_particle("지계차를") == ("지계차", "를")
    assert strip_particle("지게차") == ("지게차", "")
    assert ("지게차",) in synonym_completions("forkl")
    assert ("지게차",) in synonym_completions("FORK L")
    assert synonym_completions("fo") == []
