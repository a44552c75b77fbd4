from django.apps import AppConfig


class SeekersConfig(AppConfig):
    """Seeker profiles of the three cohorts (graduate, returner, senior)."""

    name = "backend.seekers"
    label = "seekers"
    verbose_name = "구직자 (Seekers)"

    def ready(self) -> None:
        from backend.core.privacy import register_exporter
        from backend.seekers.selectors import seeker_profile_export

        # Erasure needs no eraser: the profile goes with the user row (CASCADE).
        register_exporter("seeker_profile", seeker_profile_export)
