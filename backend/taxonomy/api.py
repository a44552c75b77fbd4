"""Public reference-data endpoints: areas, career fields, occupations, certificates."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from backend.core.pagination import ReferencePagination
from backend.taxonomy import selectors
from backend.taxonomy.models import Area, CareerField, Certificate, Occupation


class AreaOutput(serializers.ModelSerializer[Area]):
    class Meta:
        model = Area
        fields = ["code", "name", "lat", "lon", "approximate", "legal_dongs"]


class CareerFieldOutput(serializers.ModelSerializer[CareerField]):
    class Meta:
        model = CareerField
        fields = ["code", "name", "name_en", "examples"]


class OccupationOutput(serializers.ModelSerializer[Occupation]):
    career_field = serializers.CharField(source="career_field_id")

    class Meta:
        model = Occupation
        fields = ["code", "name", "career_field"]


class CertificateOutput(serializers.ModelSerializer[Certificate]):
    career_field = serializers.CharField(source="career_field_id", allow_null=True)
    aliases = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Certificate
        fields = ["code", "name", "kind", "career_field", "aliases"]


class _ReferenceList(generics.ListAPIView):  # type: ignore[type-arg]
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    pagination_class = ReferencePagination


class AreaList(_ReferenceList):
    serializer_class = AreaOutput

    def get_queryset(self) -> QuerySet[Area]:
        return selectors.area_list()


class CareerFieldList(_ReferenceList):
    serializer_class = CareerFieldOutput

    def get_queryset(self) -> QuerySet[CareerField]:
        return selectors.career_field_list()


class OccupationList(_ReferenceList):
    serializer_class = OccupationOutput

    def get_queryset(self) -> QuerySet[Occupation]:
        return selectors.occupation_list()


class CertificateList(_ReferenceList):
    serializer_class = CertificateOutput

    def get_queryset(self) -> QuerySet[Certificate]:
        return selectors.certificate_list()
