"""`GET /api/v1/postings/search/` and `/postings/suggest/` (public), per API.md: the jobs
app serves them (the search of its postings), through `search`'s query, backends and analysis.

Parameters are parsed into a `PostingQuery` (pure, validated: a bad one is a 400 naming the
parameter); the text is analysed into terms, so it never reaches a backend as query syntax.
When the backend is down the answer is a 503 with a clear message, within its timeout.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.throttling import SearchRateThrottle
from backend.seekers.selectors import seeker_is_minor
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift
from search.analysis import analyze, highlight
from search.backends import get_backend
from search.backends.base import UNAVAILABLE_MESSAGE, SearchUnavailableError
from search.documents import GeoPoint
from search.query import MAX_PAGE_SIZE, PostingQuery, QueryError
from search.spelling import synonym_completions
from search.user_search import UserSearch, search_text


def _multi(params: QueryDict, name: str) -> tuple[str, ...]:
    """Repetition (`?shift=a&shift=b`) or commas (`?shift=a,b`)."""
    values: list[str] = []
    for raw in params.getlist(name):
        values += [part.strip() for part in raw.split(",") if part.strip()]
    return tuple(dict.fromkeys(values))


def _number(params: QueryDict, name: str, kind: type[int] | type[float]) -> Any:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return kind(raw)
    except ValueError:
        raise QueryError(name, gettext("%(name)s는 숫자여야 합니다.") % {"name": name}) from None


def _near(params: QueryDict) -> GeoPoint | None:
    raw = params.get("near")
    if not raw:
        return None
    try:
        lat_text, lon_text = raw.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise QueryError("near", gettext("near는 '위도,경도' 형식입니다.")) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError("near", gettext("위도/경도 범위를 벗어났습니다."))
    return GeoPoint(lat, lon)


def _known(name: str, values: tuple[str, ...], allowed: Collection[str]) -> tuple[str, ...]:
    """`values` when every one is allowed; else a `QueryError` naming the allowed values."""
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise QueryError(
            name,
            gettext(
                "%(name)s에 알 수 없는 값 %(values)s이(가) 있습니다. %(choices)s 중에서 고르세요."
            )
            % {"name": name, "values": ", ".join(unknown), "choices": ", ".join(allowed)},
        )
    return values


def parse_query(params: QueryDict) -> PostingQuery:
    """The `PostingQuery` of these query parameters; `QueryError` names a bad one (an unknown
    code among `career_field`, `employment_type`, `shift`, `cohort` and `area` too)."""
    text = (params.get("q") or "").strip()[:200]
    page = _number(params, "page", int)
    page_size = _number(params, "page_size", int)
    career_fields = _multi(params, "career_field")
    if career_fields:
        codes = list(CareerField.objects.order_by("code").values_list("code", flat=True))
        _known("career_field", career_fields, codes)
    areas = _multi(params, "area")
    if areas:
        _known("area", areas, list(Area.objects.order_by("code").values_list("code", flat=True)))
    cohort = params.get("cohort") or None
    if cohort is not None:
        _known("cohort", (cohort,), Cohort.values)
    return PostingQuery(
        terms=analyze(text) if text else (),
        text=text,
        career_fields=career_fields,
        employment_types=_known(
            "employment_type", _multi(params, "employment_type"), EmploymentType.values
        ),
        shifts=_known("shift", _multi(params, "shift"), Shift.values),
        cohort=cohort,
        areas=areas,
        near=_near(params),
        radius_km=_number(params, "radius_km", float),
        min_wage=_number(params, "min_wage", int),
        sort=params.get("sort") or "relevance",
        page=1 if page is None else page,
        page_size=20 if page_size is None else page_size,
    )


SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q", str, description=_("검색어: 형태소 분석되며 검색 문법으로 해석하지 않음")
    ),
    OpenApiParameter("career_field", str, many=True),
    OpenApiParameter("employment_type", str, many=True),
    OpenApiParameter("shift", str, many=True),
    OpenApiParameter("cohort", str, enum=["graduate", "returner", "senior"]),
    OpenApiParameter("area", str, many=True, description=_("행정동 코드")),
    OpenApiParameter("near", str, description="LAT,LON"),
    OpenApiParameter("radius_km", float),
    OpenApiParameter("min_wage", int),
    OpenApiParameter("sort", str, enum=["relevance", "distance", "newest", "deadline"]),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int, description=f"1..{MAX_PAGE_SIZE}"),
]


class FacetValueOutput(serializers.Serializer[Any]):
    value = serializers.CharField()
    count = serializers.IntegerField()


def _facets() -> serializers.Serializer[Any]:
    return FacetValueOutput(many=True)


SEARCH_RESPONSE = inline_serializer(
    "PostingSearchResults",
    {
        "count": serializers.IntegerField(),
        "next": serializers.CharField(allow_null=True),
        "previous": serializers.CharField(allow_null=True),
        "results": inline_serializer(
            "PostingSearchHit",
            {
                "id": serializers.IntegerField(),
                "title": serializers.CharField(),
                "employer_name": serializers.CharField(),
                "area": inline_serializer(
                    "SearchArea",
                    {
                        "code": serializers.CharField(),
                        "name": serializers.CharField(),
                        "approximate": serializers.BooleanField(),
                    },
                ),
                "employment_type": serializers.CharField(),
                "hourly_wage": serializers.IntegerField(),
                "score": serializers.FloatField(),
                "highlight": serializers.ListField(child=serializers.CharField()),
                "distance_km": serializers.FloatField(required=False),
            },
            many=True,
        ),
        "did_you_mean": serializers.CharField(allow_null=True),
        "corrected": serializers.BooleanField(),
        "no_usable_terms": serializers.BooleanField(),
        "message": serializers.CharField(allow_null=True),
        "facets": inline_serializer(
            "PostingSearchFacets",
            {
                "career_field": _facets(),
                "employment_type": _facets(),
                "area": _facets(),
            },
        ),
    },
)


def _page_url(request: Request, page: int) -> str:
    params = request.query_params.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params, doseq=True)}")


class PostingSearchView(APIView):
    # Public; a logged-in seeker under 18 is authenticated so that the search keeps to the
    # postings a minor may be shown (근로기준법 §65, §69, §70).
    permission_classes = [AllowAny]
    throttle_classes = [SearchRateThrottle]

    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses={200: SEARCH_RESPONSE, 400: OpenApiTypes.OBJECT, 503: OpenApiTypes.OBJECT},
        summary=_("모집 중인 공고 검색(한국어 형태소 분석, 필터, 위치, 패싯)"),
    )
    def get(self, request: Request) -> Response:
        try:
            query = parse_query(request.query_params)
        except QueryError as error:
            return Response({error.field: [error.message]}, status=400)
        if seeker_is_minor(request.user):
            query = replace(query, minors_only=True)
        try:
            searched = search_text(query)
        except SearchUnavailableError:
            return Response(
                {"detail": UNAVAILABLE_MESSAGE, "code": "search_unavailable"}, status=503
            )
        found = searched.results
        approximate = dict(Area.objects.values_list("code", "approximate"))
        highlight_terms = set(searched.query.terms)
        results = []
        for hit in found.hits:
            document = hit.document
            row: dict[str, Any] = {
                "id": document.id,
                "title": document.title,
                "employer_name": document.employer_name,
                "area": {
                    "code": document.area_code,
                    "name": document.area_name,
                    "approximate": approximate.get(document.area_code, False),
                },
                "employment_type": document.employment_type,
                "hourly_wage": document.hourly_wage,
                "score": round(hit.score, 4),
                "highlight": highlight(f"{document.title}\n{document.description}", highlight_terms)
                if highlight_terms
                else [],
            }
            if query.near is not None and hit.distance_km is not None:
                row["distance_km"] = round(hit.distance_km, 2)
            results.append(row)
        last_page = max(1, -(-found.total // query.page_size))
        return Response(
            {
                "count": found.total,
                "next": _page_url(request, query.page + 1) if query.page < last_page else None,
                "previous": _page_url(request, query.page - 1) if query.page > 1 else None,
                "results": results,
                "facets": {
                    name: [{"value": f.value, "count": f.count} for f in values]
                    for name, values in found.facets.items()
                },
                "did_you_mean": searched.did_you_mean,
                "corrected": searched.corrected,
                "no_usable_terms": searched.no_usable_terms,
                "message": search_message(searched),
            }
        )


def search_message(searched: UserSearch) -> str | None:
    """What a person should know about how their text was searched, or None."""
    if searched.no_usable_terms:
        return gettext(
            "검색할 수 있는 단어가 없습니다. 한글 낱자나 기호만으로는 찾을 수 없어요. "
            "직종이나 하는 일을 단어로 적어 주세요."
        )
    if searched.corrected:
        return gettext("'%(text)s'(으)로 찾은 결과입니다.") % {"text": searched.did_you_mean}
    if searched.did_you_mean:
        return gettext("'%(text)s'을(를) 찾으셨나요?") % {"text": searched.did_you_mean}
    return None


# An internal code (an occupation's `forklift_driver`), never a suggestion people should see;
# postings indexed before codes were left out of the typeahead inputs may still carry one.
_CODE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")


def suggestions_for(prefix: str, limit: int = 10) -> list[str]:
    """Typeahead: titles starting with `prefix`; then, for a synonym member that starts with
    it ("forkl" → forklift → 지게차), its Korean term and the titles of the postings it finds.
    Internal codes are never suggested."""
    backend = get_backend()
    suggestions = [s for s in backend.suggest(prefix, limit=limit) if not _CODE.match(s)]
    for canonical in synonym_completions(prefix):
        if len(suggestions) >= limit:
            break
        word = canonical[-1]
        query = PostingQuery(terms=canonical, text=word, page_size=limit, facets=())
        titles = [hit.document.title for hit in backend.search_postings(query).hits]
        for suggestion in [word, *titles] if titles else []:
            if suggestion not in suggestions and not _CODE.match(suggestion):
                suggestions.append(suggestion)
    return suggestions[:limit]


class PostingSuggestView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [SearchRateThrottle]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True)],
        responses={
            200: inline_serializer(
                "Suggestions", {"suggestions": serializers.ListField(child=serializers.CharField())}
            ),
            503: OpenApiTypes.OBJECT,
        },
        summary=_("공고 검색어 자동 완성"),
    )
    def get(self, request: Request) -> Response:
        prefix = (request.query_params.get("q") or "").strip()[:50]
        if not prefix:
            return Response({"suggestions": []})
        try:
            suggestions = suggestions_for(prefix, limit=10)
        except SearchUnavailableError:
            return Response(
                {"detail": UNAVAILABLE_MESSAGE, "code": "search_unavailable"}, status=503
            )
        return Response({"suggestions": suggestions})
