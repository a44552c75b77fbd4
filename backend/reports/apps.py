from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ReportsConfig(AppConfig):
    """Statistical facts, placement and mentoring reports, small-cell suppression, exports
    (REPORTS.md)."""

    name = "backend.reports"
    label = "reports"
    verbose_name = gettext_lazy("통계 보고서")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from backend.accounts.hooks import account_deleting
        from backend.core.privacy import register_exporter
        from backend.jobs.hooks import checkpoint_recorded, placement_made
        from backend.mentoring.hooks import (
            mentoring_rated,
            mentoring_request_accepted,
            mentoring_request_created,
            mentoring_request_finished,
            mentoring_session_recorded,
        )
        from backend.reports import followups, services, tasks
        from backend.reports.aggregates import sqlite_median_register
        from backend.seekers.hooks import cohort_changed, profile_saved

        profile_saved.subscribe(services.profile_fact_on_saved)
        cohort_changed.subscribe(services.profile_fact_on_cohort_changed)
        account_deleting.subscribe(services.profile_fact_on_account_deleting)
        placement_made.subscribe(services.placement_fact_on_made)
        checkpoint_recorded.subscribe(services.placement_fact_on_checkpoint)
        mentoring_request_created.subscribe(services.mentoring_fact_on_created)
        mentoring_request_accepted.subscribe(services.mentoring_fact_on_accepted)
        mentoring_request_finished.subscribe(services.mentoring_fact_on_finished)
        mentoring_request_finished.subscribe(followups.followups_on_finished)
        mentoring_session_recorded.subscribe(services.mentoring_fact_on_session)
        mentoring_rated.subscribe(services.mentoring_fact_on_rated)
        connection_created.connect(sqlite_median_register)
        tasks.register()
        register_exporter("mentoring_followups", followups.followups_export)
