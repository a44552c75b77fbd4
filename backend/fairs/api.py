"""Job-fair endpoints: the fairs (public read, staff create) and a seeker's registration with
ranked choices. The schedule (bookings) is matching's (`backend.matching.fair_api`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError as DrfValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSeeker, IsStaff, request_user
from backend.core.errors import NotFoundError
from backend.employers.api import AreaRefOutput
from backend.fairs import access, selectors, services
from backend.fairs.models import FairPosting, FairRegistration, JobFair
from backend.jobs.models import Posting
from backend.seekers import access as seeker_access


class FairPostingRefOutput(serializers.ModelSerializer[Posting]):
    employer_name = serializers.CharField(source="employer.public_name")
    area = AreaRefOutput()

    class Meta:
        model = Posting
        fields = ["id", "title", "employer_name", "area"]


class FairPostingOutput(serializers.ModelSerializer[FairPosting]):
    posting = FairPostingRefOutput()
    slots = serializers.IntegerField(source="slot_count", help_text=_("면접 시간 수"))

    class Meta:
        model = FairPosting
        fields = ["posting", "slot_minutes", "slots"]


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$", "example": "10:00:00"}
)
class ClockTimeField(serializers.TimeField):
    """A wall-clock time in Seoul, `HH:MM[:SS]` without an offset (OpenAPI's `time` format is
    RFC 3339's full-time, which needs one)."""


class FairOutput(serializers.ModelSerializer[JobFair]):
    starts_at = ClockTimeField(read_only=True)
    ends_at = ClockTimeField(read_only=True)
    registration_open = serializers.BooleanField()
    postings = serializers.IntegerField(source="posting_count", required=False)
    registrations = serializers.IntegerField(source="registration_count", required=False)

    class Meta:
        model = JobFair
        fields = [
            "id",
            "title",
            "date",
            "starts_at",
            "ends_at",
            "place",
            "slot_minutes",
            "max_choices",
            "registration_closes_at",
            "registration_open",
            "postings",
            "registrations",
        ]


class FairDetailOutput(FairOutput):
    participating = serializers.SerializerMethodField()

    class Meta(FairOutput.Meta):
        fields = [*FairOutput.Meta.fields, "participating"]

    @extend_schema_field(FairPostingOutput(many=True))
    def get_participating(self, fair: JobFair) -> list[dict[str, Any]]:
        return list(FairPostingOutput(selectors.fair_postings_of(fair), many=True).data)


class FairInput(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    starts_at = ClockTimeField()
    ends_at = ClockTimeField()
    place = serializers.CharField(max_length=200)
    slot_minutes = serializers.IntegerField(min_value=1, max_value=1000, default=20)
    max_choices = serializers.IntegerField(min_value=1, max_value=100, default=3)
    registration_closes_at = serializers.DateTimeField()
    posting_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), max_length=500
    )


class FairList(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET` the fairs by date (anyone; `?upcoming=true` from today on); `POST` creates one
    with its postings and their interview slots (staff)."""

    serializer_class = FairOutput
    queryset = JobFair.objects.none()

    def get_permissions(self) -> list[BasePermission]:
        return [IsStaff()] if self.request.method == "POST" else [AllowAny()]

    def get_queryset(self) -> QuerySet[JobFair]:
        raw = self.request.query_params.get("upcoming", "false").lower()
        if raw not in ("true", "false", "1", "0"):
            raise DrfValidationError({"upcoming": ["true | false"]})
        return selectors.fair_list(upcoming=raw in ("true", "1"))

    @extend_schema(
        operation_id="fairs_list",
        description=_(
            "채용박람회를 날짜순으로 보여 줍니다(누구나, `?upcoming=true`이면 오늘부터)."
        ),
        parameters=[OpenApiParameter("upcoming", bool, required=False)],
        summary=_("채용박람회 목록"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="fairs_create",
        description=_("채용박람회 하나를 참가 공고와 그 면접 시간대와 함께 만듭니다(시 담당자)."),
        request=FairInput,
        responses={201: FairDetailOutput},
        summary=_("채용박람회 만들기(시 담당자)"),
    )
    def post(self, request: Request) -> Response:
        data = FairInput(data=request.data)
        data.is_valid(raise_exception=True)
        fair = services.fair_create(actor=request_user(request), **data.validated_data)
        fair = selectors.fair_list().get(pk=fair.pk)
        return Response(FairDetailOutput(fair).data, status=status.HTTP_201_CREATED)


class FairDetail(APIView):
    """One fair with its participating postings (anyone)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="fairs_retrieve",
        description=_("채용박람회 하나와 참가 공고(누구나)."),
        responses={200: FairDetailOutput},
        summary=_("채용박람회와 참가 공고"),
    )
    def get(self, request: Request, id: int) -> Response:
        fair = access.fair_public(id)
        return Response(FairDetailOutput(selectors.fair_list().get(pk=fair.pk)).data)


class RegistrationOutput(serializers.ModelSerializer[FairRegistration]):
    choices = serializers.SerializerMethodField(help_text=_("공고 id, 1지망부터 순서대로"))

    class Meta:
        model = FairRegistration
        fields = ["fair", "choices", "created_at", "updated_at"]

    def get_choices(self, registration: FairRegistration) -> list[int]:
        return [
            c.fair_posting.posting_id
            for c in sorted(registration.choices.all(), key=lambda c: c.rank)
        ]


class RegistrationInput(serializers.Serializer[Any]):
    choices = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        max_length=100,
        help_text=_("박람회 공고 id, 1지망부터, 많아야 박람회의 `max_choices`개"),
    )


class FairRegistrationApi(APIView):
    """The caller's registration for a fair (a seeker): `GET` (404 before registering), `PUT
    {choices}` registers or re-ranks (400: more than K, not in the fair, twice; 409 after
    registration closes), `DELETE` withdraws (409 after registration closes)."""

    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="fairs_registration_retrieve",
        description=_("호출한 구직자의 박람회 참가 신청(신청하기 전에는 404)."),
        responses={200: RegistrationOutput},
        summary=_("내 박람회 참가 신청"),
    )
    def get(self, request: Request, id: int) -> Response:
        fair = access.fair_public(id)
        profile = seeker_access.own_profile(request_user(request))
        registration = selectors.registration_of(fair, profile.pk)
        if registration is None:
            raise NotFoundError(access.FAIR_NOT_FOUND)
        return Response(RegistrationOutput(registration).data)

    @extend_schema(
        operation_id="fairs_registration_update",
        description=_(
            "`{choices}`로 참가를 신청하거나 지망 순위를 바꿉니다(구직자). 지망이 K개를 "
            "넘거나, 박람회에 없는 공고이거나, 같은 공고가 두 번 있으면 400, 신청이 "
            "마감된 뒤에는 409."
        ),
        request=RegistrationInput,
        responses={200: RegistrationOutput},
        summary=_("박람회 참가 신청·지망 순위"),
    )
    def put(self, request: Request, id: int) -> Response:
        fair = access.fair_public(id)
        profile = seeker_access.own_profile(request_user(request))
        data = RegistrationInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.fair_registration_set(
            seeker=profile, fair=fair, choices=data.validated_data["choices"]
        )
        registration = selectors.registration_of(fair, profile.pk)
        return Response(RegistrationOutput(registration).data)

    @extend_schema(
        operation_id="fairs_registration_destroy",
        description=_("참가 신청을 취소합니다(구직자, 신청이 마감된 뒤에는 409)."),
        responses={204: None},
        summary=_("박람회 참가 취소"),
    )
    def delete(self, request: Request, id: int) -> Response:
        fair = access.fair_public(id)
        profile = seeker_access.own_profile(request_user(request))
        services.fair_registration_withdraw(seeker=profile, fair=fair)
        return Response(status=status.HTTP_204_NO_CONTENT)
