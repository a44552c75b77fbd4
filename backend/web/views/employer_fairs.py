"""Job fairs in the employer console: the fairs its postings take part in, the published
interview schedule at its postings (who comes when, for which posting), and the same schedule
as a printable PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from backend.accounts.permissions import request_user
from backend.core.errors import NotFoundError
from backend.web import fairs_backend as backend
from backend.web.views.employer import employer_required, organisation_or_redirect, page_of


def _fair(request: HttpRequest, fair_id: int) -> backend.JobFair:
    try:
        return backend.fair_for_employer_or_staff(request_user(request), fair_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None


@login_required
@employer_required
@require_safe
def fairs(request: HttpRequest) -> HttpResponse:
    if organisation_or_redirect(request) is None:
        return redirect("web:employer_organisation")
    page = page_of(request, backend.employer_fairs(request_user(request)))
    return render(request, "web/employer/fairs.html", {"nav": "me", "page": page})


@login_required
@employer_required
@require_safe
def fair_schedule(request: HttpRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id)
    bookings = backend.employer_schedule(request_user(request), fair)
    return render(
        request,
        "web/employer/fair_schedule.html",
        {
            "nav": "me",
            "fair": fair,
            "published": backend.published_run_id(fair) is not None,
            "groups": backend.schedule_rows(bookings),
        },
    )


@login_required
@employer_required
@require_safe
def fair_schedule_pdf(request: HttpRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id)
    user = request_user(request)
    employer = backend.employer_of_user(user=user)
    name = employer.public_name if employer else ""
    try:
        pdf = backend.schedule_pdf(fair, name, backend.employer_schedule(user, fair))
    except backend.PdfUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="fair-{fair.pk}-schedule.pdf"'
    return response
