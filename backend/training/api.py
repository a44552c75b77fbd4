"""Training catalogue endpoints: `/training-courses/` (read: anyone signed in; write: staff)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import IsStaff, request_user
from backend.core.pagination import PageNumberPagination
from backend.training import access, selectors, services
from backend.training.models import MAX_COST_KRW, TrainingCourse
from backend.training.services import MAX_ITEM_LENGTH, MAX_LIST_ITEMS


def _today() -> Any:
    return timezone.localdate()  # TIME_ZONE is Asia/Seoul: course dates are Korean days


class TrainingCourseInput(serializers.Serializer[dict[str, Any]]):
    provider = serializers.CharField(max_length=100, help_text=_("훈련 기관"))
    title = serializers.CharField(max_length=200, help_text=_("과정 이름"))
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=MAX_ITEM_LENGTH),
        required=False,
        max_length=MAX_LIST_ITEMS,
        help_text=_("배우는 기술"),
    )
    certificates = serializers.ListField(
        child=serializers.CharField(max_length=MAX_ITEM_LENGTH),
        required=False,
        max_length=MAX_LIST_ITEMS,
        help_text=_("취득 자격증"),
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    cost_krw = serializers.IntegerField(min_value=0, max_value=MAX_COST_KRW, required=False)
    naeil_card = serializers.BooleanField(required=False, help_text=_("국민내일배움카드 사용 가능"))
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    url = serializers.URLField(required=False, allow_blank=True)
    seats = serializers.IntegerField(min_value=1, max_value=10000, required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class TrainingCourseOutput(serializers.ModelSerializer[TrainingCourse]):
    # A plain string: empty when the course has no page (a `uri` format would refuse "").
    url = serializers.CharField(read_only=True)
    skills = serializers.ListField(child=serializers.CharField())
    certificates = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "provider",
            "title",
            "description",
            "skills",
            "certificates",
            "starts_on",
            "ends_on",
            "cost_krw",
            "naeil_card",
            "place",
            "url",
            "seats",
            "is_active",
            "is_demo",
        ]
        read_only_fields = fields


class TrainingCourseListApi(generics.ListAPIView[TrainingCourse]):
    """`GET` the catalogue (signed in: shown courses not yet ended; staff: all with
    `?all=true`); `POST` a course (staff)."""

    serializer_class = TrainingCourseOutput
    pagination_class = PageNumberPagination

    def get_permissions(self) -> list[Any]:
        return [IsStaff()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[TrainingCourse]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator, no caller
            return TrainingCourse.objects.none()
        user = request_user(self.request)
        if user.role == Role.STAFF and self.request.query_params.get("all") == "true":
            return selectors.courses_for_staff()
        return selectors.courses_open(today=_today())

    @extend_schema(
        operation_id="training_courses_list",
        description=_(
            "훈련 과정 목록: 로그인한 사용자에게는 아직 끝나지 않은 공개 과정, 시 "
            "담당자에게는 `?all=true`이면 모든 과정."
        ),
        parameters=[
            OpenApiParameter(
                "all", OpenApiTypes.BOOL, description=_("시 담당자: 끝났거나 숨긴 과정도 포함")
            )
        ],
        summary=_("훈련 과정 목록"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="training_courses_create",
        description=_("훈련 과정을 등록합니다(시 담당자)."),
        request=TrainingCourseInput,
        responses={201: TrainingCourseOutput},
        summary=_("훈련 과정 등록(시 담당자)"),
    )
    def post(self, request: Request) -> Response:
        data = TrainingCourseInput(data=request.data)
        data.is_valid(raise_exception=True)
        course = services.course_create(actor=request_user(request), fields=data.validated_data)
        return Response(TrainingCourseOutput(course).data, status=status.HTTP_201_CREATED)


class TrainingCourseDetailApi(APIView):
    """`GET` one course (as the list shows it); `PATCH` it (staff)."""

    def get_permissions(self) -> list[Any]:
        return [IsStaff()] if self.request.method == "PATCH" else [IsAuthenticated()]

    @extend_schema(
        operation_id="training_courses_retrieve",
        description=_("훈련 과정 하나(목록에 보이는 모습 그대로)."),
        responses={200: TrainingCourseOutput},
        summary=_("훈련 과정"),
    )
    def get(self, request: Request, course_id: int) -> Response:
        course = access.course_for(request_user(request), course_id, today=_today())
        return Response(TrainingCourseOutput(course).data)

    @extend_schema(
        operation_id="training_courses_partial_update",
        description=_("훈련 과정을 고칩니다(시 담당자)."),
        request=TrainingCourseInput(partial=True),
        responses={200: TrainingCourseOutput},
        summary=_("훈련 과정 수정(시 담당자, is_active=false이면 숨김)"),
    )
    def patch(self, request: Request, course_id: int) -> Response:
        user = request_user(request)
        course = access.course_for(user, course_id, today=_today())
        data = TrainingCourseInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        course = services.course_update(actor=user, course=course, fields=data.validated_data)
        return Response(TrainingCourseOutput(course).data)
