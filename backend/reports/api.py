"""Report endpoints (staff): `GET /api/v1/reports/placements/` and `/reports/mentoring/`,
JSON by default, or a file with `format=csv|xlsx|pdf` (always small-cell suppressed, each
download written to the access log)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, request_user
from backend.reports import selectors, services
from backend.reports.exports.to_pdf import PdfUnavailable
from backend.reports.files import REPORT_RESPONSES, report_file
from backend.reports.query import report_query_parse
from backend.reports.tables import report_output


class JsonAlways(BaseContentNegotiation):
    """`format` is this API's own parameter (csv, xlsx, pdf), not DRF's renderer override:
    the JSON renderer answers everything that is not a file (errors included)."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


REPORTS = {"placements": selectors.placements_report, "mentoring": selectors.mentoring_report}

PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description=_("시작일(기본: 올해 1월 1일)")),
    OpenApiParameter("to", OpenApiTypes.DATE, description=_("종료일(기본: 올해 12월 31일)")),
    OpenApiParameter(
        "as_of", OpenApiTypes.DATE, description=_("기준일: 이날까지 돌아온 점검 시점")
    ),
    OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv", "xlsx", "pdf"]),
]


class _ReportApi(APIView):
    permission_classes = [IsStaff]
    content_negotiation_class = JsonAlways
    kind = ""

    def get(self, request: Request) -> Response | HttpResponse:
        query = report_query_parse(self.kind, request.query_params)
        report = REPORTS[self.kind](
            date_from=query.date_from, date_to=query.date_to, by=query.by, as_of=query.as_of
        )
        output = report_output(report, suppressed=True)
        if query.file_format == "json":
            return Response(output)
        try:
            file = report_file(output, query.file_format)
        except PdfUnavailable as error:
            return Response({"detail": str(error)}, status=503)
        services.report_download_log(
            actor=request_user(request),
            report=self.kind,
            file_format=query.file_format,
            params=query.params(),
            request=request._request,
        )
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
        return response


class PlacementsReportApi(_ReportApi):
    kind = "placements"

    @extend_schema(
        operation_id="reports_placements",
        parameters=[
            *PARAMETERS,
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(selectors.PLACEMENT_BREAKDOWNS)),
        ],
        responses=REPORT_RESPONSES,
        summary=_("취업 연계 실적 보고서(시 담당자, REPORTS.md)"),
    )
    def get(self, request: Request) -> Response | HttpResponse:
        return super().get(request)


class MentoringReportApi(_ReportApi):
    kind = "mentoring"

    @extend_schema(
        operation_id="reports_mentoring",
        parameters=[
            *PARAMETERS,
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(selectors.MENTORING_BREAKDOWNS)),
        ],
        responses=REPORT_RESPONSES,
        summary=_("멘토링 실적 보고서(시 담당자)"),
    )
    def get(self, request: Request) -> Response | HttpResponse:
        return super().get(request)
