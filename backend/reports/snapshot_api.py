"""Snapshots (staff): `GET /api/v1/reports/snapshots/` (paginated, newest first; `?kind=`),
`GET /api/v1/reports/snapshots/{id}/` (the suppressed output as JSON, or its file with
`format=csv|xlsx|pdf`, each download logged), `POST /api/v1/reports/snapshots/` (regenerate:
`{kind, parameters, as_of}`) and `POST /api/v1/reports/snapshots/{id}/publish/` (a yearly one,
to the public page /reports/)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, request_user
from backend.jobs.models import seoul_today
from backend.reports import services, snapshots
from backend.reports.api import JsonAlways
from backend.reports.exports.to_pdf import PdfUnavailable
from backend.reports.files import CONTENT_TYPES, RENDERERS, REPORT_RESPONSES
from backend.reports.models import ReportSnapshot, SnapshotKind
from backend.reports.query import FORMATS


class SnapshotOutput(serializers.ModelSerializer[ReportSnapshot]):
    superseded = serializers.SerializerMethodField()

    class Meta:
        model = ReportSnapshot
        fields = [
            "id",
            "kind",
            "period",
            "parameters",
            "as_of",
            "inputs_digest",
            "policy_version",
            "generated_at",
            "superseded_by",
            "superseded",
            "published_at",
        ]

    def get_superseded(self, snapshot: ReportSnapshot) -> bool:
        return snapshot.superseded_by_id is not None


class SnapshotInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=SnapshotKind.values)
    parameters = serializers.DictField()
    as_of = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        parameters = attrs["parameters"]
        errors: list[str] = []
        if attrs["kind"] == SnapshotKind.ORDINANCE:
            year = parameters.get("year")
            if not isinstance(year, int) or not 2000 <= year <= seoul_today().year:
                errors.append(gettext("연도(year)가 필요해요."))
            attrs["parameters"] = {"year": year}
        else:
            try:
                start = datetime.date.fromisoformat(str(parameters.get("from")))
                end = datetime.date.fromisoformat(str(parameters.get("to")))
            except ValueError:
                errors.append(gettext("날짜는 YYYY-MM-DD 형식으로 입력해 주세요."))
            else:
                if start > end:
                    errors.append(gettext("끝 날짜는 시작 날짜와 같거나 그 뒤여야 합니다."))
                by = parameters.get("by") or snapshots.DEFAULT_BY[attrs["kind"]]
                attrs["parameters"] = {"from": start.isoformat(), "to": end.isoformat(), "by": by}
        if errors:
            raise serializers.ValidationError({"parameters": errors})
        return attrs


def snapshot_file_response(snapshot: ReportSnapshot, file_format: str) -> HttpResponse:
    """The snapshot's suppressed file (raises `PdfUnavailable`)."""
    content = RENDERERS[file_format](snapshots.snapshot_output(snapshot))
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = f"snapshot-{snapshot.pk}-{snapshot.kind}-{snapshot.as_of}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SnapshotListCreate(generics.ListAPIView):  # type: ignore[type-arg]
    permission_classes = [IsStaff]
    serializer_class = SnapshotOutput

    def get_queryset(self) -> Any:
        rows = snapshots.snapshot_list()
        kind = self.request.query_params.get("kind")
        if kind:
            if kind not in SnapshotKind.values:
                raise serializers.ValidationError(
                    {
                        "kind": [
                            gettext("%(choices)s 중 하나여야 합니다.")
                            % {"choices": ", ".join(SnapshotKind.values)}
                        ]
                    }
                )
            rows = rows.filter(kind=kind)
        return rows

    @extend_schema(
        operation_id="reports_snapshots_list",
        parameters=[OpenApiParameter("kind", OpenApiTypes.STR, enum=list(SnapshotKind.values))],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="reports_snapshots_create",
        request=SnapshotInput,
        responses={201: SnapshotOutput},
    )
    def post(self, request: Request) -> Response:
        data = SnapshotInput(data=request.data)
        data.is_valid(raise_exception=True)
        snapshot = snapshots.snapshot_generate(
            kind=data.validated_data["kind"],
            parameters=data.validated_data["parameters"],
            as_of=data.validated_data.get("as_of") or seoul_today(),
            actor=request_user(request),
        )
        return Response(SnapshotOutput(snapshot).data, status=status.HTTP_201_CREATED)


def _snapshot(snapshot_id: int) -> ReportSnapshot:
    snapshot = ReportSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is None:
        raise NotFound(gettext("스냅숏을 찾을 수 없어요."))
    return snapshot


class SnapshotDetail(APIView):
    permission_classes = [IsStaff]
    content_negotiation_class = JsonAlways

    @extend_schema(
        operation_id="reports_snapshots_retrieve",
        parameters=[OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS))],
        responses=REPORT_RESPONSES,
    )
    def get(self, request: Request, id: int) -> Response | HttpResponse:
        snapshot = _snapshot(id)
        file_format = (request.query_params.get("format") or "json").strip()
        if file_format not in FORMATS:
            raise serializers.ValidationError(
                {
                    "format": [
                        gettext("%(choices)s 중 하나여야 합니다.") % {"choices": ", ".join(FORMATS)}
                    ]
                }
            )
        if file_format == "json":
            return Response(
                {**SnapshotOutput(snapshot).data, "output": snapshots.snapshot_output(snapshot)}
            )
        try:
            response = snapshot_file_response(snapshot, file_format)
        except PdfUnavailable as error:
            return Response({"detail": str(error)}, status=503)
        services.report_download_log(
            actor=request_user(request),
            report=f"snapshot-{snapshot.pk}-{snapshot.kind}",
            file_format=file_format,
            params={"as_of": snapshot.as_of.isoformat()},
            request=request._request,
        )
        return response


class SnapshotPublish(APIView):
    permission_classes = [IsStaff]

    @extend_schema(operation_id="reports_snapshots_publish", request=None, responses=SnapshotOutput)
    def post(self, request: Request, id: int) -> Response:
        snapshot = snapshots.snapshot_publish(snapshot=_snapshot(id))
        return Response(SnapshotOutput(snapshot).data)
