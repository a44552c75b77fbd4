from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class JobsConfig(AppConfig):
    """Postings and their lifecycle, applications, placements with retention checkpoints."""

    name = "backend.jobs"
    label = "jobs"
    verbose_name = gettext_lazy("채용 관리")

    def ready(self) -> None:
        from backend.core.privacy import register_exporter
        from backend.employers.hooks import employer_updated
        from backend.jobs import tasks
        from backend.jobs.privacy import (
            applications_export,
            placements_export,
            provisions_export,
            saved_searches_export,
        )
        from backend.jobs.search_source import POSTINGS
        from backend.jobs.services import postings_reindex_for_employer
        from search.sources import register_source

        register_exporter("applications", applications_export)
        register_exporter("placements", placements_export)
        register_exporter("data_provisions", provisions_export)
        register_exporter("saved_searches", saved_searches_export)
        tasks.register()
        register_source(POSTINGS)
        employer_updated.subscribe(postings_reindex_for_employer)
