from django.apps import AppConfig


class MentoringConfig(AppConfig):
    """Mentor profiles, mentoring requests and their states."""

    name = "backend.mentoring"
    label = "mentoring"
    verbose_name = "멘토링 (Mentoring)"
