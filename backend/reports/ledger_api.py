"""`GET /api/v1/reports/ordinance/?year=` (REPORTS.md, Outputs): the ordinance ledger
(고졸 지역인재 채용). Staff see every institution; an employer user whose organisation is a
covered institution or partner sees its own row; everyone else 403. `format=csv|xlsx|pdf`
answers the file (each download written to the access log)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role, User
from backend.accounts.permissions import IsEmployerOrStaff, request_user
from backend.employers.selectors import employer_of_user
from backend.jobs.models import seoul_today
from backend.reports import services
from backend.reports.api import JsonAlways
from backend.reports.exports.to_pdf import PdfUnavailable
from backend.reports.files import CONTENT_TYPES, RENDERERS, REPORT_RESPONSES
from backend.reports.ledger import ledger_export_output, ordinance_ledger
from backend.reports.query import FORMATS

FIRST_YEAR = 2000


def ledger_year_parse(data: Mapping[str, str]) -> tuple[int, str]:
    """`year` (default this year; 2000 to this year) and `format`, or a `ValidationError`."""
    errors: dict[str, list[str]] = {}
    this_year = seoul_today().year
    raw = (data.get("year") or "").strip()
    year = this_year
    if raw:
        try:
            year = int(raw)
        except ValueError:
            errors["year"] = [gettext("연도는 숫자 네 자리로 입력해 주세요.")]
        else:
            if not FIRST_YEAR <= year <= this_year:
                errors["year"] = [
                    gettext("%(low)s년부터 %(high)s년 사이여야 합니다.")
                    % {"low": FIRST_YEAR, "high": this_year}
                ]
    file_format = (data.get("format") or "").strip() or "json"
    if file_format not in FORMATS:
        errors["format"] = [
            gettext("%(choices)s 중 하나여야 합니다.") % {"choices": ", ".join(FORMATS)}
        ]
    if errors:
        raise ValidationError(errors)
    return year, file_format


def ledger_for(user: User, year: int) -> dict[str, object]:
    """The ledger `user` may read: all of it for staff, its own row for an institution's
    member; `PermissionDenied` for an employer that is not in the ledger."""
    if user.role == Role.STAFF:
        return ordinance_ledger(year=year)
    employer = employer_of_user(user=user)
    ledger = ordinance_ledger(year=year, employer_id=employer.pk if employer else -1)
    if employer is None or not ledger["rows"]:
        raise PermissionDenied(gettext("조례 적용 기관이나 협약 기업만 자기 실적을 볼 수 있어요."))
    return ledger


class OrdinanceReportApi(APIView):
    permission_classes = [IsEmployerOrStaff]
    content_negotiation_class = JsonAlways

    @extend_schema(
        operation_id="reports_ordinance",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description=_("연도(기본: 올해)")),
            OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS)),
        ],
        responses=REPORT_RESPONSES,
        summary=_("고졸 지역인재 채용 실적(시 담당자, 또는 기관의 자기 행)"),
    )
    def get(self, request: Request) -> Response | HttpResponse:
        year, file_format = ledger_year_parse(request.query_params)
        user = request_user(request)
        ledger = ledger_for(user, year)
        if file_format == "json":
            return Response(ledger)
        try:
            content = RENDERERS[file_format](ledger_export_output(ledger))
        except PdfUnavailable as error:
            return Response({"detail": str(error)}, status=503)
        services.report_download_log(
            actor=user,
            report="ordinance",
            file_format=file_format,
            params={"year": str(year)},
            request=request._request,
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
        filename = f"report-ordinance-{year}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
