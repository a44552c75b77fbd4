"""The employer's postings: list by status, create, edit, submit for review, close; the
applicants of one posting with their next moves; the anonymous shortlist.

Another employer's posting is a 404 page (jobs' access functions); an action the posting's
status does not allow comes back as a message, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.models import User
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError, RateLimitedError
from backend.taxonomy.vocabulary import Cohort
from backend.web import employer_backend as backend
from backend.web.forms.employer import ApplicationMoveForm, PostingForm, posting_initial
from backend.web.labels import APPLICATION_STATUS, COMPONENTS, policy_text
from backend.web.labels_employer import (
    FLAG_CHECKS,
    POSTING_STATUS,
    POSTING_STATUS_MEANING,
    POSTING_STATUS_ORDER,
)
from backend.web.views.employer import (
    PAGE_SIZE,
    employer_required,
    organisation_or_redirect,
    page_of,
    place_errors,
    same_query,
    verification,
)
from backend.web.views.limits import rate_limited_page

SHORTLIST_PAGE_SIZE = 10


def _posting(request: HttpRequest, posting_id: int) -> backend.Posting:
    try:
        return backend.posting_for_employer(request_user(request), posting_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None


def _flag_rows(flags: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for flag in flags:
        what, fix = FLAG_CHECKS.get(flag.code, (policy_text(flag.clause), ""))
        rows.append(
            {
                "what": what,
                "fix": fix,
                "clause": policy_text(flag.clause),
                "matched": flag.matched,
                "reviewed": flag.reviewed_at is not None,
                "note": flag.review_note,
            }
        )
    return rows


def _posting_row(posting: Any) -> dict[str, Any]:
    flags = list(posting.review_flags.all())
    return {
        "posting": posting,
        "status_label": POSTING_STATUS.get(posting.status, posting.status),
        "meaning": POSTING_STATUS_MEANING.get(posting.status, ""),
        "editable": posting.status in backend.EDITABLE_STATUSES,
        "open_flags": _flag_rows([f for f in flags if f.reviewed_at is None]),
    }


@login_required
@employer_required
@require_safe
def postings(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    employer = organisation_or_redirect(request)
    if employer is None:
        return redirect("web:employer_organisation")
    wanted = request.GET.get("status", "")
    if wanted not in POSTING_STATUS:
        wanted = ""
    counts = backend.posting_counts(user)
    rows = backend.postings_of(user)
    if wanted:
        rows = rows.filter(status=wanted)
    page = page_of(request, rows)
    return render(
        request,
        "web/employer/postings.html",
        {
            "nav": "me",
            "employer": employer,
            "verification": verification(employer),
            "wanted": wanted,
            "tabs": [
                {"status": code, "label": POSTING_STATUS[code], "count": counts[code]}
                for code in POSTING_STATUS_ORDER
            ],
            "total": sum(counts.values()),
            "page": page,
            "rows": [_posting_row(p) for p in page.object_list],
        },
    )


def _posting_form(request: HttpRequest, initial: dict[str, Any] | None = None) -> PostingForm:
    return PostingForm(
        request.POST if request.method == "POST" else None,
        areas=list(backend.area_list()),
        career_fields=list(backend.career_field_list()),
        initial=initial or {},
    )


def _render_form(
    request: HttpRequest,
    form: PostingForm,
    employer: backend.Employer,
    posting: backend.Posting | None,
    status: int,
) -> HttpResponse:
    context: dict[str, Any] = {
        "nav": "me",
        "form": form,
        "employer": employer,
        "verification": verification(employer),
        "posting": posting,
    }
    if posting is not None:
        context.update(
            status_label=POSTING_STATUS.get(posting.status, posting.status),
            meaning=POSTING_STATUS_MEANING.get(posting.status, ""),
            open_flags=_flag_rows(posting.open_flags),  # type: ignore[attr-defined]
            reviewed_flags=_flag_rows(
                [f for f in posting.all_flags if f.reviewed_at is not None]  # type: ignore[attr-defined]
            ),
        )
    return render(request, "web/employer/posting_form.html", context, status=status)


@login_required
@employer_required
@require_http_methods(["GET", "HEAD", "POST"])
def posting_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    employer = organisation_or_redirect(request)
    if employer is None:
        return redirect("web:employer_organisation")
    form = _posting_form(request, {"days_per_week": 5, "openings": 1, "min_experience_years": 0})
    if request.method == "POST":
        if form.is_valid():
            try:
                posting = backend.posting_create(
                    employer=employer, actor=user, fields=form.values()
                )
            except ValidationError as error:
                place_errors(form, error)
            else:
                messages.success(
                    request,
                    _("공고를 저장했어요. 아직 구직자에게 보이지 않아요. 검토를 요청해 주세요."),
                )
                return redirect("web:employer_posting_edit", posting_id=posting.pk)
        return _render_form(request, form, employer, None, 400)
    return _render_form(request, form, employer, None, 200)


@login_required
@employer_required
@require_http_methods(["GET", "HEAD", "POST"])
def posting_edit(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(request, posting_id)
    employer = posting.employer
    initial = posting_initial(posting)
    pending = posting.pending_revision  # type: ignore[attr-defined]
    if pending is not None:
        # The employer goes on from what they proposed, not from the approved version.
        initial.update({k: v for k, v in pending.proposed.items() if k in initial})
    form = _posting_form(request, initial)
    if request.method == "POST":
        if posting.status not in backend.EDITABLE_STATUSES:
            messages.error(request, _("검토 중이거나 끝난 공고는 고칠 수 없어요."))
            return redirect("web:employer_posting_edit", posting_id=posting.pk)
        if form.is_valid():
            values = form.values()
            changed = {name: values[name] for name in form.changed_data}
            try:
                backend.posting_update(posting=posting, actor=user, fields=changed)
            except ValidationError as error:
                place_errors(form, error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                if backend.posting_for_employer(user, posting.pk).pending_revision is not None:  # type: ignore[attr-defined]
                    messages.success(
                        request,
                        _(
                            "고친 내용을 시 담당자가 확인한 뒤에 공고에 반영해요. "
                            "그동안 구직자에게는 승인된 내용이 그대로 보여요."
                        ),
                    )
                else:
                    messages.success(request, _("공고를 고쳤어요."))
                return redirect("web:employer_posting_edit", posting_id=posting.pk)
        return _render_form(request, form, employer, posting, 400)
    return _render_form(request, form, employer, posting, 200)


@login_required
@employer_required
@require_POST
def posting_submit(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = _posting(request, posting_id)
    try:
        backend.posting_submit(posting=posting, actor=request_user(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("'%(title)s' 공고의 검토를 요청했어요. 시 담당자가 승인하면 바로 게시돼요.")
            % {"title": posting.title},
        )
    return redirect("web:employer_posting_edit", posting_id=posting.pk)


@login_required
@employer_required
@require_POST
def posting_close(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = _posting(request, posting_id)
    try:
        backend.posting_close(posting=posting, actor=request_user(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("'%(title)s' 공고를 마감했어요. 지원자 채용은 계속할 수 있어요.")
            % {"title": posting.title},
        )
    return redirect("web:employer_postings")


# --- applicants -----------------------------------------------------------------------------


def _moves(application: backend.Application) -> list[str]:
    """The employer's allowed next statuses of an application (API.md's machine)."""
    status = application.status
    if status not in backend.OPEN_APPLICATION_STATUSES:
        return []
    return [str(backend.EMPLOYER_NEXT_STATUS[backend.ApplicationStatus(status)]), "rejected"]


def _applicant_name(application: backend.Application) -> str:
    profile = getattr(application.seeker, "seeker_profile", None)
    return profile.display_name if profile is not None else application.seeker.email


def _render_applications(
    request: HttpRequest,
    user: User,
    posting: backend.Posting,
    bound: tuple[int, ApplicationMoveForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    wanted = request.GET.get("status", "")
    if wanted not in APPLICATION_STATUS:
        wanted = ""
    applications = backend.applications_of_posting(user, posting)
    if wanted:
        applications = applications.filter(status=wanted)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    contact = backend.seekers_with_contact_for(posting.employer_id, [a.seeker_id for a in listed])
    backend.log_applicants(user, [a for a in listed if a.seeker_id in contact], request)
    rows = []
    for application in listed:
        shown = application.seeker_id in contact
        moves = _moves(application)
        form = None
        if moves:
            if bound is not None and bound[0] == application.pk:
                form = bound[1]
            else:
                form = ApplicationMoveForm(moves=moves)
        rows.append(
            {
                "application": application,
                "contact": shown,
                "name": _applicant_name(application)
                if shown
                else _("지원자 %(ref)s") % {"ref": f"S-{application.seeker_id}"},
                "status_label": APPLICATION_STATUS.get(application.status, application.status),
                "form": form,
                "hire": "hired" in moves,
            }
        )
    return render(
        request,
        "web/employer/applications.html",
        {
            "nav": "me",
            "posting": posting,
            "status_label": POSTING_STATUS.get(posting.status, posting.status),
            "wanted": wanted,
            "filters": [
                {"status": code, "label": label} for code, label in APPLICATION_STATUS.items()
            ],
            "page": page,
            "rows": rows,
            "form": bound[1] if bound is not None else None,
            "minor_notice": backend.MINOR_NOTICE_FOR_EMPLOYER,
        },
        status=status,
    )


@login_required
@employer_required
@require_safe
def applications(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = _posting(request, posting_id)
    return _render_applications(request, request_user(request), posting)


@login_required
@employer_required
@require_POST
def application_move(request: HttpRequest, posting_id: int, application_id: int) -> HttpResponse:
    """POST `status` (with `message`, and `hired_on` when hiring): one move of one applicant."""
    user = request_user(request)
    posting = _posting(request, posting_id)
    try:
        application = backend.application_for_employer(user, application_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    if application.posting_id != posting.pk:
        raise Http404
    moves = _moves(application)
    form = ApplicationMoveForm(request.POST, moves=moves)
    if not moves:
        messages.error(request, _("이 지원은 이미 끝나서 단계를 바꿀 수 없어요."))
        return redirect(same_query(request, "web:employer_applications", posting.pk))
    if form.is_valid():
        try:
            backend.application_set_status(
                application=application,
                actor=user,
                status=form.cleaned_data["status"],
                hired_on=form.cleaned_data["hired_on"]
                if form.cleaned_data["status"] == "hired"
                else None,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            place_errors(form, error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s님의 지원을 '%(status)s'(으)로 옮겼어요. 지원자에게 메일로 알려요.")
                % {
                    "name": _applicant_name(application),
                    "status": APPLICATION_STATUS[form.cleaned_data["status"]],
                },
            )
            return redirect(same_query(request, "web:employer_applications", posting.pk))
    return _render_applications(request, user, posting, (application.pk, form), status=400)


# --- the shortlist --------------------------------------------------------------------------


@login_required
@employer_required
@require_safe
def candidates(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    posting = _posting(request, posting_id)
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    unavailable = False
    total = 0
    rows: list[backend.ShortlistRow] = []
    try:
        total, rows = backend.shortlist(
            user,
            posting,
            start=(number - 1) * SHORTLIST_PAGE_SIZE,
            size=SHORTLIST_PAGE_SIZE,
            request=request,
        )
    except backend.SearchUnavailableError:
        unavailable = True
    except RateLimitedError as error:
        return rate_limited_page(request, error)
    pages = max(1, -(-total // SHORTLIST_PAGE_SIZE))
    return render(
        request,
        "web/employer/candidates.html",
        {
            "nav": "me",
            "posting": posting,
            "status_label": POSTING_STATUS.get(posting.status, posting.status),
            "total": total,
            "number": number,
            "pages": pages,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < pages else None,
            "rows": [
                {
                    "row": row,
                    "percent": round(row.score * 100),
                    "cohort": Cohort(row.cohort).label
                    if row.cohort in Cohort.values
                    else row.cohort,
                    "reasons": [r for r in row.reasons],
                    "components": [
                        {
                            "label": label,
                            "percent": round(float(row.components.get(code, 0.0)) * 100),
                        }
                        for code, (label, _meaning) in COMPONENTS.items()
                    ],
                }
                for row in rows
            ],
            "search_unavailable": unavailable,
        },
        status=503 if unavailable else 200,
    )
