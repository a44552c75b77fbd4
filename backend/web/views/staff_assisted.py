"""Counsellor-assisted enrolment (상담사 대리 등록): staff create a seeker on the person's
behalf (`/staff/seekers/assisted/…`), fill the profile and print the letter; the person's
first login with the letter (`/accounts/assisted/`).

The letter is rendered by the POST that issues its code and is never shown again (the code
is stored hashed only): to print again, staff issue a new code. Every staff action here is
written to the access log as done on behalf (`backend.seekers.assisted`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.web import assisted_backend as backend
from backend.web.forms.assisted import AssistedActivateForm, AssistedSeekerForm
from backend.web.forms.profile import (
    BasicsForm,
    CareerBreakForm,
    SchoolForm,
    SkillsForm,
    WishesForm,
    experience_formset,
    experience_values,
)
from backend.web.views.staff import _found, form_errors, page_of, staff_required

LOGIN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


@login_required
@staff_required
@require_safe
def enrolments(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/staff/assisted_list.html",
        {"nav": "me", "page": page_of(request, backend.enrolments())},
    )


def _letter(request: HttpRequest, enrolment: Any, code: str) -> HttpResponse:
    response = render(
        request,
        "web/staff/assisted_letter.html",
        {
            "nav": "me",
            "enrolment": enrolment,
            "code": backend.format_code(code),
            "days": backend.CODE_VALID_DAYS,
            "activate_url": request.build_absolute_uri("/accounts/assisted/"),
        },
    )
    response["Cache-Control"] = "no-store"  # the code must not stay in any cache
    return response


@never_cache
@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrolment_new(request: HttpRequest) -> HttpResponse:
    form = AssistedSeekerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                enrolment, code = backend.assisted_seeker_create(
                    actor=request_user(request), request=request, **form.cleaned_data
                )
            except ValidationError as error:
                form_errors(form, error)
            else:
                return _letter(request, enrolment, code)
        return render(
            request, "web/staff/assisted_new.html", {"nav": "me", "form": form}, status=400
        )
    return render(request, "web/staff/assisted_new.html", {"nav": "me", "form": form})


@never_cache
@login_required
@staff_required
@require_POST
def enrolment_letter(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """A new one-time code, and its letter to print."""
    user = request_user(request)
    enrolment = _found(lambda: backend.enrolment_for_staff(user, enrolment_id))
    try:
        code = backend.assisted_code_issue(actor=user, enrolment=enrolment, request=request)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("web:staff_assisted_detail", enrolment_id=enrolment.pk)
    return _letter(request, enrolment, code)


PROFILE_FORMS = (BasicsForm, SchoolForm, CareerBreakForm, WishesForm, SkillsForm)


def _profile_forms(data: Any, profile: Any) -> tuple[list[Any], Any]:
    initial: dict[str, Any] = {}
    if profile is not None:
        for form_class in PROFILE_FORMS:
            for name in form_class.base_fields:
                if hasattr(profile, name):
                    value = getattr(profile, name)
                    initial[name] = value.pk if name == "area" and value is not None else value
    forms = [
        BasicsForm(data, initial=initial, areas=list(backend.area_list())),
        SchoolForm(data, initial=initial),
        CareerBreakForm(data, initial=initial),
        WishesForm(data, initial=initial, career_fields=list(backend.career_field_list())),
        SkillsForm(data, initial=initial),
    ]
    formset = experience_formset(
        data, initial=list(profile.experience) if profile is not None else None
    )
    return forms, formset


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrolment_detail(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The enrolment and the person's profile, which staff fill on their behalf."""
    user = request_user(request)
    enrolment = _found(lambda: backend.enrolment_for_staff(user, enrolment_id))
    profile = backend.SeekerProfile.objects.filter(user=enrolment.user).first()
    data = request.POST if request.method == "POST" else None
    forms, formset = _profile_forms(data, profile)
    status = 200
    if data is not None:
        if all(form.is_valid() for form in forms) and formset.is_valid():
            fields: dict[str, Any] = {}
            for form in forms:
                fields.update(form.cleaned_data)
            fields["phone"] = fields.get("phone") or ""
            fields["experience"] = experience_values(formset)
            fields = {key: value for key, value in fields.items() if value is not None}
            try:
                backend.assisted_profile_fill(
                    actor=user, enrolment=enrolment, fields=fields, request=request
                )
            except ValidationError as error:
                for form in forms:
                    for name, texts in error.message_dict.items():
                        if name in form.fields:
                            for text in texts:
                                form.add_error(name, text)
                if not any(form.errors for form in forms):
                    forms[0].add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("대신 입력한 프로필을 저장했어요."))
                return redirect("web:staff_assisted_detail", enrolment_id=enrolment.pk)
        status = 400
    return render(
        request,
        "web/staff/assisted_detail.html",
        {
            "nav": "me",
            "enrolment": enrolment,
            "profile": profile,
            "forms": forms,
            "formset": formset,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def activate(request: HttpRequest) -> HttpResponse:
    """The first login with the letter: ID, one-time code, the new password."""
    form = AssistedActivateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                person = backend.assisted_activate(
                    login_id=form.cleaned_data["login_id"],
                    code=form.cleaned_data["code"],
                    password=form.cleaned_data["password1"],
                )
            except ValidationError as error:
                for name, texts in error.message_dict.items():
                    for text in texts:
                        form.add_error("password1" if name == "password" else name, text)
            else:
                login(request, person, backend=LOGIN_BACKEND)
                messages.success(
                    request,
                    _("비밀번호를 정했어요. 다음부터는 아이디와 이 비밀번호로 로그인해요."),
                )
                return redirect("web:me")
        return render(request, "web/assisted_activate.html", {"form": form}, status=400)
    return render(request, "web/assisted_activate.html", {"form": form})
