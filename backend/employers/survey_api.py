"""`GET|POST /api/v1/employers/{id}/hiring-surveys/` (its members or staff; API.md, Reports):
the institution's yearly hiring surveys (채용 실태조사), the live one of each year first and
the earlier filings after it as history."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import IsEmployerOrStaff, request_user
from backend.employers import access, surveys
from backend.employers.models import HiringSurvey


class HiringSurveyOutput(serializers.ModelSerializer[HiringSurvey]):
    live = serializers.BooleanField()

    class Meta:
        model = HiringSurvey
        fields = [
            "id",
            "year",
            "new_hires_total",
            "local_graduate_hires",
            "returner_hires",
            "senior_hires",
            "filed_by_role",
            "filed_at",
            "live",
            "superseded_at",
            "superseded_by",
        ]


@extend_schema_serializer(
    description=_(
        "형태만 정의합니다(스키마). 규칙 — 미래가 아닌 연도, 음수가 아닌 인원, "
        "구분별 채용 인원은 전체 이내 — 은 `surveys.hiring_survey_validate`가 "
        "확인하고, 오류마다 해당 필드를 알려 줍니다."
    )
)
class HiringSurveyInput(serializers.Serializer[Any]):
    """Shape only (the schema); the rules — year not in the future, counts non-negative, each
    cohort's hires within the total — are `surveys.hiring_survey_validate`'s, which names the
    field of each error."""

    year = serializers.IntegerField()
    new_hires_total = serializers.IntegerField()
    local_graduate_hires = serializers.IntegerField()
    returner_hires = serializers.IntegerField()
    senior_hires = serializers.IntegerField()


class HiringSurveyListCreate(generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = HiringSurveyOutput
    permission_classes = [IsEmployerOrStaff]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no id
            return HiringSurvey.objects.none()
        employer = access.employer_for_member_or_staff(self.request.user, self.kwargs["id"])
        return surveys.hiring_surveys_of(employer)

    @extend_schema(operation_id="employers_hiring_surveys_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="employers_hiring_surveys_create",
        request=HiringSurveyInput,
        responses={201: HiringSurveyOutput},
    )
    def post(self, request: Request, id: int) -> Response:
        employer = access.employer_for_member_or_staff(request.user, id)
        data = request.data if isinstance(request.data, dict) else {}
        survey = surveys.hiring_survey_file(
            employer=employer,
            actor=request_user(request),
            values={name: data.get(name) for name in ("year", *surveys.COUNT_FIELDS)},
        )
        return Response(HiringSurveyOutput(survey).data, status=status.HTTP_201_CREATED)
