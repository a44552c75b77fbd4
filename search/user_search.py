"""A person's posting search (the API's `/postings/search/` and the page `/jobs/`): the query
as typed, with completions, typo corrections and an honest answer when nothing is searchable.

- Text with no searchable term ("ㅈㄱㅊ", "!!!") finds nothing (`no_usable_terms`), never every
  posting.
- A term no posting has, but that starts title terms, is completed: "지게" also searches
  "지게차" (the last term is always completed too, as people search while still typing).
- A word with a term no posting has and no completion is corrected from the index's title
  vocabulary (`search.spelling`): when the text as typed finds nothing and the correction
  finds something, the results are the correction's (`corrected`); when the text finds
  something, the correction is offered as `did_you_mean` only.

Both backends give the vocabulary (`vocabulary()`) and say which terms any posting has
(`known_terms()`), so completions and corrections are the same on both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from search.analysis import analyze
from search.backends import get_backend
from search.backends.base import PostingResults, SearchBackend
from search.query import PostingQuery
from search.spelling import Vocabulary, strip_particle

_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")


@dataclass(frozen=True)
class UserSearch:
    """The results and the query they answer (its terms mark the highlights)."""

    results: PostingResults
    query: PostingQuery
    did_you_mean: str | None = None  # a corrected text, offered or (corrected) searched
    corrected: bool = False  # the results are those of `did_you_mean`, not of the text typed
    no_usable_terms: bool = False  # text was typed but none of it can be searched


def word_cores(text: str) -> list[str]:
    """The whitespace-separated words of `text`, lower-cased, without edge punctuation."""
    cores = (_EDGE_PUNCTUATION.sub("", match.group()).lower() for match in _WORD.finditer(text))
    return [core for core in cores if core]


def expanded_terms(
    terms: tuple[str, ...], cores: list[str], known: set[str], vocabulary: Vocabulary
) -> tuple[str, ...]:
    """`terms` plus the completions of those no posting has, and of the last one; and of the
    typed words no posting has as a term ("요양보", which Kiwi reads as 요 + 양보)."""
    result = list(terms)
    for index, term in enumerate(terms):
        if term not in known or index == len(terms) - 1:
            result.extend(vocabulary.completions(term))
    for index, core in enumerate(cores):
        if core not in known or index == len(cores) - 1:
            result.extend(vocabulary.completions(core))
    return tuple(dict.fromkeys(result))


def corrected_text(text: str, backend: SearchBackend, vocabulary: Vocabulary) -> str | None:
    """`text` with each word that has an unknown, uncompletable term replaced by its nearest
    vocabulary term (a trailing particle kept); None when no word changes."""
    words = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    analysed = [analyze(text[start:end]) for start, end in words]
    known = backend.known_terms({term for terms in analysed for term in terms})
    pieces: list[str] = []
    position = 0
    changed = False
    for (start, end), terms in zip(words, analysed, strict=True):
        word = text[start:end]
        unknown = [term for term in terms if term not in known]
        replacement = None
        core = _EDGE_PUNCTUATION.sub("", word)
        completed = vocabulary.completions(core.lower()) or any(
            vocabulary.completions(term) for term in unknown
        )
        if unknown and core and not completed:
            stem, particle = strip_particle(core)
            correction = vocabulary.correction(core)
            if correction is None and particle:
                stem_correction = vocabulary.correction(stem)
                correction = stem_correction + particle if stem_correction else None
            if correction is not None:
                replacement = word.replace(core, correction, 1)
        pieces.append(text[position:start])
        pieces.append(replacement if replacement is not None else word)
        position = end
        changed = changed or replacement is not None
    pieces.append(text[position:])
    return "".join(pieces) if changed else None


def search_text(query: PostingQuery, backend: SearchBackend | None = None) -> UserSearch:
    """Run a person's search (see the module docstring). Raises `SearchUnavailableError` when
    the backend is down."""
    backend = backend or get_backend()
    if query.text.strip() and not query.terms:
        empty = PostingResults(total=0, hits=[], facets={name: [] for name in query.facets})
        return UserSearch(results=empty, query=query, no_usable_terms=True)
    if not query.terms:
        return UserSearch(results=backend.search_postings(query), query=query)
    vocabulary = backend.vocabulary()
    cores = word_cores(query.text)
    known = backend.known_terms({*query.terms, *cores})
    asked = replace(query, terms=expanded_terms(query.terms, cores, known, vocabulary))
    results = backend.search_postings(asked)
    if all(term in known for term in query.terms):
        return UserSearch(results=results, query=asked)
    correction = corrected_text(query.text, backend, vocabulary)
    if correction is None:
        return UserSearch(results=results, query=asked)
    if results.total > 0:
        return UserSearch(results=results, query=asked, did_you_mean=correction)
    terms, cores = analyze(correction), word_cores(correction)
    known = backend.known_terms({*terms, *cores})
    fixed = replace(query, text=correction, terms=expanded_terms(terms, cores, known, vocabulary))
    fixed_results = backend.search_postings(fixed)
    if fixed_results.total == 0:
        return UserSearch(results=results, query=asked)
    return UserSearch(results=fixed_results, query=fixed, did_you_mean=correction, corrected=True)
