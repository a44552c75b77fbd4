"""From stored rows and search documents to what scoring reads (`scoring.SeekerSide`,
`scoring.PostingSide`).

This is the one place that knows both worlds: it normalizes skills and occupations
(`normalize_term`), maps certificate names to codes, resolves which ordinance programmes a
seeker is eligible for and whether an employer is covered under the policy in force. Reference
data (career fields, certificates) only changes by migration, so it is read once per process.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any

from backend.jobs.models import seoul_today
from backend.matching.eligibility import evaluate_eligibility, facts_of
from backend.matching.posting_checks import employer_status
from backend.matching.scoring import Point, PostingSide, SeekerSide
from backend.seekers.models import SeekerProfile
from backend.taxonomy.models import CareerField, Certificate
from backend.taxonomy.normalize import normalize_term
from search.documents import PostingDocument, point_or


@lru_cache(maxsize=1)
def _career_field_names() -> dict[str, tuple[str, str]]:
    """Career field code → (Korean name, English name or "")."""
    return {
        code: (name, name_en or "")
        for code, name, name_en in CareerField.objects.values_list("code", "name", "name_en")
    }


@lru_cache(maxsize=1)
def _certificates() -> tuple[dict[str, str], dict[str, str]]:
    """(normalized name or alias → code, code → career field code)."""
    aliases: dict[str, str] = {}
    fields: dict[str, str] = {}
    for code, name, names, field in Certificate.objects.values_list(
        "code", "name", "aliases", "career_field_id"
    ):
        aliases[normalize_term(name)] = code
        for alias in names or []:
            aliases.setdefault(normalize_term(alias), code)
        if field:
            fields[code] = field
    return aliases, fields


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    """`normalize_term`, remembered: postings repeat a small vocabulary of skills, occupations
    and certificates, and a recommendation converts up to 200 postings (bounded: LRU)."""
    return normalize_term(text)


def certificate_code(name: str) -> str:
    """The certificate code of a name as people type it, or its normalized text if unknown."""
    key = _normalized(name)
    return _certificates()[0].get(key, key)


def career_field_name(code: str) -> str:
    """The Korean name of a career field code (the code itself if unknown)."""
    return _career_field_names().get(code, (code, ""))[0]


def career_field_name_en(code: str) -> str:
    """The English name of a career field code ("" if unknown or unnamed)."""
    return _career_field_names().get(code, ("", ""))[1]


def seeker_side(profile: SeekerProfile, policy: dict[str, Any], *, this_year: int) -> SeekerSide:
    """What scoring reads of a profile; `programmes` are decided with `policy`."""
    location = point_or(profile.location_lat, profile.location_lon, profile.area)
    codes = frozenset(certificate_code(name) for name in profile.certificates if name.strip())
    field_of = _certificates()[1]
    experience = tuple(
        (normalize_term(str(item.get("occupation", ""))), float(item.get("years") or 0))
        for item in profile.experience
        if isinstance(item, dict)
    )
    decisions = evaluate_eligibility(facts_of(profile), policy, this_year=this_year)
    return SeekerSide(
        id=profile.pk,
        cohort=profile.cohort,
        location=location,
        terms=frozenset(profile.search_terms),
        career_fields=frozenset(profile.career_fields),
        skills=frozenset(normalize_term(s) for s in profile.skills if str(s).strip()),
        certificates=codes,
        certificate_fields=frozenset(field_of[c] for c in codes if c in field_of),
        experience=experience,
        employment_types=frozenset(profile.employment_types),
        max_days_per_week=profile.max_days_per_week,
        shifts=frozenset(profile.shifts),
        min_hourly_wage=profile.min_hourly_wage,
        max_commute_km=profile.max_commute_km,
        programmes=frozenset(d.programme for d in decisions if d.eligible),
        minor=profile.is_minor,
    )


@lru_cache(maxsize=4096)
def _keyed(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(normalized key, name) of each named skill; remembered per tuple, as postings share
    their skill lists (they come from a few templates and forms)."""
    return tuple((_normalized(name), name) for name in names if name.strip())


@lru_cache(maxsize=4096)
def _certificates_keyed(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(code, name) of each required certificate; remembered per tuple, as `_keyed`."""
    return tuple((certificate_code(name), name) for name in names if name.strip())


def posting_side(document: PostingDocument, policy: dict[str, Any]) -> PostingSide:
    """What scoring reads of an indexed posting (only open postings are indexed).

    Cheap on purpose: a recommendation converts every retrieved hit (up to 200) and the hard
    filters may refuse many of them (45% in bench B7), so the posting's terms stay a tuple
    (one copy, no set): scoring hashes them only for a pair that passes (`scoring._text`)."""
    return PostingSide(
        id=document.id,
        employer_id=document.employer_id,
        is_open=True,
        deadline=document.deadline,
        career_field=document.career_field,
        career_field_name=career_field_name(document.career_field),
        career_field_name_en=career_field_name_en(document.career_field),
        occupation=_normalized(document.occupation),
        occupation_name=document.occupation or career_field_name(document.career_field),
        location=Point(document.location.lat, document.location.lon),
        terms=(*document.title_terms, *document.body_terms),
        skills_required=_keyed(document.skills_required),
        skills_preferred=_keyed(document.skills_preferred),
        certificates_required=_certificates_keyed(document.certificates_required),
        min_experience_years=document.min_experience_years,
        employment_type=document.employment_type,
        days_per_week=document.days_per_week,
        shifts=frozenset(document.shifts),
        hourly_wage=document.hourly_wage,
        cohorts_welcome=frozenset(document.cohorts_welcome),
        minor_suitable=document.minor_suitable,
        employer_status=employer_status(
            is_city_funded=document.employer_city_funded,
            staff_count=document.employer_staff_count,
            partner_pledge=document.employer_partner,
            policy=policy,
            is_city_contracted=document.employer_city_contracted,
            authorised_headcount=document.employer_authorised_headcount,
        ),
    )


def today() -> datetime.date:
    """Today in Seoul (deadlines are Seoul dates)."""
    return seoul_today()
