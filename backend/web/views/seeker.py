"""The seeker's own pages: dashboard, eligibility, recommendations, applications, mentoring.

Reads and writes go through `backend.web.seeker_backend` (the other apps' selectors, services
and access functions); the profile steps are in `views/profile.py`, the privacy centre in
`views/privacy.py`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.web import seeker_backend as backend
from backend.web.access import seeker_required
from backend.web.forms.seeker import MentoringRequestForm
from backend.web.labels import (
    APPLICATION_ACTORS,
    APPLICATION_STATUS,
    APPLICATION_STEPS,
    COMPONENTS,
    MENTORING_STATUS,
    PROGRAMMES,
)
from backend.web.profile_steps import progress
from backend.web.views.training import training_block

PAGE_SIZE = 10
DASHBOARD_RECOMMENDATIONS = 3
DASHBOARD_REASONS = 3  # the strongest reasons of each recommendation on the dashboard
DASHBOARD_ROWS = 5
DECISION_REQUESTS_SHOWN = 10  # the seeker's newest explanation/review requests shown


def _page(request: HttpRequest, rows: Any, size: int = PAGE_SIZE) -> Page[Any]:
    return Paginator(rows, size).get_page(request.GET.get("page"))


def _eligibility(profile: backend.SeekerProfile) -> list[dict[str, Any]]:
    return [
        {
            "programme": row["programme"],
            "title": PROGRAMMES.get(row["programme"], row["programme"]),
            "eligible": row["eligible"],
            "reasons": row["reasons"],
            "policy_version": row["policy_version"],
        }
        for row in backend.seeker_eligibility(profile)
    ]


def _recommendations(
    profile: backend.SeekerProfile,
) -> tuple[QuerySet[Any] | None, bool]:
    """The stored recommendations, or (None, True) while search cannot compute them."""
    try:
        return backend.recommendations_of(profile), False
    except backend.SearchUnavailableError:
        return None, True


def _empty_reason(profile: backend.SeekerProfile) -> str:
    """Why the seeker has no recommendation, as a sentence ("" when search cannot say)."""
    reason = backend.recommendations_empty_reason(profile)
    return reason.message if reason is not None else ""


def _components(recommendation: Any) -> list[dict[str, Any]]:
    values = recommendation.components or {}
    return [
        {
            "code": code,
            "label": label,
            "meaning": meaning,
            "percent": round(float(values.get(code, 0.0)) * 100),
        }
        for code, (label, meaning) in COMPONENTS.items()
    ]


def _recommendation_row(recommendation: Any, reasons: int | None = None) -> dict[str, Any]:
    """A stored recommendation with its score in percent and its reasons as sentences in the
    active language (stored as codes; `reasons` keeps the first few)."""
    return {
        "recommendation": recommendation,
        "percent": round(recommendation.score * 100),
        "reasons": backend.render_reasons(recommendation.reasons)[:reasons],
    }


def _history(application: Any) -> list[dict[str, Any]]:
    """The status history in plain words, oldest first: what, when, and who (a role: 나,
    기업, 시 담당자). Read from the prefetched `status_changes`."""
    return [
        {
            "label": APPLICATION_STATUS.get(change.to_status, change.to_status),
            "at": change.created_at,
            "who": APPLICATION_ACTORS.get(change.changed_by_role, ""),
            "approximate": change.backfilled,
        }
        for change in application.status_changes.all()
    ]


def _application_row(application: Any, *, with_history: bool = False) -> dict[str, Any]:
    status = application.status
    reached = APPLICATION_STEPS.index(status) if status in APPLICATION_STEPS else -1
    return {
        "history": _history(application) if with_history else [],
        "application": application,
        "status_label": APPLICATION_STATUS.get(status, status),
        "open": status in backend.OPEN_APPLICATION_STATUSES,
        "steps": [
            {
                "label": APPLICATION_STATUS[code],
                "state": "current" if index == reached else ("done" if index < reached else ""),
            }
            for index, code in enumerate(APPLICATION_STEPS)
        ],
        "ended": status if reached < 0 else "",
        # 근로기준법 §66: what an applicant under 18 must bring (guardian's consent, certificate).
        "minor_notice": backend.MINOR_NOTICE_FOR_SEEKER if application.applicant_minor else "",
    }


def _mentoring_row(mentoring_request: Any) -> dict[str, Any]:
    mentor = mentoring_request.mentor
    return {
        "request": mentoring_request,
        "status_label": MENTORING_STATUS.get(mentoring_request.status, mentoring_request.status),
        "mentor_name": mentor.public_name if mentor is not None else "",
    }


@login_required
@seeker_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    profile = backend.seeker_profile_of(user=user)
    context: dict[str, Any] = {"nav": "me", "profile": profile}
    if profile is not None:
        steps = progress(profile)
        recommendations, unavailable = _recommendations(profile)
        shown = (
            list(recommendations[:DASHBOARD_RECOMMENDATIONS]) if recommendations is not None else []
        )
        context.update(
            steps=steps,
            missing=[step for step in steps if not step.done],
            eligibility=_eligibility(profile),
            recommendations=[_recommendation_row(item, DASHBOARD_REASONS) for item in shown],
            empty_reason=_empty_reason(profile) if not shown and not unavailable else None,
            search_unavailable=unavailable,
            training=training_block(profile),
        )
    context["applications"] = [
        _application_row(a) for a in backend.applications_of(user)[:DASHBOARD_ROWS]
    ]
    context["mentoring"] = [
        _mentoring_row(r) for r in backend.mentoring_requests_of(user)[:DASHBOARD_ROWS]
    ]
    return render(request, "web/me/dashboard.html", context)


def _profile_or_start(request: HttpRequest) -> backend.SeekerProfile | None:
    profile = backend.seeker_profile_of(user=request_user(request))
    if profile is None:
        messages.info(request, _("먼저 프로필을 만들어 주세요."))
    return profile


@login_required
@seeker_required
@require_safe
def eligibility(request: HttpRequest) -> HttpResponse:
    profile = _profile_or_start(request)
    if profile is None:
        return redirect("web:me_profile")
    return render(
        request,
        "web/me/eligibility.html",
        {"nav": "me", "profile": profile, "rows": _eligibility(profile)},
    )


@login_required
@seeker_required
@require_safe
def recommendations(request: HttpRequest) -> HttpResponse:
    profile = _profile_or_start(request)
    if profile is None:
        return redirect("web:me_profile")
    stored, unavailable = _recommendations(profile)
    page = _page(request, stored) if stored is not None else None
    rows = [
        {**_recommendation_row(item), "components": _components(item)}
        for item in (page.object_list if page is not None else [])
    ]
    requests = list(backend.decision_requests_of(profile)[:DECISION_REQUESTS_SHOWN])
    return render(
        request,
        "web/me/recommendations.html",
        {
            "nav": "me",
            "page": page,
            "rows": rows,
            "empty_reason": (
                _empty_reason(profile) if page is not None and not page.paginator.count else ""
            ),
            "search_unavailable": unavailable,
            "decision_requests": requests,
        },
        status=503 if unavailable else 200,
    )


@login_required
@seeker_required
@require_safe
def applications(request: HttpRequest) -> HttpResponse:
    page = _page(request, backend.applications_with_history_of(request_user(request)))
    return render(
        request,
        "web/me/applications.html",
        {
            "nav": "me",
            "page": page,
            "rows": [_application_row(a, with_history=True) for a in page.object_list],
        },
    )


@login_required
@seeker_required
@require_POST
def application_withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        application = backend.application_for_seeker(user, application_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    try:
        backend.application_withdraw(application=application, actor=user)
    except DomainError:
        messages.error(
            request,
            _("'%(title)s' 지원은 이미 끝난 상태라 취소할 수 없어요.")
            % {"title": application.posting.title},
        )
    else:
        messages.success(
            request, _("'%(title)s' 지원을 취소했어요.") % {"title": application.posting.title}
        )
    return redirect("web:me_applications")


@login_required
@seeker_required
@require_http_methods(["GET", "HEAD", "POST"])
def mentoring(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    career_fields = list(backend.career_field_list())
    form = MentoringRequestForm(
        request.POST if request.method == "POST" else None, career_fields=career_fields
    )
    if request.method == "POST" and form.is_valid():
        try:
            backend.mentoring_request_create(
                seeker=user,
                career_field=form.cleaned_data["career_field"],
                topic=form.cleaned_data["topic"],
                message=form.cleaned_data["message"],
                shared_contact=form.cleaned_data["shared_contact"],
            )
        except ValidationError as error:
            for name, texts in error.message_dict.items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("멘토링을 요청했어요. 멘토가 수락하면 여기에서 알려 드려요.")
            )
            return redirect("web:me_mentoring")
    page = _page(request, backend.mentoring_requests_of(user))
    rows = [_mentoring_row(r) for r in page.object_list]
    waiting = next((row["request"] for row in rows if row["request"].status == "open"), None)
    suggestions = backend.suggested_mentors(waiting) if waiting is not None else []
    return render(
        request,
        "web/me/mentoring.html",
        {
            "nav": "me",
            "form": form,
            "page": page,
            "rows": rows,
            "waiting": waiting,
            "suggestions": [
                {
                    "mentor": mentor,
                    "reasons": list(s.reasons),
                    "free": s.candidate.free_places,
                }
                for s, mentor in suggestions
            ],
        },
    )
