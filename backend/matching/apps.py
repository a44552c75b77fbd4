from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class MatchingConfig(AppConfig):
    """The ordinance policy (지역인재 채용 촉진 조례) as data, eligibility, scoring,
    recommendations and shortlists, match runs and the city-wide assignment."""

    name = "backend.matching"
    label = "matching"
    verbose_name = gettext_lazy("매칭")

    def ready(self) -> None:
        from backend.accounts.hooks import consent_changed
        from backend.core.privacy import register_exporter
        from backend.jobs.hooks import posting_checks
        from backend.matching import subscribers, tasks
        from backend.matching.privacy import assignments_export, recommendations_export
        from search.hooks import documents_changed

        register_exporter("recommendations", recommendations_export)
        register_exporter("match_assignments", assignments_export)
        tasks.register()
        posting_checks.subscribe(subscribers.posting_checks_run)
        documents_changed.subscribe(subscribers.recommendations_follow_documents)
        consent_changed.subscribe(subscribers.assignments_follow_consent)
