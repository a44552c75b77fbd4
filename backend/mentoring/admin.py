from django.contrib import admin

from backend.accounts.admin_access import PersonalDataAdmin
from backend.mentoring.models import MentoringOffer, MentoringRequest, MentorProfile


@admin.register(MentorProfile)
class MentorProfileAdmin(PersonalDataAdmin):
    """Mentors by their public name; the change page (the account's email) is logged."""

    personal_what = "멘토 계정·소개"
    list_display = ("id", "display_name", "kind", "max_mentees", "updated_at")
    list_filter = ("kind",)
    search_fields = ("display_name", "expertise")
    raw_id_fields = ("user",)


class MentoringOfferInline(admin.TabularInline[MentoringOffer, MentoringRequest]):
    """Who a request was offered to, in rank order; read-only, since offers follow the rules
    of `backend.mentoring.offers`."""

    model = MentoringOffer
    extra = 0
    can_delete = False
    fields = ("rank", "mentor", "offered_at", "declined_at")
    readonly_fields = fields

    def has_add_permission(self, request: object, obj: MentoringRequest | None = None) -> bool:
        return False


@admin.register(MentoringRequest)
class MentoringRequestAdmin(PersonalDataAdmin):
    """Requests for staff; status changes go through the API so that the rules hold. The
    change page (the seeker's email and message) is logged."""

    subject_field = "seeker"
    personal_what = "요청자·메시지"

    list_display = ("id", "topic", "career_field", "status", "mentor", "created_at")
    list_filter = ("status", "career_field")
    list_select_related = ("career_field", "mentor")
    raw_id_fields = ("seeker", "mentor")
    readonly_fields = ("status", "accepted_at", "closed_at", "created_at", "updated_at")
    inlines = [MentoringOfferInline]
