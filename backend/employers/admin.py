"""Staff verify employers here (the `verify` action calls the same service as the API)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.accounts.admin_access import PersonalDataAdmin
from backend.accounts.models import User
from backend.core.errors import DomainError
from backend.employers import services
from backend.employers.models import Employer, EmployerMember


class VerifiedFilter(admin.SimpleListFilter):
    title = _("인증 여부")
    parameter_name = "verified"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("인증됨")), ("no", _("인증 대기"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(verified_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(verified_at__isnull=True)
        return queryset


class EmployerMemberInline(admin.TabularInline):  # type: ignore[type-arg]
    model = EmployerMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Employer)
class EmployerAdmin(PersonalDataAdmin):
    """Organisations; the change page shows the members' emails, so it is logged."""

    personal_what = "담당자 이메일"

    def personal_subjects(self, obj: Any) -> Iterable[int]:
        return list(EmployerMember.objects.filter(employer=obj).values_list("user_id", flat=True))

    list_display = (
        "name",
        "business_number",
        "area",
        "staff_count",
        "is_city_funded",
        "is_city_contracted",
        "partner_pledge",
        "verified_at",
    )
    list_filter = (
        VerifiedFilter,
        "is_city_funded",
        "is_city_contracted",
        "partner_pledge",
        "area",
    )
    search_fields = ("name", "business_number")
    list_select_related = ("area",)
    readonly_fields = ("verified_at", "verified_by", "created_at", "updated_at")
    inlines = (EmployerMemberInline,)
    actions = ("verify",)

    @admin.action(description=_("선택한 기업 인증"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Employer]) -> None:
        done = 0
        assert isinstance(request.user, User)
        for employer in queryset.filter(verified_at__isnull=True):
            try:
                services.employer_verify(employer=employer, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{employer}: {error.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, gettext("%(count)s곳을 인증했습니다.") % {"count": done})
