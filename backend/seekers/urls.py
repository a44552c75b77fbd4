"""Routes of this app under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.seekers import api, assisted_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/profile/", api.MyProfileApi.as_view(), name="me-profile"),
    path("seekers/", api.SeekerListApi.as_view(), name="seeker-list"),
    path("assisted-seekers/", assisted_api.AssistedSeekerListApi.as_view(), name="assisted-list"),
    path(
        "assisted-seekers/<int:enrolment_id>/code/",
        assisted_api.AssistedCodeApi.as_view(),
        name="assisted-code",
    ),
    path(
        "assisted-seekers/<int:enrolment_id>/profile/",
        assisted_api.AssistedProfileApi.as_view(),
        name="assisted-profile",
    ),
    path(
        "accounts/assisted/activate/",
        assisted_api.AssistedActivateApi.as_view(),
        name="assisted-activate",
    ),
]
