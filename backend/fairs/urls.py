"""Routes of job fairs under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.fairs import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("fairs/", api.FairList.as_view(), name="fair-list"),
    path("fairs/<int:id>/", api.FairDetail.as_view(), name="fair-detail"),
    path(
        "fairs/<int:id>/registration/",
        api.FairRegistrationApi.as_view(),
        name="fair-registration",
    ),
]
