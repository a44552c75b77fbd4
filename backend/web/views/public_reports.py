"""The public report page (`/reports/`, UI.md): the yearly snapshots staff published, each as
PDF and CSV, small cells suppressed (REPORTS.md). Anyone may open it; the files hold no
personal data."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from backend.web import ledger_backend as ledger

PUBLIC_FORMATS = ("pdf", "csv")


@require_safe
def published_reports(request: HttpRequest) -> HttpResponse:
    rows = list(ledger.published_snapshots()[:60])
    return render(request, "web/reports.html", {"snapshots": rows, "formats": PUBLIC_FORMATS})


@require_safe
def published_report_file(request: HttpRequest, snapshot_id: int, file_format: str) -> HttpResponse:
    snapshot = ledger.published_snapshots().filter(pk=snapshot_id).first()
    if snapshot is None or file_format not in PUBLIC_FORMATS:
        raise Http404(_("공개된 보고서를 찾을 수 없어요."))
    try:
        return ledger.snapshot_file_response(snapshot, file_format)
    except ledger.PdfUnavailable:
        return HttpResponse(
            _("지금은 PDF를 만들 수 없어요. CSV 파일을 내려받아 주세요."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
