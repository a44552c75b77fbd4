"""`/me/saved-searches/`: a seeker's saved searches of `/jobs/` and their alert mails.

"이 검색 저장" on `/jobs/` opens `new/` with the search in the URL: the page shows what will
be saved and asks for a name and daily or weekly alerts (a POST saves it). The list changes a
search's name and frequency or deletes it (POSTs). The parameters are validated as the
search API's (`backend.jobs.saved_searches.query_clean`): a bad one is a 400 page naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.jobs import saved_searches as service
from backend.jobs.alert_models import AlertFrequency, SavedSearch
from backend.taxonomy import selectors as taxonomy_selectors
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift
from backend.web.access import seeker_required
from backend.web.forms.alerts import SavedSearchForm
from backend.web.views.employer import place_errors

PAGE_SIZE = 10
FORM_FIELDS = frozenset({"name", "frequency", "csrfmiddlewaretoken"})
PARAMETER_LABELS = {
    "q": gettext_lazy("검색어"),
    "cohort": gettext_lazy("누구를 위한 일자리"),
    "near_area": gettext_lazy("가까운 동네"),
    "near": gettext_lazy("가까운 곳 (좌표)"),
    "radius_km": gettext_lazy("거리"),
    "area": gettext_lazy("근무지"),
    "career_field": gettext_lazy("계열"),
    "employment_type": gettext_lazy("고용 형태"),
    "shift": gettext_lazy("근무 시간대"),
    "min_wage": gettext_lazy("최소 시급"),
}
ORDER = ["q", "cohort", "near_area", "near", "radius_km", "area", "career_field"]
ORDER += ["employment_type", "shift", "min_wage"]


def describe(
    query: Mapping[str, Any], *, areas: dict[str, str], fields: dict[str, str]
) -> list[dict[str, str]]:
    """The conditions of a saved search as label and value lines, in the page's language."""
    names: dict[str, Mapping[str, Any]] = {
        "area": areas,
        "near_area": areas,
        "career_field": fields,
        "employment_type": dict(EmploymentType.choices),
        "shift": dict(Shift.choices),
        "cohort": dict(Cohort.choices),
    }
    lines = []
    for key in ORDER:
        if key not in query:
            continue
        value = query[key]
        values = value if isinstance(value, list) else [value]
        shown = [str(names.get(key, {}).get(str(v), v)) for v in values]
        text = ", ".join(shown)
        if key == "radius_km":
            text = _("%(km)skm 안") % {"km": f"{float(value):g}"}
        elif key == "min_wage":
            text = _("%(amount)s원 이상") % {"amount": f"{int(value):,}"}
        lines.append({"label": str(PARAMETER_LABELS[key]), "value": text})
    return lines


def _names() -> tuple[dict[str, str], dict[str, str]]:
    areas = {area.code: area.name for area in taxonomy_selectors.area_list()}
    fields = {field.code: field.display_name for field in taxonomy_selectors.career_field_list()}
    return areas, fields


def _hidden(query: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The saved parameters as hidden inputs of the save form (one per value)."""
    pairs = []
    for key, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, str(item)))
    return pairs


def _parameters(data: QueryDict) -> QueryDict:
    params = data.copy()
    for name in FORM_FIELDS:
        params.pop(name, None)
    return params


def _saved(request: HttpRequest, saved_search_id: int) -> SavedSearch:
    try:
        return service.saved_search_for(request_user(request), saved_search_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None


@login_required
@seeker_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_new(request: HttpRequest) -> HttpResponse:
    """Confirm and save the search of `/jobs/` given in the URL (GET) or the form (POST)."""
    user = request_user(request)
    source = request.POST if request.method == "POST" else request.GET
    areas, fields = _names()
    form = SavedSearchForm(request.POST if request.method == "POST" else None)
    try:
        query = service.query_clean(_parameters(source))
        if request.method != "POST":
            form = SavedSearchForm(initial={"name": service.default_name(query)})
    except ValidationError as error:
        problems = [
            {"label": str(PARAMETER_LABELS.get(name, name)), "messages": texts}
            for name, texts in error.message_dict.items()
        ]
        return render(
            request,
            "web/me/saved_search_new.html",
            {"nav": "me", "problems": problems, "form": form},
            status=400,
        )
    if request.method == "POST" and form.is_valid():
        try:
            saved = service.saved_search_create(
                user=user,
                query=query,
                frequency=form.cleaned_data["frequency"],
                name=form.cleaned_data["name"],
            )
        except (ValidationError, DomainError) as error:
            place_errors(form, error)
        else:
            messages.success(
                request,
                _("'%(name)s' 검색을 저장했어요. 새 공고가 올라오면 메일로 알려 드려요.")
                % {"name": saved.name},
            )
            return redirect("web:me_saved_searches")
    return render(
        request,
        "web/me/saved_search_new.html",
        {
            "nav": "me",
            "form": form,
            "lines": describe(query, areas=areas, fields=fields),
            "hidden": _hidden(query),
            "jobs_query": service.jobs_query_string(query),
        },
        status=400 if form.errors else 200,
    )


def _row(saved: SavedSearch, *, areas: dict[str, str], fields: dict[str, str]) -> dict[str, Any]:
    return {
        "saved": saved,
        "lines": describe(saved.query, areas=areas, fields=fields),
        "frequency_label": AlertFrequency(saved.frequency).label,
        "jobs_query": service.jobs_query_string(saved.query),
    }


@login_required
@seeker_required
@require_http_methods(["GET", "HEAD"])
def saved_search_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(service.saved_searches_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    areas, fields = _names()
    return render(
        request,
        "web/me/saved_searches.html",
        {
            "nav": "me",
            "page": page,
            "rows": [_row(saved, areas=areas, fields=fields) for saved in page.object_list],
        },
    )


@login_required
@seeker_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_edit(request: HttpRequest, saved_search_id: int) -> HttpResponse:
    """Change one saved search's name and frequency."""
    saved = _saved(request, saved_search_id)
    form = SavedSearchForm(
        request.POST if request.method == "POST" else None,
        initial={"name": saved.name, "frequency": saved.frequency},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = service.saved_search_update(
                saved=saved,
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
            )
        except (ValidationError, DomainError) as error:
            place_errors(form, error)
        else:
            messages.success(request, _("'%(name)s' 검색을 바꿨어요.") % {"name": saved.name})
            return redirect("web:me_saved_searches")
    areas, fields = _names()
    return render(
        request,
        "web/me/saved_search_edit.html",
        {
            "nav": "me",
            "form": form,
            "saved": saved,
            "lines": describe(saved.query, areas=areas, fields=fields),
        },
        status=400 if form.errors else 200,
    )


@login_required
@seeker_required
@require_POST
def saved_search_delete(request: HttpRequest, saved_search_id: int) -> HttpResponse:
    saved = _saved(request, saved_search_id)
    service.saved_search_delete(saved=saved)
    messages.success(
        request,
        _("'%(name)s' 검색을 지웠어요. 이 검색의 알림은 더 오지 않아요.") % {"name": saved.name},
    )
    return redirect("web:me_saved_searches")
