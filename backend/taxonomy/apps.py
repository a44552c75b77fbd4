from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TaxonomyConfig(AppConfig):
    """Reference data: areas (동), career fields, occupations, certificates."""

    name = "backend.taxonomy"
    label = "taxonomy"
    verbose_name = gettext_lazy("기준 정보")
