"""Reference data under /api/v1/ (public)."""

from django.urls import path

from backend.taxonomy import api

urlpatterns = [
    path("areas/", api.AreaList.as_view(), name="area-list"),
    path("career-fields/", api.CareerFieldList.as_view(), name="career-field-list"),
    path("occupations/", api.OccupationList.as_view(), name="occupation-list"),
    path("certificates/", api.CertificateList.as_view(), name="certificate-list"),
]
