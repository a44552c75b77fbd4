from django.apps import AppConfig


class WorkersConfig(AppConfig):
    """Background jobs: the durable `JobRun` record, dispatch, engines and the schedule."""

    name = "workers"
    label = "workers"
    verbose_name = "백그라운드 작업 (Background jobs)"

    def ready(self) -> None:
        from workers import checks, registry  # noqa: F401  (checks register themselves)

        registry.load_job_modules()
