"""Matching endpoints: a seeker's ordinance eligibility, and the policy staff edit."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSeeker, IsStaff, request_user
from backend.matching import selectors, services
from backend.matching.eligibility import PROGRAMMES
from backend.matching.models import OrdinancePolicy
from backend.seekers import access as seeker_access


@extend_schema_serializer(
    description=_("지원 사업 하나의 판정과, 충족하거나 충족하지 못한 규칙마다 한 문장.")
)
class EligibilityOutput(serializers.Serializer[Any]):
    """One programme's decision, with a Korean sentence per rule met or failed."""

    programme = serializers.ChoiceField(choices=PROGRAMMES)
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    policy_version = serializers.IntegerField()


class OrdinancePolicyOutput(serializers.ModelSerializer[OrdinancePolicy]):
    document = serializers.JSONField(help_text=_("정책 문서"))

    class Meta:
        model = OrdinancePolicy
        fields = ["version", "document", "created_at", "note"]


class OrdinancePolicyInput(serializers.Serializer[Any]):
    document = serializers.DictField(help_text=_("정책 문서 전체"))
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    based_on = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("편집을 시작한 판: 그 사이 새 판이 게시되었으면 409"),
    )


class MyEligibilityApi(APIView):
    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="me_eligibility_list",
        responses={200: EligibilityOutput(many=True)},
        summary=_("내 조례 지원 대상 여부: 프로필이 없으면 404"),
    )
    def get(self, request: Request) -> Response:
        profile = seeker_access.own_profile(request_user(request))
        rows = selectors.seeker_eligibility(profile)
        return Response(EligibilityOutput(rows, many=True).data)


class OrdinancePolicyApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="ordinance_policy_retrieve",
        responses={200: OrdinancePolicyOutput},
        summary=_("현재 조례 정책(시 담당자)"),
    )
    def get(self, request: Request) -> Response:
        return Response(OrdinancePolicyOutput(selectors.ordinance_policy_current()).data)

    @extend_schema(
        operation_id="ordinance_policy_publish",
        request=OrdinancePolicyInput,
        responses={201: OrdinancePolicyOutput},
        summary=_("조례 정책 새 버전 게시(시 담당자)"),
    )
    def put(self, request: Request) -> Response:
        data = OrdinancePolicyInput(data=request.data)
        data.is_valid(raise_exception=True)
        policy = services.ordinance_policy_publish(
            document=data.validated_data["document"],
            actor=request_user(request),
            note=data.validated_data["note"],
            based_on=data.validated_data.get("based_on"),
        )
        return Response(OrdinancePolicyOutput(policy).data, status=status.HTTP_201_CREATED)


class OrdinancePolicyVersionList(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET /ordinance-policy/versions/`: every version, the newest (in force) first."""

    permission_classes = [IsStaff]
    serializer_class = OrdinancePolicyOutput
    queryset = OrdinancePolicy.objects.none()

    def get_queryset(self) -> QuerySet[OrdinancePolicy]:
        return selectors.ordinance_policy_versions()

    @extend_schema(
        operation_id="ordinance_policy_versions_list",
        description=_("조례 정책의 모든 판, 최신(시행 중인) 판이 먼저."),
        summary=_("조례 정책의 모든 판(시 담당자)"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class OrdinancePolicyVersionDetail(APIView):
    """`GET /ordinance-policy/versions/{v}/`: one version (404 when there is none)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="ordinance_policy_versions_retrieve",
        description=_("조례 정책 한 판(없으면 404)."),
        responses={200: OrdinancePolicyOutput},
        summary=_("조례 정책 한 판(시 담당자)"),
    )
    def get(self, request: Request, version: int) -> Response:
        policy = selectors.ordinance_policy_version(version)
        return Response(OrdinancePolicyOutput(policy).data)
