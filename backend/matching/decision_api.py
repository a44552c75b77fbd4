"""Explanations and reviews of automated decisions (PIPA §37-2), over the API.

- `GET|POST /api/v1/me/decision-requests/` (a seeker): my requests with staff's answers; ask
  `{kind: explanation|review, subject: recommendation|shortlist, posting_id, message}`.
- `GET /api/v1/decision-requests/?status=open|answered` (staff): the queue;
  `POST /api/v1/decision-requests/{id}/answer/` (staff) `{answer}`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSeeker, IsStaff, request_user
from backend.matching import access, decisions
from backend.matching.models import (
    DecisionRequest,
    DecisionRequestKind,
    DecisionRequestStatus,
    DecisionSubject,
)


class DecisionRequestInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=DecisionRequestKind.choices)
    subject = serializers.ChoiceField(choices=DecisionSubject.choices)
    posting_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DecisionRequestOutput(serializers.ModelSerializer[DecisionRequest]):
    posting = serializers.SerializerMethodField()

    class Meta:
        model = DecisionRequest
        fields = [
            "id",
            "kind",
            "subject",
            "posting",
            "message",
            "snapshot",
            "status",
            "answer",
            "answered_at",
            "created_at",
        ]

    def get_posting(self, row: DecisionRequest) -> dict[str, Any]:
        return {"id": row.posting_id, "title": row.posting.title}


class DecisionAnswerInput(serializers.Serializer[Any]):
    answer = serializers.CharField(max_length=5000)


class MyDecisionRequests(generics.ListAPIView):  # type: ignore[type-arg]
    """The seeker's requests (newest first) with staff's answers; POST asks a new one."""

    permission_classes = [IsSeeker]
    serializer_class = DecisionRequestOutput
    queryset = DecisionRequest.objects.none()

    def get_queryset(self) -> QuerySet[DecisionRequest]:
        if getattr(self, "swagger_fake_view", False):
            return DecisionRequest.objects.none()
        profile = access.own_profile_for_recommendations(request_user(self.request))
        return decisions.decision_requests_of(profile)

    @extend_schema(
        operation_id="me_decision_requests_list",
        description=_("구직자 본인의 요청과 시 담당자의 답변, 최신순."),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="me_decision_requests_create",
        description=_("자동화된 결정에 대해 설명이나 검토를 새로 요청합니다."),
        request=DecisionRequestInput,
        responses={201: DecisionRequestOutput},
        summary=_("자동화된 결정의 설명·검토 요청"),
    )
    def post(self, request: Request) -> Response:
        profile = access.own_profile_for_recommendations(request_user(request))
        data = DecisionRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = decisions.decision_request_create(profile=profile, **data.validated_data)
        return Response(DecisionRequestOutput(row).data, status=status.HTTP_201_CREATED)


class StaffDecisionRequests(generics.ListAPIView):  # type: ignore[type-arg]
    """The staff queue of requests: open ones first."""

    permission_classes = [IsStaff]
    serializer_class = DecisionRequestOutput
    queryset = DecisionRequest.objects.none()

    def get_queryset(self) -> QuerySet[DecisionRequest]:
        wanted = self.request.query_params.get("status", "")
        if wanted and wanted not in DecisionRequestStatus.values:
            raise serializers.ValidationError({"status": ["open | answered"]})
        return decisions.decision_requests_for_staff(status=wanted)

    @extend_schema(
        operation_id="decision_requests_list",
        description=_("시 담당자가 보는 요청 대기열, 열린 요청이 먼저."),
        parameters=[OpenApiParameter("status", str, required=False, enum=["open", "answered"])],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class DecisionRequestAnswer(APIView):
    """Staff answer one request."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="decision_requests_answer",
        description=_("시 담당자가 요청 하나에 답합니다."),
        request=DecisionAnswerInput,
        responses={200: DecisionRequestOutput},
    )
    def post(self, request: Request, id: int) -> Response:
        data = DecisionAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = decisions.decision_request_answer(
            request_id=id, actor=request_user(request), answer=data.validated_data["answer"]
        )
        return Response(DecisionRequestOutput(row).data)
