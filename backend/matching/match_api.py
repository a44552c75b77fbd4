"""Matching endpoints: a seeker's recommendations, a posting's candidates, staff match runs."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError as DrfValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import IsEmployerOrStaff, IsSeeker, IsStaff, request_user
from backend.core.pagination import PageNumberPagination
from backend.core.refs import candidate_ref, seeker_ref
from backend.employers.api import AreaRefOutput
from backend.jobs.models import Posting
from backend.matching import access, recommend, selectors, services
from backend.matching.models import Assignment, MatchRun, MatchRunKind, Recommendation
from backend.matching.policy import SCORE_COMPONENTS
from backend.matching.reasons import render_reasons, render_unassigned
from backend.seekers.models import SeekerProfile


@extend_schema_serializer(
    description=_(
        "점수 항목별 값(0~1): 정책의 아홉 항목마다 필드 하나(항목은 "
        "`policy.SCORE_COMPONENTS` 한곳에만 나열)."
    )
)
class ComponentsOutput(serializers.Serializer[Any]):
    """Each named score component in [0, 1]: one field per name of the policy's nine
    (`policy.SCORE_COMPONENTS`, the one place they are listed)."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {name: serializers.FloatField() for name in SCORE_COMPONENTS}


class ReasonsField(serializers.ListField):
    """Stored reasons (codes with parameters, or old plain sentences) as short sentences in the
    request's language (API.md: `reasons` is a list of strings)."""

    child = serializers.CharField()

    def to_representation(self, data: Any) -> list[str]:
        return render_reasons(data)


class MatchedPostingOutput(serializers.ModelSerializer[Posting]):
    employer_name = serializers.CharField(source="employer.public_name")
    area = AreaRefOutput()

    class Meta:
        model = Posting
        fields = ["id", "title", "employer_name", "area"]


class RecommendationOutput(serializers.ModelSerializer[Recommendation]):
    posting = MatchedPostingOutput()
    components = ComponentsOutput()
    reasons = ReasonsField()

    class Meta:
        model = Recommendation
        fields = ["posting", "score", "components", "reasons", "policy_version", "computed_at"]


class RecommendationsPage(PageNumberPagination):
    """A page of recommendations, with `empty_reason` (`{code, message}`: why there is none,
    `recommend.EMPTY_REASONS`; null when there are some, or when search cannot say)."""

    empty_reason: dict[str, str] | None = None

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["empty_reason"] = self.empty_reason
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["empty_reason"] = {
            "type": "object",
            "nullable": True,
            "properties": {
                "code": {"type": "string", "enum": list(recommend.EMPTY_REASONS)},
                "message": {"type": "string"},
            },
            "required": ["code", "message"],
            "description": _("추천이 없는 이유, 추천이 있으면 null"),
        }
        return paginated


class MyRecommendations(generics.ListAPIView):  # type: ignore[type-arg]
    """A seeker's stored recommendations, best first (only postings still open).

    The first read after the profile is created computes them (one search) when the
    background job has not yet; afterwards the job keeps them current. With none, the page
    says why (`empty_reason`: the filter that removed most, `recommend.empty_reason`)."""

    permission_classes = [IsSeeker]
    serializer_class = RecommendationOutput
    pagination_class = RecommendationsPage
    queryset = Recommendation.objects.none()
    profile: SeekerProfile | None = None

    def get_queryset(self) -> QuerySet[Recommendation]:
        if getattr(self, "swagger_fake_view", False):
            return Recommendation.objects.none()
        profile = access.own_profile_for_recommendations(request_user(self.request))
        services.recommendations_ensure(profile)
        self.profile = profile
        return selectors.recommendations_of(profile)

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        paginator = self.paginator
        if isinstance(paginator, RecommendationsPage) and self.profile is not None:
            django_page = getattr(paginator, "page", None)
            if django_page is not None and django_page.paginator.count == 0:
                reason = selectors.recommendations_empty_reason(self.profile)
                paginator.empty_reason = (
                    {"code": reason.code, "message": reason.message} if reason else None
                )
        return page

    @extend_schema(
        operation_id="me_recommendations_list",
        description=_(
            "구직자에게 저장된 추천 공고, 점수 높은 순(아직 모집 중인 공고만). 프로필을 "
            "만든 뒤 백그라운드 작업이 아직 계산하지 않았으면 첫 조회 때 한 번 검색해 "
            "계산하고, 그 뒤에는 작업이 최신으로 유지합니다. 추천이 없으면 "
            "`empty_reason`이 그 까닭(가장 많이 걸러 낸 조건)을 알려 줍니다."
        ),
        summary=_("나에게 맞는 공고 추천"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# --- candidates (shortlist) ---------------------------------------------------------------
class ContactOutput(serializers.Serializer[Any]):
    display_name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField(allow_blank=True)
    birth_year = serializers.IntegerField(allow_null=True)


class CandidateOutput(serializers.Serializer[Any]):
    candidate_ref = serializers.CharField(help_text=_("불투명 참조, 이름 아님"))
    cohort = serializers.CharField()
    score = serializers.FloatField()
    components = ComponentsOutput()
    reasons = ReasonsField()
    skills = serializers.ListField(child=serializers.CharField())
    certificates = serializers.ListField(child=serializers.CharField())
    area = AreaRefOutput()
    applied = serializers.BooleanField(
        help_text=_("이 기업 공고에 지원함: 이름·연락처가 함께 보입니다")
    )
    seeker_id = serializers.IntegerField(
        required=False, help_text=_("시 담당자에게만: 구직자 프로필 id(`/seekers/{id}/`)")
    )
    contact = ContactOutput(
        allow_null=True,
        help_text=_("지원자만: 이름·이메일·전화·출생 연도, 아니면 null"),
    )


class PostingCandidates(APIView):
    """A posting's shortlist: seekers open to employers who pass its hard filters, best first,
    anonymized unless they applied to one of this employer's postings (then the reveal is
    access-logged)."""

    permission_classes = [IsEmployerOrStaff]
    # Paginated by hand below; named here so that the schema shows the page (drf-spectacular
    # wraps the 200 in {count, next, previous, results}), as the response is.
    pagination_class = PageNumberPagination

    @extend_schema(
        operation_id="postings_candidates_list",
        description=_(
            "공고의 후보 목록: 기업에 공개한 구직자 가운데 공고의 필수 조건을 통과한 "
            "사람을 점수 높은 순으로 보여 줍니다. 이 기업의 공고에 지원한 사람이 아니면 "
            "익명이고, 지원했으면 신원이 보이며 그 열람은 접근 기록에 남습니다."
        ),
        parameters=[
            OpenApiParameter("page", int, required=False),
            OpenApiParameter("page_size", int, required=False),
        ],
        responses={200: CandidateOutput(many=True)},
        summary=_("공고 적합 후보"),
    )
    def get(self, request: Request, id: int) -> Response:
        actor = request_user(request)
        posting = access.posting_for_candidates(actor, id)
        found = recommend.candidates_for_posting(posting, selectors.ordinance_policy_current())
        paginator = PageNumberPagination()
        # DRF paginates any sequence; its stubs only name querysets.
        page: list[recommend.Candidate] = (
            paginator.paginate_queryset(found, request, view=self)  # type: ignore[arg-type]
            or []
        )
        revealed = services.candidate_contacts_reveal(
            actor=actor, posting=posting, candidates=page, request=request._request
        )
        rows = [_candidate_row(posting, c, c.profile.user_id in revealed) for c in page]
        if actor.role == Role.STAFF:
            for row, candidate in zip(rows, page, strict=True):
                row["seeker_id"] = candidate.profile.pk
        response: Response = paginator.get_paginated_response(CandidateOutput(rows, many=True).data)
        return response


def _candidate_row(
    posting: Posting, candidate: recommend.Candidate, revealed: bool
) -> dict[str, Any]:
    """One shortlist row; the contact only when `services.candidate_contacts_reveal` said so."""
    profile: SeekerProfile = candidate.profile
    row: dict[str, Any] = {
        "candidate_ref": candidate_ref(posting.employer_id, profile.pk),
        "cohort": profile.cohort,
        "score": candidate.match.score,
        "components": candidate.match.components,
        # The commute is a band here (`disclosure.for_employers`), never a distance.
        "reasons": list(candidate.match.reasons),
        "skills": list(profile.skills),
        "certificates": list(profile.certificates),
        "area": profile.area,
        "applied": revealed,
        "contact": None,
    }
    if revealed:
        row["contact"] = {
            "display_name": profile.display_name,
            "email": profile.user.email,
            "phone": profile.phone or "",
            "birth_year": profile.birth_year,
        }
    return row


# --- match runs -----------------------------------------------------------------------------
class ScopeInput(serializers.Serializer[Any]):
    areas = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False, default=list, max_length=200
    )
    career_fields = serializers.ListField(
        child=serializers.CharField(max_length=32), required=False, default=list, max_length=50
    )
    posting_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        default=list,
        max_length=5000,
    )
    fair_id = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        help_text=_("채용박람회(`kind=assign`): 그 면접 일정"),
    )


class MatchRunInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=MatchRunKind.choices)
    scope = ScopeInput(required=False)


@extend_schema_serializer(description=_("배정 실행에서 조례가 적용되는 기업 하나의 할당 인원."))
class QuotaOutput(serializers.Serializer[Any]):
    """One covered employer's ordinance quota in an assign run."""

    employer_id = serializers.IntegerField()
    target_share = serializers.FloatField()
    achieved_share = serializers.FloatField(help_text=_("지원 대상 졸업생 ÷ 그 기업에 배정된 전체"))
    met = serializers.BooleanField()
    required = serializers.IntegerField(required=False, help_text="⌈`target_share` × `slots`⌉")  # type: ignore[assignment]  # a field named "required" (the metaclass pops it)
    achieved = serializers.IntegerField(required=False)
    slots = serializers.IntegerField(required=False)
    feasible = serializers.BooleanField(
        required=False, help_text=_("단독으로 채울 수 있었음(지원 대상 후보가 충분함)")
    )


@extend_schema_serializer(
    description=_(
        "끝난 실행의 수치(대기 중이거나 실행 중이면 비어 있음). 솔버 정보는 `assign` "
        "실행에만 있습니다."
    )
)
class SummaryOutput(serializers.Serializer[Any]):
    """A finished run's figures (empty while queued or running). Solver details only for
    `assign` runs."""

    seekers = serializers.IntegerField(required=False)
    postings = serializers.IntegerField(required=False)
    recommendations = serializers.IntegerField(required=False)
    assigned = serializers.IntegerField(required=False)
    unassigned = serializers.IntegerField(required=False)
    objective = serializers.FloatField(required=False, allow_null=True)
    quota = QuotaOutput(many=True, required=False)
    optimum = serializers.FloatField(required=False, help_text=_("증명된 한계(= 목적 함수 값)"))
    total_score = serializers.FloatField(required=False)
    shortfall = serializers.IntegerField(required=False)
    status = serializers.CharField(required=False, help_text="optimal | time_limit")
    formulation = serializers.CharField(required=False)
    edges = serializers.IntegerField(required=False)
    build_seconds = serializers.FloatField(required=False)
    solve_seconds = serializers.FloatField(required=False)
    seconds = serializers.FloatField(required=False)
    # A job fair's run (scope.fair_id): interviews booked, slots offered, interviews per rank.
    fair_id = serializers.IntegerField(required=False)
    interviews = serializers.IntegerField(required=False)
    slots = serializers.IntegerField(required=False)
    rank_counts = serializers.ListField(child=serializers.IntegerField(), required=False)


@extend_schema_serializer(description=_("매칭 실행 하나: 이 행이 실행 상태의 원본입니다."))
class MatchRunOutput(serializers.ModelSerializer[MatchRun]):
    """A match run: this row is the source of its status."""

    summary = SummaryOutput()

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "kind",
            "scope",
            "status",
            "policy_version",
            "as_of",
            "created_at",
            "started_at",
            "finished_at",
            "summary",
            "inputs_digest",
            "error",
        ]


class MatchRunList(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET` the match runs, newest first; `POST` starts one (202, it runs in the workers)."""

    permission_classes = [IsStaff]
    serializer_class = MatchRunOutput
    queryset = MatchRun.objects.none()

    def get_queryset(self) -> QuerySet[MatchRun]:
        return selectors.match_runs()

    @extend_schema(
        operation_id="match_runs_list",
        description=_("매칭 실행 목록, 최신순."),
        summary=_("매칭 실행 목록(시 담당자)"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="match_runs_create",
        description=_("매칭 실행을 시작합니다(202, 작업자가 실행)."),
        request=MatchRunInput,
        responses={202: MatchRunOutput},
        summary=_("매칭 실행 시작(시 담당자)"),
    )
    def post(self, request: Request) -> Response:
        data = MatchRunInput(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.match_run_create(
            actor=request_user(request),
            kind=data.validated_data["kind"],
            scope=data.validated_data.get("scope") or {},
        )
        run.refresh_from_db()
        return Response(MatchRunOutput(run).data, status=status.HTTP_202_ACCEPTED)


class MatchRunDetail(APIView):
    """A match run's status, policy version and summary (staff)."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="match_runs_retrieve",
        description=_("매칭 실행의 상태, 정책 판, 요약(시 담당자)."),
        responses={200: MatchRunOutput},
        summary=_("매칭 실행 상태와 요약(시 담당자)"),
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(MatchRunOutput(access.match_run_for_staff(request_user(request), id)).data)


class AssignmentOutput(serializers.ModelSerializer[Assignment]):
    seeker_ref = serializers.SerializerMethodField(help_text=_("불투명 참조"))
    seeker_id = serializers.IntegerField(help_text=_("시 담당자에게만: 구직자 프로필 id"))
    posting = MatchedPostingOutput(allow_null=True)
    reasons = ReasonsField()
    unassigned_reason = serializers.SerializerMethodField(
        help_text=_("미배정 사유(요청 언어로), 배정되었으면 빈 문자열")
    )

    class Meta:
        model = Assignment
        fields = ["seeker_ref", "seeker_id", "posting", "score", "reasons", "unassigned_reason"]

    def get_unassigned_reason(self, assignment: Assignment) -> str:
        return render_unassigned(assignment.unassigned_reason)

    def get_seeker_ref(self, assignment: Assignment) -> str:
        # The same reference as placements use; staff open the record through `seeker_id`.
        return seeker_ref(assignment.seeker.user_id)


class MatchRunAssignments(generics.ListAPIView):  # type: ignore[type-arg]
    """An assign run's outcome: who got which slot (best score first), or with
    `?unassigned=true` who was left out and why."""

    permission_classes = [IsStaff]
    serializer_class = AssignmentOutput
    queryset = Assignment.objects.none()

    def get_queryset(self) -> QuerySet[Assignment]:
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        run = access.match_run_for_staff(request_user(self.request), self.kwargs["id"])
        raw = self.request.query_params.get("unassigned", "false").lower()
        if raw not in ("true", "false", "1", "0"):
            raise DrfValidationError(
                {"unassigned": [gettext("unassigned는 true 또는 false입니다.")]}
            )
        return selectors.match_run_assignments(run, unassigned=raw in ("true", "1"))

    @extend_schema(
        operation_id="match_runs_assignments_list",
        description=_(
            "배정 실행의 결과: 누가 어느 자리를 받았는지(점수 높은 순), "
            "`?unassigned=true`이면 누가 왜 배정되지 않았는지."
        ),
        parameters=[OpenApiParameter("unassigned", bool, required=False)],
        summary=_("배정 결과(시 담당자)"),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
