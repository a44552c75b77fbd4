"""Pages anyone may open: the home page, a posting, the privacy notice."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from backend.accounts.models import CONSENT_NOTICE_VERSION, Role
from backend.core.errors import NotFoundError
from backend.employers.models import Employer
from backend.jobs import access as jobs_access
from backend.jobs import selectors as jobs_selectors
from backend.jobs.models import PostingStatus
from backend.matching.decisions import scoring_criteria
from backend.seekers.selectors import seeker_is_minor
from backend.taxonomy.vocabulary import Cohort, Shift
from backend.taxonomy.young_workers import suitable_for_minors
from backend.web.labels import COMPONENTS
from backend.web.request import request_actor

HOME_LIST_SIZE = 6


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            "cohorts": Cohort.choices,
            "newest": jobs_selectors.postings_open_newest(limit=HOME_LIST_SIZE),
            "closing_soon": jobs_selectors.postings_open_closing_soon(limit=HOME_LIST_SIZE),
        },
    )


@require_safe
def job_detail(request: HttpRequest, posting_id: int) -> HttpResponse:
    try:
        posting = jobs_access.posting_visible_to(request_actor(request), posting_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    actor = request_actor(request)
    # 근로기준법 §65, §69, §70: a seeker under 18 who reaches a posting they may not take (a
    # shared link) is told so instead of being offered the apply button.
    minor_barred = seeker_is_minor(actor) and not suitable_for_minors(posting)
    return render(
        request,
        "web/jobs/detail.html",
        {
            "posting": posting,
            "nav": "jobs",
            "shift_labels": [Shift(code).label for code in posting.shifts if code in Shift.values],
            "cohort_labels": [
                Cohort(code).label for code in posting.cohorts_welcome if code in Cohort.values
            ],
            "programme": _programme(posting.employer),
            "can_apply": posting.status == PostingStatus.OPEN
            and getattr(actor, "role", None) == Role.SEEKER
            and not minor_barred,
            "minor_barred": minor_barred,
        },
    )


def _programme(employer: Employer) -> str:
    """The employer's standing under the ordinance, as the seeker should read it."""
    # What staff vouched for, not what the employer claims since (a claim waits for them).
    if employer.vouched_city_funded:
        return str(_("시 출자·출연 기관이에요. 지역 인재를 우선 채용해요."))
    if employer.vouched_partner_pledge:
        return str(_("지역인재 채용 협약을 맺은 기업이에요."))
    return ""


@require_safe
def privacy_notice(request: HttpRequest) -> HttpResponse:
    # The matching criteria and weights, read from the policy the scorer uses (PIPA §37-2:
    # the standards of automated decisions are published), in plain words.
    criteria = [
        {
            "label": COMPONENTS[row["component"]][0],
            "meaning": COMPONENTS[row["component"]][1],
            "percent": round(row["share"] * 100),
        }
        for row in scoring_criteria()
    ]
    return render(
        request,
        "web/privacy_notice.html",
        {"notice_version": CONSENT_NOTICE_VERSION, "criteria": criteria},
    )
