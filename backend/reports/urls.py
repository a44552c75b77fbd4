"""Routes of reports under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.reports import api, ledger_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/placements/", api.PlacementsReportApi.as_view(), name="report-placements"),
    path("reports/ordinance/", ledger_api.OrdinanceReportApi.as_view(), name="report-ordinance"),
    path("reports/mentoring/", api.MentoringReportApi.as_view(), name="report-mentoring"),
]
