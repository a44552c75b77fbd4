"""Paths of the web pages (UI.md: the paths are the contract)."""

from django.urls import path

from backend.web.views import apply, public, search

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("jobs/", search.jobs, name="jobs"),
    path("jobs/<int:posting_id>/", public.job_detail, name="job_detail"),
    path("jobs/<int:posting_id>/apply/", apply.job_apply, name="job_apply"),
    path("privacy/", public.privacy_notice, name="privacy_notice"),
]
