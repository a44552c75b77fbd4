from django.apps import AppConfig


class SeekersConfig(AppConfig):
    """Seeker profiles of the three cohorts (graduate, returner, senior)."""

    name = "backend.seekers"
    label = "seekers"
    verbose_name = "구직자 (Seekers)"
