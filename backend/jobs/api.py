"""Postings API: create, list, read (public when open), edit, and the status actions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsEmployer, IsEmployerOrStaff, IsStaff, request_user
from backend.core.pagination import KeysFirstPagination
from backend.employers.access import own_employer
from backend.employers.api import AreaRefOutput
from backend.jobs import access, revisions, selectors, services
from backend.jobs.models import Posting, PostingReviewFlag, PostingRevision, PostingStatus
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift
from search.query import MAX_WAGE


@extend_schema_serializer(
    description=_("지역 중심점 대신 쓰는 지점: WGS84 도 단위의 `{lat, lon}`.")
)
class LocationSerializer(serializers.Serializer[Any]):
    """A point that overrides the area's centroid: `{lat, lon}` in WGS84 degrees."""

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
    description=_("형태만 정의합니다. 규칙(주민등록번호, 마감일, 상태)은 서비스가 확인합니다.")
)
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
    hours_per_day = serializers.FloatField(
        min_value=0.5,
        max_value=24,
        required=False,
        help_text=_(
            "하루 근무 시간(기본 8). 만 18세 미만 구직자에게는 하루 7시간, 주 35시간(× "
            "days_per_week) 이하 공고만 보입니다."
        ),
    )
    holiday_work = serializers.BooleanField(required=False, help_text=_("휴일 근무"))
    hourly_wage = serializers.IntegerField(min_value=0, max_value=MAX_WAGE, help_text=_("시급, 원"))
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())
    location = LocationSerializer(required=False, allow_null=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    openings = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    deadline = serializers.DateField()
    cohorts_welcome = serializers.ListField(
        child=serializers.ChoiceField(choices=Cohort.choices),
        required=False,
        help_text=_("비어 있으면 모두 환영"),
    )


class PostingOutput(serializers.ModelSerializer[Posting]):
    employer = serializers.IntegerField(source="employer_id")
    employer_name = serializers.CharField(source="employer.public_name")
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
            "hours_per_day",
            "holiday_work",
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

    def to_representation(self, instance: Posting) -> dict[str, Any]:
        """The fields declared above, written out directly: DRF's machinery per field and row
        was about half of a 50-posting list page's CPU (bench B4). The declarations stay the
        schema, and `tests/jobs/test_posting_representation.py` holds this equal to DRF's
        own `to_representation` for every field."""
        posting = instance
        area = posting.area
        return {
            "id": posting.pk,
            "employer": posting.employer_id,
            "employer_name": posting.employer.public_name,
            "title": posting.title,
            "description": posting.description,
            "career_field": str(posting.career_field_id),
            "occupation": posting.occupation,
            "skills_required": [str(skill) for skill in posting.skills_required],
            "skills_preferred": [str(skill) for skill in posting.skills_preferred],
            "certificates_required": [str(name) for name in posting.certificates_required],
            "min_experience_years": _int_or_none(posting.min_experience_years),
            "employment_type": posting.employment_type,
            "days_per_week": _int_or_none(posting.days_per_week),
            "shifts": list(posting.shifts),
            "hours_per_day": _float_or_none(posting.hours_per_day),
            "holiday_work": posting.holiday_work,
            "hourly_wage": _int_or_none(posting.hourly_wage),
            "area": {"code": area.code, "name": area.name, "approximate": area.approximate},
            "location": self.get_location(posting),
            "address": posting.address,
            "openings": _int_or_none(posting.openings),
            "hires": _int_or_none(posting.hires),
            "deadline": None if posting.deadline is None else posting.deadline.isoformat(),
            "cohorts_welcome": list(posting.cohorts_welcome),
            "status": posting.status,
            "rejection_reason": posting.rejection_reason,
            "version": _int_or_none(posting.version),
            "created_at": _datetime(posting.created_at),
            "updated_at": _datetime(posting.updated_at),
            "published_at": _datetime(posting.published_at),
        }


def _int_or_none(value: int | None) -> int | None:
    return None if value is None else int(value)


def _float_or_none(value: float | None) -> float | None:
    return None if value is None else float(value)


def _datetime(value: datetime.datetime | None) -> str | None:
    """DRF's `DateTimeField` output: ISO 8601 in the current time zone, `Z` for UTC."""
    if value is None:
        return None
    shown = timezone.localtime(value).isoformat()
    return shown[:-6] + "Z" if shown.endswith("+00:00") else shown


@extend_schema_serializer(
    description=_(
        "무언가를 찾은 조례 공고 점검: 시 담당자가 결정하기 전까지 `reviewed_at`은 null입니다."
    )
)
class ReviewFlagOutput(serializers.ModelSerializer[PostingReviewFlag]):
    """An ordinance posting check that found something:
    `reviewed_at` is null until a staff decision."""

    class Meta:
        model = PostingReviewFlag
        fields = ["code", "clause", "matched", "policy_version", "created_at", "reviewed_at"]
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "시 담당자의 검토를 기다리는, 모집 중인 공고의 중요한 수정: `proposed`에는 "
        "승인된 공고와 다른 필드만 API 형식으로 들어 있습니다."
    )
)
class PostingRevisionOutput(serializers.ModelSerializer[PostingRevision]):
    """A material edit of an open posting waiting for staff: `proposed` holds the edited
    fields in the API's form, only those that differ from the approved posting."""

    proposed = serializers.DictField(help_text=_("수정 제안 필드"))

    class Meta:
        model = PostingRevision
        fields = ["id", "proposed", "created_at", "updated_at"]
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "시 담당자와 해당 기업이 보는 공고: 조례 점검 결과를 오래된 순으로 "
        "포함합니다(검토한 것도 기록으로 남음). 다른 사람은 점검 결과가 없는 "
        "`PostingOutput`을 봅니다. 모든 공고 응답의 하나뿐인 스키마이기도 해서, 공개 "
        "상세 응답에 없는 `review_flags`는 선택 필드로 선언하고(읽기 전용이면 "
        "스키마가 필수로 표시함), 공고 `status` 열거형은 이 컴포넌트 한곳에 둡니다."
    )
)
class PostingManagedOutput(PostingOutput):
    """A posting as staff and its employer see it: with its ordinance review flags, oldest
    first (reviewed ones stay, as the record). `PostingOutput`, without them, is what
    everyone else sees.

    It is also the one schema of every posting response: `review_flags` is declared optional
    (not read-only, which the schema would mark required) because the public detail omits
    it — and one component keeps the posting `status` enum in one place.
    """

    review_flags = ReviewFlagOutput(
        many=True,
        required=False,
        help_text=_("시 담당자와 해당 기업에만 표시"),
    )
    pending_revision = serializers.SerializerMethodField(
        required=False,
        help_text=(
            _(
                "검토를 기다리는 수정 내용: 시 담당자가 승인할 때까지 위 필드는 승인된 내용 "
                "그대로입니다."
            )
        ),
    )
    revision_rejection_reason = serializers.SerializerMethodField(
        required=False,
        help_text=_("마지막 수정 제안의 반려 사유"),
    )

    class Meta(PostingOutput.Meta):
        fields = [
            *PostingOutput.Meta.fields,
            "review_flags",
            "pending_revision",
            "revision_rejection_reason",
        ]

    def to_representation(self, instance: Posting) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["review_flags"] = ReviewFlagOutput(instance.review_flags.all(), many=True).data
        data["pending_revision"] = self.get_pending_revision(instance)
        data["revision_rejection_reason"] = self.get_revision_rejection_reason(instance)
        return data

    @extend_schema_field(PostingRevisionOutput(allow_null=True))
    def get_pending_revision(self, posting: Posting) -> dict[str, Any] | None:
        pending = revisions.pending_revision_of(posting)
        return None if pending is None else dict(PostingRevisionOutput(pending).data)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_revision_rejection_reason(self, posting: Posting) -> str | None:
        rejected = revisions.revision_rejection_of(posting)
        return None if rejected is None else rejected.rejection_reason


FLAGGED_VALUES = {"true": True, "false": False}
REVISION_VALUES = {"pending": True, "none": False}


class PostingListCreate(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET` staff: every posting (`?status=pending` is the review queue, `&flagged=true` its
    postings with an unreviewed ordinance flag); an employer: its own. `POST` an employer with
    an organisation creates a draft."""

    serializer_class = PostingManagedOutput
    # Staff page through every posting, newest first (index `posting_newest`).
    pagination_class = KeysFirstPagination

    def get_permissions(self) -> list[Any]:
        return [IsEmployer()] if self.request.method == "POST" else [IsEmployerOrStaff()]

    def get_queryset(self) -> QuerySet[Posting]:
        postings = access.postings_managed_by(self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted is not None:
            if wanted not in PostingStatus.values:
                raise serializers.ValidationError(
                    {"status": [gettext("알 수 없는 상태입니다: %(status)s") % {"status": wanted}]}
                )
            postings = postings.filter(status=wanted)
        flagged = self.request.query_params.get("flagged")
        if flagged is not None:
            if flagged not in FLAGGED_VALUES:
                raise serializers.ValidationError(
                    {
                        "flagged": [
                            gettext("true 또는 false여야 합니다: %(value)s") % {"value": flagged}
                        ]
                    }
                )
            postings = selectors.postings_flagged(postings, flagged=FLAGGED_VALUES[flagged])
        revision = self.request.query_params.get("revision")
        if revision is not None:
            if revision not in REVISION_VALUES:
                raise serializers.ValidationError(
                    {
                        "revision": [
                            gettext("pending 또는 none이어야 합니다: %(value)s")
                            % {"value": revision}
                        ]
                    }
                )
            postings = selectors.postings_with_pending_revision(
                postings, pending=REVISION_VALUES[revision]
            )
        return selectors.postings_with_review_flags(postings)

    @extend_schema(
        operation_id="postings_list",
        description=_(
            "시 담당자는 모든 공고를(`?status=pending`이면 심사 대기열, "
            "`&flagged=true`를 더하면 그 가운데 검토하지 않은 조례 점검 결과가 있는 "
            "공고), 기업은 자기 공고를 봅니다."
        ),
        parameters=[
            OpenApiParameter("status", str, enum=PostingStatus.values),
            OpenApiParameter(
                "flagged",
                bool,
                description=(
                    _("true: 검토하지 않은 조례 점검 결과가 있는 공고만, false: 없는 공고만")
                ),
            ),
            OpenApiParameter(
                "revision",
                str,
                enum=list(REVISION_VALUES),
                description=(
                    _("pending: 검토를 기다리는 수정 내용이 있는 공고만, none: 없는 공고만")
                ),
            ),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="postings_create",
        description=_("기업을 등록한 기업 회원이 공고 초안을 만듭니다."),
        request=PostingInput,
        responses={201: PostingManagedOutput},
    )
    def post(self, request: Request) -> Response:
        employer = own_employer(request_user(request))
        data = PostingInput(data=request.data)
        data.is_valid(raise_exception=True)
        posting = services.posting_create(
            employer=employer, actor=request_user(request), fields=data.validated_data
        )
        posting = access.posting_for_employer(request.user, posting.pk)
        return Response(PostingManagedOutput(posting).data, status=status.HTTP_201_CREATED)


class PostingDetail(APIView):
    """`GET` open postings are public; others only to its employer and staff (else 404); the
    review flags only to its employer and staff. `PATCH` its employer, while the posting is a
    draft or open (else 409)."""

    def get_permissions(self) -> list[Any]:
        return [IsEmployer()] if self.request.method == "PATCH" else [AllowAny()]

    @extend_schema(
        operation_id="postings_retrieve",
        description=_(
            "모집 중인 공고는 누구나 보고, 그 밖의 공고는 해당 기업과 시 담당자만 "
            "봅니다(그 밖에는 404). 점검 결과도 해당 기업과 시 담당자에게만 보입니다."
        ),
        responses=PostingManagedOutput,
    )
    def get(self, request: Request, id: int) -> Response:
        posting = access.posting_visible_to(request.user, id)
        if access.manages_posting(request.user, posting):
            return Response(PostingManagedOutput(posting).data)
        # The public sees the approved version only: no revision of its own to show.
        data = dict(PostingOutput(posting).data)
        data.update(pending_revision=None, revision_rejection_reason=None)
        return Response(data)

    @extend_schema(
        operation_id="postings_partial_update",
        description=_("해당 기업이 초안이거나 모집 중인 공고를 고칩니다(그 밖에는 409)."),
        request=PostingInput(partial=True),
        responses=PostingManagedOutput,
    )
    def patch(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer(request.user, id)
        data = PostingInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.posting_update(
            posting=posting, actor=request_user(request), fields=data.validated_data
        )
        posting = access.posting_for_employer(request.user, id)
        return Response(PostingManagedOutput(posting).data)


class PostingSubmit(APIView):
    """Its employer asks for review: draft → pending (409 while the organisation is
    unverified). The ordinance posting checks run now; what they find comes back in
    `review_flags` and waits for staff."""

    permission_classes = [IsEmployer]

    @extend_schema(
        operation_id="postings_submit",
        description=_(
            "해당 기업이 심사를 요청합니다: `draft` → `pending`(기업이 아직 인증되지 "
            "않았으면 409). 이때 조례 공고 점검이 실행되고, 찾은 내용은 `review_flags`로 "
            "돌아와 시 담당자의 검토를 기다립니다."
        ),
        request=None,
        responses=PostingManagedOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer(request.user, id)
        services.posting_submit(posting=posting, actor=request_user(request))
        return Response(PostingManagedOutput(access.posting_for_employer(request.user, id)).data)


class ApproveInput(serializers.Serializer[Any]):
    note = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("검토 메모, 점검 결과에 기록됨"),
    )


class PostingApprove(APIView):
    """Staff approve: pending → open, flagged or not; open review flags are marked reviewed."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="postings_approve",
        description=_(
            "시 담당자가 승인합니다: 점검 결과가 있든 없든 `pending` → `open`, 열린 점검 "
            "결과는 검토한 것으로 표시합니다."
        ),
        request=ApproveInput,
        responses=PostingManagedOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_staff(request.user, id)
        data = ApproveInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.posting_approve(
            posting=posting, actor=request_user(request), note=data.validated_data["note"]
        )
        return Response(PostingManagedOutput(access.posting_for_staff(request.user, id)).data)


class RejectInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


class PostingReject(APIView):
    """Staff reject: pending → draft, with a reason the employer sees."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="postings_reject",
        description=_("시 담당자가 반려합니다: `pending` → `draft`, 기업이 볼 사유와 함께."),
        request=RejectInput,
        responses=PostingManagedOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_staff(request.user, id)
        data = RejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.posting_reject(
            posting=posting, actor=request_user(request), reason=data.validated_data["reason"]
        )
        return Response(PostingManagedOutput(access.posting_for_staff(request.user, id)).data)


class PostingClose(APIView):
    """Its employer or staff close an open posting."""

    permission_classes = [IsEmployerOrStaff]

    @extend_schema(
        operation_id="postings_close",
        description=_("해당 기업이나 시 담당자가 모집 중인 공고를 마감합니다."),
        request=None,
        responses=PostingManagedOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_employer_or_staff(request.user, id)
        services.posting_close(posting=posting, actor=request_user(request))
        posting = access.posting_for_employer_or_staff(request.user, id)
        return Response(PostingManagedOutput(posting).data)


class PostingRevisionApprove(APIView):
    """Staff approve an open posting's pending revision: its fields become the posting,
    which is re-indexed (409 without one)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="postings_revision_approve",
        description=_(
            "시 담당자가 모집 중인 공고의 수정 제안을 승인합니다. 제안된 내용이 공고에 "
            "반영되고 다시 색인됩니다(수정 제안이 없으면 409)."
        ),
        request=None,
        responses=PostingManagedOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_staff(request.user, id)
        services.posting_revision_approve(posting=posting, actor=request_user(request))
        return Response(PostingManagedOutput(access.posting_for_staff(request.user, id)).data)


class PostingRevisionReject(APIView):
    """Staff reject an open posting's pending revision with a reason the employer reads; the
    approved version stays (409 without one)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="postings_revision_reject",
        description=_(
            "시 담당자가 모집 중인 공고의 수정 제안을 기업이 읽을 사유와 함께 "
            "반려합니다. 승인된 내용은 그대로 남습니다(수정 제안이 없으면 409)."
        ),
        request=RejectInput,
        responses=PostingManagedOutput,
    )
    def post(self, request: Request, id: int) -> Response:
        posting = access.posting_for_staff(request.user, id)
        data = RejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.posting_revision_reject(
            posting=posting, actor=request_user(request), reason=data.validated_data["reason"]
        )
        return Response(PostingManagedOutput(access.posting_for_staff(request.user, id)).data)
