"""Routes of `/api/v1/`; each app adds its own routes here as it lands."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
