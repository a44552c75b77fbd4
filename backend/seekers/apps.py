from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class SeekersConfig(AppConfig):
    """Seeker profiles of the three cohorts (graduate, returner, senior)."""

    name = "backend.seekers"
    label = "seekers"
    verbose_name = gettext_lazy("구직자")

    def ready(self) -> None:
        from backend.accounts.hooks import consent_changed
        from backend.core.privacy import register_eraser, register_exporter
        from backend.seekers.search_source import PROFILES, forget_profile, profiles_follow_consent
        from backend.seekers.selectors import assisted_enrolment_export, seeker_profile_export
        from search.sources import register_source

        # The profile row goes with the user row (CASCADE); its search document goes through
        # the outbox, queued by the eraser in the deletion transaction.
        register_exporter("seeker_profile", seeker_profile_export)
        register_exporter("assisted_enrolment", assisted_enrolment_export)
        register_eraser(forget_profile)
        register_source(PROFILES)
        consent_changed.subscribe(profiles_follow_consent)
