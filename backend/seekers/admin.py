from django.contrib import admin

from backend.accounts.admin_access import PersonalDataAdmin
from backend.seekers.models import SeekerProfile


@admin.register(SeekerProfile)
class SeekerProfileAdmin(PersonalDataAdmin):
    """Profiles for support staff. The phone is shown decrypted only on the change page. The
    list shows names (staff find people by them): list and change pages are logged."""

    personal_what = "이름·전화번호·프로필"
    list_shows_personal = True

    list_display = ("id", "display_name", "cohort", "area", "open_to_employers", "updated_at")
    list_filter = ("cohort", "open_to_employers", "is_resident")
    search_fields = ("display_name",)
    list_select_related = ("area",)
    raw_id_fields = ("user",)
    readonly_fields = ("version", "created_at", "updated_at")
