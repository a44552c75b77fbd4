"""The signed-in user and their consents: `/api/v1/me/` and `/api/v1/me/consents/`.

Signup, login, logout, email verification and password reset are allauth's, at
`/_allauth/{browser|app}/v1/…` (headless) and `/accounts/…` (pages).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import selectors, services
from backend.accounts.models import REQUIRED_CONSENTS, ConsentPurpose, ConsentRecord, User


class MeOutput(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "email", "role", "date_joined"]


class ConsentOutput(serializers.Serializer[Any]):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    description = serializers.CharField()
    mandatory = serializers.BooleanField(help_text=_("서비스 이용에 꼭 필요한 동의"))
    granted = serializers.BooleanField(allow_null=True)
    notice_version = serializers.CharField(allow_null=True)
    recorded_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(
        allow_null=True,
        help_text=_(
            "marketing: 2년마다 다시 확인합니다(정보통신망법 §50⑧). 그 뒤에는 다시 동의할 때까지 "
            "철회된 것(granted false)으로 봅니다."
        ),
    )


class ConsentInput(serializers.Serializer[dict[str, Any]]):
    decisions = serializers.DictField(
        child=serializers.BooleanField(),
        help_text=_('목적 → 동의 여부, 예: `{"marketing": false}`'),
    )

    def validate_decisions(self, value: dict[str, bool]) -> dict[str, bool]:
        unknown = sorted(set(value) - set(ConsentPurpose.values))
        if unknown:
            raise serializers.ValidationError(
                gettext("알 수 없는 동의 항목입니다: %(purposes)s")
                % {"purposes": ", ".join(unknown)}
            )
        if not value:
            raise serializers.ValidationError(gettext("동의 항목이 비어 있습니다."))
        return value


def _consent_rows(user: User) -> list[dict[str, Any]]:
    rows = []
    in_force = selectors.consents_in_force(user=user)
    for purpose in ConsentPurpose:
        record: ConsentRecord | None = in_force[purpose.value]
        rows.append(
            {
                "purpose": purpose.value,
                "description": str(purpose.label),
                "mandatory": purpose in REQUIRED_CONSENTS,
                "granted": None if record is None else selectors.consent_holds(record),
                "notice_version": None if record is None else record.notice_version,
                "recorded_at": None if record is None else record.recorded_at,
                "expires_at": selectors.consent_expires_at(record),
            }
        )
    return rows


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeOutput, summary=_("로그인한 사용자 본인"))
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        return Response(MeOutput(request.user).data)

    @extend_schema(responses={204: None}, summary=_("내 계정과 데이터 삭제"))
    def delete(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        services.user_delete(user=request.user)
        return Response(status=204)


class ConsentsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ConsentOutput(many=True), summary=_("목적별로 지금 유효한 동의"))
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        return Response(ConsentOutput(_consent_rows(request.user), many=True).data)

    @extend_schema(
        request=ConsentInput,
        responses=ConsentOutput(many=True),
        summary=_("선택 동의를 하거나 거부하거나 철회하기"),
    )
    def post(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        payload = ConsentInput(data=request.data)
        payload.is_valid(raise_exception=True)
        services.consents_record(
            user=request.user, decisions=payload.validated_data["decisions"], channel="api"
        )
        return Response(ConsentOutput(_consent_rows(request.user), many=True).data)


class ExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary=_("플랫폼이 가진 내 정보 전부를 JSON으로(개인정보 보호법의 열람권)"),
    )
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        response = Response(selectors.user_export(user=request.user))
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
