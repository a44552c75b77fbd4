"""Mentoring endpoints: mentor profiles, mentoring requests and their transitions."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Count, Q, QuerySet
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
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import IsSeeker, IsStaff, request_user, roles
from backend.core.pagination import PageNumberPagination
from backend.mentoring import access, selectors, services
from backend.mentoring.models import (
    ACTIVE_STATUSES,
    MAX_MENTEES_LIMIT,
    MentoringOffer,
    MentoringRequest,
    MentorKind,
    MentorProfile,
    MentorStatus,
    RequestStatus,
)
from backend.mentoring.ranking import MentorSuggestion

MentorOrSeeker = roles(Role.MENTOR, Role.SEEKER)
SeekerMentorOrStaff = roles(Role.SEEKER, Role.MENTOR, Role.STAFF)
SeekerOrStaff = roles(Role.SEEKER, Role.STAFF)


class MentorProfileInput(serializers.Serializer[dict[str, Any]]):
    display_name = serializers.CharField(
        max_length=50, required=False, allow_blank=True, help_text=_("표시 이름")
    )
    kind = serializers.ChoiceField(choices=MentorKind.choices)
    expertise = serializers.CharField(max_length=2000)
    career_fields = serializers.ListField(
        child=serializers.CharField(max_length=32), min_length=1, max_length=11
    )
    bio = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    availability = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    max_mentees = serializers.IntegerField(
        min_value=1, max_value=MAX_MENTEES_LIMIT, required=False, default=3
    )


class MentorProfileOutput(serializers.ModelSerializer[MentorProfile]):
    career_fields = serializers.ListField(child=serializers.CharField())
    active_mentees = serializers.SerializerMethodField()

    class Meta:
        model = MentorProfile
        fields = [
            "id",
            "display_name",
            "kind",
            "expertise",
            "career_fields",
            "bio",
            "availability",
            "max_mentees",
            "active_mentees",
            "status",
            "refusal_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_active_mentees(self, profile: MentorProfile) -> int:
        annotated = getattr(profile, "active", None)  # the staff list annotates it
        if annotated is not None:
            return int(annotated)
        return profile.requests.filter(status__in=ACTIVE_STATUSES).count()


@extend_schema_serializer(
    description=_("구직자에게 보이는 멘토 정보: 이메일도 계정 정보도 없습니다.")
)
class MentorPublicOutput(serializers.ModelSerializer[MentorProfile]):
    """What a seeker sees of a mentor: no email, no account details."""

    display_name = serializers.CharField(source="public_name")
    career_fields = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = MentorProfile
        fields = ["id", "display_name", "kind", "expertise", "career_fields", "bio", "availability"]
        read_only_fields = fields


class MentorBriefOutput(serializers.ModelSerializer[MentorProfile]):
    display_name = serializers.CharField(source="public_name")

    class Meta:
        model = MentorProfile
        fields = ["id", "display_name", "kind"]
        read_only_fields = fields


class MentoringRequestInput(serializers.Serializer[dict[str, Any]]):
    career_field = serializers.CharField(max_length=32, help_text=_("계열 코드(/career-fields/)"))
    topic = serializers.CharField(max_length=200)
    message = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    shared_contact = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("수락한 멘토에게만 보일 연락처 (선택)"),
    )
    mentor = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            _(
                "멘토 프로필 id: 이 멘토에게만 요청. 없으면 계열의 가장 알맞은 멘토들에게 먼저 "
                "제안하고, 그다음 계열 전체에 공개"
            )
        ),
    )


@extend_schema_serializer(description=_("단계별 제안 하나(시 담당자용)."))
class MentoringOfferOutput(serializers.ModelSerializer[MentoringOffer]):
    """One staged offer, for staff."""

    class Meta:
        model = MentoringOffer
        fields = ["rank", "mentor", "offered_at", "declined_at"]
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "`selectors.mentoring_requests`가 값을 붙인 요청. `offers`(누구에게 "
        "제안했는지)는 시 담당자에게만 채워지고(context `show_offers`), 다른 "
        "사람에게는 null입니다. 구직자는 몇 명의 멘토에게 물었는지만 알고, "
        "누구인지는 모릅니다."
    )
)
class MentoringRequestOutput(serializers.ModelSerializer[MentoringRequest]):
    """A request as `selectors.mentoring_requests` annotates it. `offers` (who it was offered
    to) is for staff only (context `show_offers`); everyone else gets null — a seeker learns
    how many mentors were asked, never who."""

    career_field = serializers.CharField(source="career_field_id")
    career_field_name = serializers.CharField(source="career_field.name")
    mentor = MentorBriefOutput(allow_null=True)
    offered_to_count = serializers.IntegerField(help_text=_("제안받은 멘토 수"))
    open_to_field = serializers.BooleanField(help_text=_("계열의 모든 멘토에게 공개됨"))
    offered_to_me = serializers.BooleanField(help_text=_("나의 답을 기다리는 요청"))
    offers = serializers.SerializerMethodField(help_text=_("제안 내역(시 담당자만)"))
    message = serializers.SerializerMethodField(
        help_text=(
            _(
                "요청 내용: 요청한 구직자, 시 담당자, 수락한 멘토에게만. 수락하지 않은 멘토에게는 "
                "null"
            )
        )
    )

    class Meta:
        model = MentoringRequest
        fields = [
            "id",
            "career_field",
            "career_field_name",
            "topic",
            "message",
            "status",
            "mentor",
            "offered_to_count",
            "open_to_field",
            "offered_to_me",
            "offers",
            "created_at",
            "accepted_at",
            "closed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_message(self, mentoring_request: MentoringRequest) -> str | None:
        viewer = self.context.get("viewer")
        if viewer is None or not access.message_shown_to(mentoring_request, viewer):
            return None
        return mentoring_request.message

    @extend_schema_field(MentoringOfferOutput(many=True, allow_null=True))
    def get_offers(self, mentoring_request: MentoringRequest) -> list[dict[str, Any]] | None:
        if not self.context.get("show_offers"):
            return None
        offers = MentoringOfferOutput(mentoring_request.offers.all(), many=True).data
        return list(offers)


class SuggestionComponentsOutput(serializers.Serializer[dict[str, float]]):
    field = serializers.FloatField()
    capacity = serializers.FloatField()
    kind = serializers.FloatField()
    availability = serializers.FloatField()


class MentorSuggestionOutput(serializers.Serializer[dict[str, Any]]):
    mentor = MentorPublicOutput()
    score = serializers.FloatField(
        help_text=_("0.50×`field` + 0.20×`capacity` + 0.15×`kind` + 0.15×`availability`, 0~1 범위")
    )
    components = SuggestionComponentsOutput()
    free_places = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())


class MyMentorProfileApi(APIView):
    """`/me/mentor-profile/`: a mentor's own profile (mentors and volunteering seekers)."""

    permission_classes = [MentorOrSeeker]

    @extend_schema(
        operation_id="me_mentor_profile_retrieve",
        description=_("멘토 본인의 프로필을 봅니다(멘토와, 멘토로 나선 구직자)."),
        responses={200: MentorProfileOutput},
        summary=_("내 멘토 프로필: 처음 PUT 하기 전에는 404"),
    )
    def get(self, request: Request) -> Response:
        return Response(MentorProfileOutput(access.own_mentor_profile(request_user(request))).data)

    @extend_schema(
        operation_id="me_mentor_profile_replace",
        description=_(
            "멘토 본인의 프로필을 작성하거나 통째로 바꿉니다(멘토와, 멘토로 나선 구직자)."
        ),
        request=MentorProfileInput,
        responses={200: MentorProfileOutput, 201: MentorProfileOutput},
        summary=_("멘토 프로필 작성 또는 교체"),
    )
    def put(self, request: Request) -> Response:
        data = MentorProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        existed = selectors.mentor_profile_of(user_id=request_user(request).pk) is not None
        profile = services.mentor_profile_put(
            user=request_user(request), fields=data.validated_data
        )
        return Response(
            MentorProfileOutput(profile).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class MentoringRequestListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """`/mentoring-requests/`: GET lists what the caller may see (a seeker their own; a
    mentor those offered to them or open in their fields; staff all); POST (a seeker) asks."""

    serializer_class = MentoringRequestOutput
    filter_backends: list[Any] = []

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["show_offers"] = request_user(self.request).role == Role.STAFF
        context["viewer"] = request_user(self.request)
        return context

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "POST":
            return [IsSeeker()]
        return [SeekerMentorOrStaff()]

    def get_queryset(self) -> QuerySet[MentoringRequest]:
        requests = access.requests_for_user(request_user(self.request))
        wanted = self.request.query_params.get("status")
        if wanted:
            statuses = [part.strip() for part in wanted.split(",") if part.strip()]
            unknown = [value for value in statuses if value not in RequestStatus.values]
            if unknown:
                raise ValidationError(
                    {
                        "status": [
                            gettext("알 수 없는 상태입니다: %(status)s")
                            % {"status": ", ".join(unknown)}
                        ]
                    }
                )
            requests = requests.filter(status__in=statuses)
        return requests

    @extend_schema(
        operation_id="mentoring_requests_list",
        description=_(
            "호출한 사용자가 볼 수 있는 요청 목록: 구직자는 자기 요청, 멘토는 자기에게 "
            "제안되었거나 자기 분야에 열려 있는 요청, 시 담당자는 모두."
        ),
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=RequestStatus.values,
                description=_("상태로 거르기(쉼표로 여러 개)"),
            )
        ],
        summary=_("멘토링 요청 목록"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="mentoring_requests_create",
        description=_("구직자가 멘토링을 요청합니다."),
        request=MentoringRequestInput,
        responses={201: MentoringRequestOutput},
        summary=_("멘토링 요청"),
    )
    def post(self, request: Request) -> Response:
        data = MentoringRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        created = services.mentoring_request_create(
            seeker=request_user(request),
            career_field=fields["career_field"],
            topic=fields["topic"],
            message=fields["message"],
            mentor_id=fields["mentor"],
            shared_contact=fields["shared_contact"],
        )
        mentoring_request = access.request_for_seeker(request_user(request), created.pk)
        return Response(
            MentoringRequestOutput(
                mentoring_request, context={"viewer": request_user(request)}
            ).data,
            status=status.HTTP_201_CREATED,
        )


class _MentorActionApi(APIView):
    """POST `/mentoring-requests/{id}/<action>/` by a mentor who may see the request."""

    permission_classes = [MentorOrSeeker]
    action_name: ClassVar[str]

    def post(self, request: Request, request_id: int) -> Response:
        mentoring_request, mentor = access.request_for_mentor(request_user(request), request_id)
        action = {
            "accept": services.mentoring_request_accept,
            "decline": services.mentoring_request_decline,
            "complete": services.mentoring_request_complete,
        }[self.action_name]
        action(mentor=mentor, request_id=mentoring_request.pk)
        return Response(
            MentoringRequestOutput(
                access.request_after_mentor_action(mentor, request_id),
                context={"viewer": request_user(request)},
            ).data
        )


class AcceptApi(_MentorActionApi):
    action_name = "accept"

    @extend_schema(
        operation_id="mentoring_requests_accept",
        description=_("요청을 볼 수 있는 멘토가 호출합니다."),
        request=None,
        responses={200: MentoringRequestOutput},
        summary=_("수락: open → accepted, 허용되지 않거나 멘토 정원이 차면 409"),
    )
    def post(self, request: Request, request_id: int) -> Response:
        return super().post(request, request_id)


class DeclineApi(_MentorActionApi):
    action_name = "decline"

    @extend_schema(
        operation_id="mentoring_requests_decline",
        description=_("요청을 볼 수 있는 멘토가 호출합니다."),
        request=None,
        responses={200: MentoringRequestOutput},
        summary=(
            _(
                "거절: 지정 요청은 open → declined, 단계별 제안은 다음 멘토에게 넘어가고 요청은 "
                "open 그대로, 나에게 제안되지 않았으면 409"
            )
        ),
    )
    def post(self, request: Request, request_id: int) -> Response:
        return super().post(request, request_id)


class CompleteApi(_MentorActionApi):
    action_name = "complete"

    @extend_schema(
        operation_id="mentoring_requests_complete",
        description=_("요청을 볼 수 있는 멘토가 호출합니다."),
        request=None,
        responses={200: MentoringRequestOutput},
        summary=_("완료: accepted → completed"),
    )
    def post(self, request: Request, request_id: int) -> Response:
        return super().post(request, request_id)


class CancelApi(APIView):
    """POST `/mentoring-requests/{id}/cancel/` by the seeker who asked."""

    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="mentoring_requests_cancel",
        description=_("요청한 구직자가 호출합니다."),
        request=None,
        responses={200: MentoringRequestOutput},
        summary=_("내 요청 취소: open 또는 accepted → cancelled"),
    )
    def post(self, request: Request, request_id: int) -> Response:
        mentoring_request = access.request_for_seeker(request_user(request), request_id)
        services.mentoring_request_cancel(
            seeker=request_user(request), request_id=mentoring_request.pk
        )
        return Response(
            MentoringRequestOutput(
                access.request_for_seeker(request_user(request), request_id),
                context={"viewer": request_user(request)},
            ).data
        )


class SuggestedMentorsApi(APIView):
    """`/mentoring-requests/{id}/suggested-mentors/` (the seeker who asked, or staff):
    mentors with a free place, best first; scoring in `backend.mentoring.ranking`."""

    permission_classes = [SeekerOrStaff]
    pagination_class = PageNumberPagination

    @extend_schema(
        operation_id="mentoring_requests_suggested_mentors",
        description=_(
            "자리가 남은 멘토를 잘 맞는 순서로(요청한 구직자 또는 시 담당자). 점수는 "
            "`backend.mentoring.ranking`이 매깁니다."
        ),
        responses={200: MentorSuggestionOutput(many=True)},
        summary=_("추천 멘토"),
    )
    def get(self, request: Request, request_id: int) -> Response:
        mentoring_request = access.request_for_seeker_or_staff(request_user(request), request_id)
        ranked = selectors.ranked_mentors_for(mentoring_request)
        paginator = self.pagination_class()
        page: list[MentorSuggestion] = (
            paginator.paginate_queryset(ranked, request, view=self)  # type: ignore[arg-type]
            or []
        )
        profiles = selectors.mentor_profiles_by_id([s.candidate.mentor_id for s in page])
        rows = [
            {
                "mentor": profiles[suggestion.candidate.mentor_id],
                "score": suggestion.score,
                "components": suggestion.components,
                "free_places": suggestion.candidate.free_places,
                "reasons": list(suggestion.reasons),
            }
            for suggestion in page
        ]
        return paginator.get_paginated_response(
            MentorSuggestionOutput(rows, many=True).data  # type: ignore[arg-type]
        )


# --- staff: mentor verification (멘토 검증) -------------------------------------------------


@extend_schema_serializer(
    description=_(
        "시 담당자 대기열에 보이는 멘토 프로필: 프로필, 상태, 마지막 결정(이메일이나 "
        "연락처는 없음: 시 담당자는 구직자가 볼 프로필을 심사합니다)."
    )
)
class MentorReviewOutput(MentorProfileOutput):
    """A mentor profile as the staff queue shows it: the profile, its status and the last
    decision (no email or contact: staff judge the profile the seekers will see)."""

    class Meta(MentorProfileOutput.Meta):
        fields = [*MentorProfileOutput.Meta.fields, "reviewed_at"]
        read_only_fields = fields


class MentorListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET /mentors/?status=pending` (staff): the mentor verification queue (pending by
    default), oldest change first."""

    permission_classes = [IsStaff]
    serializer_class = MentorReviewOutput
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[MentorProfile]:
        wanted = self.request.query_params.get("status", MentorStatus.PENDING)
        if wanted not in MentorStatus.values:
            raise ValidationError(
                {"status": [gettext("알 수 없는 상태입니다: %(status)s") % {"status": wanted}]}
            )
        return selectors.mentors_to_verify(status=wanted).annotate(
            active=Count("requests", filter=Q(requests__status__in=ACTIVE_STATUSES))
        )

    @extend_schema(
        operation_id="mentors_list",
        description=_(
            "멘토 검증 대기열(시 담당자, 기본은 `?status=pending`), 상태가 바뀐 지 오래된 순."
        ),
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=MentorStatus.values,
                description=_("검증 상태(기본: 대기)"),
            )
        ],
        summary=_("멘토 검증 대기열"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MentorVerifyApi(APIView):
    """Staff verify a mentor (409 if they already are)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="mentors_verify",
        description=_("시 담당자가 멘토를 인증합니다(이미 인증되었으면 409)."),
        request=None,
        responses=MentorReviewOutput,
    )
    def post(self, request: Request, profile_id: int) -> Response:
        profile = access.mentor_profile_for_staff(request_user(request), profile_id)
        profile = services.mentor_verify(profile=profile, actor=request_user(request))
        return Response(MentorReviewOutput(profile).data)


class MentorRefuseInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class MentorRefuseApi(APIView):
    """Staff refuse a mentor with the reason the mentor reads (409 if already refused)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="mentors_refuse",
        description=_(
            "시 담당자가 멘토를 거절하고, 멘토가 읽을 사유를 남깁니다(이미 거절되었으면 409)."
        ),
        request=MentorRefuseInput,
        responses=MentorReviewOutput,
    )
    def post(self, request: Request, profile_id: int) -> Response:
        profile = access.mentor_profile_for_staff(request_user(request), profile_id)
        data = MentorRefuseInput(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.mentor_refuse(
            profile=profile, actor=request_user(request), reason=data.validated_data["reason"]
        )
        return Response(MentorReviewOutput(profile).data)
