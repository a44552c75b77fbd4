"""Applications and placements API.

The employer's view of applicants shows their email (personal data): every applicant shown
to an employer or staff member is written to the access log (PIPA), one row per applicant.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import (
    IsEmployer,
    IsEmployerOrStaff,
    IsSeeker,
    request_user,
    roles,
)
from backend.accounts.services import access_log
from backend.core.refs import seeker_ref
from backend.jobs import access, hiring, selectors
from backend.jobs.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    CheckpointChange,
    CheckpointStatus,
    Placement,
    PlacementCheckpoint,
    Posting,
)


@extend_schema_serializer(
    description=_("다른 객체 안에 나오는 공고(전체 기록은 `GET /postings/{id}/`).")
)
class PostingRefOutput(serializers.ModelSerializer[Posting]):
    """A posting named inside another object (its full record is `GET /postings/{id}/`)."""

    employer_name = serializers.CharField(source="employer.public_name")

    class Meta:
        model = Posting
        fields = ["id", "title", "employer_name", "deadline"]


class ApplicationInput(serializers.Serializer[Any]):
    message = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    consent_provision = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "지원하면 이름·연락처·프로필·메시지가 이 공고의 기업에 제공됩니다(개인정보 보호법 "
            "§17): 동의 필수, false이면 400"
        ),
    )


def _profile_id(user: Any) -> int | None:
    """The seeker's profile id (what `/seekers/{id}/` takes), for staff responses."""
    profile = getattr(user, "seeker_profile", None)
    return profile.pk if profile is not None else None


class ApplicantOutput(serializers.Serializer[Any]):
    ref = serializers.CharField(help_text=_("불투명 참조: 키를 건 해시"))
    seeker_id = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("시 담당자에게만: 구직자 프로필 id")
    )
    email = serializers.EmailField(
        allow_null=True,
        help_text=_("지원이 끝나거나 공고가 마감되고 30일이 지나면 null"),
    )


@extend_schema_serializer(
    description=_("상태 이력의 한 단계. 누가 바꿨는지는 사람이 아니라 역할로만 보여 줍니다.")
)
class ApplicationStatusChangeOutput(serializers.ModelSerializer[ApplicationStatusChange]):
    """One step of the status history. Who acted is a role, never a person."""

    from_status = serializers.CharField(
        read_only=True,
        help_text=_("이전 상태; 지원(첫 기록)과 이전 기록에서 추정한 행은 빈 문자열"),
    )
    changed_by_role = serializers.CharField(
        read_only=True,
        help_text=_("바꾼 사람의 역할: seeker | employer | staff (빈 문자열: 기록 없음)"),
    )
    backfilled = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "이력 기록 전의 지원에서 추정한 행: 시각은 마지막 수정 시각, 역할은 상태에서 추정"
        ),
    )

    class Meta:
        model = ApplicationStatusChange
        fields = ["from_status", "to_status", "changed_by_role", "created_at", "backfilled"]
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "지원 하나. `applicant`(개인 정보)는 공고를 낸 기업과 시 담당자에게만 "
        "채워지고, 그때마다 열람이 접근 기록에 남습니다. 구직자에게는 `null`입니다. "
        "`history`는 상태 이력, 오래된 순(읽기 전용)."
    )
)
class ApplicationOutput(serializers.ModelSerializer[Application]):
    """An application. `applicant` (personal data) is filled only for the posting's employer
    and staff, whose every such read is access-logged; the seeker sees `null`. `history` is
    the status history, oldest first (read-only)."""

    posting = PostingRefOutput()
    applicant = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    history = ApplicationStatusChangeOutput(many=True, read_only=True, source="status_changes")
    applicant_minor = serializers.BooleanField(
        read_only=True,
        help_text=_("지원할 때 만 18세 미만이었음(근로기준법 §66-§67)"),
    )
    minor_notice = serializers.SerializerMethodField(
        help_text=_(
            "만 18세 미만 지원자: 채용하기 전에 기업이 갖춰야 할 것(친권자 동의서와 "
            "가족관계증명서), 아니면 빈 값"
        ),
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "posting",
            "applicant",
            "message",
            "status",
            "history",
            "applicant_minor",
            "minor_notice",
            "created_at",
            "updated_at",
        ]

    def get_minor_notice(self, application: Application) -> str:
        if not application.applicant_minor:
            return ""
        if self.context.get("show_applicant"):  # the employer or staff
            return str(hiring.MINOR_NOTICE_FOR_EMPLOYER)
        return str(hiring.MINOR_NOTICE_FOR_SEEKER)

    @extend_schema_field(ApplicantOutput(allow_null=True))
    def get_applicant(self, application: Application) -> dict[str, Any] | None:
        if not self.context.get("show_applicant"):
            return None
        shown = _contact_shown(self.context, application)
        row: dict[str, Any] = {
            "ref": seeker_ref(application.seeker_id),
            "email": application.seeker.email if shown else None,
        }
        if self.context.get("staff"):
            row["seeker_id"] = _profile_id(application.seeker)
        return row

    def get_message(self, application: Application) -> str:
        # The message is the seeker's own text (it may hold a phone number): it follows the
        # contact rule on the employer's side.
        if self.context.get("show_applicant") and not _contact_shown(self.context, application):
            return ""
        return application.message


def _contact_shown(context: dict[str, Any], application: Application) -> bool:
    """Whether the employer's view may show this applicant's contact (`contact_for`, the ids
    `access.seekers_with_contact_for` allowed; None: every applicant, for staff)."""
    allowed: set[int] | None = context.get("contact_for")
    return allowed is None or application.seeker_id in allowed


SHOW_APPLICANT = {"show_applicant": True}


@extend_schema_serializer(
    description=_(
        "어떤 목표 상태든 요청할 수 있습니다(`submitted`는 목표가 될 수 없음). "
        "허용되지 않는 전환에는 서비스가 409로 답하며, `withdrawn`도 "
        "마찬가지입니다(구직자만 할 수 있음)."
    )
)
class ApplicationStatusInput(serializers.Serializer[Any]):
    """Any target status may be asked for (`submitted` is never a target); the service
    answers 409 for a move that is not allowed, `withdrawn` included (the seeker's alone)."""

    status = serializers.ChoiceField(
        choices=[c for c in ApplicationStatus.choices if c[0] != ApplicationStatus.SUBMITTED]
    )
    hired_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("채용일: 기본 오늘, 90일 전까지"),
    )
    message = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("구직자에게 보내는 말"),
    )


class CheckpointOutput(serializers.ModelSerializer[PlacementCheckpoint]):
    class Meta:
        model = PlacementCheckpoint
        fields = ["month", "due_on", "status", "recorded_at"]


class PlacementOutput(serializers.ModelSerializer[Placement]):
    seeker_ref = serializers.CharField(help_text=_("불투명 참조, 이름 아님"))
    posting = PostingRefOutput()
    checkpoints = CheckpointOutput(many=True)

    class Meta:
        model = Placement
        fields = ["id", "seeker_ref", "posting", "hired_on", "checkpoints"]

    def to_representation(self, instance: Placement) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if getattr(user, "role", None) == Role.STAFF:
            data["seeker_id"] = _profile_id(instance.seeker)  # staff only
        return data


class CheckpointChangeOutput(serializers.ModelSerializer[CheckpointChange]):
    # Plain strings in the schema: the checkpoint's status enum is named once, by the checkpoint.
    from_status = serializers.CharField(help_text="pending | retained | left")
    to_status = serializers.CharField(help_text="pending | retained | left")

    class Meta:
        model = CheckpointChange
        fields = ["from_status", "to_status", "changed_by_role", "changed_at"]


class CheckpointInput(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[
            (CheckpointStatus.RETAINED.value, CheckpointStatus.RETAINED.label),
            (CheckpointStatus.LEFT.value, CheckpointStatus.LEFT.label),
        ]
    )


def _contact_allowed(request: Request, applications: list[Application]) -> set[int] | None:
    """The applicants whose contact the caller sees (None: all of them, for staff)."""
    if request_user(request).role == Role.STAFF or not applications:
        return None
    return access.seekers_with_contact_for(
        applications[0].posting.employer_id, [a.seeker_id for a in applications]
    )


def _log_applicants(request: Request, applications: Iterable[Application]) -> None:
    actor = request_user(request)
    for application in applications:
        access_log(
            actor=actor,
            subject=application.seeker,
            what=f"지원자 이메일·지원 메시지, 지원 {application.pk}",
            request=request._request,
        )


class PostingApplications(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET` its employer or staff: the applicants (each read is access-logged).
    `POST` a seeker applies (`{message}`); 409 when the posting is not open or on a second try."""

    serializer_class = ApplicationOutput
    queryset = Application.objects.none()  # the real one depends on the caller

    def get_permissions(self) -> list[Any]:
        return [IsSeeker()] if self.request.method == "POST" else [IsEmployerOrStaff()]

    def get_serializer_context(self) -> dict[str, Any]:
        staff = getattr(self.request.user, "role", None) == Role.STAFF
        return {**super().get_serializer_context(), **SHOW_APPLICANT, "staff": staff}

    def get_queryset(self) -> QuerySet[Application]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Application.objects.none()
        posting = access.posting_for_employer_or_staff(self.request.user, self.kwargs["id"])
        return selectors.applications_with_history(
            access.applications_visible_to(self.request.user).filter(posting=posting)
        )

    @extend_schema(
        operation_id="postings_applications_list",
        description=_("해당 기업이나 시 담당자가 지원자를 봅니다(열람할 때마다 접근 기록에 남음)."),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None  # the project paginates every list
        allowed = _contact_allowed(request, page)
        shown = [a for a in page if allowed is None or a.seeker_id in allowed]
        _log_applicants(request, shown)
        serializer = self.get_serializer(
            page, many=True, context={**self.get_serializer_context(), "contact_for": allowed}
        )
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        operation_id="postings_applications_create",
        description=_(
            "구직자가 `{message}`와 함께 지원합니다. 공고가 모집 중이 아니거나 두 번째 "
            "지원이면 409."
        ),
        request=ApplicationInput,
        responses={201: ApplicationOutput},
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_applicant(request.user, id)
        data = ApplicationInput(data=request.data)
        data.is_valid(raise_exception=True)
        application = hiring.application_submit(
            posting=posting,
            seeker=request_user(request),
            provision_consent=data.validated_data["consent_provision"],
            message=data.validated_data["message"],
        )
        application = access.application_for_seeker(request.user, application.pk)
        return Response(ApplicationOutput(application).data, status=status.HTTP_201_CREATED)


@extend_schema_view(get=extend_schema(description=_("구직자 본인의 지원 목록, 최신순.")))
class MyApplications(generics.ListAPIView):  # type: ignore[type-arg]
    """A seeker's own applications, newest first."""

    permission_classes = [IsSeeker]
    serializer_class = ApplicationOutput

    def get_queryset(self) -> QuerySet[Application]:
        return selectors.applications_with_history(
            access.applications_visible_to(self.request.user)
        )


class ApplicationWithdraw(APIView):
    """The seeker withdraws an application still in play (409 otherwise)."""

    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="applications_withdraw",
        description=_("구직자가 아직 진행 중인 지원을 취소합니다(그렇지 않으면 409)."),
        request=None,
        responses=ApplicationOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        application = access.application_for_seeker(request.user, id)
        hiring.application_withdraw(application=application, actor=request_user(request))
        application = access.application_for_seeker(request.user, id)
        return Response(ApplicationOutput(application).data)


class ApplicationDetail(APIView):
    """Its employer moves the application on (`{status}`); an illegal move is a 409."""

    permission_classes = [IsEmployer]

    @extend_schema(
        operation_id="applications_partial_update",
        description=_(
            "공고를 낸 기업이 지원을 다음 단계로 옮깁니다(`{status}`). 허용되지 않는 전환은 409."
        ),
        request=ApplicationStatusInput,
        responses=ApplicationOutput,
    )
    def patch(self, request: Request, id: int) -> Response:
        application = access.application_for_employer(request.user, id)
        data = ApplicationStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        hiring.application_set_status(
            application=application,
            actor=request_user(request),
            status=data.validated_data["status"],
            hired_on=data.validated_data.get("hired_on"),
            message=data.validated_data["message"],
        )
        application = access.application_for_employer(request.user, id)
        allowed = _contact_allowed(request, [application])
        if allowed is None or application.seeker_id in allowed:
            _log_applicants(request, [application])
        context = {**SHOW_APPLICANT, "contact_for": allowed}
        return Response(ApplicationOutput(application, context=context).data)


@extend_schema_view(
    get=extend_schema(
        description=_(
            "구직자는 자기 취업 연계 기록을, 기업은 자기 기록을, 시 담당자는 모두 봅니다."
        )
    )
)
class PlacementList(generics.ListAPIView):  # type: ignore[type-arg]
    """A seeker their own placements, an employer its own, staff all."""

    permission_classes = [roles(Role.SEEKER, Role.EMPLOYER, Role.STAFF)]
    serializer_class = PlacementOutput

    def get_queryset(self) -> QuerySet[Placement]:
        return access.placements_visible_to(self.request.user)


class PlacementCheckpointRecord(APIView):
    """Its employer or staff record whether the person was retained at month 1, 3, 6 or 12."""

    permission_classes = [IsEmployerOrStaff]

    @extend_schema(
        operation_id="placements_checkpoints_partial_update",
        description=_(
            "해당 기업이나 시 담당자가 1·3·6·12개월째에 그 사람이 계속 일하는지 기록합니다."
        ),
        request=CheckpointInput,
        responses=PlacementOutput,
    )
    def patch(self, request: Request, id: int, month: int) -> Response:
        checkpoint = access.checkpoint_for_employer_or_staff(request.user, id, month)
        data = CheckpointInput(data=request.data)
        data.is_valid(raise_exception=True)
        hiring.placement_checkpoint_record(
            checkpoint=checkpoint, actor=request_user(request), status=data.validated_data["status"]
        )
        placement = access.placements_visible_to(request.user).get(pk=id)
        return Response(PlacementOutput(placement).data)


class PlacementCheckpointHistory(APIView):
    """Every recording and correction of one checkpoint, oldest first (its employer, staff)."""

    permission_classes = [IsEmployerOrStaff]

    @extend_schema(
        operation_id="placements_checkpoints_history",
        description=_(
            "개월별 고용 유지 확인 한 건의 모든 기록과 정정, 오래된 순(해당 기업, 시 담당자)."
        ),
        responses=CheckpointChangeOutput(many=True),
    )
    def get(self, request: Request, id: int, month: int) -> Response:
        checkpoint = access.checkpoint_for_employer_or_staff(request.user, id, month)
        changes = CheckpointChange.objects.filter(checkpoint=checkpoint).order_by(
            "changed_at", "id"
        )
        return Response(CheckpointChangeOutput(changes, many=True).data)
