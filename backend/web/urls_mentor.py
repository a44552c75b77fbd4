"""Paths of the mentor's pages (UI.md), and the seeker's page of one mentoring request."""

from django.urls import path

from backend.web.views import mentor

urlpatterns = [
    path("mentor/", mentor.dashboard, name="mentor"),
    path("mentor/profile/", mentor.profile, name="mentor_profile"),
    path("mentor/requests/<int:request_id>/", mentor.request_detail, name="mentor_request"),
    path(
        "mentor/requests/<int:request_id>/accept/",
        mentor.request_accept,
        name="mentor_request_accept",
    ),
    path(
        "mentor/requests/<int:request_id>/decline/",
        mentor.request_decline,
        name="mentor_request_decline",
    ),
    path(
        "mentor/requests/<int:request_id>/complete/",
        mentor.request_complete,
        name="mentor_request_complete",
    ),
    path(
        "me/mentoring/<int:request_id>/",
        mentor.seeker_request,
        name="me_mentoring_request",
    ),
]
