"""Counsellor-assisted enrolment over the API (staff), and the person's first login:
`/assisted-seekers/`, `/assisted-seekers/{id}/code/`, `/assisted-seekers/{id}/profile/`,
`/accounts/assisted/activate/`. A code is in a response once, when it is issued."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, request_user
from backend.core.errors import NotFoundError
from backend.core.pagination import PageNumberPagination
from backend.seekers import assisted
from backend.seekers.api import SeekerProfileInput, SeekerProfileOutput
from backend.seekers.models import AssistedEnrolment


def _enrolment(enrolment_id: int) -> AssistedEnrolment:
    enrolment = AssistedEnrolment.objects.select_related("user").filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFoundError(gettext("대리 등록을 찾을 수 없어요."))
    return enrolment


class AssistedSeekerInput(serializers.Serializer[dict[str, Any]]):
    consent_scan_ref = serializers.CharField(max_length=100, help_text=_("동의서 스캔 번호"))
    consent_signed_on = serializers.DateField(help_text=_("동의서 서명일(90일 이내)"))
    matching_consent = serializers.BooleanField(default=False, help_text=_("기업 추천 활용 동의"))


class AssistedSeekerOutput(serializers.ModelSerializer[AssistedEnrolment]):
    seeker_user_id = serializers.IntegerField(source="user_id")
    activated = serializers.SerializerMethodField()

    class Meta:
        model = AssistedEnrolment
        fields = [
            "id",
            "seeker_user_id",
            "login_id",
            "consent_scan_ref",
            "consent_signed_on",
            "created_at",
            "code_expires_at",
            "activated",
        ]
        read_only_fields = fields

    def get_activated(self, enrolment: AssistedEnrolment) -> bool:
        return enrolment.activated_at is not None


class IssuedCodeOutput(AssistedSeekerOutput):
    code = serializers.SerializerMethodField(
        help_text=_("일회용 코드: 한 번만 보이고 해시로만 저장됨")
    )

    class Meta(AssistedSeekerOutput.Meta):
        fields = [*AssistedSeekerOutput.Meta.fields, "code"]
        read_only_fields = fields

    def get_code(self, enrolment: AssistedEnrolment) -> str:
        return assisted.format_code(self.context["code"])


class AssistedSeekerListApi(generics.ListAPIView[AssistedEnrolment]):
    """`GET` the assisted enrolments; `POST` one (the paper consent) → 201 with its code."""

    permission_classes = [IsStaff]
    serializer_class = AssistedSeekerOutput
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[AssistedEnrolment]:
        return AssistedEnrolment.objects.order_by("-created_at", "-id")

    @extend_schema(
        operation_id="assisted_seekers_list",
        description=_("대리 등록한 구직자 목록."),
        summary=_("대리 등록 목록(시 담당자)"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="assisted_seekers_create",
        description=_(
            "구직자 한 명을 대리 등록하고 종이 동의를 기록합니다. 201과 함께 안내문 "
            "코드를 돌려줍니다."
        ),
        request=AssistedSeekerInput,
        responses={201: IssuedCodeOutput},
        summary=_("구직자 대리 등록과 종이 동의 기록(시 담당자, 코드는 이 응답에만)"),
    )
    def post(self, request: Request) -> Response:
        data = AssistedSeekerInput(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment, code = assisted.assisted_seeker_create(
            actor=request_user(request), request=request._request, **data.validated_data
        )
        body = IssuedCodeOutput(enrolment, context={"code": code}).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})


class AssistedCodeApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="assisted_seekers_code_create",
        request=None,
        responses={201: IssuedCodeOutput},
        summary=_("새 일회용 코드(시 담당자): 이전 코드는 무효, 활성화 뒤에는 409"),
    )
    def post(self, request: Request, enrolment_id: int) -> Response:
        enrolment = _enrolment(enrolment_id)
        code = assisted.assisted_code_issue(
            actor=request_user(request), enrolment=enrolment, request=request._request
        )
        enrolment.refresh_from_db()
        body = IssuedCodeOutput(enrolment, context={"code": code}).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})


class AssistedProfileApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="assisted_seekers_profile_replace",
        request=SeekerProfileInput,
        responses={200: SeekerProfileOutput},
        summary=_("프로필 대리 입력(시 담당자, 대리 처리로 기록됨)"),
    )
    def put(self, request: Request, enrolment_id: int) -> Response:
        enrolment = _enrolment(enrolment_id)
        data = SeekerProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        profile = assisted.assisted_profile_fill(
            actor=request_user(request),
            enrolment=enrolment,
            fields=data.validated_data,
            request=request._request,
        )
        return Response(SeekerProfileOutput(profile).data)


class ActivateInput(serializers.Serializer[dict[str, Any]]):
    login_id = serializers.CharField(max_length=32)
    code = serializers.CharField(max_length=20)
    password = serializers.CharField(max_length=128, write_only=True)


class ActivateOutput(serializers.Serializer[Any]):
    email = serializers.EmailField(help_text=_("allauth 로그인 아이디(`…@assisted.invalid`)"))


class AssistedActivateApi(APIView):
    """The first login with the letter: sets the password (then log in through allauth)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="assisted_activate",
        description=_(
            "안내문을 받은 구직자의 첫 로그인: 비밀번호를 정합니다(그다음에는 allauth로 로그인)."
        ),
        request=ActivateInput,
        responses={200: ActivateOutput},
        summary=_("안내문으로 비밀번호 정하기(누구나, 틀린 ID나 코드는 같은 400)"),
    )
    def post(self, request: Request) -> Response:
        data = ActivateInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = assisted.assisted_activate(**data.validated_data)
        return Response({"email": user.email})
