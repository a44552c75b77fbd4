"""Use cases that write seeker profiles. Never imports DRF; raises Django `ValidationError`
(400 `{field: [messages]}`) or domain errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ForbiddenError, NotFoundError
from backend.core.validators import normalize_korean_phone
from backend.seekers.hooks import cohort_changed, profile_saved
from backend.seekers.models import SeekerProfile
from backend.taxonomy.minimum_wage import minimum_wage_today
from backend.taxonomy.models import Area, CareerField
from search.indexing import profile_terms, record_change
from search.models import Entity

# Fields a seeker writes directly (everything but `area` and `location`, which are translated).
PLAIN_FIELDS = (
    "cohort",
    "display_name",
    "birth_year",
    "birth_month",
    "gender",
    "phone",
    "is_resident",
    "school_name",
    "school_in_city",
    "graduation_year",
    "entered_college",
    "career_break_years",
    "career_break_reason",
    "career_fields",
    "skills",
    "certificates",
    "experience",
    "employment_types",
    "max_days_per_week",
    "shifts",
    "min_hourly_wage",
    "max_commute_km",
    "available_from",
    "about",
    "open_to_employers",
)
WRITABLE_FIELDS = (*PLAIN_FIELDS, "area", "location")

PROFILE_MISSING = gettext_lazy("아직 구직자 프로필이 없습니다. 먼저 프로필을 작성해 주세요.")


BELOW_MINIMUM_WAGE = gettext_lazy(
    "최저임금보다 낮게 적을 수 없어요. %(year)s년 최저임금은 시간당 %(amount)s원이에요."
)


def unknown_career_fields(codes: list[str]) -> list[str]:
    """The codes in `codes` that are not career fields from /career-fields/."""
    wanted = set(codes)
    if not wanted:
        return []
    known = set(CareerField.objects.filter(code__in=wanted).values_list("code", flat=True))
    return sorted(wanted - known)


def _apply(profile: SeekerProfile, fields: Mapping[str, Any], errors: dict[str, list[str]]) -> None:
    for name in PLAIN_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    if profile.phone:
        # One stored form (010-1234-5678) whatever was typed; what is not a Korean number is
        # kept as given, for the model's validator to name (full_clean below).
        profile.phone = normalize_korean_phone(profile.phone) or profile.phone
    if "area" in fields:
        area = Area.objects.filter(code=fields["area"]).first()
        if area is None:
            errors["area"] = [
                gettext("알 수 없는 행정동 코드입니다: %(codes)s (/areas/ 참고)")
                % {"codes": fields["area"]}
            ]
        else:
            profile.area = area
    if "location" in fields:
        location = fields["location"]
        profile.location_lat = location["lat"] if location else None
        profile.location_lon = location["lon"] if location else None
    wanted_wage = fields.get("min_hourly_wage")
    if wanted_wage is not None:
        # A wage under the legal minimum is not a wage a posting may offer (최저임금법 §6).
        floor = minimum_wage_today()
        if wanted_wage < floor.hourly:
            errors["min_hourly_wage"] = [
                str(BELOW_MINIMUM_WAGE) % {"year": floor.year, "amount": f"{floor.hourly:,}"}
            ]
    if "career_fields" in fields:
        unknown = unknown_career_fields(list(fields["career_fields"]))
        if unknown:
            errors["career_fields"] = [
                gettext("알 수 없는 계열 코드입니다: %(codes)s (/career-fields/ 참고)")
                % {"codes": ", ".join(unknown)}
            ]


def _validate_and_save(
    profile: SeekerProfile, errors: dict[str, list[str]], *, previous_cohort: str | None
) -> SeekerProfile:
    try:
        # Uniqueness of `user` is guarded by the lock on the user row; the area was resolved
        # above; `clean()` mirrors every DB constraint with a readable message.
        profile.full_clean(
            exclude=["user", "area"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    # Terms once, when the text is written; the outbox event commits with the row.
    profile.search_terms = profile_terms(
        skills=profile.skills,
        certificates=profile.certificates,
        experience=profile.experience,
        about=profile.about,
    )
    created = profile._state.adding
    profile.save()
    record_change(Entity.PROFILE, [profile.pk], profile.version)
    profile_saved.fire(profile=profile, created=created)
    if previous_cohort is not None and previous_cohort != profile.cohort:
        cohort_changed.fire(profile=profile, previous_cohort=previous_cohort)
    return profile


def _lock_seeker(user: User) -> SeekerProfile | None:
    if user.role != Role.SEEKER:
        raise ForbiddenError(gettext("구직자만 프로필을 작성할 수 있습니다."))
    # Lock the user row first: two concurrent first PUTs would otherwise both insert and the
    # second would fail on the unique user with a 500.
    User.objects.select_for_update().filter(pk=user.pk).first()
    return SeekerProfile.objects.select_for_update().filter(user=user).first()


@transaction.atomic
def seeker_profile_replace(*, user: User, fields: Mapping[str, Any]) -> SeekerProfile:
    """PUT: create the seeker's profile or replace every field of it (omitted → default).

    `fields` holds parsed values keyed as in API.md: `area` is a code, `location` is
    `{lat, lon}` or None. Raises `ValidationError` naming every bad field.
    """
    existing = _lock_seeker(user)
    profile = SeekerProfile(user=user)
    if existing is not None:
        profile.pk = existing.pk
        profile.created_at = existing.created_at
        profile.version = existing.version + 1
        # The statistical key stays the person's for as long as the profile lives.
        profile.stat_key = existing.stat_key
        profile._state.adding = False
    errors: dict[str, list[str]] = {}
    if "area" not in fields:
        errors["area"] = [gettext("행정동을 선택해 주세요.")]
    _apply(profile, fields, errors)
    previous = existing.cohort if existing is not None else None
    return _validate_and_save(profile, errors, previous_cohort=previous)


@transaction.atomic
def seeker_profile_update(*, user: User, fields: Mapping[str, Any]) -> SeekerProfile:
    """PATCH: change the given fields, then re-check every rule (cohort rules included) on
    the merged profile. 404 when the seeker has no profile yet."""
    profile = _lock_seeker(user)
    if profile is None:
        raise NotFoundError(PROFILE_MISSING, code="profile_missing")
    errors: dict[str, list[str]] = {}
    previous = profile.cohort
    _apply(profile, fields, errors)
    profile.version += 1
    return _validate_and_save(profile, errors, previous_cohort=previous)
