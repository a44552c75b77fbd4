"""Routes of this app under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.employers import api, survey_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("employers/", api.EmployerListCreate.as_view(), name="employer-list"),
    path("employers/<int:id>/", api.EmployerDetail.as_view(), name="employer-detail"),
    path("employers/<int:id>/verify/", api.EmployerVerify.as_view(), name="employer-verify"),
    path("employers/<int:id>/refuse/", api.EmployerRefuse.as_view(), name="employer-refuse"),
    path(
        "employers/<int:id>/hiring-surveys/",
        survey_api.HiringSurveyListCreate.as_view(),
        name="employer-hiring-surveys",
    ),
]
