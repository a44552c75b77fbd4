"""Routes of notifications under /api/v1/."""

from django.urls import path

from backend.notifications import api

urlpatterns = [
    path(
        "me/notification-preferences/",
        api.NotificationPreferencesView.as_view(),
        name="me-notification-preferences",
    ),
]
