"""The access-log review for staff (`/staff/access-log/…`): who read whose personal data,
filtered by reader, person and days; and the monthly review that 개인정보의 안전성 확보조치
기준 §8 asks for (a staff member marks a month checked, with what they found).

Who looked at whom is itself personal data, so every reading of the log is written to it
(`accounts.services.access_log_reading`): about the person when the reading was filtered to
one, so that they see it in their privacy centre.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.web import staff_backend as backend
from backend.web.forms.staff import AccessLogFilterForm, AccessLogReviewForm
from backend.web.labels import ROLE_WHO, staff_access_what
from backend.web.views.staff import form_errors, page_of, staff_required

ACCESS_LOG_PAGE = 50
REVIEW_MONTHS_PAGE = 24


def _reading_what(data: dict[str, Any], subjects: list[Any] | None) -> str:
    """The log line of a reading: `access log` and the filters used, as ids and dates only
    (an email typed as the subject is written as the account it named, not as text)."""
    used = [f"{name}={data[name]}" for name in ("actor",) if data.get(name)]
    if subjects is not None:
        used.append("subject=" + ("|".join(f"user:{user.pk}" for user in subjects) or "-"))
    used += [f"{name}={data[name]}" for name in ("from", "to") if data.get(name)]
    return "access log" + (f" ({', '.join(used)})" if used else "")


def _row(entry: Any) -> dict[str, Any]:
    subject = entry.subject
    profile = getattr(subject, "seeker_profile", None) if subject is not None else None
    return {
        "entry": entry,
        "who": entry.actor.email if entry.actor is not None else _("(탈퇴한 계정)"),
        "role": ROLE_WHO.get(entry.actor_role, entry.actor_role),
        "seeker_id": profile.pk if profile is not None else None,
        "subject_ref": entry.subject_ref,
        "what": staff_access_what(entry.what),
    }


@login_required
@staff_required
@require_safe
def access_log(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = AccessLogFilterForm(request.GET, staff=list(backend.staff_members()))
    context: dict[str, Any] = {"nav": "me", "form": form, "page": None, "rows": []}
    if not form.is_valid():
        return render(request, "web/staff/access_log.html", context, status=400)
    data = form.cleaned_data
    subjects = backend.access_log_subjects(data["subject"]) if data["subject"] else None
    backend.access_log_reading(
        actor=user,
        subject=subjects[0] if subjects is not None and len(subjects) == 1 else None,
        what=_reading_what(data, subjects),
        request=request,
    )
    rows = backend.access_log_rows(
        actor_id=data["actor"], subjects=subjects, since=data["from"], until=data["to"]
    )
    page = page_of(request, rows, ACCESS_LOG_PAGE)
    context.update(
        page=page,
        rows=[_row(entry) for entry in page.object_list],
        filtered=any(data.get(name) for name in ("actor", "subject", "from", "to")),
    )
    return render(request, "web/staff/access_log.html", context)


def _reviews_page(
    request: HttpRequest, form: AccessLogReviewForm | None = None, *, status: int = 200
) -> HttpResponse:
    months = backend.access_log_review_months()
    due = [row.month for row in months if row.review is None and not row.open]
    if form is None:
        form = AccessLogReviewForm(months=due)
    return render(
        request,
        "web/staff/access_log_reviews.html",
        {
            "nav": "me",
            "form": form,
            "page": page_of(request, months, REVIEW_MONTHS_PAGE),
            "due": len(due),
        },
        status=status,
    )


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def access_log_reviews(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _reviews_page(request)
    months = backend.access_log_review_months()
    due = [row.month for row in months if row.review is None and not row.open]
    form = AccessLogReviewForm(request.POST, months=due)
    if form.is_valid():
        try:
            review = backend.access_log_review_record(
                actor=request_user(request),
                month=form.cleaned_data["month"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
            return _reviews_page(request, form, status=409)
        else:
            messages.success(
                request,
                _("%(month)s 열람 기록을 점검했다고 남겼어요.")
                % {"month": f"{review.month:%Y-%m}"},
            )
            return redirect("web:staff_access_log_reviews")
    return _reviews_page(request, form, status=400)
