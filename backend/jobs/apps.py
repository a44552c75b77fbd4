from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Postings and their lifecycle, applications, placements with retention checkpoints."""

    name = "backend.jobs"
    label = "jobs"
    verbose_name = "채용 (Jobs)"

    def ready(self) -> None:
        from backend.core.privacy import register_exporter
        from backend.jobs.privacy import applications_export, placements_export

        register_exporter("applications", applications_export)
        register_exporter("placements", placements_export)
