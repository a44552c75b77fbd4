"""Postings API: create, list, read (public when open), edit, and the status actions."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import User
from backend.core.permissions import IsEmployer, IsEmployerOrStaff, IsStaff
from backend.employers.access import own_employer
from backend.employers.api import AreaRefOutput
from backend.jobs import access, services
from backend.jobs.models import Posting, PostingStatus
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift


def request_user(request: Request) -> User:
    return cast(User, request.user)


class LocationSerializer(serializers.Serializer[Any]):
    """A point that overrides the area's centroid: `{lat, lon}` in WGS84 degrees."""

    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)


class PostingInput(serializers.Serializer[Any]):
    """Shape only; rules (resident numbers, deadline, status) are the service's."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    career_field = serializers.PrimaryKeyRelatedField(queryset=CareerField.objects.all())
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True)
    skills_required = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False
    )
    skills_preferred = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False
    )
    certificates_required = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False
    )
    min_experience_years = serializers.IntegerField(min_value=0, max_value=60, required=False)
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices)
    days_per_week = serializers.IntegerField(min_value=1, max_value=7)
    shifts = serializers.ListField(
        child=serializers.ChoiceField(choices=Shift.choices), required=False
    )
    hourly_wage = serializers.IntegerField(min_value=0, help_text="시급, 원 (KRW per hour)")
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())
    location = LocationSerializer(required=False, allow_null=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    openings = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    deadline = serializers.DateField()
    cohorts_welcome = serializers.ListField(
        child=serializers.ChoiceField(choices=Cohort.choices),
        required=False,
        help_text="비어 있으면 모두 환영 (empty means everyone)",
    )


class PostingOutput(serializers.ModelSerializer[Posting]):
    employer = serializers.IntegerField(source="employer_id")
    employer_name = serializers.CharField(source="employer.name")
    career_field = serializers.CharField(source="career_field_id")
    area = AreaRefOutput()
    location = serializers.SerializerMethodField()
    skills_required = serializers.ListField(child=serializers.CharField())
    skills_preferred = serializers.ListField(child=serializers.CharField())
    certificates_required = serializers.ListField(child=serializers.CharField())
    shifts = serializers.ListField(child=serializers.ChoiceField(choices=Shift.choices))
    cohorts_welcome = serializers.ListField(child=serializers.ChoiceField(choices=Cohort.choices))

    class Meta:
        model = Posting
        fields = [
            "id",
            "employer",
            "employer_name",
            "title",
            "description",
            "career_field",
            "occupation",
            "skills_required",
            "skills_preferred",
            "certificates_required",
            "min_experience_years",
            "employment_type",
            "days_per_week",
            "shifts",
            "hourly_wage",
            "area",
            "location",
            "address",
            "openings",
            "hires",
            "deadline",
            "cohorts_welcome",
            "status",
            "rejection_reason",
            "version",
            "created_at",
            "updated_at",
            "published_at",
        ]

    @extend_schema_field(LocationSerializer(allow_null=True))
    def get_location(self, posting: Posting) -> dict[str, float] | None:
        if posting.lat is None or posting.lon is None:
            return None
        return {"lat": posting.lat, "lon": posting.lon}


class PostingListCreate(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET` staff: every posting (`?status=pending` is the review queue); an employer: its
    own. `POST` an employer with an organisation creates a draft."""

    serializer_class = PostingOutput

    def get_permissions(self) -> list[Any]:
        return [IsEmployer()] if self.request.method == "POST" else [IsEmployerOrStaff()]

    def get_queryset(self) -> QuerySet[Posting]:
        postings = access.postings_managed_by(self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted is not None:
            if wanted not in PostingStatus.values:
                raise serializers.ValidationError(
                    {"status": [f"알 수 없는 상태입니다: {wanted} (unknown status)"]}
                )
            postings = postings.filter(status=wanted)
        return postings

    @extend_schema(
        operation_id="postings_list",
        parameters=[OpenApiParameter("status", str, enum=PostingStatus.values)],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="postings_create", request=PostingInput, responses={201: PostingOutput}
    )
    def post(self, request: Request) -> Response:
        employer = own_employer(request_user(request))
        data = PostingInput(data=request.data)
        data.is_valid(raise_exception=True)
        posting = services.posting_create(
            employer=employer, actor=request_user(request), fields=data.validated_data
        )
        posting = access.posting_for_employer(request.user, posting.pk)
        return Response(PostingOutput(posting).data, status=status.HTTP_201_CREATED)


class PostingDetail(APIView):
    """`GET` open postings are public; others only to its employer and staff (else 404).
    `PATCH` its employer, while the posting is a draft or open (else 409)."""

    def get_permissions(self) -> list[Any]:
        return [IsEmployer()] if self.request.method == "PATCH" else [AllowAny()]

    @extend_schema(operation_id="postings_retrieve", responses=PostingOutput)
    def get(self, request: Request, id: int) -> Response:
        posting = access.posting_visible_to(request.user, id)
        return Response(PostingOutput(posting).data)

    @extend_schema(
        operation_id="postings_partial_update",
        request=PostingInput(partial=True),
        responses=PostingOutput,
    )
    def patch(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer(request.user, id)
        data = PostingInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.posting_update(
            posting=posting, actor=request_user(request), fields=data.validated_data
        )
        posting = access.posting_for_employer(request.user, id)
        return Response(PostingOutput(posting).data)


class PostingSubmit(APIView):
    """Its employer asks for review: draft → pending (409 while the organisation is unverified)."""

    permission_classes = [IsEmployer]

    @extend_schema(operation_id="postings_submit", request=None, responses=PostingOutput)
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer(request.user, id)
        services.posting_submit(posting=posting, actor=request_user(request))
        return Response(PostingOutput(access.posting_for_employer(request.user, id)).data)


class PostingApprove(APIView):
    """Staff approve: pending → open."""

    permission_classes = [IsStaff]

    @extend_schema(operation_id="postings_approve", request=None, responses=PostingOutput)
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_staff(request.user, id)
        services.posting_approve(posting=posting, actor=request_user(request))
        return Response(PostingOutput(access.posting_for_staff(request.user, id)).data)


class RejectInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


class PostingReject(APIView):
    """Staff reject: pending → draft, with a reason the employer sees."""

    permission_classes = [IsStaff]

    @extend_schema(operation_id="postings_reject", request=RejectInput, responses=PostingOutput)
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_staff(request.user, id)
        data = RejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.posting_reject(
            posting=posting, actor=request_user(request), reason=data.validated_data["reason"]
        )
        return Response(PostingOutput(access.posting_for_staff(request.user, id)).data)


class PostingClose(APIView):
    """Its employer or staff close an open posting."""

    permission_classes = [IsEmployerOrStaff]

    @extend_schema(operation_id="postings_close", request=None, responses=PostingOutput)
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer_or_staff(request.user, id)
        services.posting_close(posting=posting, actor=request_user(request))
        return Response(PostingOutput(access.posting_for_employer_or_staff(request.user, id)).data)
