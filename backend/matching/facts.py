"""From stored rows and search documents to what scoring reads (`scoring.SeekerSide`,
`scoring.PostingSide`).

This is the one place that knows both worlds: it normalizes skills and occupations
(`normalize_term`), maps certificate names to codes, resolves which ordinance programmes a
seeker is eligible for and whether an employer is covered under the policy in force. Reference
data (career fields, certificates, occupations) comes from `backend.taxonomy.reference`, cached
per process and rebuilt when staff edit it in the admin.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any

from backend.jobs.models import seoul_today
from backend.matching.eligibility import evaluate_eligibility, facts_of
from backend.matching.posting_checks import employer_status
from backend.matching.scoring import Point, PostingSide, SeekerSide, wants_expert_work
from backend.seekers.models import SeekerProfile
from backend.taxonomy import reference, young_workers
from backend.taxonomy.normalize import normalize_term
from search.analysis import analyze
from search.documents import PostingDocument, point_or


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    """`normalize_term`, remembered: postings repeat a small vocabulary of skills, occupations
    and certificates, and a recommendation converts up to 200 postings (bounded: LRU)."""
    return normalize_term(text)


@lru_cache(maxsize=8192)
def skill_key(text: str) -> str:
    """The comparison key of a skill: its analysed terms (`search.analysis`: Kiwi, the synonym
    table and its normalisation, so "Excel", "엑셀" and "MS 엑셀" share a key), glued; the
    normalized text when the analyzer keeps no term of it. Remembered (bounded: LRU): skills
    come from a small vocabulary."""
    terms = analyze(text)
    return "".join(terms) if terms else normalize_term(text)


def occupation_key(value: str) -> str:
    """The comparison key of an occupation: a taxonomy code counts as its Korean name, so
    "nursing_assistant" on a posting and "간호조무사" in a profile's experience are one."""
    return _normalized(reference.occupation_name(value))


def certificate_code(name: str) -> str:
    """The certificate code of a name as people type it, or its normalized text if unknown
    (`backend.taxonomy.reference`: rebuilt when staff edit certificates)."""
    return reference.certificate_code(name)


def career_field_name(code: str) -> str:
    """The Korean name of a career field code (the code itself if unknown)."""
    return reference.reference().career_fields.get(code, (code, ""))[0]


def career_field_name_en(code: str) -> str:
    """The English name of a career field code ("" if unknown or unnamed)."""
    return reference.reference().career_fields.get(code, ("", ""))[1]


def seeker_side(
    profile: SeekerProfile,
    policy: dict[str, Any],
    *,
    this_year: int,
    on: datetime.date | None = None,
) -> SeekerSide:
    """What scoring reads of a profile; `programmes` are decided with `policy` in `this_year`,
    whether the seeker is under 18 on `on` (default today in Seoul)."""
    location = point_or(profile.location_lat, profile.location_lon, profile.area)
    codes = frozenset(certificate_code(name) for name in profile.certificates if name.strip())
    field_of = reference.reference().certificate_fields
    experience = tuple(
        (occupation_key(str(item.get("occupation", ""))), float(item.get("years") or 0))
        for item in profile.experience
        if isinstance(item, dict)
    )
    decisions = evaluate_eligibility(facts_of(profile), policy, this_year=this_year)
    occupations = tuple(
        str(item.get("occupation", "")) for item in profile.experience if isinstance(item, dict)
    )
    return SeekerSide(
        id=profile.pk,
        cohort=profile.cohort,
        location=location,
        terms=frozenset(profile.search_terms),
        career_fields=frozenset(profile.career_fields),
        skills=frozenset(skill_key(str(s)) for s in profile.skills if str(s).strip()),
        certificates=codes,
        certificate_fields=frozenset(field_of[c] for c in codes if c in field_of),
        experience=experience,
        employment_types=frozenset(profile.employment_types),
        max_days_per_week=profile.max_days_per_week,
        shifts=frozenset(profile.shifts),
        min_hourly_wage=profile.min_hourly_wage,
        max_commute_km=profile.max_commute_km,
        programmes=frozenset(d.programme for d in decisions if d.eligible),
        minor=young_workers.is_minor(young_workers.age_of(profile, on or today())),
        wants_expert=wants_expert_work(
            about_terms(profile.about), sum(years for _, years in experience)
        ),
        stated="|".join(_normalized(text) for text in (profile.about, *occupations)),
        stated_terms=about_terms(profile.about).union(*map(about_terms, occupations)),
    )


@lru_cache(maxsize=4096)
def about_terms(about: str) -> frozenset[str]:
    """The analysed terms of a 자기소개 (`scoring.wants_expert_work` reads them)."""
    return frozenset(analyze(about)) if about.strip() else frozenset()


@lru_cache(maxsize=4096)
def _keyed(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(skill key, name) of each named skill; remembered per tuple, as postings share
    their skill lists (they come from a few templates and forms)."""
    return tuple((skill_key(name), name) for name in names if name.strip())


@lru_cache(maxsize=4096)
def _occupation_with(value: str, data: reference.Reference) -> tuple[str, str]:
    """(comparison key, Korean name) of a posting's occupation under one snapshot."""
    name = data.occupations.get(value, value) if value else ""
    return _normalized(name), name


@lru_cache(maxsize=4096)
def _certificates_with(
    names: tuple[str, ...], data: reference.Reference
) -> tuple[tuple[str, str], ...]:
    # Keyed by the snapshot too: an edit of the certificates makes a new snapshot.
    codes = data.certificate_codes
    return tuple(
        (codes.get(_normalized(name), _normalized(name)), name) for name in names if name.strip()
    )


def posting_side(document: PostingDocument, policy: dict[str, Any]) -> PostingSide:
    """What scoring reads of an indexed posting (only open postings are indexed).

    Cheap on purpose: a recommendation converts every retrieved hit (up to 200 a search), and
    `scoring.best_matches` reads the terms of only the pairs that may be kept, so the
    posting's terms stay a tuple (one copy, no set; a set per side cost more than it saved in
    bench B7, even in the nightly's chunks). The names come from one snapshot of the
    reference data, remembered per value."""
    data = reference.reference()
    field_name, field_name_en = data.career_fields.get(document.career_field, ("", ""))
    occupation, occupation_name = _occupation_with(document.occupation, data)
    return PostingSide(
        id=document.id,
        employer_id=document.employer_id,
        is_open=True,
        deadline=document.deadline,
        career_field=document.career_field,
        career_field_name=field_name or document.career_field,
        career_field_name_en=field_name_en,
        occupation=occupation,
        occupation_name=occupation_name or field_name or document.career_field,
        location=Point(document.location.lat, document.location.lon),
        terms=(*document.title_terms, *document.body_terms),
        skills_required=_keyed(document.skills_required),
        skills_preferred=_keyed(document.skills_preferred),
        certificates_required=_certificates_with(document.certificates_required, data),
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
