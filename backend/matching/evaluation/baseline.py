"""The naive baseline the pipeline must beat: BM25 on the profile's text, plus distance.

For each seeker, every posting of the world that passes the profile's stated filters (the
form's fields: employment types, days, shifts, commute limit, cohorts welcome, deadline, and the
required certificates by name or alias) is ranked by

    score = BM25(profile, posting) / (the seeker's best BM25) − DISTANCE_WEIGHT · km / 10

The profile's text is its skills, certificates, experience (occupation and summary) and `about`;
a posting's is its title, description, occupation, skills and certificates. Tokens are the
lower-cased words and, for words of two Hangul syllables or more, their syllable bigrams (Korean
compounds: "지게차운전" shares "지게" and "게차" with "지게차 운전"). BM25 with the textbook k1 =
1.2, b = 0.75. No synonyms, no fields, no learning: what a first search engine would do. Pure
functions on the rendered rows (no ORM, no search backend), its parameters pinned with the
world model's (2026-12-01 15:06 UTC), not tuned.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from collections.abc import Sequence

from backend.matching.evaluation.catalogue import Reference
from backend.matching.evaluation.rendering import PostingRecord, SeekerRecord
from backend.matching.evaluation.world_model import Point, distance_km
from backend.taxonomy.normalize import normalize_term

K1 = 1.2
B = 0.75
DISTANCE_WEIGHT = 0.3
WORD = re.compile(r"[0-9A-Za-z가-힣]+")


def tokens(text: str) -> list[str]:
    """Lower-cased words, and the syllable bigrams of Hangul words."""
    result = []
    for word in WORD.findall(text.lower()):
        result.append(word)
        if len(word) >= 2 and all("가" <= ch <= "힣" for ch in word):
            result.extend(word[i : i + 2] for i in range(len(word) - 1))
    return result


def posting_text(row: PostingRecord) -> str:
    return " ".join(
        (
            row.title,
            row.description,
            row.occupation,
            *row.skills_required,
            *row.skills_preferred,
            *row.certificates_required,
        )
    )


def profile_text(row: SeekerRecord) -> str:
    parts = [*row.skills, *row.certificates, row.about]
    for item in row.experience:
        parts += [str(item.get("occupation", "")), str(item.get("summary", ""))]
    return " ".join(parts)


class BM25:
    """Okapi BM25 over a fixed list of documents (their token lists)."""

    def __init__(self, documents: Sequence[list[str]]) -> None:
        self.n = len(documents)
        self.lengths = [len(d) for d in documents]
        self.average = sum(self.lengths) / self.n if self.n else 0.0
        self.index: dict[str, list[tuple[int, int]]] = {}
        for number, document in enumerate(documents):
            for term, count in Counter(document).items():
                self.index.setdefault(term, []).append((number, count))
        self.idf = {
            term: math.log(1.0 + (self.n - len(hits) + 0.5) / (len(hits) + 0.5))
            for term, hits in self.index.items()
        }

    def scores(self, query: list[str]) -> dict[int, float]:
        result: dict[int, float] = {}
        for term in set(query):
            for number, count in self.index.get(term, ()):
                norm = K1 * (1.0 - B + B * self.lengths[number] / (self.average or 1.0))
                gain = self.idf[term] * count * (K1 + 1.0) / (count + norm)
                result[number] = result.get(number, 0.0) + gain
        return result


def _certificate_keys(reference: Reference) -> dict[str, str]:
    keys: dict[str, str] = {}
    for certificate in reference.certificates.values():
        keys[normalize_term(certificate.name)] = certificate.code
        for alias in certificate.aliases:
            keys.setdefault(normalize_term(alias), certificate.code)
    return keys


def passes(
    seeker: SeekerRecord,
    posting: PostingRecord,
    held: frozenset[str],
    keys: dict[str, str],
    today: datetime.date,
) -> bool:
    """The profile's stated filters (module docstring)."""
    if posting.deadline < today:
        return False
    if seeker.employment_types and posting.employment_type not in seeker.employment_types:
        return False
    if seeker.max_days_per_week is not None and posting.days_per_week > seeker.max_days_per_week:
        return False
    if seeker.shifts and posting.shifts and not set(seeker.shifts) & set(posting.shifts):
        return False
    if posting.cohorts_welcome and seeker.cohort not in posting.cohorts_welcome:
        return False
    needed = {keys.get(normalize_term(n), normalize_term(n)) for n in posting.certificates_required}
    if not needed <= held:
        return False
    if seeker.max_commute_km is not None:
        home = Point(seeker.location_lat, seeker.location_lon)
        if distance_km(home, Point(posting.lat, posting.lon)) > seeker.max_commute_km:
            return False
    return True


def baseline_rankings(
    seekers: Sequence[SeekerRecord],
    postings: Sequence[PostingRecord],
    reference: Reference,
    today: datetime.date,
    limit: int,
) -> dict[int, list[int]]:
    """seeker key → posting keys, best first (at most `limit`)."""
    engine = BM25([tokens(posting_text(p)) for p in postings])
    keys = _certificate_keys(reference)
    result: dict[int, list[int]] = {}
    for seeker in seekers:
        held = frozenset(
            keys.get(normalize_term(n), normalize_term(n)) for n in seeker.certificates
        )
        text = engine.scores(tokens(profile_text(seeker)))
        top = max(text.values(), default=0.0) or 1.0
        home = Point(seeker.location_lat, seeker.location_lon)
        scored = []
        for number, posting in enumerate(postings):
            if not passes(seeker, posting, held, keys, today):
                continue
            km = distance_km(home, Point(posting.lat, posting.lon))
            value = text.get(number, 0.0) / top - DISTANCE_WEIGHT * km / 10.0
            scored.append((-value, posting.key))
        scored.sort()
        result[seeker.key] = [key for _, key in scored[:limit]]
    return result
