"""Korean text analysis: text → normalized terms, for indexing and for queries alike.

Contract
--------
- `analyze(text)` returns the terms of `text`, in order and with duplicates (BM25 counts term
  frequency). The same function serves index time and query time, for both backends, so a
  query matches a posting exactly when their terms meet.
- Pipeline: NFKC (see `_normalize`) → Kiwi morphological analysis → keep content morphemes →
  job-domain synonyms on term *sequences* (`search.synonyms`) → terms.
- Kept: common and proper nouns (NNG, NNP), verb and adjective stems (VV, VA: "구합니다" →
  "구하"), roots (XR: "깨끗하다" → "깨끗"), foreign words (SL, lower-cased), digits (SN) and
  hanja (SH). Dropped: particles (J*), endings (E*), suffixes, dependent nouns (NNB: 일, 원,
  개), Korean numerals (NR: in postings "만" of "250만원" is noise; the digits are kept as SN),
  pronouns, adverbs, determiners, punctuation, symbols, emoji, and URLs, e-mail addresses and
  phone-like serials (W_*: contact data is not something to search by).
- Synonyms replace: a member's terms become its group's canonical terms on both sides, so
  a query "포크리프트" finds "지게차 운전" and "지게차" finds "포크리프트" (see `search.synonyms`).
- Every term is a non-empty, lower-case string without whitespace.
- `analyze_many(texts)` is `analyze` over many texts, batched through Kiwi's worker threads.
- `highlight(text, terms)` marks, on the ORIGINAL text, the tokens whose terms are in `terms`
  and returns HTML-escaped snippets (`<mark>` is the only markup).
- `suggest_inputs(title, occupation)` returns the typeahead inputs of a posting.

Kiwi takes 1–2 s and ~100 MB to load, so it is built lazily on first use, once per process
(`get_analyzer`), never at import time: importing this module from Django settings, migrations
or a CLI stays cheap.
"""

from __future__ import annotations

import functools
import html
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from search.synonyms import SYNONYM_GROUPS, SynonymGroup

__all__ = [
    "Analyzer",
    "Span",
    "analyze",
    "analyze_many",
    "get_analyzer",
    "highlight",
    "suggest_inputs",
]

# Kiwi tags whose morphemes become terms. Irregular stems come tagged "VV-I"/"VA-R": the
# part before "-" is compared.
KEPT_TAGS = frozenset({"NNG", "NNP", "VV", "VA", "XR", "SL", "SN", "SH"})

# Tokens that take no part in synonym matching either: punctuation, symbols and Kiwi's
# pattern tokens. Everything else (particles, suffixes, NNB ...) can be a part of a synonym
# member ("상하차" → 상하 + 차/NNB) and is dropped afterwards when it is not.
_SKIPPED_TAG_PREFIXES = ("SF", "SP", "SS", "SE", "SO", "SW", "SB", "W_", "Z_", "UN")

# Hangul compatibility jamo (ㄱ, ㅏ, ㅋ) and their halfwidth forms are left as they are: NFKC
# would turn them into conjoining jamo that compose with their neighbours ("ㄱㅏ" → "가").
_KEEP_AS_IS = ((0x3130, 0x318F), (0xFFA0, 0xFFDF))
# Characters that belong to the segment before them: combining marks (ccc ≠ 0) and Hangul
# medial/final conjoining jamo, which compose with the preceding jamo.
_CONJOINING_JAMO = ((0x1160, 0x11FF), (0xD7B0, 0xD7FF))

_LEADING_TAG = re.compile(
    r"^\s*(?:[\[(【〔〈<［（「『][^\])】〕〉>］）」』]{0,30}[\])】〕〉>］）」』]\s*)+"
)
_WHITESPACE = re.compile(r"\s+")
_OCCUPATION_CODE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")  # taxonomy codes: forklift_driver


class _Token(Protocol):
    """The part of `kiwipiepy.Token` used here (kiwipiepy ships no type information)."""

    @property
    def form(self) -> str: ...
    @property
    def tag(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def len(self) -> int: ...


@dataclass(frozen=True)
class Span:
    """A term and the span of the original text it comes from (`text[start:end]`)."""

    term: str
    start: int
    end: int


class _Piece(NamedTuple):  # a tuple, not a dataclass: one is built per token, so it is hot
    """A Kiwi token as synonym matching sees it; `kept` says whether it is a term by itself."""

    form: str
    kept: bool
    start: int  # offsets in the normalized text
    end: int


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def _normalize(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """NFKC `text`, returning the normalized text and, for each of its characters, the start
    and end of the original characters it came from (`None`: the text was already normalized,
    offsets are the same).

    Normalizing segment by segment (a starter and the marks/jamo that compose with it) keeps
    the offset map exact, so highlights land on the original characters.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text, None, None  # the common case: Korean and ASCII text is already NFKC
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    segment_start = 0
    for index in range(1, len(text) + 1):
        if index < len(text):
            char = text[index]
            code = ord(char)
            if unicodedata.combining(char) or _in_ranges(code, _CONJOINING_JAMO):
                continue  # composes with the segment before it
        segment = text[segment_start:index]
        if _in_ranges(ord(segment[0]), _KEEP_AS_IS):
            normalized = segment
        else:
            normalized = unicodedata.normalize("NFKC", segment)
        parts.append(normalized)
        starts.extend([segment_start] * len(normalized))
        ends.extend([index] * len(normalized))
        segment_start = index
    return "".join(parts), starts, ends


def _terms_of(form: str) -> list[str]:
    """A Kiwi form as terms: lower-cased; invisible format characters (zero-width space and
    joiner, BOM, soft hyphen) removed, since Kiwi can return them as nouns; split on inner
    whitespace; parts without a letter or digit dropped."""
    if form.isalnum():
        return [form.lower()]  # nearly every form: skip the slow path
    visible = "".join(char for char in form if unicodedata.category(char) != "Cf")
    return [part for part in visible.lower().split() if any(char.isalnum() for char in part)]


def _base_tag(tag: str) -> str:
    return tag.split("-", 1)[0]


def _pieces(tokens: Iterable[_Token]) -> list[_Piece]:
    pieces: list[_Piece] = []
    for token in tokens:
        tag = token.tag
        if tag.startswith(_SKIPPED_TAG_PREFIXES):
            continue
        kept = _base_tag(tag) in KEPT_TAGS
        end = token.start + token.len
        for term in _terms_of(token.form):
            pieces.append(_Piece(term, kept, token.start, end))
    return pieces


class Analyzer:
    """Kiwi plus the compiled synonym table. Build it through `get_analyzer()`."""

    def __init__(self, kiwi: Any, groups: Sequence[SynonymGroup] = SYNONYM_GROUPS) -> None:
        self.kiwi = kiwi
        self.synonyms: dict[tuple[str, ...], tuple[str, ...]] = {}
        for group in groups:
            canonical = tuple(term for part in group.canonical for term in _terms_of(part))
            sequences = {seq for member in group.members for seq in self.member_sequences(member)}
            sequences.update(group.sequences)
            for sequence in sequences:
                self.synonyms.setdefault(sequence, canonical)
        # First term → the lengths of the members starting with it, longest first: most
        # positions start no member, and one dict lookup rules them out.
        lengths: dict[str, set[int]] = {}
        for sequence in self.synonyms:
            lengths.setdefault(sequence[0], set()).add(len(sequence))
        self.member_lengths = {
            first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()
        }

    def member_sequences(self, member: str) -> set[tuple[str, ...]]:
        """The term sequences a member can show up as (see `search.synonyms`)."""
        normalized = _normalize(member)[0]
        sequences = {tuple(term for part in normalized.split() for term in _terms_of(part))}
        for surface in (normalized, normalized.replace(" ", "")):
            tokens: list[_Token] = self.kiwi.tokenize(surface)
            sequences.add(tuple(piece.form for piece in _pieces(tokens)))
        sequences.discard(())
        return sequences

    def _spans(self, pieces: list[_Piece]) -> Iterator[tuple[str, int, int]]:
        """Terms with their spans in the normalized text: longest synonym member first at each
        position, then kept morphemes; unmatched non-kept pieces are dropped."""
        index = 0
        while index < len(pieces):
            for length in self.member_lengths.get(pieces[index].form, ()):
                if index + length > len(pieces):
                    continue
                window = pieces[index : index + length]
                canonical = self.synonyms.get(tuple(piece.form for piece in window))
                if canonical is not None:
                    # Each canonical term covers the whole member, so highlighting a canonical
                    # term marks all of "포크리프트", not a part of it.
                    for term in canonical:
                        yield term, window[0].start, window[-1].end
                    index += length
                    break
            else:
                piece = pieces[index]
                if piece.kept:
                    yield piece.form, piece.start, piece.end
                index += 1

    def _terms(self, tokens: Iterable[_Token]) -> tuple[str, ...]:
        return tuple(term for term, _, _ in self._spans(_pieces(tokens)))

    def analyze(self, text: str) -> tuple[str, ...]:
        normalized = _normalize(text)[0]
        tokens: list[_Token] = self.kiwi.tokenize(normalized)
        return self._terms(tokens)

    def analyze_many(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        normalized = [_normalize(text)[0] for text in texts]
        if len(normalized) < 2:
            return [self.analyze(text) for text in normalized]
        # An iterable makes Kiwi tokenize on its worker threads, results in input order.
        batches: Iterable[list[_Token]] = self.kiwi.tokenize(normalized)
        return [self._terms(tokens) for tokens in batches]

    def spans(self, text: str) -> list[Span]:
        """The terms of `text` with their spans in the ORIGINAL `text`."""
        normalized, starts, ends = _normalize(text)
        tokens: list[_Token] = self.kiwi.tokenize(normalized)
        result: list[Span] = []
        for term, start, end in self._spans(_pieces(tokens)):
            if starts is not None and ends is not None and end > start:
                start, end = starts[start], ends[end - 1]
            result.append(Span(term, start, end))
        return result


_analyzer: Analyzer | None = None
_analyzer_lock = threading.Lock()


def get_analyzer() -> Analyzer:
    """The process's analyzer, built on first use (double-checked under a lock, so threads
    of one process never build two Kiwis)."""
    global _analyzer
    analyzer = _analyzer
    if analyzer is None:
        with _analyzer_lock:
            analyzer = _analyzer
            if analyzer is None:
                from kiwipiepy import Kiwi  # imported here: loading it costs seconds

                analyzer = _analyzer = Analyzer(Kiwi())
    return analyzer


def analyze(text: str) -> tuple[str, ...]:
    """The normalized terms of `text`, in order, with duplicates (see the module docstring)."""
    return get_analyzer().analyze(text)


def analyze_many(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """`[analyze(text) for text in texts]`, batched through Kiwi's worker threads."""
    return get_analyzer().analyze_many(texts)


@functools.lru_cache(maxsize=512)
def _cached_spans(text: str) -> tuple[Span, ...]:
    """Spans of a text, cached: a result page highlights the same popular postings again and
    again, and each costs a Kiwi pass (~10 ms for 1.5 KB)."""
    return tuple(get_analyzer().spans(text))


def _merge(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans; spans that touch or are separated by spaces only become
    one mark ("<mark>지게차 운전</mark>", not two marks side by side)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged:
            last_start, last_end = merged[-1]
            gap = text[last_end:start]
            if start <= last_end or gap.isspace():
                merged[-1] = (last_start, max(last_end, end))
                continue
        merged.append((start, end))
    return merged


def _snap_left(text: str, left: int, limit: int) -> int:
    """Move a cut forward to just after a nearby space, so a snippet starts with a word."""
    if left <= 0:
        return 0
    space = text.find(" ", left, min(limit, left + 12))
    return space + 1 if space != -1 else left


def _snap_right(text: str, right: int, limit: int) -> int:
    """Move a cut back to a nearby space, so a snippet ends with a whole word."""
    if right >= len(text):
        return len(text)
    space = text.rfind(" ", max(limit, right - 12), right)
    return space if space != -1 else right


def _render(text: str, left: int, right: int, marks: list[tuple[int, int]]) -> str:
    out: list[str] = ["…" if left > 0 else ""]
    position = left
    for start, end in marks:
        out.append(html.escape(_WHITESPACE.sub(" ", text[position:start])))
        out.append(f"<mark>{html.escape(_WHITESPACE.sub(' ', text[start:end]))}</mark>")
        position = end
    out.append(html.escape(_WHITESPACE.sub(" ", text[position:right])))
    out.append("…" if right < len(text) else "")
    return "".join(out).strip()


def highlight(
    text: str, terms: Iterable[str], *, max_snippets: int = 3, width: int = 60
) -> list[str]:
    """Up to `max_snippets` snippets of about `width` characters of `text`, around the first
    matches, with the parts whose terms (after synonyms) are in `terms` wrapped in
    `<mark>…</mark>` and everything else HTML-escaped. `[]` when nothing matches.

    Matching re-tokenizes `text` with the same pipeline as `analyze`, so a query "포크리프트"
    (term 지게차) marks "지게차" in the posting, and the whole of "포크리프트" in another.
    """
    wanted = set(terms)
    if not wanted or not text or max_snippets <= 0:
        return []
    spans = _cached_spans(text)
    marks = _merge(((span.start, span.end) for span in spans if span.term in wanted), text)
    snippets: list[str] = []
    index = 0
    previous_right = 0
    while index < len(marks) and len(snippets) < max_snippets:
        start, end = marks[index]
        budget = max(width, end - start)
        left = max(previous_right, start - (budget - (end - start)) // 2)
        right = min(len(text), left + budget)
        left = max(previous_right, min(left, right - budget))
        left = _snap_left(text, left, start)
        included = [marks[index]]
        index += 1
        # Later marks that start inside the window join this snippet, whole.
        while index < len(marks) and marks[index][0] < right:
            included.append(marks[index])
            index += 1
        right = max(right, included[-1][1])
        right = _snap_right(text, right, included[-1][1])
        snippets.append(_render(text, left, right, included))
        previous_right = right
    return snippets


def suggest_inputs(title: str, occupation: str) -> tuple[str, ...]:
    """Typeahead inputs of a posting: the title, the occupation, and the title without its
    leading bracketed tags ("[급구] 생산직 모집" → "생산직 모집"), so typing the start of the
    real title finds it. Whitespace collapsed, empty and duplicate inputs left out; an
    occupation that is an internal code ("forklift_driver") is not offered to people."""
    if _OCCUPATION_CODE.match(occupation):
        occupation = ""
    candidates = (title, occupation, _LEADING_TAG.sub("", title))
    inputs: list[str] = []
    for candidate in candidates:
        cleaned = _WHITESPACE.sub(" ", candidate).strip()
        if cleaned and cleaned not in inputs:
            inputs.append(cleaned)
    return tuple(inputs)
