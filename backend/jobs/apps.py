from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Postings and their lifecycle, applications, placements with retention checkpoints."""

    name = "backend.jobs"
    label = "jobs"
    verbose_name = "채용 (Jobs)"
