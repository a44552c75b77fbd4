"""Reads of reference data, cached per process (the tables are small and rarely edited)."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.taxonomy.models import Area, CareerField, Certificate, Occupation
from backend.taxonomy.normalize import normalize_term


def area_list() -> QuerySet[Area]:
    return Area.objects.order_by("code")


def career_field_list() -> QuerySet[CareerField]:
    return CareerField.objects.order_by("code")


def occupation_list() -> QuerySet[Occupation]:
    return Occupation.objects.select_related("career_field").order_by("code")


def certificate_list() -> QuerySet[Certificate]:
    return Certificate.objects.order_by("code")


def certificate_aliases() -> dict[str, str]:
    """normalized name or alias → certificate code."""
    mapping: dict[str, str] = {}
    for code, name, aliases in Certificate.objects.values_list("code", "name", "aliases"):
        mapping[normalize_term(name)] = code
        for alias in aliases or []:
            mapping.setdefault(normalize_term(alias), code)
    return mapping


def canonical_certificates(names: list[str]) -> set[str]:
    """Certificate codes for names as people typed them; unknown names keep their
    normalized text as key, so two unknown spellings that differ only in spacing still match."""
    mapping = certificate_aliases()
    return {
        mapping.get(normalize_term(name), normalize_term(name)) for name in names if name.strip()
    }
