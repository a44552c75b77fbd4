from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class FairsConfig(AppConfig):
    """Job fairs (채용박람회): the fair, its postings and interview slots, seekers' ranked
    registrations. The interview schedule is solved by an `assign` match run
    (`backend.matching.fair_runs`)."""

    name = "backend.fairs"
    label = "fairs"
    verbose_name = gettext_lazy("채용박람회")

    def ready(self) -> None:
        from backend.core.privacy import register_exporter
        from backend.fairs.selectors import fairs_export

        register_exporter("fairs", fairs_export)
