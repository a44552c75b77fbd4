from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class MentoringConfig(AppConfig):
    """Mentor profiles, mentoring requests and their states."""

    name = "backend.mentoring"
    label = "mentoring"
    verbose_name = gettext_lazy("멘토링")

    def ready(self) -> None:
        from backend.core.privacy import register_eraser, register_exporter
        from backend.mentoring.selectors import mentoring_export
        from backend.mentoring.services import mentor_profile_erase

        register_exporter("mentoring", mentoring_export)
        register_eraser(mentor_profile_erase)
