from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from backend.taxonomy.models import Area, CareerField, Certificate, Occupation


class _CodeFixedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Codes are referenced by stored rows and API clients: editable only on creation."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()


@admin.register(Area)
class AreaAdmin(_CodeFixedAdmin):
    list_display = ("code", "name", "lat", "lon", "approximate")
    search_fields = ("code", "name")


@admin.register(CareerField)
class CareerFieldAdmin(_CodeFixedAdmin):
    list_display = ("code", "name", "name_en")


@admin.register(Occupation)
class OccupationAdmin(_CodeFixedAdmin):
    list_display = ("code", "name", "career_field")
    list_filter = ("career_field",)
    search_fields = ("code", "name")


@admin.register(Certificate)
class CertificateAdmin(_CodeFixedAdmin):
    list_display = ("code", "name", "kind", "career_field")
    list_filter = ("kind", "career_field")
    search_fields = ("code", "name")
