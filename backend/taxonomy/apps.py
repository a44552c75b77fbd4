from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    """Reference data: areas (동), career fields, occupations, certificates."""

    name = "backend.taxonomy"
    label = "taxonomy"
    verbose_name = "기준 정보 (Reference data)"
