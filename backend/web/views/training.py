"""Training pages: the staff catalogue (`/staff/training/`) and the seeker's training
suggestions (`/me/training/`, and a short block on `/me/`).

Reads and writes go through `backend.web.training_backend`; bad input is the form again with
the field's message (400), a course the caller may not see a 404 page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.web import training_backend as backend
from backend.web.access import seeker_required
from backend.web.forms.training import TrainingCourseForm
from backend.web.views.staff import _found, form_errors, page_of, staff_required

DASHBOARD_GAPS = 3


def _gap_rows(suggestions: backend.Suggestions) -> list[dict[str, Any]]:
    return [
        {
            "gap": gap,
            "kind": _("자격증") if gap.kind == "certificate" else _("기술"),
            "courses": gap.courses,
        }
        for gap in suggestions.gaps
    ]


def training_block(profile: backend.SeekerProfile | None) -> dict[str, Any]:
    """The dashboard's training block: its top gaps, or that search cannot answer now."""
    if profile is None:
        return {"rows": [], "unavailable": False}
    try:
        found = backend.suggestions_for(profile)
    except backend.SearchUnavailableError:
        return {"rows": [], "unavailable": True}
    return {"rows": _gap_rows(found)[:DASHBOARD_GAPS], "unavailable": False}


@login_required
@seeker_required
@require_safe
def me_training(request: HttpRequest) -> HttpResponse:
    """What blocks the postings the seeker nearly matches, with the courses that give it, and
    the catalogue's open courses."""
    profile = backend.seeker_profile_of(user=request_user(request))
    if profile is None:
        messages.info(request, _("먼저 프로필을 만들어 주세요."))
        return redirect("web:me_profile")
    unavailable = False
    rows: list[dict[str, Any]] = []
    near = 0
    try:
        found = backend.suggestions_for(profile)
    except backend.SearchUnavailableError:
        unavailable = True
    else:
        rows, near = _gap_rows(found), found.near_misses
    page = page_of(request, backend.courses_open(today=timezone.localdate()), 10)
    return render(
        request,
        "web/me/training.html",
        {"nav": "me", "rows": rows, "near_misses": near, "unavailable": unavailable, "page": page},
    )


@login_required
@staff_required
@require_safe
def staff_courses(request: HttpRequest) -> HttpResponse:
    page = page_of(request, backend.courses_for_staff())
    return render(
        request,
        "web/staff/training.html",
        {"nav": "me", "page": page, "today": timezone.localdate()},
    )


def _initial(course: Any) -> dict[str, Any]:
    values = {name: getattr(course, name) for name in TrainingCourseForm.base_fields}
    values["skills"] = ", ".join(course.skills)
    values["certificates"] = ", ".join(course.certificates)
    return values


def _course_form(request: HttpRequest, course: Any | None) -> HttpResponse:
    form = TrainingCourseForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(course) if course is not None else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = dict(form.cleaned_data)
            fields["url"] = fields["url"] or ""
            user = request_user(request)
            try:
                if course is None:
                    saved = backend.course_create(actor=user, fields=fields)
                else:
                    saved = backend.course_update(actor=user, course=course, fields=fields)
            except ValidationError as error:
                form_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("'%(title)s' 과정을 저장했어요.") % {"title": saved.title}
                )
                return redirect("web:staff_training")
        status = 400
    return render(
        request,
        "web/staff/training_form.html",
        {"nav": "me", "form": form, "course": course},
        status=status,
    )


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_course_new(request: HttpRequest) -> HttpResponse:
    return _course_form(request, None)


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    user = request_user(request)
    course = _found(lambda: backend.course_for(user, course_id, today=timezone.localdate()))
    return _course_form(request, course)
