"""Routes of this app under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.jobs import alerts_api, api, hiring_api, report_api, search_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("postings/search/", search_api.PostingSearchView.as_view(), name="posting-search"),
    path("postings/suggest/", search_api.PostingSuggestView.as_view(), name="posting-suggest"),
    path("postings/", api.PostingListCreate.as_view(), name="posting-list"),
    path("postings/<int:id>/", api.PostingDetail.as_view(), name="posting-detail"),
    path("postings/<int:id>/submit/", api.PostingSubmit.as_view(), name="posting-submit"),
    path("postings/<int:id>/approve/", api.PostingApprove.as_view(), name="posting-approve"),
    path("postings/<int:id>/reject/", api.PostingReject.as_view(), name="posting-reject"),
    path("postings/<int:id>/close/", api.PostingClose.as_view(), name="posting-close"),
    path(
        "postings/<int:id>/reports/",
        report_api.PostingReportCreate.as_view(),
        name="posting-report-create",
    ),
    path("posting-reports/", report_api.PostingReportList.as_view(), name="posting-report-list"),
    path(
        "posting-reports/<int:id>/dismiss/",
        report_api.PostingReportDismiss.as_view(),
        name="posting-report-dismiss",
    ),
    path(
        "posting-reports/<int:id>/act/",
        report_api.PostingReportAct.as_view(),
        name="posting-report-act",
    ),
    path(
        "postings/<int:id>/revision/approve/",
        api.PostingRevisionApprove.as_view(),
        name="posting-revision-approve",
    ),
    path(
        "postings/<int:id>/revision/reject/",
        api.PostingRevisionReject.as_view(),
        name="posting-revision-reject",
    ),
    path(
        "postings/<int:id>/applications/",
        hiring_api.PostingApplications.as_view(),
        name="posting-applications",
    ),
    path("me/applications/", hiring_api.MyApplications.as_view(), name="my-applications"),
    path(
        "applications/<int:id>/", hiring_api.ApplicationDetail.as_view(), name="application-detail"
    ),
    path(
        "applications/<int:id>/withdraw/",
        hiring_api.ApplicationWithdraw.as_view(),
        name="application-withdraw",
    ),
    path("placements/", hiring_api.PlacementList.as_view(), name="placement-list"),
    path(
        "placements/<int:id>/checkpoints/<int:month>/",
        hiring_api.PlacementCheckpointRecord.as_view(),
        name="placement-checkpoint",
    ),
    path(
        "placements/<int:id>/checkpoints/<int:month>/history/",
        hiring_api.PlacementCheckpointHistory.as_view(),
        name="placement-checkpoint-history",
    ),
    # Issue 16: saved searches (alerts), deadline extension and renewal.
    path("me/saved-searches/", alerts_api.SavedSearchList.as_view(), name="my-saved-searches"),
    path(
        "me/saved-searches/<int:id>/",
        alerts_api.SavedSearchDetail.as_view(),
        name="my-saved-search-detail",
    ),
    path("postings/<int:id>/extend/", alerts_api.PostingExtend.as_view(), name="posting-extend"),
    path("postings/<int:id>/renew/", alerts_api.PostingRenew.as_view(), name="posting-renew"),
]
