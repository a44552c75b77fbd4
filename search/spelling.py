"""Prefix completions and typo corrections for what people type, from the index's own words.

Kiwi's typo model was measured first (kiwipiepy 0.24, `tokenize(text, typos="basic")` and
`"basic_with_continual"`): it corrects "지개차" and "용졉", and "지계차" only with a word after it
("지계차 운전"); alone, "지계차" and "요양보후사" stay as they are (one unknown noun each). It costs
~0.2 ms a query after ~80 ms to build its typo table on first use. So corrections come from the
vocabulary instead, the same way on both backends:

- `Vocabulary` holds the title terms of the indexed postings with their document counts (what
  each backend's `vocabulary()` returns), sorted for prefix lookups and bucketed by length.
- `completions(prefix)`: terms that start with `prefix` ("지게" → "지게차"), most postings first.
- `correction(word)`: the nearest term by edit distance over the word's jamo (NFD: 지계차 =
  ㅈㅣㄱㅖㅊㅏ, one edit from 지게차), at most 1 edit up to 7 jamo and 2 beyond; ties to the
  term in most postings. Words of one syllable are never corrected (too many neighbours).
  Only terms sharing all but `limit` of the word's syllables are compared (< 0.1 ms a word on
  20,000 terms; the exhaustive scan took 70-300 ms).
- `synonym_completions(prefix)`: the canonical terms of synonym members that start with a Latin
  or Korean prefix ("forkl" → 지게차), for typeahead.
"""

from __future__ import annotations

import bisect
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search.synonyms import SYNONYM_GROUPS, SynonymGroup

# Endings that a search word often carries ("지계차를"): tried off when the whole word has no
# correction. Longest first.
PARTICLES = ("에서", "으로", "을", "를", "이", "가", "은", "는", "도", "만", "로", "에", "와", "과")
MIN_PREFIX = 2  # characters a term needs before it is completed
MIN_SYNONYM_PREFIX = 3  # characters of a typeahead prefix before synonyms are looked at
COMPLETIONS = 5  # terms added per completed term


def jamo(text: str) -> str:
    """`text` with its Hangul syllables split into jamo (NFD), lower-cased."""
    return unicodedata.normalize("NFD", text.lower())


def edit_distance(left: str, right: str, limit: int) -> int:
    """Levenshtein distance of two strings, or `limit + 1` as soon as it must exceed `limit`."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    previous = list(range(len(right) + 1))
    for i, char in enumerate(left, 1):
        current = [i]
        for j, other in enumerate(right, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_edits(decomposed: str) -> int:
    """Edits a correction may make: 1 for short words (≤ 7 jamo or letters), else 2."""
    return 1 if len(decomposed) <= 7 else 2


@dataclass(frozen=True)
class Vocabulary:
    """Terms of the indexed titles → how many postings have each."""

    counts: dict[str, int]
    _sorted: list[str] = field(init=False, repr=False, compare=False)
    _terms: list[tuple[str, str]] = field(init=False, repr=False, compare=False)
    _by_character: dict[str, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sorted", sorted(self.counts))
        terms = [(jamo(term), term) for term in self.counts]
        by_character: dict[str, list[int]] = {}
        for index, (_, term) in enumerate(terms):
            for character in set(term):
                by_character.setdefault(character, []).append(index)
        object.__setattr__(self, "_terms", terms)
        object.__setattr__(self, "_by_character", by_character)

    def __contains__(self, term: object) -> bool:
        return term in self.counts

    def completions(self, prefix: str, limit: int = COMPLETIONS) -> list[str]:
        """Terms longer than `prefix` that start with it, most postings first, then by text."""
        if len(prefix) < MIN_PREFIX:
            return []
        start = bisect.bisect_right(self._sorted, prefix)
        found: list[str] = []
        for term in self._sorted[start:]:
            if not term.startswith(prefix):
                break
            found.append(term)
        found.sort(key=lambda term: (-self.counts[term], term))
        return found[:limit]

    def correction(self, word: str) -> str | None:
        """The nearest term to `word` within `allowed_edits`, or None (also when `word` is a
        term itself or is a single syllable)."""
        word = word.lower()
        if len(word) < 2 or word in self.counts:
            return None
        decomposed = jamo(word)
        limit = allowed_edits(decomposed)
        # Each jamo edit changes one syllable (NFD keeps leading and trailing consonants
        # apart), so a term within `limit` edits shares all but `limit` of the word's
        # syllables: only terms sharing enough of them are compared.
        shared: Counter[int] = Counter()
        for character in set(word):
            shared.update(self._by_character.get(character, ()))
        needed = len(set(word)) - limit
        best: tuple[int, int, str] | None = None
        for index, count in shared.items():
            if count < needed:
                continue
            candidate, term = self._terms[index]
            distance = edit_distance(decomposed, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self.counts[term], term)
            if best is None or key < best:
                best = key
        return best[2] if best is not None else None


EMPTY = Vocabulary({})


class VocabularyCache:
    """A backend's vocabulary, loaded at most once per `ttl_s` (writes in this process clear it;
    other processes see new words within `ttl_s`)."""

    def __init__(self, ttl_s: float = 60.0) -> None:
        self.ttl_s = ttl_s
        self._entry: tuple[float, Vocabulary] | None = None
        self._lock = threading.Lock()

    def get(self, load: Callable[[], dict[str, int]]) -> Vocabulary:
        entry = self._entry
        if entry is not None and time.monotonic() - entry[0] < self.ttl_s:
            return entry[1]
        with self._lock:
            entry = self._entry
            if entry is not None and time.monotonic() - entry[0] < self.ttl_s:
                return entry[1]
            vocabulary = Vocabulary(load())
            self._entry = (time.monotonic(), vocabulary)
            return vocabulary

    def clear(self) -> None:
        self._entry = None


def strip_particle(word: str) -> tuple[str, str]:
    """`word` split into a stem and a trailing particle ("지계차를" → ("지계차", "를"))."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)], particle
    return word, ""


def synonym_completions(
    prefix: str, groups: Iterable[SynonymGroup] = SYNONYM_GROUPS
) -> list[tuple[str, ...]]:
    """Canonical term sequences of the groups with a member starting with `prefix` (case
    folded, spaces ignored), in table order; nothing under `MIN_SYNONYM_PREFIX` characters."""
    folded = prefix.casefold().replace(" ", "")
    if len(folded) < MIN_SYNONYM_PREFIX:
        return []
    found: list[tuple[str, ...]] = []
    for group in groups:
        members = (member.casefold().replace(" ", "") for member in group.members)
        if any(member.startswith(folded) for member in members) and group.canonical not in found:
            found.append(group.canonical)
    return found
