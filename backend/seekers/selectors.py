"""Reads of seeker profiles, with the joins their callers render."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from backend.accounts.models import Role, User
from backend.seekers.models import AssistedEnrolment, SeekerProfile


def seeker_profile_of(*, user: User) -> SeekerProfile | None:
    """The user's own profile, or None before the first PUT."""
    return SeekerProfile.objects.select_related("area").filter(user=user).first()


def seeker_is_minor(user: User | AnonymousUser) -> bool:
    """Whether `user` is a seeker under 18 (연소자): searches, recommendations and
    applications then keep to postings `young_workers.suitable_for_minors` allows."""
    if not user.is_authenticated or getattr(user, "role", None) != Role.SEEKER:
        return False
    row = SeekerProfile.objects.filter(user=user).values("birth_year", "birth_month").first()
    return row is not None and SeekerProfile(**row).is_minor


def seeker_profile_list(
    *, cohorts: Collection[str] = (), areas: Collection[str] = ()
) -> QuerySet[SeekerProfile]:
    """Profiles, oldest first, optionally narrowed to some cohorts and area codes."""
    profiles = SeekerProfile.objects.select_related("area").order_by("id")
    if cohorts:
        profiles = profiles.filter(cohort__in=cohorts)
    if areas:
        profiles = profiles.filter(area_id__in=areas)
    return profiles


def seeker_profile_export(user: User) -> dict[str, Any] | None:
    """The seeker's profile as JSON values, for `/me/export/` (PIPA right of access)."""
    profile = seeker_profile_of(user=user)
    if profile is None:
        return None
    return {
        "id": profile.pk,
        "cohort": profile.cohort,
        "display_name": profile.display_name,
        "birth_year": profile.birth_year,
        "birth_month": profile.birth_month,
        "gender": profile.gender,
        "phone": profile.phone,
        "area": {
            "code": profile.area.code,
            "name": profile.area.name,
            "approximate": profile.area.approximate,
        },
        "location": profile.location,
        "is_resident": profile.is_resident,
        "school_name": profile.school_name,
        "school_in_city": profile.school_in_city,
        "graduation_year": profile.graduation_year,
        "entered_college": profile.entered_college,
        "career_break_years": profile.career_break_years,
        "career_break_reason": profile.career_break_reason,
        "career_fields": profile.career_fields,
        "skills": profile.skills,
        "certificates": profile.certificates,
        "experience": profile.experience,
        "employment_types": profile.employment_types,
        "max_days_per_week": profile.max_days_per_week,
        "shifts": profile.shifts,
        "min_hourly_wage": profile.min_hourly_wage,
        "max_commute_km": profile.max_commute_km,
        "available_from": profile.available_from.isoformat() if profile.available_from else None,
        "about": profile.about,
        "open_to_employers": profile.open_to_employers,
        "version": profile.version,
        "created_at": profile.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
    }


def assisted_enrolment_export(user: User) -> dict[str, Any] | None:
    """The counsellor-assisted enrolment of the user (the paper consent's reference and day,
    who took it, the login ID), for `/me/export/`; never the code (only its hash is kept,
    and that is not the person's data to read)."""
    enrolment = AssistedEnrolment.objects.filter(user=user).first()
    if enrolment is None:
        return None
    return {
        "login_id": enrolment.login_id,
        "consent_scan_ref": enrolment.consent_scan_ref,
        "consent_signed_on": enrolment.consent_signed_on.isoformat(),
        "consent_staff": enrolment.consent_staff_ref,
        "created_at": enrolment.created_at.isoformat(),
        "activated_at": enrolment.activated_at.isoformat() if enrolment.activated_at else None,
    }
