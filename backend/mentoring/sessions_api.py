"""Sessions and ratings of one mentoring request:
`/mentoring-requests/{id}/sessions/` and `/mentoring-requests/{id}/rating/`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import request_user, roles
from backend.core.pagination import PageNumberPagination
from backend.mentoring import access, sessions
from backend.mentoring.models import (
    RATING_COMMENT_MAX_LENGTH,
    SESSION_MAX_MINUTES,
    SESSION_TOPIC_MAX_LENGTH,
    MentoringRating,
    MentoringSession,
)

ThreadRoles = roles(Role.SEEKER, Role.MENTOR, Role.STAFF)
MemberRoles = roles(Role.SEEKER, Role.MENTOR)


class SessionInput(serializers.Serializer[dict[str, Any]]):
    held_on = serializers.DateField(help_text=_("만난 날(오늘 또는 그 전)"))
    minutes = serializers.IntegerField(
        min_value=sessions.SESSION_MIN_MINUTES,
        max_value=SESSION_MAX_MINUTES,
        help_text=_("시간(분)"),
    )
    topic = serializers.CharField(max_length=SESSION_TOPIC_MAX_LENGTH)


class SessionOutput(serializers.ModelSerializer[MentoringSession]):
    recorded_by = serializers.SerializerMethodField(help_text=_("mentee | mentor | null(탈퇴함)"))

    class Meta:
        model = MentoringSession
        fields = ["id", "held_on", "minutes", "topic", "recorded_by", "created_at"]
        read_only_fields = fields

    def get_recorded_by(self, session: MentoringSession) -> str | None:
        if session.recorded_by_id is None:
            return None
        return "mentee" if session.recorded_by_id == session.request.seeker_id else "mentor"


class SessionListApi(generics.ListAPIView[MentoringSession]):
    """`GET` a request's sessions (its seeker, its accepted mentor, staff); `POST` one (the
    seeker or the mentor, while it runs or once completed)."""

    serializer_class = SessionOutput
    pagination_class = PageNumberPagination

    def get_permissions(self) -> list[Any]:
        return [MemberRoles()] if self.request.method == "POST" else [ThreadRoles()]

    def get_queryset(self) -> QuerySet[MentoringSession]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator, no caller
            return MentoringSession.objects.none()
        mentoring_request = access.request_for_thread(
            request_user(self.request), int(self.kwargs["request_id"])
        )
        return sessions.request_sessions(request_id=mentoring_request.pk).select_related("request")

    @extend_schema(
        operation_id="mentoring_sessions_list",
        description=_("요청의 세션 목록(그 요청의 구직자, 수락한 멘토, 시 담당자)."),
        summary=_("멘토링 세션 목록"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="mentoring_sessions_create",
        description=_("세션 하나를 기록합니다(구직자나 멘토, 멘토링이 진행 중이거나 완료된 뒤)."),
        request=SessionInput,
        responses={201: SessionOutput},
        summary=_("멘토링 세션 기록: 수락되었거나 완료된 요청이 아니면 409"),
    )
    def post(self, request: Request, request_id: int) -> Response:
        user = request_user(request)
        mentoring_request = access.request_for_thread(user, request_id)
        data = SessionInput(data=request.data)
        data.is_valid(raise_exception=True)
        session = sessions.mentoring_session_record(
            author=user, request_id=mentoring_request.pk, **data.validated_data
        )
        return Response(SessionOutput(session).data, status=status.HTTP_201_CREATED)


class RatingInput(serializers.Serializer[dict[str, Any]]):
    score = serializers.IntegerField(min_value=1, max_value=5, help_text=_("평점 1-5"))
    comment = serializers.CharField(
        max_length=RATING_COMMENT_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class RatingOutput(serializers.ModelSerializer[MentoringRating]):
    class Meta:
        model = MentoringRating
        fields = ["role", "score", "comment", "created_at"]
        read_only_fields = fields


class RatingStateOutput(serializers.Serializer[Any]):
    asked = serializers.BooleanField(help_text=_("완료되어 내 평가를 기다리는지"))
    rating = RatingOutput(allow_null=True, help_text=_("내 평가, 없으면 null"))


class RatingApi(APIView):
    """The caller's own rating of a completed mentoring: `GET` whether it is asked and the
    rating given (null before), `POST` it once (409 a second time or before completion).
    Neither side reads the other's."""

    permission_classes = [MemberRoles]

    @extend_schema(
        operation_id="mentoring_rating_retrieve",
        description=_(
            "완료된 멘토링에 대한 호출자 본인의 평가: 평가를 요청받았는지와 남긴 "
            "평가(남기기 전에는 null). 상대의 평가는 어느 쪽도 볼 수 없습니다."
        ),
        responses={200: RatingStateOutput},
        summary=_("내 멘토링 평가: 평가를 요청받았는지와 내 평가"),
    )
    def get(self, request: Request, request_id: int) -> Response:
        user = request_user(request)
        mentoring_request = access.request_for_thread(user, request_id)
        rating = sessions.rating_of(
            request_id=mentoring_request.pk, role=sessions.role_in(mentoring_request, user)
        )
        state = {"asked": sessions.rating_asked(mentoring_request, user), "rating": rating}
        return Response(RatingStateOutput(state).data)

    @extend_schema(
        operation_id="mentoring_rating_create",
        description=_(
            "완료된 멘토링을 한 번 평가합니다(두 번째이거나 완료 전이면 409). 상대의 "
            "평가는 어느 쪽도 볼 수 없습니다."
        ),
        request=RatingInput,
        responses={201: RatingOutput},
        summary=_("멘토링 평가: 완료된 멘토링을 한쪽에 한 번"),
    )
    def post(self, request: Request, request_id: int) -> Response:
        user = request_user(request)
        mentoring_request = access.request_for_thread(user, request_id)
        data = RatingInput(data=request.data)
        data.is_valid(raise_exception=True)
        rating = sessions.mentoring_rating_give(
            rater=user, request_id=mentoring_request.pk, **data.validated_data
        )
        return Response(RatingOutput(rating).data, status=status.HTTP_201_CREATED)
