from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """The ordinance policy (지역인재 채용 촉진 조례) as data, eligibility, and (to come)
    scoring, recommendations, match runs and the city-wide assignment."""

    name = "backend.matching"
    label = "matching"
    verbose_name = "매칭 (Matching)"
