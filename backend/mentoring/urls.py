"""Routes of this app under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.mentoring import api, sessions_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("mentors/", api.MentorListApi.as_view(), name="mentor-list"),
    path("mentors/<int:profile_id>/verify/", api.MentorVerifyApi.as_view(), name="mentor-verify"),
    path("mentors/<int:profile_id>/refuse/", api.MentorRefuseApi.as_view(), name="mentor-refuse"),
    path("me/mentor-profile/", api.MyMentorProfileApi.as_view(), name="me-mentor-profile"),
    path(
        "mentoring-requests/",
        api.MentoringRequestListApi.as_view(),
        name="mentoring-request-list",
    ),
    path(
        "mentoring-requests/<int:request_id>/accept/",
        api.AcceptApi.as_view(),
        name="mentoring-request-accept",
    ),
    path(
        "mentoring-requests/<int:request_id>/decline/",
        api.DeclineApi.as_view(),
        name="mentoring-request-decline",
    ),
    path(
        "mentoring-requests/<int:request_id>/complete/",
        api.CompleteApi.as_view(),
        name="mentoring-request-complete",
    ),
    path(
        "mentoring-requests/<int:request_id>/cancel/",
        api.CancelApi.as_view(),
        name="mentoring-request-cancel",
    ),
    path(
        "mentoring-requests/<int:request_id>/suggested-mentors/",
        api.SuggestedMentorsApi.as_view(),
        name="mentoring-request-suggested-mentors",
    ),
    path(
        "mentoring-requests/<int:request_id>/sessions/",
        sessions_api.SessionListApi.as_view(),
        name="mentoring-request-sessions",
    ),
    path(
        "mentoring-requests/<int:request_id>/rating/",
        sessions_api.RatingApi.as_view(),
        name="mentoring-request-rating",
    ),
]
