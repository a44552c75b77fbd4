"""Saved searches and their alerts, deadline extensions and renewals (issue 16), in API.md's
style: paginated lists, 400 by field, 403 for another role, 404 for another's object, 409
for a state conflict.

- `GET|POST /api/v1/me/saved-searches/` (a seeker) — `{name, frequency: daily|weekly,
  query: {q, career_field, employment_type, shift, cohort, area, near, near_area, radius_km,
  min_wage}}` (the search API's parameters, validated as it does: a bad one is a 400 under
  `query`); a second search with the same query, or more than `SAVED_SEARCHES_PER_USER`, 409.
- `GET|PATCH|DELETE /api/v1/me/saved-searches/{id}/` (its seeker).
- `POST /api/v1/postings/{id}/extend/` (its employer) — `{deadline}`, later than the current
  one: the deadline alone changes (status, review, applications stay); 409 unless open.
- `POST /api/v1/postings/{id}/renew/` (its employer) — `{deadline}` optional: a new draft
  copied from an expired or closed posting (201), reviewed like a new one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsEmployer, IsSeeker, request_user
from backend.jobs import access, renewal, saved_searches
from backend.jobs.alert_models import AlertFrequency, SavedSearch
from backend.jobs.api import PostingManagedOutput


class SearchQueryField(serializers.JSONField):
    """The search API's parameters as an object; validated by `saved_searches.query_clean`."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            raise serializers.ValidationError(
                {"non_field_errors": [str(saved_searches.NOT_A_STRING)]}
            )
        try:
            return saved_searches.query_clean(value)
        except ValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None


class SavedSearchOutput(serializers.ModelSerializer[SavedSearch]):
    query = serializers.JSONField(
        help_text=_(
            "검색 API의 매개변수: `q`, `career_field`, `employment_type`, `shift`, "
            "`cohort`, `area`, `near`(LAT,LON) 또는 `near_area`(행정동 코드), "
            "`radius_km`, `min_wage`."
        )
    )

    class Meta:
        model = SavedSearch
        fields = [
            "id",
            "name",
            "frequency",
            "query",
            "created_at",
            "updated_at",
            "checked_at",
            "alerted_at",
        ]
        read_only_fields = fields


class SavedSearchInput(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    frequency = serializers.ChoiceField(
        choices=AlertFrequency.choices, required=False, default=AlertFrequency.DAILY
    )
    query = SearchQueryField(required=False, default=dict)


class SavedSearchPatch(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    frequency = serializers.ChoiceField(choices=AlertFrequency.choices, required=False)
    query = SearchQueryField(required=False)


@extend_schema_view(get=extend_schema(description=_("구직자가 저장한 검색 목록, 최신순.")))
class SavedSearchList(generics.ListAPIView):  # type: ignore[type-arg]
    """The seeker's saved searches, newest first; `POST` saves one."""

    permission_classes = [IsSeeker]
    serializer_class = SavedSearchOutput

    def get_queryset(self) -> QuerySet[SavedSearch]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return SavedSearch.objects.none()
        return saved_searches.saved_searches_of(request_user(self.request))  # type: ignore[no-any-return]

    @extend_schema(
        operation_id="me_saved_searches_create",
        description=_("검색 하나를 저장합니다."),
        request=SavedSearchInput,
        responses={201: SavedSearchOutput},
    )
    def post(self, request: Request) -> Response:
        data = SavedSearchInput(data=request.data)
        data.is_valid(raise_exception=True)
        saved = saved_searches.saved_search_create(
            user=request_user(request),
            query=data.validated_data["query"],
            frequency=data.validated_data["frequency"],
            name=data.validated_data["name"],
        )
        return Response(SavedSearchOutput(saved).data, status=status.HTTP_201_CREATED)


class SavedSearchDetail(APIView):
    """One of the seeker's saved searches: read, change (`name`, `frequency`, `query`),
    delete (its alerts stop)."""

    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="me_saved_searches_read",
        description=_("구직자가 저장한 검색 하나를 봅니다."),
        responses=SavedSearchOutput,
    )
    def get(self, request: Request, id: int) -> Response:
        saved = saved_searches.saved_search_for(request_user(request), id)
        return Response(SavedSearchOutput(saved).data)

    @extend_schema(
        operation_id="me_saved_searches_update",
        description=_("저장한 검색의 `name`, `frequency`, `query`를 바꿉니다."),
        request=SavedSearchPatch,
        responses=SavedSearchOutput,
    )
    def patch(self, request: Request, id: int) -> Response:
        saved = saved_searches.saved_search_for(request_user(request), id)
        data = SavedSearchPatch(data=request.data)
        data.is_valid(raise_exception=True)
        saved = saved_searches.saved_search_update(
            saved=saved,
            name=data.validated_data.get("name"),
            frequency=data.validated_data.get("frequency"),
            query=data.validated_data.get("query"),
        )
        return Response(SavedSearchOutput(saved).data)

    @extend_schema(
        operation_id="me_saved_searches_delete",
        description=_("저장한 검색을 지웁니다. 그 검색의 알림도 멈춥니다."),
        responses={204: None},
    )
    def delete(self, request: Request, id: int) -> Response:
        saved = saved_searches.saved_search_for(request_user(request), id)
        saved_searches.saved_search_delete(saved=saved)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExtendInput(serializers.Serializer[Any]):
    deadline = serializers.DateField()


class RenewInput(serializers.Serializer[Any]):
    deadline = serializers.DateField(required=False)


class PostingExtend(APIView):
    """Its employer moves an open posting's deadline later; nothing else changes."""

    permission_classes = [IsEmployer]

    @extend_schema(
        operation_id="postings_extend",
        description=_("해당 기업이 모집 중인 공고의 마감일을 늦춥니다. 다른 것은 바뀌지 않습니다."),
        request=ExtendInput,
        responses=PostingManagedOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer(request.user, id)
        data = ExtendInput(data=request.data)
        data.is_valid(raise_exception=True)
        renewal.posting_deadline_extend(
            posting=posting, actor=request_user(request), deadline=data.validated_data["deadline"]
        )
        return Response(PostingManagedOutput(access.posting_for_employer(request.user, id)).data)


class PostingRenew(APIView):
    """Its employer copies an expired or closed posting into a new draft (201)."""

    permission_classes = [IsEmployer]

    @extend_schema(
        operation_id="postings_renew",
        description=_("해당 기업이 기간이 지났거나 마감된 공고를 새 초안으로 복사합니다(201)."),
        request=RenewInput,
        responses={201: PostingManagedOutput},
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer(request.user, id)
        data = RenewInput(data=request.data)
        data.is_valid(raise_exception=True)
        copy = renewal.posting_renew(
            posting=posting,
            actor=request_user(request),
            deadline=data.validated_data.get("deadline"),
        )
        return Response(
            PostingManagedOutput(access.posting_for_employer(request.user, copy.pk)).data,
            status=status.HTTP_201_CREATED,
        )
