"""`/seekers/{id}/` (staff): a seeker's profile composed with its ordinance eligibility.

It lives in matching, above seekers: the profile is the seekers app's
(`SeekerProfileOutput`, `access.profile_for_staff`), the eligibility is matching's, and
seekers may not import matching (DESIGN.md, Architecture).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, request_user
from backend.matching import selectors
from backend.matching.api import EligibilityOutput
from backend.seekers import access
from backend.seekers.api import SeekerProfileOutput
from backend.seekers.models import SeekerProfile


@extend_schema_serializer(
    description=_(
        "시 담당자가 보는 프로필 전체와 구직자의 조례 지원 대상 여부 — 구직자가 "
        "`/me/eligibility/`에서 보는 것과 같은 행 — 를 뷰가 "
        '`context["eligibility"]`로 넘겨 줍니다.'
    )
)
class StaffSeekerProfileOutput(SeekerProfileOutput):
    """A full profile for staff, with the seeker's ordinance eligibility — the same rows the
    seeker sees at `/me/eligibility/` — passed in by the view as `context["eligibility"]`."""

    eligibility = serializers.SerializerMethodField()

    class Meta(SeekerProfileOutput.Meta):
        fields = [*SeekerProfileOutput.Meta.fields, "eligibility"]
        read_only_fields = fields

    @extend_schema_field(EligibilityOutput(many=True))
    def get_eligibility(self, profile: SeekerProfile) -> Any:
        return EligibilityOutput(self.context["eligibility"], many=True).data


class SeekerDetailApi(APIView):
    """`/seekers/{id}/` (staff): one full profile with its ordinance eligibility under the
    current policy; every read is written to the access log."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="seekers_retrieve",
        description=_(
            "프로필 전체와 현재 정책에 따른 조례 지원 대상 여부(시 담당자). 열람할 "
            "때마다 접근 기록에 남습니다."
        ),
        responses={200: StaffSeekerProfileOutput},
        summary=_("구직자 프로필 열람, 조례 지원 대상 여부 포함(시 담당자, 접근 기록됨)"),
    )
    def get(self, request: Request, seeker_id: int) -> Response:
        profile = access.profile_for_staff(
            request_user(request), seeker_id, request=request._request
        )
        eligibility = selectors.seeker_eligibility(profile)
        return Response(
            StaffSeekerProfileOutput(profile, context={"eligibility": eligibility}).data
        )
