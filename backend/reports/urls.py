"""Routes of reports under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.reports import api, ledger_api, snapshot_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/placements/", api.PlacementsReportApi.as_view(), name="report-placements"),
    path("reports/ordinance/", ledger_api.OrdinanceReportApi.as_view(), name="report-ordinance"),
    path("reports/snapshots/", snapshot_api.SnapshotListCreate.as_view(), name="report-snapshots"),
    path(
        "reports/snapshots/<int:id>/",
        snapshot_api.SnapshotDetail.as_view(),
        name="report-snapshot",
    ),
    path(
        "reports/snapshots/<int:id>/publish/",
        snapshot_api.SnapshotPublish.as_view(),
        name="report-snapshot-publish",
    ),
    path("reports/mentoring/", api.MentoringReportApi.as_view(), name="report-mentoring"),
]
