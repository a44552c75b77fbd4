"""A URLconf with only the seekers and mentoring routes, to check their schema in isolation.

`/seekers/{id}/` is served by matching (it composes the profile with its eligibility)."""

from django.urls import include, path

from backend.matching import seeker_api

urlpatterns = [
    path("api/v1/", include("backend.seekers.urls")),
    path(
        "api/v1/seekers/<int:seeker_id>/",
        seeker_api.SeekerDetailApi.as_view(),
        name="seeker-detail",
    ),
    path("api/v1/", include("backend.mentoring.urls")),
]
