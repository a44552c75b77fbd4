"""Reports of postings (신고): anyone reports an open posting; staff work the queue."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import exceptions, generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import User
from backend.accounts.permissions import IsStaff, request_user
from backend.core.client_ip import client_ip
from backend.jobs import access, reports
from backend.jobs.models import PostingReport, ReportReason, ReportStatus


class ReportInput(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(choices=ReportReason.choices, help_text=_("신고 사유 코드"))
    text = serializers.CharField(
        max_length=reports.REPORT_TEXT_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("무엇이 문제인지"),
    )


@extend_schema_serializer(
    description=_("신고한 사람이 받는 응답: 접수되었다는 것뿐, 대기열의 내용은 없습니다.")
)
class ReportReceiptOutput(serializers.ModelSerializer[PostingReport]):
    """What a reporter gets back: that it was received, nothing of the queue."""

    class Meta:
        model = PostingReport
        fields = ["id", "posting", "reason", "status", "created_at"]
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "시 담당자가 보는 신고: 공고, 사유와 내용, 결정. 신고한 사람은 "
        "로그인했는지만 보입니다(시 담당자는 신고한 사람이 아니라 공고를 "
        "판단합니다)."
    )
)
class ReportStaffOutput(serializers.ModelSerializer[PostingReport]):
    """A report as staff see it: the posting, the reason and text, the decision. The
    reporter is shown only as signed in or not (staff judge the posting, not the reporter)."""

    posting_title = serializers.CharField(source="posting.title")
    posting_status = serializers.CharField(source="posting.status")
    employer_name = serializers.CharField(source="posting.employer.name")
    signed_in = serializers.SerializerMethodField()

    class Meta:
        model = PostingReport
        fields = [
            "id",
            "posting",
            "posting_title",
            "posting_status",
            "employer_name",
            "reason",
            "text",
            "signed_in",
            "status",
            "created_at",
            "decided_at",
            "decision_note",
        ]
        read_only_fields = fields

    def get_signed_in(self, report: PostingReport) -> bool:
        return report.reporter_id is not None


class PostingReportCreate(APIView):
    """`POST /postings/{id}/reports/` — anyone (no account needed) reports an open posting.
    409 when this client already reported it today; 429 (with `Retry-After`) past the
    hourly limit."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="postings_report",
        description=_(
            "누구나(계정 없이) 모집 중인 공고를 신고합니다. 이 클라이언트가 오늘 이미 "
            "신고했으면 409, 시간당 한도를 넘으면 429(`Retry-After`와 함께)."
        ),
        request=ReportInput,
        responses={201: ReportReceiptOutput},
        summary=_("공고 신고(누구나)"),
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_visible_to(request.user, id)
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user if isinstance(request.user, User) else None
        try:
            report = reports.posting_report_create(
                posting=posting,
                reporter=user,
                client=reports.client_key(user=user, address=client_ip(request._request)),
                reason=data.validated_data["reason"],
                text=data.validated_data["text"],
            )
        except reports.ReportRateLimitedError as error:
            raise exceptions.Throttled(wait=error.retry_after, detail=error.message) from None
        return Response(ReportReceiptOutput(report).data, status=status.HTTP_201_CREATED)


class PostingReportList(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET /posting-reports/?status=open` (staff): the reports queue, oldest first."""

    permission_classes = [IsStaff]
    serializer_class = ReportStaffOutput
    queryset = PostingReport.objects.none()  # the schema's model; get_queryset answers

    def get_queryset(self) -> QuerySet[PostingReport]:
        wanted = self.request.query_params.get("status", ReportStatus.OPEN)
        if wanted not in ReportStatus.values:
            raise serializers.ValidationError(
                {"status": [gettext("알 수 없는 상태입니다: %(status)s") % {"status": wanted}]}
            )
        return access.posting_reports_for_staff(request_user(self.request)).filter(status=wanted)

    @extend_schema(
        operation_id="posting_reports_list",
        description=_("공고 신고 대기열(시 담당자, `?status=open`), 오래된 순."),
        parameters=[OpenApiParameter("status", str, enum=ReportStatus.values)],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class NoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class PostingReportDismiss(APIView):
    """Staff found nothing wrong with the posting (409 once decided)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="posting_reports_dismiss",
        description=_(
            "시 담당자가 공고에서 문제를 찾지 못해 신고를 기각합니다(이미 결정되었으면 409)."
        ),
        request=NoteInput,
        responses=ReportStaffOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        report = access.posting_report_for_staff(request_user(request), id)
        data = NoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = reports.posting_report_dismiss(
            report=report, actor=request_user(request), note=data.validated_data["note"]
        )
        return Response(ReportStaffOutput(report).data)


class ActInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, help_text=_("마감 사유"))


class PostingReportAct(APIView):
    """Staff act on a report: the posting is closed with the reason (every open report of it
    is marked acted; 409 once decided)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="posting_reports_act",
        description=_(
            "시 담당자가 신고를 받아들여 사유와 함께 공고를 마감합니다(그 공고의 열린 "
            "신고는 모두 조치됨으로 표시, 이미 결정되었으면 409)."
        ),
        request=ActInput,
        responses=ReportStaffOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        report = access.posting_report_for_staff(request_user(request), id)
        data = ActInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = reports.posting_report_act(
            report=report, actor=request_user(request), reason=data.validated_data["reason"]
        )
        return Response(ReportStaffOutput(report).data)
