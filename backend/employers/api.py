"""Employers API: registration, the organisation's page, the staff verification queue."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsEmployer, IsEmployerOrStaff, IsStaff, request_user
from backend.employers import access, services
from backend.employers.models import Employer
from backend.taxonomy.models import Area


@extend_schema_serializer(description=_("응답에 보이는 지역: `{code, name, approximate}`."))
class AreaRefOutput(serializers.ModelSerializer[Area]):
    """An area as responses show it: `{code, name, approximate}`."""

    class Meta:
        model = Area
        fields = ["code", "name", "approximate"]


class EmployerOutput(serializers.ModelSerializer[Employer]):
    area = AreaRefOutput()
    verified = serializers.BooleanField()

    class Meta:
        model = Employer
        fields = [
            "id",
            "name",
            "business_number",
            "area",
            "address",
            "industry",
            "staff_count",
            "is_city_funded",
            "is_city_contracted",
            "authorised_headcount",
            "partner_pledge",
            "verified",
            "verified_at",
            "refused_at",
            "refusal_reason",
            "created_at",
            "updated_at",
        ]


@extend_schema_serializer(
    description=_(
        "형태만 정의합니다. 규칙(검증 숫자, 주민등록번호가 없는지, 중복)은 서비스가 확인합니다."
    )
)
class EmployerInput(serializers.Serializer[Any]):
    """Shape only; the rules (check digit, resident numbers, uniqueness) are the service's."""

    name = serializers.CharField(max_length=200)
    business_number = serializers.CharField(max_length=20, help_text=_("10자리, 하이픈 허용"))
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    industry = serializers.CharField(max_length=100, required=False, allow_blank=True)
    staff_count = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False)
    is_city_funded = serializers.BooleanField(required=False)
    is_city_contracted = serializers.BooleanField(required=False)
    authorised_headcount = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    partner_pledge = serializers.BooleanField(required=False)


class EmployerListCreate(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET` staff: every employer (`?verified=false` is the verification queue); an employer
    user: its own. `POST` an employer user registers its organisation (409 if it has one)."""

    serializer_class = EmployerOutput

    def get_permissions(self) -> list[Any]:
        if self.request.method == "POST":
            return [IsEmployer()]
        return [IsEmployerOrStaff()]

    def get_queryset(self) -> QuerySet[Employer]:
        employers = access.employers_visible_to(self.request.user)
        verified = self.request.query_params.get("verified")
        if verified is not None:
            if verified not in ("true", "false"):
                raise serializers.ValidationError(
                    {"verified": [gettext("true 또는 false 여야 합니다.")]}
                )
            employers = employers.filter(verified_at__isnull=verified == "false")
        return employers

    @extend_schema(
        operation_id="employers_list",
        description=_(
            "시 담당자는 모든 기업을(`?verified=false`이면 인증 대기열), 기업 회원은 "
            "자기 기업을 봅니다."
        ),
        parameters=[OpenApiParameter("verified", bool, description=_("인증 여부"))],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="employers_create",
        description=_("기업 회원이 자기 기업을 등록합니다(이미 있으면 409)."),
        request=EmployerInput,
        responses={201: EmployerOutput},
    )
    def post(self, request: Request) -> Response:
        data = EmployerInput(data=request.data)
        data.is_valid(raise_exception=True)
        employer = services.employer_create(actor=request_user(request), fields=data.validated_data)
        return Response(EmployerOutput(employer).data, status=status.HTTP_201_CREATED)


class EmployerDetail(APIView):
    """An organisation's record, for its members and staff (anyone else: 404)."""

    permission_classes = [IsEmployerOrStaff]

    @extend_schema(
        operation_id="employers_retrieve",
        description=_("기업 정보: 그 기업의 회원과 시 담당자만 봅니다(그 밖에는 404)."),
        responses=EmployerOutput,
    )
    def get(self, request: Request, id: int) -> Response:
        employer = access.employer_for_member_or_staff(request.user, id)
        return Response(EmployerOutput(employer).data)

    @extend_schema(
        operation_id="employers_partial_update",
        description=_("기업 정보를 고칩니다: 그 기업의 회원과 시 담당자만(그 밖에는 404)."),
        request=EmployerInput(partial=True),
        responses=EmployerOutput,
    )
    def patch(self, request: Request, id: int) -> Response:
        employer = access.employer_for_member_or_staff(request.user, id)
        data = EmployerInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        employer = services.employer_update(
            employer=employer, actor=request_user(request), fields=data.validated_data
        )
        return Response(EmployerOutput(employer).data)


class EmployerVerify(APIView):
    """Staff verify an organisation (409 if it already is)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="employers_verify",
        description=_("시 담당자가 기업을 인증합니다(이미 인증되었으면 409)."),
        request=None,
        responses=EmployerOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        employer = access.employer_for_staff(request.user, id)
        employer = services.employer_verify(employer=employer, actor=request_user(request))
        return Response(EmployerOutput(employer).data)


class RefuseInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class EmployerRefuse(APIView):
    """Staff refuse an organisation they could not confirm, with the reason the employer sees
    (409 if it is verified or already refused)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="employers_refuse",
        description=_(
            "시 담당자가 확인하지 못한 기업의 인증을 거절하고, 기업이 볼 사유를 "
            "남깁니다(이미 인증되었거나 거절되었으면 409)."
        ),
        request=RefuseInput,
        responses=EmployerOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        employer = access.employer_for_staff(request.user, id)
        data = RefuseInput(data=request.data)
        data.is_valid(raise_exception=True)
        employer = services.employer_refuse(
            employer=employer, actor=request_user(request), reason=data.validated_data["reason"]
        )
        return Response(EmployerOutput(employer).data)
