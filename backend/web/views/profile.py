"""`/me/profile/?step=…`: the seeker profile as steps, each a POST saved on its own.

Steps (`?step=basics|school|career|wishes|skills|visibility`): basics → school (graduates) or
career (returners, seniors) → wishes → skills → visibility. Each POST goes through the seekers
services (`seeker_profile_replace` for the first, `seeker_profile_update` afterwards), then on
to the next step. The services decide the rules; their errors come back beside the field.

A cohort's own required fields live on the second step, so the first save of a new profile
(or a change of cohort) cannot be stored by the basics step alone: when the services refuse
the basics only for fields of a later step, the basics are kept in the session (the "draft")
and saved together with the second step.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.models import ConsentPurpose, User
from backend.accounts.permissions import request_user
from backend.taxonomy.vocabulary import Cohort
from backend.web import seeker_backend as backend
from backend.web.access import seeker_required
from backend.web.forms.profile import (
    BasicsForm,
    CareerBreakForm,
    SchoolForm,
    SkillsForm,
    VisibilityForm,
    WishesForm,
    experience_formset,
    experience_values,
)
from backend.web.profile_steps import (
    ALL_STEPS,
    BASICS,
    CAREER,
    SCHOOL,
    SKILLS,
    TITLES,
    VISIBILITY,
    WISHES,
    progress,
    steps_for,
)

DRAFT_KEY = "web.profile_draft"
BASICS_FIELDS = (
    "cohort",
    "display_name",
    "birth_year",
    "birth_month",
    "area",
    "is_resident",
    "phone",
)


def _step_url(step: str) -> str:
    return f"{reverse('web:me_profile')}?step={step}"


def _initial(
    profile: backend.SeekerProfile | None, draft: dict[str, Any], names: Any
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if profile is not None:
        for name in names:
            values[name] = profile.area_id if name == "area" else getattr(profile, name)
    values.update({name: value for name, value in draft.items() if name in names})
    return values


class _Page:
    """One request to the profile page: the caller, their profile and draft, the step."""

    def __init__(self, request: HttpRequest, step: str) -> None:
        self.request = request
        self.user: User = request_user(request)
        self.profile = backend.seeker_profile_of(user=self.user)
        self.draft: dict[str, Any] = dict(request.session.get(DRAFT_KEY) or {})
        self.cohort: str | None = self.draft.get("cohort") or (
            self.profile.cohort if self.profile is not None else None
        )
        self.steps = steps_for(self.cohort)
        self.step = step
        self.top_errors: list[str] = []
        self.experience_errors: list[str] = []

    @property
    def next_url(self) -> str:
        position = self.steps.index(self.step)
        if position + 1 < len(self.steps):
            return _step_url(self.steps[position + 1])
        return reverse("web:me")

    def save(self, fields: dict[str, Any], forms: list[Any], *, consent: bool = False) -> bool:
        """Save `fields` (with the draft) through the services; False with the errors placed
        beside their fields when they refuse. On the basics step, a refusal only for fields
        of a later step keeps the basics as the draft and counts as done."""
        merged = {**self.draft, **fields}
        try:
            with transaction.atomic():
                if consent:
                    backend.consents_record(
                        user=self.user, decisions={ConsentPurpose.MATCHING: True}, channel="web"
                    )
                if self.profile is None:
                    backend.seeker_profile_replace(user=self.user, fields=merged)
                else:
                    backend.seeker_profile_update(user=self.user, fields=merged)
        except ValidationError as error:
            problems = error.message_dict
            mine = {name for form in forms for name in form.fields}
            if self.experience_forms_shown:
                mine.add("experience")
            if self.step == BASICS and not mine & set(problems):
                self.request.session[DRAFT_KEY] = fields
                messages.info(
                    self.request,
                    _("기본 정보를 받았어요. 이 단계까지 마치면 함께 저장돼요."),
                )
                return True
            self._place(problems, forms)
            return False
        self.request.session.pop(DRAFT_KEY, None)
        messages.success(
            self.request, _("'%(step)s'을(를) 저장했어요.") % {"step": TITLES[self.step]}
        )
        return True

    experience_forms_shown = False

    def _place(self, problems: dict[str, list[str]], forms: list[Any]) -> None:
        for name, texts in problems.items():
            for text in texts:
                owner = next((form for form in forms if name in form.fields), None)
                if owner is not None:
                    owner.add_error(name, text)
                elif name == "experience":
                    self.experience_errors.append(text)
                elif name in BASICS_FIELDS:
                    self.top_errors.append(_("기본 정보: %(message)s") % {"message": text})
                else:
                    self.top_errors.append(text)

    def render(self, forms: list[Any], **extra: Any) -> HttpResponse:
        first_form = forms[0] if forms else None
        context = {
            "nav": "me",
            "step": self.step,
            "step_title": TITLES[self.step],
            "progress": progress(self.profile, self.cohort),
            "forms": forms,
            "form": first_form,
            "has_errors": bool(
                self.top_errors
                or self.experience_errors
                or any(form.errors for form in forms)
                or (extra.get("formset") is not None and extra["formset"].total_error_count())
            ),
            "top_errors": self.top_errors,
            "experience_errors": self.experience_errors,
            "cohort": self.cohort,
            "has_profile": self.profile is not None,
            "draft": bool(self.draft),
            "is_last": self.step == self.steps[-1],
            **extra,
        }
        return render(self.request, "web/me/profile.html", context)


@login_required
@seeker_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    step = request.GET.get("step") or BASICS
    page = _Page(request, step)
    if step not in ALL_STEPS:
        return redirect(_step_url(BASICS))
    if step in (SCHOOL, CAREER) and step not in page.steps:
        return redirect(_step_url(page.steps[1] if page.cohort else BASICS))
    if step != BASICS and page.profile is None and not (page.draft and step == page.steps[1]):
        messages.info(request, _("먼저 기본 정보를 적어 주세요."))
        return redirect(_step_url(BASICS))
    return STEP_VIEWS[step](page)


def _data(page: _Page) -> Any:
    return page.request.POST if page.request.method == "POST" else None


def _basics(page: _Page) -> HttpResponse:
    areas = list(backend.area_list())
    initial = _initial(page.profile, page.draft, BASICS_FIELDS)
    form = BasicsForm(_data(page), initial=initial, areas=areas)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in BASICS_FIELDS}
        fields["phone"] = fields["phone"] or ""
        if page.save(fields, [form]):
            page.steps = steps_for(fields["cohort"])
            return redirect(page.next_url)
    return page.render([form])


def _school(page: _Page) -> HttpResponse:
    names = ("school_name", "school_in_city", "graduation_year", "entered_college")
    form = SchoolForm(_data(page), initial=_initial(page.profile, page.draft, names))
    if form.is_valid() and page.save(dict(form.cleaned_data), [form]):
        return redirect(page.next_url)
    return page.render([form])


def _career(page: _Page) -> HttpResponse:
    data = _data(page)
    forms: list[Any] = []
    if page.cohort == Cohort.RETURNER:
        names = ("career_break_years", "career_break_reason")
        forms.append(CareerBreakForm(data, initial=_initial(page.profile, page.draft, names)))
    initial = list(page.profile.experience) if page.profile is not None else []
    formset = experience_formset(data, initial=initial)
    page.experience_forms_shown = True
    if data is not None and all(form.is_valid() for form in forms) and formset.is_valid():
        fields: dict[str, Any] = {}
        for form in forms:
            fields.update(form.cleaned_data)
        fields["experience"] = experience_values(formset)
        if page.save(fields, forms):
            return redirect(page.next_url)
    return page.render(forms, formset=formset)


def _wishes(page: _Page) -> HttpResponse:
    names = (
        "career_fields",
        "employment_types",
        "shifts",
        "max_days_per_week",
        "max_commute_km",
        "min_hourly_wage",
        "available_from",
    )
    form = WishesForm(
        _data(page),
        initial=_initial(page.profile, {}, names),
        career_fields=list(backend.career_field_list()),
    )
    if form.is_valid() and page.save(dict(form.cleaned_data), [form]):
        return redirect(page.next_url)
    return page.render([form])


def _skills(page: _Page) -> HttpResponse:
    names = ("skills", "certificates", "about")
    form = SkillsForm(_data(page), initial=_initial(page.profile, {}, names))
    if form.is_valid() and page.save(dict(form.cleaned_data), [form]):
        return redirect(page.next_url)
    return page.render([form])


def _visibility(page: _Page) -> HttpResponse:
    consented = backend.has_consent(user=page.user, purpose=ConsentPurpose.MATCHING)
    form = VisibilityForm(
        _data(page),
        initial=_initial(page.profile, {}, ("open_to_employers",)),
        consented=consented,
    )
    if form.is_valid():
        open_to_employers = form.cleaned_data["open_to_employers"]
        consent = open_to_employers and not consented
        if page.save({"open_to_employers": open_to_employers}, [form], consent=consent):
            return redirect(page.next_url)
    return page.render([form], consented=consented)


STEP_VIEWS = {
    BASICS: _basics,
    SCHOOL: _school,
    CAREER: _career,
    WISHES: _wishes,
    SKILLS: _skills,
    VISIBILITY: _visibility,
}
