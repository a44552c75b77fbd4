"""A job fair's interview schedule: staff publish an `assign` run of the fair; employers read
(and print) the interviews at their postings, seekers their own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role, User
from backend.accounts.permissions import IsEmployerOrStaff, IsSeeker, IsStaff, request_user
from backend.core.errors import NotFoundError
from backend.core.refs import seeker_ref
from backend.employers.access import own_employer
from backend.fairs import access as fair_access
from backend.fairs.models import JobFair
from backend.jobs.access import postings_managed_by
from backend.matching import access, fair_pdf, fair_schedule
from backend.matching.models import FairBooking, FairSchedule
from backend.seekers import access as seeker_access


class BookingPostingOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    employer_name = serializers.CharField(source="employer.public_name")


class BookingSeekerOutput(serializers.Serializer[Any]):
    seeker_ref = serializers.SerializerMethodField(help_text=_("불투명 참조"))
    display_name = serializers.CharField(help_text=_("면접 보러 오는 분의 이름"))

    def get_seeker_ref(self, profile: Any) -> str:
        return seeker_ref(profile.user_id)


@extend_schema_serializer(
    description=_("호출한 기업의 공고에 잡힌 면접 하나(시 담당자는 모든 공고).")
)
class EmployerBookingOutput(serializers.ModelSerializer[FairBooking]):
    """One interview at one of the caller's postings (staff: any)."""

    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    posting = BookingPostingOutput(source="slot.fair_posting.posting")
    seeker = BookingSeekerOutput()

    class Meta:
        model = FairBooking
        fields = ["starts_at", "ends_at", "posting", "seeker", "rank"]


class BookingFairOutput(serializers.ModelSerializer[JobFair]):
    class Meta:
        model = JobFair
        fields = ["id", "title", "date", "place"]


@extend_schema_serializer(description=_("호출한 구직자의 면접 하나."))
class SeekerBookingOutput(serializers.ModelSerializer[FairBooking]):
    """One of the caller's interviews."""

    fair = BookingFairOutput(source="slot.fair_posting.fair")
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    posting = BookingPostingOutput(source="slot.fair_posting.posting")

    class Meta:
        model = FairBooking
        fields = ["fair", "starts_at", "ends_at", "posting", "rank"]


def employer_schedule(user: User, fair_id: int) -> tuple[JobFair, QuerySet[FairBooking], str]:
    """The fair (404 unless one of the caller's postings takes part; staff: any), the
    published interviews the caller may see, and the name to print on the schedule."""
    fair = fair_access.fair_for_employer_or_staff(user, fair_id)
    if user.role == Role.STAFF:
        return fair, fair_schedule.schedule_bookings(fair), gettext("전체 기업")
    bookings = fair_schedule.schedule_for_postings(fair, postings_managed_by(user).values("pk"))
    return fair, bookings, own_employer(user).public_name


class FairScheduleApi(generics.ListAPIView):  # type: ignore[type-arg]
    """The published interviews of a fair at the caller's postings, by time (an employer taking
    part; staff see all). Empty until staff publish a schedule."""

    permission_classes = [IsEmployerOrStaff]
    serializer_class = EmployerBookingOutput
    queryset = FairBooking.objects.none()

    def get_queryset(self) -> QuerySet[FairBooking]:
        if getattr(self, "swagger_fake_view", False):
            return FairBooking.objects.none()
        _, bookings, _ = employer_schedule(request_user(self.request), self.kwargs["id"])
        return bookings

    @extend_schema(
        operation_id="fairs_schedule_list",
        description=_(
            "호출한 기업의 공고에 잡힌, 공개된 박람회 면접을 시간순으로 보여 줍니다(참가 "
            "기업, 시 담당자는 모두). 시 담당자가 일정을 공개하기 전에는 비어 있습니다."
        ),
        summary=_("박람회 면접 일정(기업, 시 담당자)"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class FairSchedulePdf(APIView):
    """The same schedule, printable (PDF; 503 when the server has no PDF engine)."""

    permission_classes = [IsEmployerOrStaff]

    @extend_schema(
        operation_id="fairs_schedule_pdf",
        description=_("같은 일정을 인쇄용 PDF로 줍니다(서버에 PDF 엔진이 없으면 503)."),
        responses={200: OpenApiResponse(description="application/pdf")},
        summary=_("박람회 면접 일정표 PDF"),
    )
    def get(self, request: Request, id: int) -> HttpResponse:
        fair, bookings, name = employer_schedule(request_user(request), id)
        try:
            pdf = fair_pdf.schedule_pdf(fair, name, bookings)
        except fair_pdf.PdfUnavailable as error:
            return Response({"detail": str(error)}, status=503)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="fair-{fair.pk}-schedule.pdf"'
        return response


class PublishInput(serializers.Serializer[Any]):
    match_run = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class PublishOutput(serializers.ModelSerializer[FairSchedule]):
    class Meta:
        model = FairSchedule
        fields = ["fair", "match_run", "published_at"]


class FairSchedulePublish(APIView):
    """Publish a finished `assign` run of the fair as its schedule (staff; 409 for any other
    run). Seekers and employers then see it."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="fairs_schedule_publish",
        description=_(
            "박람회의 끝난 `assign` 실행을 면접 일정으로 공개합니다(시 담당자, 다른 "
            "실행이면 409). 그 뒤 구직자와 기업이 일정을 봅니다."
        ),
        request=PublishInput,
        responses={200: PublishOutput},
        summary=_("박람회 면접 일정 공개(시 담당자)"),
    )
    def post(self, request: Request, id: int) -> Response:
        actor = request_user(request)
        fair = fair_access.fair_for_staff(actor, id)
        data = PublishInput(data=request.data)
        data.is_valid(raise_exception=True)
        run = access.match_run_for_staff(actor, data.validated_data["match_run"])
        schedule = fair_schedule.fair_schedule_publish(actor=actor, fair=fair, run=run)
        return Response(PublishOutput(schedule).data)


class MyFairSchedule(generics.ListAPIView):  # type: ignore[type-arg]
    """The caller's interviews in every published fair schedule, by time (a seeker)."""

    permission_classes = [IsSeeker]
    serializer_class = SeekerBookingOutput
    queryset = FairBooking.objects.none()

    def get_queryset(self) -> QuerySet[FairBooking]:
        if getattr(self, "swagger_fake_view", False):
            return FairBooking.objects.none()
        try:
            profile = seeker_access.own_profile(request_user(self.request))
        except NotFoundError:
            return FairBooking.objects.none()
        return fair_schedule.schedule_for_seeker(profile.pk)

    @extend_schema(
        operation_id="me_fair_schedule_list",
        description=_("공개된 모든 박람회 일정에서 호출한 구직자의 면접을 시간순으로(구직자)."),
        summary=_("내 박람회 면접 일정(구직자)"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
