"""The steps of the seeker profile by cohort, and which of them are done (the dashboard's
"what to do next")."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.taxonomy.vocabulary import Cohort
from backend.web.seeker_backend import SeekerProfile

BASICS, SCHOOL, CAREER, WISHES, SKILLS, VISIBILITY = (
    "basics",
    "school",
    "career",
    "wishes",
    "skills",
    "visibility",
)
ALL_STEPS = (BASICS, SCHOOL, CAREER, WISHES, SKILLS, VISIBILITY)
TITLES: dict[str, Promise] = {
    BASICS: _("기본 정보"),
    SCHOOL: _("학교"),
    CAREER: _("경력"),
    WISHES: _("바라는 일"),
    SKILLS: _("기술과 자격증"),
    VISIBILITY: _("기업에 공개"),
}


def steps_for(cohort: str | None) -> list[str]:
    """basics → school (graduates) or career (returners, seniors) → wishes → skills →
    visibility; before a cohort is chosen, the second step is named by neither."""
    return [BASICS, SCHOOL if cohort == Cohort.GRADUATE else CAREER, WISHES, SKILLS, VISIBILITY]


@dataclass(frozen=True)
class Step:
    """One step of the seeker's profile: its code, label, whether it is done and whether it is the
    current one."""

    code: str
    title: str
    done: bool


def step_done(profile: SeekerProfile | None, step: str) -> bool:
    """Whether `profile` has what the step `step` asks for (nothing is done without a profile)."""
    if profile is None:
        return False
    if step == BASICS:
        return True
    if step == SCHOOL:
        return bool(profile.school_name and profile.graduation_year)
    if step == CAREER:
        if profile.cohort == Cohort.RETURNER:
            return profile.career_break_years is not None and bool(profile.career_break_reason)
        return bool(profile.experience)
    if step == WISHES:
        return bool(
            profile.career_fields
            or profile.employment_types
            or profile.shifts
            or profile.max_days_per_week
        )
    if step == SKILLS:
        return bool(profile.skills or profile.certificates)
    return bool(profile.open_to_employers)


def progress(profile: SeekerProfile | None, cohort: str | None = None) -> list[Step]:
    """The profile's steps for the cohort (the profile's, else `cohort`), in order, each marked done
    or not."""
    cohort = cohort or (profile.cohort if profile is not None else None)
    return [
        Step(code=code, title=str(TITLES[code]), done=step_done(profile, code))
        for code in steps_for(cohort)
    ]
