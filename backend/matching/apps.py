from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """The ordinance policy (지역인재 채용 촉진 조례) as data, eligibility, scoring,
    recommendations and shortlists, match runs and the city-wide assignment."""

    name = "backend.matching"
    label = "matching"
    verbose_name = "매칭 (Matching)"

    def ready(self) -> None:
        from backend.core.privacy import register_exporter
        from backend.matching.privacy import assignments_export, recommendations_export

        register_exporter("recommendations", recommendations_export)
        register_exporter("match_assignments", assignments_export)
