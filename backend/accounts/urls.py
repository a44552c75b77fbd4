"""Routes of accounts under /api/v1/."""

from django.urls import path

from backend.accounts import api

urlpatterns = [
    path("me/", api.MeView.as_view(), name="me"),
    path("me/export/", api.ExportView.as_view(), name="me-export"),
    path("me/consents/", api.ConsentsView.as_view(), name="me-consents"),
]
