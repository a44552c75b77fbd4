"""`/jobs/`: search open postings with the API's parameters; the URL is the state.

Without JavaScript the form is a GET that reloads the page; with htmx the same GET swaps only
the results (the `results` partial of the same template) and pushes the URL, so the back
button and a shared link give the same page.
"""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from backend.accounts.models import Role
from backend.taxonomy import selectors as taxonomy_selectors
from backend.taxonomy.models import Area, CareerField
from backend.web import fragments, seeker_backend
from backend.web.forms.search import JobSearchForm
from backend.web.search import search_postings
from search.backends.base import SearchUnavailableError

# The conditions of the filter panel (the panel opens by itself when one is set).
FILTERS = (
    "cohort",
    "near_area",
    "radius_km",
    "area",
    "career_field",
    "employment_type",
    "shift",
    "min_wage",
)

# The fields of the filter panel, in its order (web/jobs/filters.html).
PANEL = (*FILTERS, "sort")

FACET_LABELS = [
    ("career_field", _("계열")),
    ("employment_type", _("고용 형태")),
    ("area", _("근무지")),
]


@require_safe
def jobs(request: HttpRequest) -> HttpResponse:
    areas = list(taxonomy_selectors.area_list())
    career_fields = list(taxonomy_selectors.career_field_list())
    form = JobSearchForm(request.GET, areas=areas, career_fields=career_fields)
    form.is_valid()
    active = sum(
        1 for name in FILTERS if request.GET.getlist(name) != [] and any(request.GET.getlist(name))
    )
    results = None
    unavailable = False
    query = form.query()
    minor = seeker_backend.seeker_is_minor(request.user)
    if minor:
        # 근로기준법 §65, §69, §70: a seeker under 18 sees only the postings a minor may take.
        query = replace(query, minors_only=True)
    try:
        results = search_postings(
            query,
            career_field_names={field.code: field.display_name for field in career_fields},
            area_names={area.code: area.name for area in areas},
        )
    except SearchUnavailableError:
        unavailable = True
    did_you_mean_query = ""
    if results is not None and results.did_you_mean:
        params = request.GET.copy()
        params.pop("page", None)
        params["q"] = results.did_you_mean
        did_you_mean_query = params.urlencode()
    context = {
        "form": form,
        "results": results,
        "unavailable": unavailable,
        "nav": "jobs",
        "query_string": _without_page(request),
        "did_you_mean_query": did_you_mean_query,
        "filter_fields": _filter_fields(request, form, areas, career_fields),
        "facet_labels": FACET_LABELS,
        "active_filters": active,
        "filters_open": bool(active) or bool(form.errors),
        "minor": minor,
        # "이 검색 저장" (issue 16): for seekers, and for visitors (the link asks to log in).
        "can_save_search": not request.user.is_authenticated
        or getattr(request.user, "role", None) == Role.SEEKER,
    }
    template = "web/jobs/search.html"
    if request.htmx and request.htmx.target == "search-results":  # type: ignore[attr-defined]
        template += "#results"
    return render(request, template, context, status=503 if unavailable else 200)


def _filter_fields(
    request: HttpRequest,
    form: JobSearchForm,
    areas: list[Area],
    career_fields: list[CareerField],
) -> SafeString:
    """The filter panel's fields. Everyone who submits the same values in the same language
    sees the same panel (no personal data: the dongs, fields and choices), so it is rendered
    once per process for those inputs; a panel with an error is rendered each time."""

    def render_panel() -> str:
        return render_to_string("web/jobs/filters.html", {"form": form})

    if any(name in form.errors for name in PANEL):
        return SafeString(render_panel())
    reference = fragments.digest(
        [(area.code, area.name) for area in areas]
        + [(field.code, field.display_name) for field in career_fields]
    )
    submitted = tuple((name, tuple(request.GET.getlist(name))) for name in PANEL)
    return fragments.fragment(("jobs-filters", get_language(), submitted, reference), render_panel)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
