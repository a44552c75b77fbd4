from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.admin_access import PersonalDataAdmin
from backend.accounts.models import Role
from backend.matching.models import (
    Assignment,
    MatchRun,
    NightlyChunk,
    NightlyRefresh,
    NightlyStatus,
    OrdinancePolicy,
    Recommendation,
)
from backend.matching.reasons import render_reasons, render_unassigned


def _is_city_staff(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "role", None) == Role.STAFF)


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only for everyone; every staff member may read (as through the API) without a
    model permission. Policy versions are published through the API; matching output is
    written by its jobs."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_city_staff(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_city_staff(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class _SeekerReadOnly(PersonalDataAdmin, _ReadOnly):
    """Matching output about a seeker: the list names the seeker by reference, the change
    page (the profile's name) is logged."""

    subject_field = "seeker"
    personal_what = "구직자"
    list_select_related = ("posting", "seeker")

    @admin.display(description=_("구직자"))
    def seeker_ref(self, obj: Any) -> str:
        return f"S-{obj.seeker_id}"


@admin.register(OrdinancePolicy)
class OrdinancePolicyAdmin(_ReadOnly):
    """Policy versions, read-only: a new version is published through the API, which validates
    it; versions are never edited or deleted (match runs refer to them)."""

    list_display = ("version", "created_at", "created_by", "note")
    readonly_fields = ("version", "document", "created_at", "created_by", "note")
    list_select_related = ("created_by",)


@admin.register(MatchRun)
class MatchRunAdmin(_ReadOnly):
    list_display = ("id", "kind", "status", "policy_version", "created_at", "finished_at")
    list_filter = ("kind", "status")
    readonly_fields = (
        "kind",
        "scope",
        "status",
        "policy_version",
        "as_of",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
        "summary",
        "inputs_digest",
        "error",
    )


@admin.register(Recommendation)
class RecommendationAdmin(_SeekerReadOnly):
    list_display = ("seeker_ref", "rank", "posting", "score", "policy_version", "computed_at")
    readonly_fields = (
        "seeker",
        "posting",
        "rank",
        "score",
        "components",
        "reasons_read",
        "reasons",
        "policy_version",
        "computed_at",
        "match_run",
    )

    @admin.display(description=_("이유 문장"))
    def reasons_read(self, obj: Recommendation) -> str:
        """The stored codes as the sentences readers get, in the admin's language."""
        return " / ".join(render_reasons(obj.reasons))


@admin.register(Assignment)
class AssignmentAdmin(_SeekerReadOnly):
    list_display = ("match_run", "seeker_ref", "posting", "score", "unassigned_read")
    list_filter = ("match_run",)
    readonly_fields = (
        "match_run",
        "seeker",
        "posting",
        "score",
        "reasons_read",
        "reasons",
        "unassigned_read",
    )

    @admin.display(description=_("이유 문장"))
    def reasons_read(self, obj: Assignment) -> str:
        return " / ".join(render_reasons(obj.reasons))

    @admin.display(description=_("미배정 사유"))
    def unassigned_read(self, obj: Assignment) -> str:
        return render_unassigned(obj.unassigned_reason)


class NightlyChunkInline(admin.TabularInline):  # type: ignore[type-arg]
    """A night's chunks, in order: how far each got (its cursor) and how often it ran."""

    model = NightlyChunk
    extra = 0
    can_delete = False
    fields = (
        "number", "first_profile_id", "end_profile_id", "next_profile_id", "status",
        "seekers", "recommendations", "executions", "started_at", "finished_at",
    )  # fmt: skip
    readonly_fields = fields

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_city_staff(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NightlyRefresh)
class NightlyRefreshAdmin(_ReadOnly):
    """The nightly refreshes (`manage.py nightly_refresh` starts, resumes and reports them):
    a night's status, its chunks and the assignment run it started. Counts and profile id
    ranges only: no seeker is named."""

    list_display = (
        "day", "status", "policy_version", "chunk_size", "chunks_done", "seekers",
        "match_run", "created_at", "finished_at",
    )  # fmt: skip
    list_filter = ("status",)
    ordering = ("-day",)
    inlines = (NightlyChunkInline,)

    @admin.display(description=_("끝난 묶음"))
    def chunks_done(self, refresh: NightlyRefresh) -> str:
        chunks = list(refresh.chunks.all())
        return f"{sum(chunk.status == NightlyStatus.DONE for chunk in chunks)}/{len(chunks)}"

    @admin.display(description=_("구직자 수"))
    def seekers(self, refresh: NightlyRefresh) -> int:
        return sum(chunk.seekers for chunk in refresh.chunks.all())

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("chunks")
