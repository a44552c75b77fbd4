"""A URLconf of only the employers and jobs endpoints, so that the schema test judges them
alone (other apps' endpoints are their own tests' business)."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", include("backend.employers.urls")),
    path("api/v1/", include("backend.jobs.urls")),
]
