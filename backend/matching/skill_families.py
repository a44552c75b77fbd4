"""Related skills (관련 기술): which skills go together, from the taxonomy's kinds of job.

Exact skill strings are too sparse to score on: a profile lists only what its writer thought
of ("용접" but not "TIG 용접"), so a posting asking for "TIG 용접" would give a welder with
twenty years of CO2 welding no skill credit at all. The taxonomy already says which skills go
together: its posting templates (`backend.taxonomy.posting_templates`, the kinds of opening
seen in Siheung) list the skills each occupation asks for, and `data/occupations.csv` puts each
occupation in a career field. From those, with the same skill keys scoring uses (the analyzer's
synonyms and normalisation, `facts.skill_key`):

- `related(skill)`: the skills listed with it in some occupation's template (the same kind of
  work: "CO2 용접" and "TIG 용접" in 용접원's), and those that share a word-level key ("용접" is
  part of "TIG 용접");
- `implied_by_occupation(occupation)`: the skills an occupation's template lists, keyed by the
  occupation's normalized Korean name — what years in that job stand for, written or not;
- `field_skills(field)`: every skill of the field's occupations (a weaker kinship).

Only the platform's own reference data is read (never the evaluation's world). Built once per
process, lazily (the analyzer loads on first use).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from backend.taxonomy.loading import DATA_DIR
from backend.taxonomy.normalize import normalize_term
from backend.taxonomy.posting_templates import TEMPLATES


@dataclass(frozen=True)
class SkillFamilies:
    """Which skills go together, read from the taxonomy's occupations and posting templates
    (never from the evaluation's world): the source of the scorer's related-skill credit."""

    related: dict[str, frozenset[str]]  # skill key → keys of its co-listed skills
    by_occupation: dict[str, frozenset[str]]  # normalized occupation name → skill keys
    by_field: dict[str, frozenset[str]]  # career field code → skill keys
    fields_of: dict[str, frozenset[str]]  # skill key → the career fields that list it


def _occupation_names() -> dict[str, str]:
    with (DATA_DIR / "occupations.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


@cache
def families() -> SkillFamilies:
    """The skill families, built once per process from the reference files (they change
    only with a release)."""
    from backend.matching.facts import skill_key  # facts imports scoring, which imports this

    names = _occupation_names()
    related: dict[str, set[str]] = {}
    by_occupation: dict[str, set[str]] = {}
    by_field: dict[str, set[str]] = {}
    for template in TEMPLATES:
        keys = {skill_key(s) for s in (*template.skills_required, *template.skills_preferred)}
        keys.discard("")
        occupation = normalize_term(names.get(template.occupation, template.occupation))
        by_occupation.setdefault(occupation, set()).update(keys)
        by_field.setdefault(template.career_field, set()).update(keys)
        for key in keys:
            related.setdefault(key, set()).update(keys - {key})
    fields_of: dict[str, set[str]] = {}
    for field, keys in by_field.items():
        for key in keys:
            fields_of.setdefault(key, set()).add(field)
    return SkillFamilies(
        related={k: frozenset(v) for k, v in related.items()},
        by_occupation={k: frozenset(v) for k, v in by_occupation.items()},
        by_field={k: frozenset(v) for k, v in by_field.items()},
        fields_of={k: frozenset(v) for k, v in fields_of.items()},
    )
