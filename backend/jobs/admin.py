"""Staff review postings here (approve / reject actions call the same services as the API),
with the ordinance review flags of each posting shown read-only, and follow placements with
their retention checkpoints, and read applications with their status history (by reference
and role, never a name)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.core.errors import DomainError
from backend.core.refs import seeker_ref
from backend.jobs import services
from backend.jobs.models import (
    Application,
    ApplicationStatusChange,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingReviewFlag,
    PostingStatus,
)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("반려 사유"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


class PostingReviewFlagInline(admin.TabularInline):  # type: ignore[type-arg]
    """The posting's ordinance review flags, oldest first; written only by the services."""

    model = PostingReviewFlag
    extra = 0
    can_delete = False
    fields = (
        "code",
        "clause",
        "matched",
        "policy_version",
        "created_at",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    )
    readonly_fields = fields
    ordering = ("created_at", "id")
    verbose_name = _("조례 점검 결과")
    verbose_name_plural = _("조례 점검 결과")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin[Posting]):
    list_display = (
        "title",
        "employer",
        "status",
        "needs_review",
        "employment_type",
        "hourly_wage",
        "openings",
        "hires",
        "deadline",
        "updated_at",
    )
    list_filter = ("status", "employment_type", "career_field", "area")
    search_fields = ("title", "employer__name")
    list_select_related = ("employer",)
    raw_id_fields = ("employer", "created_by")
    # Status, version and counters move only through the services.
    readonly_fields = (
        "status",
        "rejection_reason",
        "version",
        "hires",
        "created_at",
        "updated_at",
        "published_at",
    )
    actions = ("approve", "reject", "review_flags")
    inlines = (PostingReviewFlagInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Posting]:
        open_flag = PostingReviewFlag.objects.filter(
            posting=OuterRef("pk"), reviewed_at__isnull=True
        )
        return super().get_queryset(request).annotate(has_open_flag=Exists(open_flag))

    @admin.display(boolean=True, description=_("점검 검토 필요"))
    def needs_review(self, posting: Posting) -> bool:
        return bool(getattr(posting, "has_open_flag", False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Review is by the actions; edits are the employer's, through the API.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("선택한 공고 승인"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Posting]) -> None:
        done = 0
        for posting in queryset:
            try:
                services.posting_approve(posting=posting, actor=_staff(request))
            except DomainError as error:
                self.message_user(request, f"{posting}: {error.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, gettext("%(count)s건을 승인했습니다.") % {"count": done})

    @admin.action(description=_("선택한 공고의 점검 결과 검토 완료"))
    def review_flags(self, request: HttpRequest, queryset: QuerySet[Posting]) -> None:
        """For flags an edit of an open posting raised; approve and reject review the open
        flags themselves."""
        done = 0
        for posting in queryset:
            done += services.posting_flags_review(posting=posting, actor=_staff(request))
        self.message_user(
            request,
            gettext("점검 결과 %(count)s건을 검토 완료로 기록했습니다.") % {"count": done},
        )

    @admin.action(description=_("선택한 공고 반려"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Posting]) -> TemplateResponse | None:
        form = RejectForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/jobs/posting/reject.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("공고 반려"),
                    "form": form,
                    "postings": queryset.filter(status=PostingStatus.PENDING),
                    "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "opts": self.model._meta,
                },
            )
        done = 0
        for posting in queryset:
            try:
                services.posting_reject(
                    posting=posting, actor=_staff(request), reason=form.cleaned_data["reason"]
                )
            except (DomainError, forms.ValidationError) as error:
                self.message_user(request, f"{posting}: {error}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, gettext("%(count)s건을 반려했습니다.") % {"count": done})
        return None


class PlacementCheckpointInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PlacementCheckpoint
    extra = 0
    can_delete = False
    fields = ("month", "due_on", "status", "recorded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin[Placement]):
    """Placements show the seeker only by reference; contact data stays out of reports."""

    list_display = ("id", "seeker_ref", "posting", "hired_on")
    list_select_related = ("posting",)
    list_filter = ("hired_on",)
    search_fields = ("posting__title", "posting__employer__name")
    fields = ("seeker_ref", "posting", "hired_on", "created_at")
    readonly_fields = fields
    inlines = (PlacementCheckpointInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApplicationStatusChangeInline(admin.TabularInline):  # type: ignore[type-arg]
    """The application's status history, oldest first; written only by the services. The
    actor is shown by role: the user would name the seeker outside the access log."""

    model = ApplicationStatusChange
    extra = 0
    can_delete = False
    fields = ("from_status", "to_status", "changed_by_role", "created_at", "backfilled")
    readonly_fields = fields
    ordering = ("created_at", "id")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    """Applications, read-only, the seeker by reference; status moves through the services."""

    list_display = ("id", "seeker_ref", "posting", "status", "created_at", "updated_at")
    list_select_related = ("posting",)
    list_filter = ("status",)
    search_fields = ("posting__title", "posting__employer__name")
    fields = ("seeker_ref", "posting", "status", "created_at", "updated_at")
    readonly_fields = fields
    inlines = (ApplicationStatusChangeInline,)

    @admin.display(description=_("구직자"))
    def seeker_ref(self, application: Application) -> str:
        return seeker_ref(application.seeker_id)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
