"""Matching endpoints: a seeker's ordinance eligibility, and the policy staff edit."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
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
        )
        return Response(OrdinancePolicyOutput(policy).data, status=status.HTTP_201_CREATED)
