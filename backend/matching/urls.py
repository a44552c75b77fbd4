"""Routes of matching under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.matching import api, decision_api, fair_api, match_api, seeker_api, training_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("seekers/<int:seeker_id>/", seeker_api.SeekerDetailApi.as_view(), name="seeker-detail"),
    path("me/eligibility/", api.MyEligibilityApi.as_view(), name="me-eligibility"),
    path(
        "me/training-suggestions/",
        training_api.MyTrainingSuggestionsApi.as_view(),
        name="me-training-suggestions",
    ),
    path("ordinance-policy/", api.OrdinancePolicyApi.as_view(), name="ordinance-policy"),
    path(
        "ordinance-policy/versions/",
        api.OrdinancePolicyVersionList.as_view(),
        name="ordinance-policy-versions",
    ),
    path(
        "ordinance-policy/versions/<int:version>/",
        api.OrdinancePolicyVersionDetail.as_view(),
        name="ordinance-policy-version",
    ),
    path(
        "me/recommendations/",
        match_api.MyRecommendations.as_view(),
        name="me-recommendations",
    ),
    path(
        "postings/<int:id>/candidates/",
        match_api.PostingCandidates.as_view(),
        name="posting-candidates",
    ),
    path(
        "me/decision-requests/",
        decision_api.MyDecisionRequests.as_view(),
        name="me-decision-requests",
    ),
    path(
        "decision-requests/",
        decision_api.StaffDecisionRequests.as_view(),
        name="decision-requests",
    ),
    path(
        "decision-requests/<int:id>/answer/",
        decision_api.DecisionRequestAnswer.as_view(),
        name="decision-request-answer",
    ),
    path("match-runs/", match_api.MatchRunList.as_view(), name="match-run-list"),
    path("match-runs/<int:id>/", match_api.MatchRunDetail.as_view(), name="match-run-detail"),
    path(
        "match-runs/<int:id>/assignments/",
        match_api.MatchRunAssignments.as_view(),
        name="match-run-assignments",
    ),
    path("fairs/<int:id>/schedule/", fair_api.FairScheduleApi.as_view(), name="fair-schedule"),
    path(
        "fairs/<int:id>/schedule/pdf/",
        fair_api.FairSchedulePdf.as_view(),
        name="fair-schedule-pdf",
    ),
    path(
        "fairs/<int:id>/schedule/publish/",
        fair_api.FairSchedulePublish.as_view(),
        name="fair-schedule-publish",
    ),
    path("me/fair-schedule/", fair_api.MyFairSchedule.as_view(), name="me-fair-schedule"),
]
