"""Seeker endpoints: the seeker's own profile, and staff reads of profiles (access-logged)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSeeker, IsStaff, request_user
from backend.seekers import access, services
from backend.seekers.models import (
    Gender,
    SeekerProfile,
)
from backend.taxonomy.models import Area
from backend.taxonomy.vocabulary import CareerBreakReason, Cohort, EmploymentType, Shift
from search.query import MAX_WAGE


def multi_value(request: Request, name: str) -> list[str]:
    """A multi-value query parameter given by repetition or commas (API.md conventions)."""
    values: list[str] = []
    for raw in request.query_params.getlist(name):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return values


@extend_schema_serializer(description=_("지역 중심점 대신 쓰는 지점."))
class SeekerLocationSerializer(serializers.Serializer[dict[str, float]]):
    """A point that overrides the area's centroid."""

    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)

    def validate(self, attrs: dict[str, float]) -> dict[str, float]:
        # Both halves, even in a PATCH (DRF's partial reaches nested serializers): half a
        # point is no point.
        missing = [name for name in ("lat", "lon") if name not in attrs]
        if missing:
            raise serializers.ValidationError(
                {name: [gettext("위치에는 위도와 경도가 모두 있어야 합니다.")] for name in missing}
            )
        return attrs


@extend_schema_serializer(
    description=_("지난 일자리 하나: 직종(입력한 그대로의 한국어), 연수, 짧은 요약.")
)
class ExperienceSerializer(serializers.Serializer[dict[str, Any]]):
    """One past job: occupation (Korean, as entered), years, a short summary."""

    occupation = serializers.CharField(max_length=100)
    years = serializers.FloatField(min_value=0, max_value=80)
    summary = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class AreaBriefSerializer(serializers.ModelSerializer[Area]):
    class Meta:
        model = Area
        fields = ["code", "name", "approximate"]


def _codes(max_length: int = 20) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(max_length=32), max_length=max_length)


def _texts(max_length: int = 50) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(max_length=100), max_length=max_length)


@extend_schema_serializer(
    description=_(
        '구직자가 쓰는 필드(API.md "Seekers"). PUT에는 `cohort`, `display_name`, '
        "`area`가 필요하고, 구분별 필드는 기존 프로필과 합친 뒤 프로필 전체에서 "
        "확인합니다."
    )
)
class SeekerProfileInput(serializers.Serializer[dict[str, Any]]):
    """The fields a seeker writes (API.md "Seekers"). PUT needs cohort, display_name and
    area; the cohort's own fields are checked on the whole profile after merging."""

    # Text fields accept null as "empty" so that clients can clear them either way.
    TEXT_FIELDS = ("gender", "phone", "school_name", "career_break_reason", "about")

    cohort = serializers.ChoiceField(choices=Cohort.choices)
    display_name = serializers.CharField(max_length=50)
    birth_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1900, max_value=2100
    )
    birth_month = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=12,
        help_text=_("1-12, 올해 − `birth_year` ≤ 19이면 필수(미성년자 규정)"),
    )
    gender = serializers.ChoiceField(
        choices=Gender.choices, required=False, allow_blank=True, allow_null=True
    )
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    area = serializers.CharField(max_length=10, help_text=_("행정동 코드(/areas/)"))
    location = SeekerLocationSerializer(required=False, allow_null=True)
    is_resident = serializers.BooleanField(required=False)
    school_name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, allow_null=True
    )
    school_in_city = serializers.BooleanField(required=False)
    graduation_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1900, max_value=2100
    )
    entered_college = serializers.BooleanField(required=False)
    career_break_years = serializers.FloatField(
        required=False, allow_null=True, min_value=0, max_value=80
    )
    career_break_reason = serializers.ChoiceField(
        choices=CareerBreakReason.choices, required=False, allow_blank=True, allow_null=True
    )
    career_fields = _codes()
    skills = _texts()
    certificates = _texts()
    experience = serializers.ListField(child=ExperienceSerializer(), max_length=30, required=False)
    employment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentType.choices), required=False
    )
    max_days_per_week = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=7
    )
    shifts = serializers.ListField(
        child=serializers.ChoiceField(choices=Shift.choices), required=False
    )
    min_hourly_wage = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_WAGE, help_text=_("원")
    )
    max_commute_km = serializers.FloatField(
        required=False, allow_null=True, min_value=0.1, max_value=200
    )
    available_from = serializers.DateField(required=False, allow_null=True)
    about = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, allow_null=True
    )
    open_to_employers = serializers.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("career_fields", "skills", "certificates"):
            self.fields[name].required = False

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in self.TEXT_FIELDS:
            if name in attrs and attrs[name] is None:
                attrs[name] = ""
        return attrs


class SeekerProfileOutput(serializers.ModelSerializer[SeekerProfile]):
    area = AreaBriefSerializer()
    # Declared, because read-only model fields lose `allow_blank` and the schema would then
    # promise an enum value where "" (not given) is stored.
    gender = serializers.ChoiceField(choices=Gender.choices, allow_blank=True, read_only=True)
    career_break_reason = serializers.ChoiceField(
        choices=CareerBreakReason.choices, allow_blank=True, read_only=True
    )
    location = serializers.SerializerMethodField()
    career_fields = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    certificates = serializers.ListField(child=serializers.CharField())
    experience = ExperienceSerializer(many=True)
    employment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentType.choices)
    )
    shifts = serializers.ListField(child=serializers.ChoiceField(choices=Shift.choices))

    class Meta:
        model = SeekerProfile
        fields = [
            "id",
            "cohort",
            "display_name",
            "birth_year",
            "birth_month",
            "gender",
            "phone",
            "area",
            "location",
            "is_resident",
            "school_name",
            "school_in_city",
            "graduation_year",
            "entered_college",
            "career_break_years",
            "career_break_reason",
            "career_fields",
            "skills",
            "certificates",
            "experience",
            "employment_types",
            "max_days_per_week",
            "shifts",
            "min_hourly_wage",
            "max_commute_km",
            "available_from",
            "about",
            "open_to_employers",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(SeekerLocationSerializer(allow_null=True))
    def get_location(self, profile: SeekerProfile) -> dict[str, float] | None:
        return profile.location


@extend_schema_serializer(
    description=_("개인 정보 필드(이름, 연락처, 출생 연도, 학교, 자유 기재)를 뺀 프로필.")
)
class SeekerSummaryOutput(serializers.ModelSerializer[SeekerProfile]):
    """A profile without personal fields (no name, contact, birth year, school, free text)."""

    area = AreaBriefSerializer()
    career_fields = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    certificates = serializers.ListField(child=serializers.CharField())
    employment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentType.choices)
    )
    shifts = serializers.ListField(child=serializers.ChoiceField(choices=Shift.choices))

    class Meta:
        model = SeekerProfile
        fields = [
            "id",
            "cohort",
            "area",
            "career_fields",
            "skills",
            "certificates",
            "employment_types",
            "shifts",
            "max_days_per_week",
            "available_from",
            "open_to_employers",
            "updated_at",
        ]
        read_only_fields = fields


class MyProfileApi(APIView):
    """`/me/profile/`: the seeker's own profile (role seeker only)."""

    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="me_profile_retrieve",
        description=_("구직자 본인의 프로필을 봅니다(구직자 역할만)."),
        responses={200: SeekerProfileOutput},
        summary=_("내 구직자 프로필: 처음 PUT 하기 전에는 404"),
    )
    def get(self, request: Request) -> Response:
        profile = access.own_profile(request_user(request))
        return Response(SeekerProfileOutput(profile).data)

    @extend_schema(
        operation_id="me_profile_replace",
        description=_("구직자 본인의 프로필을 작성하거나 통째로 바꿉니다(구직자 역할만)."),
        request=SeekerProfileInput,
        responses={200: SeekerProfileOutput, 201: SeekerProfileOutput},
        summary=_("프로필 작성 또는 전체 교체"),
    )
    def put(self, request: Request) -> Response:
        data = SeekerProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.seeker_profile_replace(
            user=request_user(request), fields=data.validated_data
        )
        # A new profile starts at version 1; every replace of an existing one bumps it.
        created = profile.version == 1
        return Response(
            SeekerProfileOutput(access.own_profile(request_user(request))).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        operation_id="me_profile_update",
        description=_("구직자 본인의 프로필을 일부 고칩니다(구직자 역할만)."),
        request=SeekerProfileInput(partial=True),
        responses={200: SeekerProfileOutput},
        summary=_("프로필 일부 수정(대상 구분 규칙을 다시 확인)"),
    )
    def patch(self, request: Request) -> Response:
        data = SeekerProfileInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.seeker_profile_update(user=request_user(request), fields=data.validated_data)
        return Response(SeekerProfileOutput(access.own_profile(request_user(request))).data)


class SeekerListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """`/seekers/` (staff): profiles without personal fields (no name, contact, birth year,
    school or free text), so listing is not written to the access log; opening one profile
    (`/seekers/{id}/`) is."""

    permission_classes = [IsStaff]
    serializer_class = SeekerSummaryOutput
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[SeekerProfile]:
        cohorts = multi_value(self.request, "cohort")
        unknown = [cohort for cohort in cohorts if cohort not in Cohort.values]
        if unknown:
            raise ValidationError(
                {
                    "cohort": [
                        gettext("알 수 없는 대상 구분입니다: %(cohorts)s")
                        % {"cohorts": ", ".join(unknown)}
                    ]
                }
            )
        return access.profiles_for_staff(
            request_user(self.request), cohorts=cohorts, areas=multi_value(self.request, "area")
        )

    @extend_schema(
        operation_id="seekers_list",
        description=_(
            "개인 정보 필드(이름, 연락처, 출생 연도, 학교, 자유 기재)를 뺀 프로필 "
            "목록(시 담당자). 그래서 목록 조회는 접근 기록에 남지 않고, 프로필 하나를 "
            "열면(`/seekers/{id}/`) 남습니다."
        ),
        parameters=[
            OpenApiParameter(
                "cohort",
                OpenApiTypes.STR,
                enum=Cohort.values,
                many=True,
                description=_("대상 구분(반복하거나 쉼표로 구분)"),
            ),
            OpenApiParameter(
                "area",
                OpenApiTypes.STR,
                many=True,
                description=_("행정동 코드(반복하거나 쉼표로 구분)"),
            ),
        ],
        summary=_("구직자 목록(시 담당자, 개인 정보 필드 없음)"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
