"""A URLconf with only the seekers and mentoring routes, to check their schema in isolation."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("backend.seekers.urls")),
    path("api/v1/", include("backend.mentoring.urls")),
]
