"""Routes of `/api/v1/`: each app owns its `urls.py`, included here."""

from django.urls import include, path

urlpatterns = [
    path("", include("backend.taxonomy.urls")),
    path("", include("backend.accounts.urls")),
    path("", include("backend.notifications.urls")),
    path("", include("backend.seekers.urls")),
    path("", include("backend.employers.urls")),
    path("", include("backend.jobs.urls")),
    path("", include("backend.mentoring.urls")),
    path("", include("backend.fairs.urls")),
    path("", include("backend.training.urls")),
    path("", include("backend.matching.urls")),
    path("", include("backend.reports.urls")),
]
