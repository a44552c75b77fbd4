"""Routes of matching under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.matching import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/eligibility/", api.MyEligibilityApi.as_view(), name="me-eligibility"),
    path("ordinance-policy/", api.OrdinancePolicyApi.as_view(), name="ordinance-policy"),
]
