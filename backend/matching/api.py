"""Matching endpoints: a seeker's ordinance eligibility, and the policy staff edit."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSeeker, IsStaff, request_user
from backend.matching import selectors, services
from backend.matching.eligibility import PROGRAMMES
from backend.matching.models import OrdinancePolicy
from backend.seekers import access as seeker_access


class EligibilityOutput(serializers.Serializer[Any]):
    """One programme's decision, with a Korean sentence per rule met or failed."""

    programme = serializers.ChoiceField(choices=PROGRAMMES)
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    policy_version = serializers.IntegerField()


class OrdinancePolicyOutput(serializers.ModelSerializer[OrdinancePolicy]):
    document = serializers.JSONField(help_text="정책 문서 (the structure of default_policy.yaml)")

    class Meta:
        model = OrdinancePolicy
        fields = ["version", "document", "created_at", "note"]


class OrdinancePolicyInput(serializers.Serializer[Any]):
    document = serializers.DictField(help_text="정책 문서 전체 (the whole policy document)")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    based_on = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="편집을 시작한 판 (the version the edit started from); 409 when a newer one "
        "was published meanwhile",
    )


class MyEligibilityApi(APIView):
    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="me_eligibility_list",
        responses={200: EligibilityOutput(many=True)},
        summary="조례 지원 대상 여부 (my ordinance eligibility); 404 before the profile exists",
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
        summary="현재 조례 정책 (the current ordinance policy; staff)",
    )
    def get(self, request: Request) -> Response:
        return Response(OrdinancePolicyOutput(selectors.ordinance_policy_current()).data)

    @extend_schema(
        operation_id="ordinance_policy_publish",
        request=OrdinancePolicyInput,
        responses={201: OrdinancePolicyOutput},
        summary="조례 정책 새 버전 게시 (publish a new policy version; staff)",
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
        summary="조례 정책의 모든 판 (every policy version, newest first; staff)",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class OrdinancePolicyVersionDetail(APIView):
    """`GET /ordinance-policy/versions/{v}/`: one version (404 when there is none)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="ordinance_policy_versions_retrieve",
        responses={200: OrdinancePolicyOutput},
        summary="조례 정책 한 판 (one policy version; staff)",
    )
    def get(self, request: Request, version: int) -> Response:
        policy = selectors.ordinance_policy_version(version)
        return Response(OrdinancePolicyOutput(policy).data)
