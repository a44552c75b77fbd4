"""Routes of this app under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.seekers import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/profile/", api.MyProfileApi.as_view(), name="me-profile"),
    path("seekers/", api.SeekerListApi.as_view(), name="seeker-list"),
]
