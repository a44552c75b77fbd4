from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from workers.dispatch import retry_run
from workers.models import JobRun, JobStatus


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin[JobRun]):
    """Runs of background jobs; staff retry dead (or failed) runs from the list."""

    list_display = (
        "id",
        "job",
        "status",
        "engine",
        "attempt",
        "max_attempts",
        "created_at",
        "finished_at",
        "duration_ms",
    )
    list_filter = ("status", "job", "engine")
    search_fields = ("job", "run_key", "error")
    date_hierarchy = "created_at"
    ordering = ("-id",)
    readonly_fields = [field.name for field in JobRun._meta.fields]
    actions = ["retry_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("선택한 실행 다시 시도"))
    def retry_selected(self, request: HttpRequest, queryset: QuerySet[JobRun]) -> None:
        retried = 0
        for run_id in queryset.filter(status__in=[JobStatus.DEAD, JobStatus.FAILED]).values_list(
            "pk", flat=True
        ):
            retried += retry_run(run_id)
        skipped = queryset.count() - retried
        self.message_user(
            request, gettext("%(count)s건 다시 보냄") % {"count": retried}, messages.SUCCESS
        )
        if skipped:
            self.message_user(
                request,
                gettext("%(count)s건은 실패/중단 상태가 아니어서 건너뜀") % {"count": skipped},
                messages.WARNING,
            )
